// The lead status as a badge that opens a small menu of statuses: one click on a
// status saves it. The menu is an HTML popover (no JS needed to open it) and each
// status a submit button of a real form posted to /leads, which redirects back.
// With JS the form goes through a fetcher: no page load, the badge updates at once.
import { useFetcher, useLocation } from '@remix-run/react'
import { useEffect, useId, useRef, useState } from 'react'
import { Badge } from '#app/components/ui/badge.tsx'
import { Icon } from '#app/components/ui/icon.tsx'
import { cn } from '#app/utils/misc.ts'
import { LEAD_STATUS_LABELS, LEAD_STATUSES } from '#app/validation/contact.ts'

export type LeadStatusValue = (typeof LEAD_STATUSES)[number]

export const LEAD_STATUS_TONE = { NEW: 'accent', INTERESTED: 'warning', NOT_INTERESTED: 'neutral', CONVERTED: 'success' } as const

/** The read-only badge (also what the menu's button looks like). */
export function LeadStatusBadge({ status, className }: { status: LeadStatusValue; className?: string }) {
	return (
		<Badge tone={LEAD_STATUS_TONE[status]} className={className}>
			{LEAD_STATUS_LABELS[status]}
		</Badge>
	)
}

/** The DOM id of a record's menu button: the no-JS redirect scrolls back to it. */
export const leadStatusAnchor = (entity: 'contact' | 'company', id: string) => `lead-${entity}-${id}`

export function LeadStatusMenu({
	entity,
	id,
	name,
	status,
	editable,
	quiet = false,
	className,
}: {
	entity: 'contact' | 'company'
	id: string
	name: string
	status: LeadStatusValue | null
	editable: boolean
	/** In table rows: "Set status" only shows on hover or focus (always on touch screens), so empty rows stay calm. */
	quiet?: boolean
	className?: string
}) {
	const fetcher = useFetcher<{ ok: boolean }>()
	const location = useLocation()
	const popover = useRef<HTMLDivElement>(null)
	const popoverId = `${useId().replace(/:/g, '')}-lead-status`
	// Only a hydrated page asks for a JSON answer; without JS the action redirects back.
	const [hydrated, setHydrated] = useState(false)
	useEffect(() => setHydrated(true), [])
	const pending = fetcher.formData?.get('status')
	const shown = (pending === undefined || pending === null ? status : pending || null) as LeadStatusValue | null

	if (!editable) return shown ? <LeadStatusBadge status={shown} className={className} /> : null
	const anchor = `--${popoverId}`
	return (
		<>
			<button
				type="button"
				id={leadStatusAnchor(entity, id)}
				{...{ popovertarget: popoverId }}
				style={{ anchorName: anchor } as React.CSSProperties}
				data-empty={shown ? undefined : ''}
				data-quiet={quiet || undefined}
				className={cn('status-button', className)}
				aria-label={`Lead status of ${name}: ${shown ? LEAD_STATUS_LABELS[shown] : 'none'}. Change`}
			>
				{shown ? (
					<Badge tone={LEAD_STATUS_TONE[shown]} className="gap-1 pr-1.5">
						{LEAD_STATUS_LABELS[shown]}
						<Icon name="chevron-down" className="h-3 w-3 opacity-70" />
					</Badge>
				) : (
					<>
						Set status
						<Icon name="chevron-down" className="h-3 w-3" />
					</>
				)}
			</button>
			{/* Drawn in every table row, so the menu is light: its look lives in tailwind.css (.status-menu). */}
			<div ref={popover} id={popoverId} {...{ popover: 'auto' }} style={{ positionAnchor: anchor } as React.CSSProperties} className="status-menu">
				<fetcher.Form
					method="post"
					action="/leads"
					onSubmit={() => {
						;(popover.current as (HTMLDivElement & { hidePopover?: () => void }) | null)?.hidePopover?.()
					}}
				>
					<input type="hidden" name="entity" value={entity} />
					<input type="hidden" name="id" value={id} />
					<input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
					{hydrated ? <input type="hidden" name="js" value="1" /> : null}
					<p className="status-menu-title">Lead status</p>
					{[...LEAD_STATUSES, null].map((s) => {
						const label = s ? LEAD_STATUS_LABELS[s] : 'No status'
						return (
							// "Set to …": the button's name says what it does, and its text never equals the badge's.
							<button key={s ?? 'none'} type="submit" name="status" value={s ?? ''} aria-current={s === shown || undefined} data-status={s ?? 'none'} className="status-option">
								<span className="sr-only">Set to </span>
								{label}
							</button>
						)
					})}
				</fetcher.Form>
			</div>
		</>
	)
}

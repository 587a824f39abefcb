// Follow-up rows as /follow-ups, the calendar and record pages show them: whom,
// how, when (in the user's zone, with "in 2 days"), and the state a glance needs.
import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { Badge } from './ui/badge.tsx'
import { buttonClass } from './ui/button.tsx'
import { Card, CardHeader } from './ui/card.tsx'
import { Icon, type IconName } from './ui/icon.tsx'
import { cn } from '#app/utils/misc.ts'
import { formatDateTime, utcToWallTime } from '#app/utils/time.ts'
import { FOLLOW_UP_STATE_LABELS, FOLLOW_UP_TYPE_LABELS, followUpState, type FollowUpState, type FollowUpStatus, type FollowUpType } from '#app/validation/follow-up.ts'

export type FollowUpItem = {
	id: string
	type: FollowUpType
	status: FollowUpStatus
	dueAt: Date | string
	notes: string | null
	outcome: string | null
	completedAt: Date | string | null
	updatedAt: Date | string
	contact: { id: string; displayName: string } | null
	company: { id: string; name: string } | null
	assignee: { id: string; name: string } | null
}

export const TYPE_ICONS: Record<FollowUpType, IconName> = {
	CALL: 'phone',
	EMAIL: 'mail',
	WHATSAPP: 'message',
	SMS: 'message-square',
	MEETING: 'handshake',
	OTHER: 'circle-dot',
}

const STATE_TONES = { PENDING: 'accent', OVERDUE: 'danger', MISSED: 'warning', COMPLETED: 'success', CANCELLED: 'neutral' } as const

export function StateBadge({ state }: { state: FollowUpState }) {
	return <Badge tone={STATE_TONES[state]}>{FOLLOW_UP_STATE_LABELS[state]}</Badge>
}

export function TypeIcon({ type, className }: { type: FollowUpType; className?: string }) {
	return (
		<span className={cn('inline-flex h-8 w-8 shrink-0 items-center justify-center rounded-full bg-subtle text-muted', className)} title={FOLLOW_UP_TYPE_LABELS[type]}>
			<Icon name={TYPE_ICONS[type]} className="h-4 w-4" />
			<span className="sr-only">{FOLLOW_UP_TYPE_LABELS[type]}</span>
		</span>
	)
}

const dayNumber = (date: Date | string, timeZone: string) => {
	const [y, m, d] = utcToWallTime(date, timeZone).slice(0, 10).split('-').map(Number)
	return Date.UTC(y!, m! - 1, d!) / 86_400_000
}

/** "in 25 min", "3 h ago", "tomorrow", "in 4 days", "2 weeks ago": calendar days in the user's zone. */
export function relativeDue(due: Date | string, now: Date | string, timeZone: string) {
	const ms = new Date(due).getTime() - new Date(now).getTime()
	const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto', style: 'short' })
	const days = dayNumber(due, timeZone) - dayNumber(now, timeZone)
	if (days === 0) {
		const minutes = Math.round(ms / 60_000)
		if (Math.abs(minutes) < 1) return 'now'
		if (Math.abs(minutes) < 60) return rtf.format(minutes, 'minute')
		return rtf.format(Math.round(minutes / 60), 'hour')
	}
	if (Math.abs(days) < 14) return rtf.format(days, 'day')
	if (Math.abs(days) < 60) return rtf.format(Math.round(days / 7), 'week')
	return rtf.format(Math.round(days / 30), 'month')
}

/** "Tue 10 Mar, 14:30" (the year only when it is not this year's). */
export function formatDue(due: Date | string, now: Date | string, timeZone: string) {
	const sameYear = utcToWallTime(due, timeZone).slice(0, 4) === utcToWallTime(now, timeZone).slice(0, 4)
	return formatDateTime(due, timeZone, { dateStyle: undefined, timeStyle: undefined, weekday: 'short', day: 'numeric', month: 'short', year: sameYear ? undefined : 'numeric', hour: '2-digit', minute: '2-digit' })
}

export function formatTime(date: Date | string, timeZone: string) {
	return formatDateTime(date, timeZone, { dateStyle: undefined, timeStyle: 'short' })
}

/** The contact (or company) a follow-up is about, as a link. */
export function RecordLink({ item, className }: { item: Pick<FollowUpItem, 'contact' | 'company'>; className?: string }) {
	if (item.contact)
		return (
			<Link to={`/contacts/${item.contact.id}`} className={cn('font-medium text-fg hover:text-link hover:underline', className)}>
				{item.contact.displayName}
			</Link>
		)
	if (item.company)
		return (
			<Link to={`/companies/${item.company.id}`} className={cn('inline-flex items-center gap-1 font-medium text-fg hover:text-link hover:underline', className)}>
				<Icon name="building" className="h-3.5 w-3.5 text-muted" />
				{item.company.name}
			</Link>
		)
	return <span className={cn('font-medium text-muted', className)}>No contact</span>
}

/** When it is (or was) due, with the relative time coloured by urgency. */
export function DueTime({ item, now, timeZone, timeOnly }: { item: Pick<FollowUpItem, 'dueAt' | 'status'>; now: Date | string; timeZone: string; timeOnly?: boolean }) {
	const state = followUpState(item, new Date(now))
	const late = state === 'OVERDUE' || state === 'MISSED'
	return (
		<span className="inline-flex flex-wrap items-baseline gap-x-1.5 text-sm tabular-nums">
			<time dateTime={new Date(item.dueAt).toISOString()} className="whitespace-nowrap text-fg">
				{timeOnly ? formatTime(item.dueAt, timeZone) : formatDue(item.dueAt, now, timeZone)}
			</time>
			{item.status === 'PENDING' || item.status === 'MISSED' ? (
				<span className={cn('whitespace-nowrap text-xs', late ? 'font-medium text-danger-text' : 'text-muted')}>{relativeDue(item.dueAt, now, timeZone)}</span>
			) : null}
		</span>
	)
}

/**
 * One row of the /follow-ups list: icon, whom, notes, when, and the actions
 * (links to the follow-up's own page, which has the forms, so they work without JS).
 */
export function FollowUpRow({ item, now, timeZone, showAssignee, timeOnly, actions = true }: { item: FollowUpItem; now: Date | string; timeZone: string; showAssignee?: boolean; timeOnly?: boolean; actions?: boolean }) {
	const state = followUpState(item, new Date(now))
	const open = item.status === 'PENDING' || item.status === 'MISSED'
	const closed = item.status === 'COMPLETED' || item.status === 'CANCELLED'
	return (
		<li className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:gap-4 sm:px-5">
			<div className="flex min-w-0 flex-1 items-start gap-3">
				<TypeIcon type={item.type} className={cn(state === 'OVERDUE' && 'bg-danger-soft text-danger-text', state === 'COMPLETED' && 'bg-success-soft text-success-text')} />
				<div className="min-w-0 flex-1">
					<p className="flex flex-wrap items-center gap-x-2 gap-y-0.5 text-sm">
						<RecordLink item={item} />
						<span className="text-muted">· {FOLLOW_UP_TYPE_LABELS[item.type]}</span>
						{state === 'MISSED' ? <StateBadge state={state} /> : null}
					</p>
					{closed && item.outcome ? (
						<p className="truncate text-sm text-fg" title={item.outcome}>
							{item.status === 'CANCELLED' ? 'Reason: ' : ''}
							{item.outcome}
						</p>
					) : null}
					{item.notes ? (
						<p className="line-clamp-1 text-sm text-muted" title={item.notes}>
							{item.notes}
						</p>
					) : null}
				</div>
			</div>
			<div className="flex items-center justify-between gap-3 pl-11 sm:w-auto sm:justify-end sm:pl-0">
				<div className="flex flex-col items-start sm:items-end">
					{closed ? (
						<span className="text-sm text-muted">
							{item.status === 'COMPLETED' ? 'Done' : 'Cancelled'} {formatDue(item.completedAt ?? item.updatedAt, now, timeZone)}
						</span>
					) : (
						<DueTime item={item} now={now} timeZone={timeZone} timeOnly={timeOnly} />
					)}
					{showAssignee && item.assignee ? <span className="text-xs text-muted">{item.assignee.name}</span> : null}
				</div>
				{actions ? (
					<div className="flex shrink-0 items-center gap-1">
						{open ? (
							<>
								<Link to={`/follow-ups/${item.id}#complete`} className={buttonClass({ variant: 'secondary', size: 'sm', className: 'h-8 gap-1.5 px-2.5' })} aria-label={`Complete follow-up with ${item.contact?.displayName ?? item.company?.name ?? ''}`}>
									<Icon name="check" className="h-4 w-4" />
									Complete
								</Link>
								<Link to={`/follow-ups/${item.id}#reschedule`} className={buttonClass({ variant: 'ghost', size: 'sm', className: 'h-8 px-2.5 text-muted' })} aria-label={`Reschedule follow-up with ${item.contact?.displayName ?? item.company?.name ?? ''}`}>
									<Icon name="calendar-clock" className="h-4 w-4 sm:hidden" />
									<span className="hidden sm:inline">Reschedule</span>
								</Link>
							</>
						) : (
							<Link to={`/follow-ups/${item.id}`} className={buttonClass({ variant: 'ghost', size: 'sm', className: 'h-8 px-2.5 text-muted' })}>
								View
							</Link>
						)}
					</div>
				) : null}
			</div>
		</li>
	)
}

/** A titled group of rows on /follow-ups, with a count and an empty state. */
export function FollowUpSection({ id, title, count, tone, empty, footer, children }: { id: string; title: string; count: number; tone?: 'danger' | 'warning'; empty: string; footer?: ReactNode; children: ReactNode }) {
	return (
		<Card aria-labelledby={`${id}-title`}>
			<div className="flex items-center justify-between gap-3 border-b border-border px-4 py-2.5 sm:px-5">
				<h2 id={`${id}-title`} className={cn('text-sm font-semibold', tone === 'danger' && count ? 'text-danger-text' : tone === 'warning' && count ? 'text-warning-text' : 'text-fg')}>
					{title}
				</h2>
				<span className="text-xs text-muted tabular-nums">{count}</span>
			</div>
			{count ? <ul className="divide-y divide-border">{children}</ul> : <p className="px-4 py-3 text-sm text-muted sm:px-5">{empty}</p>}
			{footer}
		</Card>
	)
}

/**
 * The "Follow-ups" card on a contact or company page: open ones soonest first,
 * overdue marked, and "Add follow-up".
 */
export function FollowUpCard({
	data,
	timeZone,
	newHref,
	allHref,
	showContact,
}: {
	data: { rows: FollowUpItem[]; total: number; now: Date | string; canCreate: boolean }
	timeZone: string
	newHref: string
	allHref: string
	/** On a company page, say which of its people each one is with. */
	showContact?: boolean
}) {
	return (
		<Card aria-label="Follow-ups">
			<CardHeader
				title="Follow-ups"
				actions={
					data.canCreate ? (
						<Link to={newHref} className={buttonClass({ variant: 'secondary', size: 'sm' })}>
							<Icon name="plus" className="h-4 w-4" /> Add follow-up
						</Link>
					) : null
				}
			/>
			{data.rows.length ? (
				<ul className="divide-y divide-border" aria-label="Open follow-ups">
					{data.rows.map((f) => {
						const state = followUpState(f, new Date(data.now))
						return (
							<li key={f.id} className="flex items-start gap-3 px-5 py-3">
								<TypeIcon type={f.type} className={cn('h-7 w-7', state === 'OVERDUE' && 'bg-danger-soft text-danger-text')} />
								<div className="min-w-0 flex-1 text-sm">
									<Link to={`/follow-ups/${f.id}`} className="font-medium text-fg hover:text-link hover:underline">
										{FOLLOW_UP_TYPE_LABELS[f.type]}
										{showContact && f.contact ? ` · ${f.contact.displayName}` : ''}
									</Link>
									{state === 'MISSED' ? <StateBadge state="MISSED" /> : null}
									<div>
										<DueTime item={f} now={data.now} timeZone={timeZone} />
									</div>
									{f.notes ? (
										<p className="line-clamp-2 text-muted" title={f.notes}>
											{f.notes}
										</p>
									) : null}
								</div>
							</li>
						)
					})}
				</ul>
			) : (
				<p className="px-5 py-4 text-sm text-muted">Nothing scheduled.</p>
			)}
			{data.total > 0 ? (
				<div className="border-t border-border px-5 py-2.5 text-sm">
					<Link to={allHref} className="text-link hover:underline">
						{data.total > data.rows.length ? `All ${data.total} open follow-ups` : 'All follow-ups'}
					</Link>
				</div>
			) : null}
		</Card>
	)
}

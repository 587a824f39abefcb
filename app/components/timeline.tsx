// The timeline of a contact or company (from getTimeline in the loader): one list,
// newest first, filtered and paged with plain links, so it works without JavaScript.
import { Link, useLocation } from '@remix-run/react'
import type { ReactNode } from 'react'
import { MEDIUM_ICONS } from './interaction-form.tsx'
import { Alert } from './ui/alert.tsx'
import { Badge } from './ui/badge.tsx'
import { buttonClass } from './ui/button.tsx'
import { Card, CardHeader } from './ui/card.tsx'
import { Icon, type IconName } from './ui/icon.tsx'
import type { FollowUpState, Timeline as TimelineData, TimelineEntry } from '#app/models/timeline.server.ts'
import { cn } from '#app/utils/misc.ts'
import { formatDateTime } from '#app/utils/time.ts'
import { FOLLOW_UP_TYPE_LABELS, MEDIUM_LABELS, TIMELINE_KIND_LABELS, TIMELINE_KINDS, TIMELINE_PARAMS, type FollowUpType, type TimelineKind } from '#app/validation/interaction.ts'

const STATES: Record<FollowUpState, { label: string; tone: 'accent' | 'warning' | 'danger' | 'success' | 'neutral'; icon: IconName }> = {
	scheduled: { label: 'Scheduled', tone: 'accent', icon: 'calendar-clock' },
	overdue: { label: 'Overdue', tone: 'warning', icon: 'calendar-clock' },
	missed: { label: 'Missed', tone: 'danger', icon: 'calendar-x' },
	completed: { label: 'Completed', tone: 'success', icon: 'calendar-check' },
	cancelled: { label: 'Cancelled', tone: 'neutral', icon: 'ban' },
}

const NOTICES: Record<string, string> = { logged: 'Interaction logged.', saved: 'Interaction saved.', deleted: 'Interaction deleted.' }

/** The page's own query string with the timeline's parameters replaced (and one-time notices dropped). */
function useTimelineHref() {
	const location = useLocation()
	return (kinds: TimelineKind[] | null, page: number) => {
		const params = new URLSearchParams(location.search)
		for (const name of [TIMELINE_PARAMS.kind, TIMELINE_PARAMS.page, 'interaction', 'created', 'saved']) params.delete(name)
		for (const kind of kinds ?? []) params.append(TIMELINE_PARAMS.kind, kind)
		if (page > 1) params.set(TIMELINE_PARAMS.page, String(page))
		const search = params.toString()
		return `${location.pathname}${search ? `?${search}` : ''}#timeline`
	}
}

function Rail({ icon, tone = 'neutral', children }: { icon: IconName; tone?: 'accent' | 'neutral' | 'success' | 'warning' | 'danger'; children: ReactNode }) {
	const tones = { accent: 'bg-accent-soft text-link', neutral: 'bg-subtle text-muted', success: 'bg-success-soft text-success-text', warning: 'bg-warning-soft text-warning-text', danger: 'bg-danger-soft text-danger-text' }
	return (
		<li className="relative flex gap-3 px-5 py-4">
			<span aria-hidden="true" className={cn('relative z-10 mt-0.5 inline-flex h-8 w-8 shrink-0 items-center justify-center rounded-full ring-4 ring-surface', tones[tone])}>
				<Icon name={icon} className="h-4 w-4" />
			</span>
			<div className="min-w-0 flex-1 text-sm">{children}</div>
		</li>
	)
}

function When({ at, timezone, prefix }: { at: Date | string; timezone: string; prefix?: string }) {
	return (
		<time className="shrink-0 text-xs text-muted" dateTime={new Date(at).toISOString()}>
			{prefix}
			{formatDateTime(at, timezone)}
		</time>
	)
}

function Heading({ children, at, timezone, prefix }: { children: ReactNode; at: Date | string; timezone: string; prefix?: string }) {
	return (
		<div className="flex flex-col gap-0.5 sm:flex-row sm:items-baseline sm:justify-between sm:gap-x-3">
			<p className="min-w-0 break-words">{children}</p>
			<When at={at} timezone={timezone} prefix={prefix} />
		</div>
	)
}

function Byline({ parts }: { parts: ReactNode[] }) {
	const shown = parts.filter(Boolean)
	if (!shown.length) return null
	return (
		<p className="mt-0.5 text-xs text-muted">
			{shown.map((part, i) => (
				<span key={i}>
					{i ? ' · ' : ''}
					{part}
				</span>
			))}
		</p>
	)
}

function Labelled({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
	return (
		<p className={cn('mt-1.5 break-words', className)}>
			<span className="font-medium text-muted">{label}: </span>
			{children}
		</p>
	)
}

function duration(minutes: number) {
	if (minutes < 60) return `${minutes} min`
	const h = Math.floor(minutes / 60)
	const m = minutes % 60
	return m ? `${h} h ${m} min` : `${h} h`
}

function WithWhom({ contact }: { contact: { id: string; displayName: string } | null }) {
	if (!contact) return null
	return (
		<>
			with{' '}
			<Link to={`/contacts/${contact.id}`} className="text-link hover:underline">
				{contact.displayName}
			</Link>
		</>
	)
}

function Entry({ entry, timezone, returnTo }: { entry: TimelineEntry; timezone: string; returnTo: string }) {
	if (entry.kind === 'interaction') {
		return (
			<Rail icon={MEDIUM_ICONS[entry.medium]} tone="accent">
				<Heading at={entry.at} timezone={timezone}>
					<span className="font-medium">{MEDIUM_LABELS[entry.medium]}</span>
					{entry.subject ? <span className="text-fg"> · {entry.subject}</span> : null}
				</Heading>
				<Byline parts={[entry.who, entry.contact ? <WithWhom key="with" contact={entry.contact} /> : null, entry.durationMinutes != null ? duration(entry.durationMinutes) : null]} />
				{entry.notesHtml ? <div className="prose-notes mt-2 break-words" dangerouslySetInnerHTML={{ __html: entry.notesHtml }} /> : null}
				{entry.outcome ? <Labelled label="Outcome">{entry.outcome}</Labelled> : null}
				{entry.nextSteps ? (
					<Labelled label="Next steps" className="whitespace-pre-line">
						{entry.nextSteps}
					</Labelled>
				) : null}
				{entry.canEdit ? (
					<Link
						to={`/interactions/${entry.id}/edit?${new URLSearchParams({ returnTo })}`}
						className="mt-2 inline-flex items-center gap-1 text-xs font-medium text-link hover:underline"
						aria-label={`Edit ${MEDIUM_LABELS[entry.medium].toLowerCase()}${entry.subject ? ` “${entry.subject}”` : ''}`}
					>
						<Icon name="pencil" className="h-3.5 w-3.5" /> Edit
					</Link>
				) : null}
			</Rail>
		)
	}
	if (entry.kind === 'followup') {
		const state = STATES[entry.state]
		return (
			<Rail icon={state.icon} tone={entry.state === 'completed' ? 'success' : entry.state === 'missed' ? 'danger' : entry.state === 'overdue' ? 'warning' : 'neutral'}>
				<Heading at={entry.at} timezone={timezone} prefix={entry.state === 'completed' ? 'Done ' : 'Due '}>
					<span className="font-medium">Follow-up: {FOLLOW_UP_TYPE_LABELS[entry.type as FollowUpType] ?? entry.type}</span>{' '}
					<Badge tone={state.tone} className="ml-1 align-middle">
						{state.label}
					</Badge>
				</Heading>
				<Byline
					parts={[
						entry.who ? `for ${entry.who}` : null,
						entry.contact ? <WithWhom key="with" contact={entry.contact} /> : null,
						entry.state === 'completed' ? `was due ${formatDateTime(entry.dueAt, timezone)}` : null,
					]}
				/>
				{entry.outcome ? <Labelled label="Outcome">{entry.outcome}</Labelled> : null}
				{entry.notes ? <p className="mt-1.5 break-words whitespace-pre-line text-muted">{entry.notes}</p> : null}
			</Rail>
		)
	}
	return (
		<Rail icon="history">
			<Heading at={entry.at} timezone={timezone}>
				<span className="font-medium">{entry.label}</span>
			</Heading>
			{entry.detail ? <p className="mt-0.5 break-words text-muted">{entry.detail}</p> : null}
			<Byline parts={[entry.who]} />
		</Rail>
	)
}

/** `returnTo` is the page it sits on (for the Edit links); `?interaction=logged|saved|deleted` shows a notice. */
export function Timeline({ timeline, timezone, returnTo }: { timeline: TimelineData; timezone: string; returnTo: string }) {
	const href = useTimelineHref()
	const notice = new URLSearchParams(useLocation().search).get('interaction')
	const all = timeline.kinds.length === TIMELINE_KINDS.length
	const filters: Array<{ label: string; kinds: TimelineKind[] | null; current: boolean }> = [
		{ label: 'All', kinds: null, current: all },
		...TIMELINE_KINDS.map((k) => ({ label: TIMELINE_KIND_LABELS[k], kinds: [k], current: !all && timeline.kinds.length === 1 && timeline.kinds[0] === k })),
	]
	const message = notice ? NOTICES[notice] : null
	return (
		<Card id="timeline" className="scroll-mt-20">
			<CardHeader
				title="Timeline"
				actions={
					timeline.canLog ? (
						<Link to={timeline.logHref} className={buttonClass({ size: 'sm' })}>
							<Icon name="plus" className="h-4 w-4" /> Log interaction
						</Link>
					) : null
				}
			/>
			{message ? (
				<div className="px-5 pt-4">
					<Alert tone="success">{message}</Alert>
				</div>
			) : null}
			<nav aria-label="Show on the timeline" className="flex flex-wrap gap-1.5 border-b border-border px-4 py-3 sm:gap-2 sm:px-5">
				{filters.map((f) => (
					<Link
						key={f.label}
						to={href(f.kinds, 1)}
						preventScrollReset
						aria-current={f.current ? 'page' : undefined}
						className={cn(
							'rounded-full border px-2.5 py-1 text-xs font-medium sm:px-3',
							f.current ? 'border-accent bg-accent-soft text-link' : 'border-border text-muted hover:bg-subtle hover:text-fg',
						)}
					>
						{f.label}
					</Link>
				))}
			</nav>
			{timeline.entries.length ? (
				<ol aria-label="Timeline" className="relative divide-y divide-border">
					{timeline.entries.map((entry) => (
						<Entry key={`${entry.kind}-${entry.id}`} entry={entry} timezone={timezone} returnTo={returnTo} />
					))}
				</ol>
			) : (
				<p className="px-5 py-6 text-sm text-muted">
					{timeline.page > 1 ? 'Nothing older.' : all ? 'Nothing here yet. Log a call, a meeting or a message to start the history.' : `No ${TIMELINE_KIND_LABELS[timeline.kinds[0]!].toLowerCase()} yet.`}
				</p>
			)}
			{timeline.page > 1 || timeline.hasOlder ? (
				<nav aria-label="Timeline pages" className="flex items-center justify-between gap-3 border-t border-border px-5 py-3 text-sm">
					{timeline.page > 1 ? (
						<Link to={href(all ? null : timeline.kinds, timeline.page - 1)} preventScrollReset className="inline-flex items-center gap-1 font-medium text-link hover:underline">
							<Icon name="chevron-left" className="h-4 w-4" /> Newer
						</Link>
					) : (
						<span />
					)}
					<span className="text-xs text-muted">Page {timeline.page}</span>
					{timeline.hasOlder ? (
						<Link to={href(all ? null : timeline.kinds, timeline.page + 1)} preventScrollReset className="inline-flex items-center gap-1 font-medium text-link hover:underline">
							Older <Icon name="chevron-right" className="h-4 w-4" />
						</Link>
					) : (
						<span />
					)}
				</nav>
			) : null}
		</Card>
	)
}

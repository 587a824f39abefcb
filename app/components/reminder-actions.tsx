// Done, Snooze (an hour, a day, a week, or a picked date) and Dismiss for one
// reminder: one real form, so it works without JavaScript. The snooze choices sit
// in a <details> menu.
import { Form, Link } from '@remix-run/react'
import { useId } from 'react'
import { formatTime } from './follow-up-list.tsx'
import { Badge } from './ui/badge.tsx'
import { Alert } from './ui/alert.tsx'
import { Button } from './ui/button.tsx'
import { Icon, type IconName } from './ui/icon.tsx'
import { Input } from './ui/input.tsx'
import { cn } from '#app/utils/misc.ts'
import { formatDateTime } from '#app/utils/time.ts'
import { RECURRENCE_LABELS, REMINDER_TYPE_LABELS, type ReminderTypeName } from '#app/validation/reminder.ts'

export type ReminderItemData = {
	id: string
	type: ReminderTypeName
	title: string
	note: string | null
	status: string
	scheduledAt: Date | string
	recurrence: keyof typeof RECURRENCE_LABELS
	contact: { id: string; displayName: string } | null
	followUp: { id: string } | null
}


export const REMINDER_ICONS: Record<ReminderTypeName, IconName> = {
	BIRTHDAY: 'cake',
	ANNIVERSARY: 'heart',
	FOLLOW_UP: 'calendar-clock',
	NO_CONTACT: 'message',
	CUSTOM: 'bell',
}

export function ReminderIcon({ type, className }: { type: ReminderTypeName; className?: string }) {
	return (
		<span aria-hidden="true" className={cn('inline-flex h-8 w-8 shrink-0 items-center justify-center rounded-full bg-accent-soft text-link', className)}>
			<Icon name={REMINDER_ICONS[type]} className="h-4 w-4" />
		</span>
	)
}

export function ReminderActions({ reminderId, title, action, minDate, compact = false }: { reminderId: string; title: string; action?: string; minDate: string; compact?: boolean }) {
	const dateId = useId()
	return (
		<Form method="post" action={action} className="flex flex-wrap items-center gap-1.5" preventScrollReset>
			<input type="hidden" name="reminderId" value={reminderId} />
			<Button type="submit" name="intent" value="done" variant="secondary" size="sm" aria-label={`Done: ${title}`}>
				<Icon name="check" className="h-4 w-4" />
				{compact ? <span className="sr-only sm:not-sr-only">Done</span> : 'Done'}
			</Button>
			<details className="group relative">
				<summary
					className="inline-flex h-8 cursor-pointer list-none items-center gap-1.5 rounded-md border border-border bg-surface px-3 text-sm font-medium shadow-sm hover:bg-subtle [&::-webkit-details-marker]:hidden"
					aria-label={`Snooze: ${title}`}
				>
					<Icon name="alarm-clock" className="h-4 w-4" />
					{compact ? <span className="sr-only sm:not-sr-only">Snooze</span> : 'Snooze'}
					<Icon name="chevron-down" className="h-3.5 w-3.5 text-muted" />
				</summary>
				<div className="absolute left-0 z-30 mt-1 w-64 rounded-lg border border-border bg-surface p-1 shadow-lg sm:right-0 sm:left-auto">
					{[
						['snooze:1h', '1 hour'],
						['snooze:1d', '1 day'],
						['snooze:1w', '1 week'],
					].map(([value, label]) => (
						<button key={value} type="submit" name="intent" value={value} className="block w-full rounded-md px-3 py-2 text-left text-sm hover:bg-subtle">
							{label}
						</button>
					))}
					<div className="mt-1 border-t border-border p-2">
						<label htmlFor={dateId} className="text-xs font-medium text-muted">
							Until a date
						</label>
						<div className="mt-1 flex gap-1.5">
							<Input id={dateId} type="date" name="date" min={minDate} className="h-8 min-w-0 flex-1 px-2 text-sm" />
							<Button type="submit" name="intent" value="snooze:date" size="sm">
								Snooze
							</Button>
						</div>
					</div>
				</div>
			</details>
			<Button type="submit" name="intent" value="dismiss" variant="ghost" size="sm" aria-label={`Dismiss: ${title}`}>
				<Icon name="x" className="h-4 w-4" />
				{compact ? <span className="sr-only">Dismiss</span> : <span className="sr-only sm:not-sr-only">Dismiss</span>}
			</Button>
		</Form>
	)
}

/** One reminder as a list row: what, when, and its actions. */
export function ReminderItem({ r, timeZone, today, showDate }: { r: ReminderItemData; timeZone: string; today: string; showDate?: boolean }) {
	const when = showDate ? formatDateTime(r.scheduledAt, timeZone, { dateStyle: undefined, timeStyle: undefined, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }) : formatTime(r.scheduledAt, timeZone)
	return (
		<li className="flex flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center sm:gap-4 md:px-5">
			<div className="flex min-w-0 flex-1 items-start gap-3">
				<ReminderIcon type={r.type} />
				<div className="min-w-0">
					<p className="text-sm font-medium">
						{r.contact ? (
							<Link to={`/contacts/${r.contact.id}`} className="hover:underline">
								{r.title}
							</Link>
						) : r.followUp ? (
							<Link to={`/follow-ups/${r.followUp.id}`} className="hover:underline">
								{r.title}
							</Link>
						) : (
							r.title
						)}
					</p>
					<p className="mt-0.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-[13px] text-muted">
						<span>{REMINDER_TYPE_LABELS[r.type]}</span>
						<span aria-hidden="true">·</span>
						<time dateTime={new Date(r.scheduledAt).toISOString()}>{when}</time>
						{r.note ? (
							<>
								<span aria-hidden="true">·</span>
								<span>{r.note}</span>
							</>
						) : null}
						{r.status === 'SNOOZED' ? <Badge tone="warning">Snoozed</Badge> : null}
						{r.recurrence !== 'NONE' ? (
							<Badge>{RECURRENCE_LABELS[r.recurrence]}</Badge>
						) : null}
					</p>
				</div>
			</div>
			<div className="pl-11 sm:pl-0">
				<ReminderActions reminderId={r.id} title={r.title} action="/reminders" minDate={today} compact />
			</div>
		</li>
	)
}


/** What the last Done / Snooze / Dismiss did, or why it was refused, above the list it acted on. */
export function ReminderActionResult({ result }: { result?: { error?: string | null; message?: string | null } | null }) {
	if (result?.error) {
		return (
			<Alert tone="danger" className="mb-4">
				{result.error}
			</Alert>
		)
	}
	return result?.message ? (
		<p role="status" className="mb-4 text-sm text-muted">
			{result.message}.
		</p>
	) : null
}

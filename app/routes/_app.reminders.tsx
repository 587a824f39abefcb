// /reminders: what fired and waits for you, then the next 30 days grouped by day,
// each with Done, Snooze and Dismiss (real forms, no JavaScript needed).
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { ReminderActionResult, ReminderItem } from '#app/components/reminder-actions.tsx'
import { Card } from '#app/components/ui/card.tsx'
import { listUpcomingReminders } from '#app/models/reminder.server.ts'
import { requireMembership } from '#app/models/workspace.server.ts'
import { userPrefs } from '#app/models/user.server.ts'
import { reminderAction } from '#app/utils/reminder-action.server.ts'

export const meta: MetaFunction = () => [{ title: 'Reminders · Rapport' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const m = await requireMembership(request)
	const timeZone = (await userPrefs(m.userId)).timezone
	const now = new Date()
	const list = await listUpcomingReminders(m, { now, timeZone, days: 30 })
	return { ...list, timeZone, now: now.toISOString() }
}

export async function action({ request }: ActionFunctionArgs) {
	return reminderAction(request)
}

function dayLabel(date: string, inDays: number) {
	if (inDays === 0) return 'Today'
	if (inDays === 1) return 'Tomorrow'
	return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(`${date}T12:00:00Z`))
}

export default function RemindersPage() {
	const d = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	const total = d.due.length + d.days.reduce((n, day) => n + day.rows.length, 0)
	return (
		<div>
			<PageHeader
				title="Reminders"
				subtitle={total ? `${d.due.length ? `${d.due.length} waiting · ` : ''}${total - d.due.length} in the next 30 days` : 'Birthdays, anniversaries, follow-ups and people to keep in touch with'}
				actions={
					<Link to="/settings/preferences" className="text-sm text-link hover:underline">
						Reminder settings
					</Link>
				}
			/>
			<ReminderActionResult result={result} />
			{total === 0 ? (
				<Card className="px-6 py-12 text-center">
					<p className="font-medium">Nothing in the next 30 days</p>
					<p className="mt-1 text-sm text-muted">
						Add birthdays and anniversaries to contacts, schedule follow-ups, or set a reminder on a{' '}
						<Link to="/contacts" className="text-link hover:underline">
							contact’s page
						</Link>
						.
					</p>
				</Card>
			) : null}
			<div className="flex flex-col gap-6">
				{d.due.length ? (
					<section aria-labelledby="due-now">
						<h2 id="due-now" className="mb-2 text-sm font-semibold text-danger-text">
							Waiting for you
						</h2>
						<Card>
							<ul className="divide-y divide-border">
								{d.due.map((r) => (
									<ReminderItem key={r.id} r={r} timeZone={d.timeZone} today={d.today} showDate />
								))}
							</ul>
						</Card>
					</section>
				) : null}
				{d.days.map((day) => (
					<section key={day.date} aria-labelledby={`day-${day.date}`}>
						<h2 id={`day-${day.date}`} className="mb-2 flex items-baseline gap-2 text-sm font-semibold">
							{dayLabel(day.date, day.inDays)}
							{day.inDays > 1 ? <span className="font-normal text-muted">in {day.inDays} days</span> : null}
						</h2>
						<Card>
							<ul className="divide-y divide-border">
								{day.rows.map((r) => (
									<ReminderItem key={r.id} r={r} timeZone={d.timeZone} today={d.today} />
								))}
							</ul>
						</Card>
					</section>
				))}
			</div>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

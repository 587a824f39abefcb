// /notifications: the in-app notification center. Newest first, unread marked;
// mark one or all read, and act on the reminder behind one (Done / Snooze /
// Dismiss). Every control is a real form, so it works without JavaScript.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { ReminderActionResult, ReminderActions, ReminderIcon } from '#app/components/reminder-actions.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Card } from '#app/components/ui/card.tsx'
import { Icon } from '#app/components/ui/icon.tsx'
import { listNotifications, markAllNotificationsRead, markNotificationRead } from '#app/models/reminder.server.ts'
import { requireMembership } from '#app/models/workspace.server.ts'
import { userPrefs } from '#app/models/user.server.ts'
import { cn } from '#app/utils/misc.ts'
import { reminderAction } from '#app/utils/reminder-action.server.ts'
import { formatDateTime } from '#app/utils/time.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'Notifications · Rapport' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const m = await requireMembership(request)
	const page = Math.max(1, Math.min(1000, Number(new URL(request.url).searchParams.get('page')) || 1))
	const [list, user] = await Promise.all([listNotifications(m.userId, { page }), userPrefs(m.userId)])
	const timeZone = user.timezone
	return { ...list, timeZone, today: new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date()) }
}

export async function action({ request }: ActionFunctionArgs) {
	const m = await requireMembership(request)
	const form = await readForm(request.clone())
	const intent = String(form.get('intent') ?? '')
	if (intent === 'read') {
		await markNotificationRead(m.userId, String(form.get('notificationId') ?? ''))
		return data({ ok: true as const, message: 'Marked read', error: null })
	}
	if (intent === 'read-all') {
		const { count } = await markAllNotificationsRead(m.userId)
		return data({ ok: true as const, message: count ? `Marked ${count} read` : 'Nothing unread', error: null })
	}
	return reminderAction(request)
}

const OPEN = ['SENT', 'SNOOZED', 'PENDING']

export default function NotificationsPage() {
	const d = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	return (
		<div className="max-w-3xl">
			<PageHeader
				title="Notifications"
				subtitle={d.unread ? `${d.unread} unread` : 'All caught up'}
				actions={
					<>
						<Link to="/reminders" className="text-sm text-link hover:underline">
							Upcoming reminders
						</Link>
						{d.unread ? (
							<Form method="post">
								<Button type="submit" name="intent" value="read-all" variant="secondary" size="sm">
									<Icon name="check" className="h-4 w-4" />
									Mark all read
								</Button>
							</Form>
						) : null}
					</>
				}
			/>
			<ReminderActionResult result={result} />
			{d.rows.length === 0 ? (
				<Card className="px-6 py-12 text-center">
					<p className="font-medium">No notifications yet</p>
					<p className="mt-1 text-sm text-muted">Birthdays, follow-ups due and people to reconnect with show up here when their reminder fires.</p>
				</Card>
			) : (
				<Card>
					<ul className="divide-y divide-border">
						{d.rows.map((n) => {
							const unread = !n.readAt
							const open = n.reminder && OPEN.includes(n.reminder.status) && n.reminder.status !== 'PENDING'
							return (
								<li key={n.id} className={cn('flex flex-col gap-3 px-4 py-3 md:px-5', unread && 'bg-accent-soft/40')}>
									<div className="flex items-start gap-3">
										{n.reminder ? <ReminderIcon type={n.reminder.type} /> : <span className="h-8 w-8 shrink-0" />}
										<div className="min-w-0 flex-1">
											<p className={cn('text-sm', unread ? 'font-semibold' : 'font-medium')}>
												{unread ? (
													<span className="mr-1.5 inline-block h-2 w-2 rounded-full bg-accent align-middle" aria-hidden="true" />
												) : null}
												{n.url ? (
													<Link to={`/notifications/${n.id}`} className="hover:underline">
														{n.title}
													</Link>
												) : (
													n.title
												)}
												{unread ? <span className="sr-only"> (unread)</span> : null}
											</p>
											<p className="mt-0.5 text-[13px] text-muted">
												<time dateTime={new Date(n.createdAt).toISOString()}>{formatDateTime(n.createdAt, d.timeZone)}</time>
												{n.body ? ` · ${n.body}` : null}
												{n.reminder?.status === 'DONE' ? ' · Done' : n.reminder?.status === 'DISMISSED' ? ' · Dismissed' : n.reminder?.status === 'SNOOZED' ? ' · Snoozed' : null}
											</p>
										</div>
										{unread ? (
											<Form method="post" className="shrink-0">
												<input type="hidden" name="notificationId" value={n.id} />
												<Button type="submit" name="intent" value="read" variant="ghost" size="sm" aria-label={`Mark read: ${n.title}`}>
													<span className="hidden sm:inline">Mark read</span>
													<Icon name="check" className="h-4 w-4 sm:hidden" />
												</Button>
											</Form>
										) : null}
									</div>
									{open && n.reminder ? (
										<div className="pl-11">
											<ReminderActions reminderId={n.reminder.id} title={n.title} action="/notifications" minDate={d.today} compact />
										</div>
									) : null}
								</li>
							)
						})}
					</ul>
				</Card>
			)}
			{d.pages > 1 ? (
				<div className="mt-4 flex justify-between text-sm">
					{d.page > 1 ? (
						<Link to={`?page=${d.page - 1}`} className="text-link hover:underline">
							Newer
						</Link>
					) : (
						<span />
					)}
					<span className="text-muted">
						Page {d.page} of {d.pages}
					</span>
					{d.page < d.pages ? (
						<Link to={`?page=${d.page + 1}`} className="text-link hover:underline">
							Older
						</Link>
					) : (
						<span />
					)}
				</div>
			) : null}
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

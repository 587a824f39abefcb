// /reminders/action?token=…: the Mark done and Snooze links in reminder emails.
// They work without signing in: the signed token names one reminder and the one
// thing it may do, and expires. Opening the link only shows a button (mail
// scanners open links; nothing changes until the person presses it).
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { AuthHeading } from '#app/components/auth.tsx'
import { Alert } from '#app/components/ui/alert.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Input, Label } from '#app/components/ui/input.tsx'
import { applyReminderIntent, getReminderForAction, reminderOwnerPrefs, ReminderFieldError } from '#app/models/reminder.server.ts'
import { verifyReminderToken } from '#app/utils/action-token.server.ts'
import { formatDateTime } from '#app/utils/time.ts'
import { localDateOf } from '#app/models/reminder-rules.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'Reminder · Rapport' }, { name: 'robots', content: 'noindex' }]

const EXPIRED = 'This link has expired or is not valid. Open Rapport to act on the reminder.'

async function read(token: string | null) {
	const payload = verifyReminderToken(token)
	if (!payload) return null
	const reminder = await getReminderForAction(payload.r)
	return reminder ? { payload, reminder } : null
}

export async function loader({ request }: LoaderFunctionArgs) {
	const token = new URL(request.url).searchParams.get('token')
	const found = await read(token)
	if (!found) return { ok: false as const, error: EXPIRED }
	const prefs = await reminderOwnerPrefs(found.reminder.userId)
	return {
		ok: true as const,
		token: token!,
		action: found.payload.a,
		title: found.reminder.title,
		note: found.reminder.note,
		status: found.reminder.status,
		snoozedUntil: found.reminder.status === 'SNOOZED' ? formatDateTime(found.reminder.scheduledAt, prefs.timeZone) : null,
		today: localDateOf(new Date(), prefs.timeZone),
	}
}

export async function action({ request }: ActionFunctionArgs) {
	const form = await readForm(request)
	const token = String(form.get('token') ?? '')
	const found = await read(token)
	if (!found) return data({ ok: false as const, error: EXPIRED, message: null }, { status: 400 })
	const intent = String(form.get('intent') ?? '')
	// The token allows one thing: a Snooze link cannot mark done, and the other way round.
	const allowed = found.payload.a === 'snooze' ? intent.startsWith('snooze:') : intent === found.payload.a
	if (!allowed) return data({ ok: false as const, error: 'This link cannot do that.', message: null }, { status: 400 })
	try {
		const result = await applyReminderIntent(found.reminder.userId, found.reminder.id, intent, { date: form.get('date')?.toString() ?? null })
		const prefs = await reminderOwnerPrefs(found.reminder.userId)
		const message = 'until' in result && result.until ? `Snoozed until ${formatDateTime(result.until, prefs.timeZone)}.` : `${result.message}.`
		return data({ ok: true as const, error: null, message })
	} catch (error) {
		if (error instanceof ReminderFieldError) return data({ ok: false as const, error: error.message, message: null }, { status: 400 })
		throw error
	}
}

export default function ReminderActionPage() {
	const d = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	if (!d.ok) {
		return (
			<>
				<AuthHeading title="Reminder" />
				<Alert tone="danger">{d.error}</Alert>
				<p className="mt-4 text-sm">
					<Link to="/reminders" className="text-link hover:underline">
						Go to your reminders
					</Link>
				</p>
			</>
		)
	}
	if (result?.ok) {
		return (
			<>
				<AuthHeading title={d.title} />
				<p role="status" className="text-sm">
					{result.message}
				</p>
				<p className="mt-4 text-sm">
					<Link to="/reminders" className="text-link hover:underline">
						See all reminders
					</Link>
				</p>
			</>
		)
	}
	return (
		<>
			<AuthHeading title={d.title} subtitle={d.note ?? undefined} />
			{result?.error ? (
				<Alert tone="danger" className="mb-4">
					{result.error}
				</Alert>
			) : null}
			{d.status === 'DONE' || d.status === 'DISMISSED' ? (
				<p className="mb-4 text-sm text-muted">This reminder is already {d.status === 'DONE' ? 'done' : 'dismissed'}.</p>
			) : d.snoozedUntil ? (
				<p className="mb-4 text-sm text-muted">Snoozed until {d.snoozedUntil}.</p>
			) : null}
			<Form method="post" className="flex flex-col gap-3">
				<input type="hidden" name="token" value={d.token} />
				{d.action === 'done' ? (
					<Button type="submit" name="intent" value="done">
						Mark done
					</Button>
				) : d.action === 'dismiss' ? (
					<Button type="submit" name="intent" value="dismiss">
						Dismiss
					</Button>
				) : (
					<>
						<p className="text-sm font-medium">Snooze for</p>
						<div className="grid grid-cols-3 gap-2">
							<Button type="submit" name="intent" value="snooze:1h" variant="secondary">
								1 hour
							</Button>
							<Button type="submit" name="intent" value="snooze:1d" variant="secondary">
								1 day
							</Button>
							<Button type="submit" name="intent" value="snooze:1w" variant="secondary">
								1 week
							</Button>
						</div>
						<Label htmlFor="snooze-date" className="mt-2">
							Or until a date
						</Label>
						<div className="flex gap-2">
							<Input id="snooze-date" type="date" name="date" min={d.today} />
							<Button type="submit" name="intent" value="snooze:date">
								Snooze
							</Button>
						</div>
					</>
				)}
			</Form>
			<p className="mt-6 text-[13px] text-muted">No sign-in needed: this link works for this one reminder only and expires 7 days after it was sent.</p>
		</>
	)
}

// Notifications: which channels reminders and alerts are delivered on.
import { getFormProps, getInputProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { CheckboxField, ErrorList, useIsPending, useZodForm, SaveBar } from '#app/components/forms.tsx'
import { PushOnThisDevice } from '#app/components/push-settings.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Card, CardBody, CardHeader } from '#app/components/ui/card.tsx'
import { listPushSubscriptions } from '#app/models/reminder.server.ts'
import { describeUserAgent, getSettings, updateNotificationPrefs } from '#app/models/settings.server.ts'
import { getVapidKeys } from '#app/services/push.server.ts'
import { formatDate } from '#app/utils/time.ts'
import { requireUserId } from '#app/utils/session.server.ts'
import { NotificationsSchema } from '#app/validation/settings.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'Notifications · Settings · Rapport' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const userId = await requireUserId(request)
	const [user, devices] = await Promise.all([getSettings(userId), listPushSubscriptions(userId)])
	return {
		prefs: { notifyInApp: user.notifyInApp, notifyEmail: user.notifyEmail, notifyPush: user.notifyPush },
		email: user.email,
		timeZone: user.timezone,
		// Null when push is not configured on this server (no VAPID keys).
		vapidPublicKey: getVapidKeys()?.publicKey ?? null,
		devices: devices.map((d) => ({ id: d.id, name: describeUserAgent(d.userAgent), host: new URL(d.endpoint).host, createdAt: d.createdAt })),
	}
}

export async function action({ request }: ActionFunctionArgs) {
	const userId = await requireUserId(request)
	const submission = parseWithZod(await readForm(request), { schema: NotificationsSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	await updateNotificationPrefs(userId, submission.value)
	return { result: submission.reply() }
}

export default function NotificationSettings() {
	const { prefs, email, vapidPublicKey, devices, timeZone } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const pending = useIsPending()
	const [form, fields] = useZodForm(NotificationsSchema, { id: 'notifications', lastResult: actionData?.result, defaultValue: prefs })
	const saved = actionData?.result.status === 'success'
	return (
		<div className="flex flex-col gap-6">
		<Card>
			<CardHeader title="Notifications" description="Where Rapport tells you about birthdays, follow-ups due and people you haven’t talked to in a while." />
			<CardBody>
				<Form method="post" className="flex flex-col gap-5" {...getFormProps(form)}>
					<CheckboxField
						label="In the app"
						hint="A badge and a list under Notifications when you are signed in."
						errors={fields.notifyInApp.errors}
						inputProps={getInputProps(fields.notifyInApp, { type: 'checkbox' })}
					/>
					<CheckboxField label="Email" hint={`Sent to ${email}.`} errors={fields.notifyEmail.errors} inputProps={getInputProps(fields.notifyEmail, { type: 'checkbox' })} />
					<CheckboxField
						label="Push notifications"
						hint="On the phones and browsers where you allowed notifications from Rapport."
						errors={fields.notifyPush.errors}
						inputProps={getInputProps(fields.notifyPush, { type: 'checkbox' })}
					/>
					<ErrorList id={form.errorId} errors={form.errors} />
					<SaveBar pending={pending} saved={saved} label="Save notifications" className="border-t border-border pt-4" />
				</Form>
			</CardBody>
		</Card>
		<Card>
			<CardHeader title="Push devices" description="Reminders arrive as notifications with Mark done, Snooze and Dismiss; clicking one opens the contact." />
			<CardBody className="flex flex-col gap-4">
				{vapidPublicKey ? <PushOnThisDevice publicKey={vapidPublicKey} /> : <p className="text-sm text-muted">Push is not set up on this server (VAPID keys are missing).</p>}
				{devices.length ? (
					<ul className="divide-y divide-border rounded-md border border-border">
						{devices.map((d) => (
							<li key={d.id} className="flex items-center justify-between gap-3 px-3 py-2 text-sm">
								<span className="min-w-0">
									<span className="font-medium">{d.name}</span>
									<span className="block truncate text-[13px] text-muted">
										{d.host} · added {formatDate(d.createdAt, timeZone)}
									</span>
								</span>
								<Form method="post" action="/settings/notifications/push">
									<input type="hidden" name="id" value={d.id} />
									<Button type="submit" name="intent" value="remove" variant="ghost" size="sm" aria-label={`Remove ${d.name}`}>
										Remove
									</Button>
								</Form>
							</li>
						))}
					</ul>
				) : (
					<p className="text-sm text-muted">No devices yet.</p>
				)}
			</CardBody>
		</Card>
		</div>
	)
}

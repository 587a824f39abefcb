// Notifications: which channels reminders and alerts are delivered on.
import { getFormProps, getInputProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { CheckboxField, ErrorList, useIsPending, useZodForm, SaveBar } from '#app/components/forms.tsx'
import { Card, CardBody, CardHeader } from '#app/components/ui/card.tsx'
import { getSettings, updateNotificationPrefs } from '#app/models/settings.server.ts'
import { requireUserId } from '#app/utils/session.server.ts'
import { NotificationsSchema } from '#app/validation/settings.ts'

export const meta: MetaFunction = () => [{ title: 'Notifications · Settings · Rapport' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const userId = await requireUserId(request)
	const user = await getSettings(userId)
	return { prefs: { notifyInApp: user.notifyInApp, notifyEmail: user.notifyEmail, notifyPush: user.notifyPush }, email: user.email }
}

export async function action({ request }: ActionFunctionArgs) {
	const userId = await requireUserId(request)
	const submission = parseWithZod(await request.formData(), { schema: NotificationsSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	await updateNotificationPrefs(userId, submission.value)
	return { result: submission.reply() }
}

export default function NotificationSettings() {
	const { prefs, email } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const pending = useIsPending()
	const [form, fields] = useZodForm(NotificationsSchema, { id: 'notifications', lastResult: actionData?.result, defaultValue: prefs })
	const saved = actionData?.result.status === 'success'
	return (
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
	)
}

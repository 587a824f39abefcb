// Security: change (or, for Google-only accounts, set) the password, and see and
// end the sessions signed in to this account.
import { getFormProps, getInputProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { ErrorList, Field, SubmitButton, useIsPending, useZodForm } from '#app/components/forms.tsx'
import { Alert } from '#app/components/ui/alert.tsx'
import { Badge } from '#app/components/ui/badge.tsx'
import { Card, CardBody, CardHeader } from '#app/components/ui/card.tsx'
import { changePassword, describeUserAgent, getSettings } from '#app/models/settings.server.ts'
import { checkPassword } from '#app/models/user.server.ts'
import { endOtherSessions, getSession, listSessions, requireUserId, signIn } from '#app/utils/session.server.ts'
import { formatDateTime } from '#app/utils/time.ts'
import { ChangePasswordSchema } from '#app/validation/account.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'Security · Settings · Rapport' }]

async function requireSession(request: Request) {
	await requireUserId(request)
	return (await getSession(request))!
}

export async function loader({ request }: LoaderFunctionArgs) {
	const session = await requireSession(request)
	const [user, sessions] = await Promise.all([getSettings(session.userId), listSessions(session.userId)])
	return {
		hasPassword: user.hasPassword,
		timezone: user.timezone,
		// Formatted here, in the user's zone, so the page reads the same with or without JS.
		// This device first, then the most recently active.
		sessions: [...sessions.filter((s) => s.id === session.id), ...sessions.filter((s) => s.id !== session.id)].map((s) => ({
			id: s.id,
			current: s.id === session.id,
			device: describeUserAgent(s.userAgent),
			createdAt: s.createdAt.toISOString(),
			created: formatDateTime(s.createdAt, user.timezone),
			lastActive: formatDateTime(s.lastSeenAt, user.timezone),
			lastSeenAt: s.lastSeenAt.toISOString(),
		})),
	}
}

export async function action({ request }: ActionFunctionArgs) {
	const session = await requireSession(request)
	const formData = await readForm(request)
	const intent = formData.get('intent')

	if (intent === 'sign-out-others') {
		const count = await endOtherSessions(session.userId, session.id)
		return { form: 'sessions' as const, signedOut: count, result: undefined }
	}
	if (intent !== 'change-password') throw data('Unknown action', { status: 400 })

	const { hasPassword } = await getSettings(session.userId)
	const submission = await parseWithZod(formData, {
		async: true,
		schema: ChangePasswordSchema.superRefine(async (value, ctx) => {
			if (!hasPassword) return
			if (!value.currentPassword) ctx.addIssue({ path: ['currentPassword'], code: 'custom', message: 'Enter your current password' })
			else if (!(await checkPassword(session.userId, value.currentPassword))) {
				ctx.addIssue({ path: ['currentPassword'], code: 'custom', message: 'That isn’t your current password' })
			}
		}),
	})
	if (submission.status !== 'success') {
		return data({ form: 'password' as const, result: submission.reply({ hideFields: ['currentPassword', 'newPassword', 'confirmPassword'] }), signedOut: undefined }, { status: 400 })
	}
	// Every session ends, this one included; this browser gets a fresh one.
	const { remember } = await changePassword(session.userId, session.id, submission.value.newPassword)
	return signIn(request, { userId: session.userId, remember, redirectTo: `/settings/security?password=${hasPassword ? 'changed' : 'set'}` })
}

export default function SecuritySettings() {
	const { hasPassword, sessions, timezone } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const passwordPending = useIsPending({ intent: 'change-password' })
	const sessionsPending = useIsPending({ intent: 'sign-out-others' })
	const [form, fields] = useZodForm(ChangePasswordSchema, { id: 'change-password', lastResult: actionData?.form === 'password' ? actionData.result : undefined })
	const changed = searchParams.get('password')
	const others = sessions.filter((s) => !s.current).length

	return (
		<div className="flex flex-col gap-6">
			<Card>
				<CardHeader
					title={hasPassword ? 'Change password' : 'Set a password'}
					description={
						hasPassword
							? 'Changing it signs you out everywhere else.'
							: 'You sign in with Google. Add a password to also sign in with your email address.'
					}
				/>
				<CardBody>
					{changed === 'changed' || changed === 'set' ? (
						<Alert tone="success" className="mb-4">
							{changed === 'set' ? 'Your password is set.' : 'Your password was changed.'} Every other device was signed out.
						</Alert>
					) : null}
					<Form method="post" className="flex max-w-sm flex-col gap-4" {...getFormProps(form)}>
						<input type="hidden" name="intent" value="change-password" />
						{hasPassword ? (
							<Field
								label="Current password"
								errors={fields.currentPassword.errors}
								inputProps={{ ...getInputProps(fields.currentPassword, { type: 'password' }), autoComplete: 'current-password' }}
							/>
						) : null}
						<Field
							label="New password"
							hint="At least 8 characters."
							errors={fields.newPassword.errors}
							inputProps={{ ...getInputProps(fields.newPassword, { type: 'password' }), autoComplete: 'new-password' }}
						/>
						<Field
							label="Confirm new password"
							errors={fields.confirmPassword.errors}
							inputProps={{ ...getInputProps(fields.confirmPassword, { type: 'password' }), autoComplete: 'new-password' }}
						/>
						<ErrorList id={form.errorId} errors={form.errors} />
						<div>
							<SubmitButton pending={passwordPending}>{hasPassword ? 'Change password' : 'Set password'}</SubmitButton>
						</div>
					</Form>
				</CardBody>
			</Card>

			<Card>
				<CardHeader title="Where you’re signed in" description={`Times in ${timezone.replaceAll('_', ' ')}.`} />
				<ul className="divide-y divide-border" aria-label="Sessions">
					{sessions.map((s) => (
						<li key={s.id} className="flex flex-col gap-1 px-5 py-3 sm:flex-row sm:items-center sm:justify-between sm:gap-4">
							<div className="min-w-0">
								<p className="flex items-center gap-2 text-sm font-medium">
									{s.device}
									{s.current ? <Badge tone="success">This device</Badge> : null}
								</p>
								<p className="text-[13px] text-muted">
									Signed in <time dateTime={s.createdAt}>{s.created}</time>
								</p>
							</div>
							<p className="text-[13px] text-muted sm:text-right">
								Last active <time dateTime={s.lastSeenAt}>{s.lastActive}</time>
							</p>
						</li>
					))}
				</ul>
				<div className="flex flex-wrap items-center gap-3 border-t border-border px-5 py-4">
					<Form method="post">
						<input type="hidden" name="intent" value="sign-out-others" />
						<SubmitButton pending={sessionsPending} variant="secondary" disabled={others === 0}>
							Sign out of all other devices
						</SubmitButton>
					</Form>
					{actionData?.form === 'sessions' ? (
						<p role="status" className="text-sm text-success-text">
							{actionData.signedOut === 1 ? 'Signed out of 1 other device.' : `Signed out of ${actionData.signedOut} other devices.`}
						</p>
					) : null}
				</div>
			</Card>
		</div>
	)
}

// The emailed reset link lands here: choose a new password. Saving it uses the
// token, ends every session of the account and sends the user to sign in.
import { getFormProps, getInputProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { AuthHeading, RATE_LIMITED } from '#app/components/auth.tsx'
import { ErrorList, Field, SubmitButton, useIsPending, useZodForm } from '#app/components/forms.tsx'
import { Alert } from '#app/components/ui/alert.tsx'
import { buttonClass } from '#app/components/ui/button.tsx'
import { markEmailVerified, setPassword } from '#app/models/user.server.ts'
import { checkToken, consumeToken, TOKEN_MESSAGES } from '#app/models/verification.server.ts'
import { sessionCookie } from '#app/utils/session.server.ts'
import { ResetPasswordSchema } from '#app/validation/account.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'Choose a new password · Rapport' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const token = new URL(request.url).searchParams.get('token') ?? ''
	const check = await checkToken(token, 'RESET_PASSWORD')
	if (!check.ok) return data({ token, tokenError: TOKEN_MESSAGES[check.reason] }, { status: 400 })
	return { token, tokenError: null }
}

export async function action({ request, context }: ActionFunctionArgs) {
	const submission = parseWithZod(await readForm(request), { schema: ResetPasswordSchema })
	const hideFields = ['password', 'confirmPassword']
	if (context.rateLimited) return data({ result: submission.reply({ formErrors: [RATE_LIMITED], hideFields }) }, { status: 429 })
	if (submission.status !== 'success') return data({ result: submission.reply({ hideFields }) }, { status: 400 })
	const used = await consumeToken(submission.value.token, 'RESET_PASSWORD')
	if (!used.ok) return data({ result: submission.reply({ formErrors: [TOKEN_MESSAGES[used.reason]], hideFields }) }, { status: 400 })
	await setPassword(used.userId, submission.value.password)
	// Receiving the email proves the address.
	await markEmailVerified(used.userId)
	return redirect('/login?notice=reset', { headers: { 'Set-Cookie': await sessionCookie.serialize('', { maxAge: 0 }) } })
}

export default function ResetPasswordPage() {
	const { token, tokenError } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const pending = useIsPending()
	const [form, fields] = useZodForm(ResetPasswordSchema, { id: 'reset-password', lastResult: actionData?.result })
	if (tokenError) {
		return (
			<>
				<AuthHeading title="That link didn’t work" />
				<Alert tone="danger" className="mb-6">
					{tokenError}
				</Alert>
				<Link to="/forgot-password" className={buttonClass({ className: 'w-full' })}>
					Send me a new link
				</Link>
			</>
		)
	}
	return (
		<>
			<AuthHeading title="Choose a new password" subtitle="This signs you out on every device." />
			<Form method="post" className="flex flex-col gap-4" {...getFormProps(form)}>
				<input type="hidden" name="token" value={token} />
				<Field
					label="New password"
					hint="At least 8 characters."
					errors={fields.password.errors}
					inputProps={{ ...getInputProps(fields.password, { type: 'password' }), autoComplete: 'new-password', autoFocus: true }}
				/>
				<Field
					label="Confirm new password"
					errors={fields.confirmPassword.errors}
					inputProps={{ ...getInputProps(fields.confirmPassword, { type: 'password' }), autoComplete: 'new-password' }}
				/>
				<ErrorList id={form.errorId} errors={form.errors} />
				<SubmitButton pending={pending} className="w-full">
					Save new password
				</SubmitButton>
			</Form>
		</>
	)
}

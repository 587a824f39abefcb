// After sign-up: "check your inbox" with a resend button; following the emailed
// link (?token=) confirms the address and signs the user in.
import { getFormProps, getInputProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { AuthHeading, RATE_LIMITED } from '#app/components/auth.tsx'
import { ErrorList, Field, SubmitButton, useIsPending, useZodForm } from '#app/components/forms.tsx'
import { Alert } from '#app/components/ui/alert.tsx'
import { resendVerificationEmail } from '#app/models/account-email.server.ts'
import { markEmailVerified } from '#app/models/user.server.ts'
import { consumeToken, TOKEN_MESSAGES } from '#app/models/verification.server.ts'
import { signIn } from '#app/utils/session.server.ts'
import { EmailOnlySchema } from '#app/validation/account.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'Confirm your email · Rapport' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const url = new URL(request.url)
	const token = url.searchParams.get('token')
	const email = url.searchParams.get('email') ?? ''
	if (!token) return { email, tokenError: null }
	const result = await consumeToken(token, 'VERIFY_EMAIL')
	if (!result.ok) return data({ email, tokenError: TOKEN_MESSAGES[result.reason] }, { status: 400 })
	await markEmailVerified(result.userId)
	return signIn(request, { userId: result.userId, remember: true, redirectTo: '/dashboard' })
}

export async function action({ request, context }: ActionFunctionArgs) {
	const submission = parseWithZod(await readForm(request), { schema: EmailOnlySchema })
	if (context.rateLimited) return data({ result: submission.reply({ formErrors: [RATE_LIMITED] }), sent: false }, { status: 429 })
	if (submission.status !== 'success') return data({ result: submission.reply(), sent: false }, { status: 400 })
	await resendVerificationEmail(submission.value.email)
	return { result: submission.reply(), sent: true }
}

export default function VerifyEmailPage() {
	const { email, tokenError } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const pending = useIsPending()
	const [form, fields] = useZodForm(EmailOnlySchema, { id: 'resend-verification', lastResult: actionData?.result, defaultValue: { email } })
	return (
		<>
			<AuthHeading
				title={tokenError ? 'That link didn’t work' : 'Check your inbox'}
				subtitle={
					tokenError ? null : (
						<>
							We sent a confirmation link to <strong className="text-fg">{email || 'your email address'}</strong>. Open it to finish setting up your
							account.
						</>
					)
				}
			/>
			{tokenError ? (
				<Alert tone="danger" className="mb-4">
					{tokenError}
				</Alert>
			) : null}
			{actionData?.sent ? (
				<Alert tone="success" className="mb-4">
					If that address has an unconfirmed account, a new link is on its way.
				</Alert>
			) : null}
			<Form method="post" className="flex flex-col gap-4" {...getFormProps(form)}>
				<Field label="Email" errors={fields.email.errors} inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'email' }} />
				<ErrorList id={form.errorId} errors={form.errors} />
				<SubmitButton pending={pending} variant="secondary" className="w-full">
					Send a new link
				</SubmitButton>
			</Form>
			<p className="mt-6 text-center text-sm text-muted">
				Confirmed already?{' '}
				<Link to="/login" className="font-medium text-link hover:underline">
					Sign in
				</Link>
			</p>
		</>
	)
}

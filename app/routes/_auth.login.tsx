import { getFormProps, getInputProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { AuthHeading, RATE_LIMITED } from '#app/components/auth.tsx'
import { CheckboxField, ErrorList, Field, SubmitButton, useIsPending, useZodForm } from '#app/components/forms.tsx'
import { GoogleButton } from '#app/components/google-button.tsx'
import { Alert } from '#app/components/ui/alert.tsx'
import { sendVerificationEmail } from '#app/models/account-email.server.ts'
import { verifyLogin } from '#app/models/user.server.ts'
import { getPublicEnv } from '#app/utils/env.server.ts'
import { requireAnonymous, signIn } from '#app/utils/session.server.ts'
import { LoginSchema } from '#app/validation/account.ts'
import { googleErrorMessage } from '#app/services/google-auth.server.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'Sign in · Rapport' }]

const NOTICES: Record<string, { tone: 'success' | 'info'; text: string }> = {
	reset: { tone: 'success', text: 'Your password was changed. Sign in with your new password.' },
	deleted: { tone: 'info', text: 'Your account and all of its data were deleted.' },
	'signed-out': { tone: 'info', text: 'You are signed out.' },
}

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAnonymous(request)
	const url = new URL(request.url)
	const notice = NOTICES[url.searchParams.get('notice') ?? ''] ?? null
	return { googleEnabled: getPublicEnv().GOOGLE_ENABLED, googleError: googleErrorMessage(url.searchParams.get('error')), notice }
}

const WRONG = 'The email or password is incorrect.'

export async function action({ request, context }: ActionFunctionArgs) {
	await requireAnonymous(request)
	const formData = await readForm(request)
	const submission = parseWithZod(formData, { schema: LoginSchema })
	if (context.rateLimited) return data({ result: submission.reply({ formErrors: [RATE_LIMITED], hideFields: ['password'] }) }, { status: 429 })
	if (submission.status !== 'success') return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
	const { email, password, remember, redirectTo } = submission.value
	const user = await verifyLogin(email, password)
	if (!user) return data({ result: submission.reply({ formErrors: [WRONG], hideFields: ['password'] }) }, { status: 400 })
	if (!user.emailVerifiedAt) {
		// Only someone who knows the password learns the account is unverified.
		await sendVerificationEmail(user)
		return data(
			{ result: submission.reply({ formErrors: [`Confirm your email first: we just sent a new link to ${user.email}.`], hideFields: ['password'] }) },
			{ status: 403 },
		)
	}
	return signIn(request, { userId: user.id, remember: Boolean(remember), redirectTo })
}

export default function LoginPage() {
	const { googleEnabled, googleError, notice } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const redirectTo = searchParams.get('redirectTo')
	const pending = useIsPending()
	const [form, fields] = useZodForm(LoginSchema, { id: 'login', lastResult: actionData?.result })
	return (
		<>
			<AuthHeading title="Welcome back" subtitle="Sign in to pick up where you left off." />
			{notice ? (
				<Alert tone={notice.tone} className="mb-4">
					{notice.text}
				</Alert>
			) : null}
			{googleError ? (
				<Alert tone="danger" className="mb-4">
					{googleError}
				</Alert>
			) : null}
			{googleEnabled ? <GoogleButton label="Sign in with Google" redirectTo={redirectTo} /> : null}
			<Form method="post" className="flex flex-col gap-4" {...getFormProps(form)}>
				<Field label="Email" errors={fields.email.errors} inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'email', autoFocus: true }} />
				<Field
					label="Password"
					errors={fields.password.errors}
					inputProps={{ ...getInputProps(fields.password, { type: 'password' }), autoComplete: 'current-password' }}
				/>
				<div className="flex items-center justify-between gap-2">
					<CheckboxField label="Remember me for 30 days" inputProps={{ ...getInputProps(fields.remember, { type: 'checkbox' }), defaultChecked: true }} />
				</div>
				<input type="hidden" name="redirectTo" value={redirectTo ?? ''} />
				<ErrorList id={form.errorId} errors={form.errors} />
				<SubmitButton pending={pending} className="w-full">
					Sign in
				</SubmitButton>
			</Form>
			<div className="mt-5 flex flex-col items-center gap-2 text-sm">
				<Link to="/forgot-password" className="text-link hover:underline">
					Forgot your password?
				</Link>
				<Link to="/magic-link" className="text-link hover:underline">
					Email me a sign-in link instead
				</Link>
			</div>
			<p className="mt-6 border-t border-border pt-5 text-center text-sm text-muted">
				New to Rapport?{' '}
				<Link to={redirectTo ? `/signup?${new URLSearchParams({ redirectTo })}` : '/signup'} className="font-medium text-link hover:underline">
					Create an account
				</Link>
			</p>
		</>
	)
}

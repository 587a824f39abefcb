import { getFormProps, getInputProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { AuthHeading, RATE_LIMITED } from '#app/components/auth.tsx'
import { ErrorList, Field, SubmitButton, useIsPending, useZodForm } from '#app/components/forms.tsx'
import { GoogleButton } from '#app/components/google-button.tsx'
import { sendVerificationEmail } from '#app/models/account-email.server.ts'
import { createUser, findUserByEmail } from '#app/models/user.server.ts'
import { getPublicEnv } from '#app/utils/env.server.ts'
import { requireAnonymous } from '#app/utils/session.server.ts'
import { SignupSchema } from '#app/validation/account.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'Create your account · Rapport' }]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAnonymous(request)
	return { googleEnabled: getPublicEnv().GOOGLE_ENABLED }
}

const TAKEN = 'An account with this email already exists. Sign in instead, or reset your password.'

export async function action({ request, context }: ActionFunctionArgs) {
	await requireAnonymous(request)
	const formData = await readForm(request)
	if (context.rateLimited) {
		return data({ result: parseWithZod(formData, { schema: SignupSchema }).reply({ formErrors: [RATE_LIMITED], hideFields: ['password'] }) }, { status: 429 })
	}
	const submission = await parseWithZod(formData, {
		async: true,
		schema: SignupSchema.superRefine(async (value, ctx) => {
			if (await findUserByEmail(value.email)) ctx.addIssue({ path: ['email'], code: 'custom', message: TAKEN })
		}),
	})
	if (submission.status !== 'success') {
		return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
	}
	const { name, email, password, timezone } = submission.value
	const user = await createUser({ name, email, password, timezone })
	await sendVerificationEmail(user)
	return redirect(`/verify-email?${new URLSearchParams({ email: user.email })}`)
}

export default function SignupPage() {
	const { googleEnabled } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const pending = useIsPending()
	const [form, fields] = useZodForm(SignupSchema, { id: 'signup', lastResult: actionData?.result })
	const timezone = useBrowserTimeZone()
	return (
		<>
			<AuthHeading title="Create your account" subtitle="Rapport remembers the people who matter, so you don’t have to." />
			{googleEnabled ? <GoogleButton label="Sign up with Google" redirectTo={searchParams.get('redirectTo')} /> : null}
			<Form method="post" className="flex flex-col gap-4" {...getFormProps(form)}>
				<Field label="Your name" errors={fields.name.errors} inputProps={{ ...getInputProps(fields.name, { type: 'text' }), autoComplete: 'name', autoFocus: true }} />
				<Field label="Email" errors={fields.email.errors} inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'email' }} />
				<Field
					label="Password"
					hint="At least 8 characters."
					errors={fields.password.errors}
					inputProps={{ ...getInputProps(fields.password, { type: 'password' }), autoComplete: 'new-password' }}
				/>
				<input type="hidden" name="timezone" value={timezone} />
				<input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
				<ErrorList id={form.errorId} errors={form.errors} />
				<SubmitButton pending={pending} className="w-full">
					Create account
				</SubmitButton>
			</Form>
			<p className="mt-6 text-center text-sm text-muted">
				Already have an account?{' '}
				<Link to="/login" className="font-medium text-link hover:underline">
					Sign in
				</Link>
			</p>
		</>
	)
}

/** The browser's zone; empty without JS, in which case the server uses UTC. */
function useBrowserTimeZone() {
	const [zone, setZone] = useState('')
	useEffect(() => setZone(Intl.DateTimeFormat().resolvedOptions().timeZone), [])
	return zone
}

// Passwordless sign-in. Opening the emailed link shows a confirm button rather
// than signing in on GET, so mail scanners that prefetch links can't use it up.
import { getFormProps, getInputProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { AuthHeading, RATE_LIMITED } from '#app/components/auth.tsx'
import { ErrorList, Field, SubmitButton, useIsPending, useZodForm } from '#app/components/forms.tsx'
import { Alert } from '#app/components/ui/alert.tsx'
import { sendMagicLinkEmail } from '#app/models/account-email.server.ts'
import { markEmailVerified } from '#app/models/user.server.ts'
import { checkToken, consumeToken, TOKEN_MESSAGES } from '#app/models/verification.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { signIn } from '#app/utils/session.server.ts'
import { EmailOnlySchema } from '#app/validation/account.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'Sign in with a link · Rapport' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const token = new URL(request.url).searchParams.get('token')
	if (!token) return { token: null, email: null, tokenError: null }
	const check = await checkToken(token, 'MAGIC_LINK')
	if (!check.ok) return data({ token: null, email: null, tokenError: TOKEN_MESSAGES[check.reason] }, { status: 400 })
	const user = await prisma.user.findUnique({ where: { id: check.userId }, select: { email: true } })
	return { token, email: user?.email ?? null, tokenError: null }
}

export async function action({ request, context }: ActionFunctionArgs) {
	const formData = await readForm(request)
	if (formData.get('intent') === 'use-link') {
		const used = await consumeToken(String(formData.get('token') ?? ''), 'MAGIC_LINK')
		if (!used.ok) return data({ result: null, sentTo: null, tokenError: TOKEN_MESSAGES[used.reason] }, { status: 400 })
		await markEmailVerified(used.userId)
		return signIn(request, { userId: used.userId, remember: true, redirectTo: '/dashboard' })
	}
	const submission = parseWithZod(formData, { schema: EmailOnlySchema })
	if (context.rateLimited) return data({ result: submission.reply({ formErrors: [RATE_LIMITED] }), sentTo: null, tokenError: null }, { status: 429 })
	if (submission.status !== 'success') return data({ result: submission.reply(), sentTo: null, tokenError: null }, { status: 400 })
	await sendMagicLinkEmail(submission.value.email)
	return { result: submission.reply({ resetForm: true }), sentTo: submission.value.email, tokenError: null }
}

export default function MagicLinkPage() {
	const loaderData = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const pending = useIsPending()
	const tokenError = actionData?.tokenError ?? loaderData.tokenError
	const [form, fields] = useZodForm(EmailOnlySchema, { id: 'magic-link', lastResult: actionData?.result })
	if (loaderData.token && !tokenError) {
		return (
			<>
				<AuthHeading title="Sign in to Rapport" subtitle={loaderData.email ? `Continue as ${loaderData.email}.` : undefined} />
				<Form method="post">
					<input type="hidden" name="token" value={loaderData.token} />
					<SubmitButton name="intent" value="use-link" pending={pending} className="w-full">
						Continue
					</SubmitButton>
				</Form>
			</>
		)
	}
	return (
		<>
			<AuthHeading title="Email me a sign-in link" subtitle="We’ll send a link that signs you in once, within 15 minutes. No password needed." />
			{tokenError ? (
				<Alert tone="danger" className="mb-4">
					{tokenError}
				</Alert>
			) : null}
			{actionData?.sentTo ? (
				<Alert tone="success" className="mb-4">
					If an account exists for {actionData.sentTo}, a sign-in link is on its way.
				</Alert>
			) : null}
			<Form method="post" className="flex flex-col gap-4" {...getFormProps(form)}>
				<Field label="Email" errors={fields.email.errors} inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'email', autoFocus: true }} />
				<ErrorList id={form.errorId} errors={form.errors} />
				<SubmitButton name="intent" value="request" pending={pending} className="w-full">
					Send sign-in link
				</SubmitButton>
			</Form>
			<p className="mt-6 text-center text-sm text-muted">
				<Link to="/login" className="font-medium text-link hover:underline">
					Sign in with a password
				</Link>
			</p>
		</>
	)
}

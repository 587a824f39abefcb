import { getFormProps, getInputProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData } from '@remix-run/react'
import { AuthHeading, RATE_LIMITED } from '#app/components/auth.tsx'
import { ErrorList, Field, SubmitButton, useIsPending, useZodForm } from '#app/components/forms.tsx'
import { Alert } from '#app/components/ui/alert.tsx'
import { sendPasswordResetEmail } from '#app/models/account-email.server.ts'
import { EmailOnlySchema } from '#app/validation/account.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'Reset your password · Rapport' }]

export async function action({ request, context }: ActionFunctionArgs) {
	const submission = parseWithZod(await readForm(request), { schema: EmailOnlySchema })
	if (context.rateLimited) return data({ result: submission.reply({ formErrors: [RATE_LIMITED] }), sentTo: null }, { status: 429 })
	if (submission.status !== 'success') return data({ result: submission.reply(), sentTo: null }, { status: 400 })
	await sendPasswordResetEmail(submission.value.email)
	// The same answer whether or not the address has an account.
	return { result: submission.reply({ resetForm: true }), sentTo: submission.value.email }
}

export default function ForgotPasswordPage() {
	const actionData = useActionData<typeof action>()
	const pending = useIsPending()
	const [form, fields] = useZodForm(EmailOnlySchema, { id: 'forgot-password', lastResult: actionData?.result })
	return (
		<>
			<AuthHeading title="Reset your password" subtitle="Enter the email you signed up with and we’ll send you a link to choose a new password." />
			{actionData?.sentTo ? (
				<Alert tone="success" className="mb-4">
					If an account exists for {actionData.sentTo}, a reset link is on its way. It works once, for one hour.
				</Alert>
			) : null}
			<Form method="post" className="flex flex-col gap-4" {...getFormProps(form)}>
				<Field label="Email" errors={fields.email.errors} inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'email', autoFocus: true }} />
				<ErrorList id={form.errorId} errors={form.errors} />
				<SubmitButton pending={pending} className="w-full">
					Send reset link
				</SubmitButton>
			</Form>
			<p className="mt-6 text-center text-sm text-muted">
				Remembered it?{' '}
				<Link to="/login" className="font-medium text-link hover:underline">
					Sign in
				</Link>
			</p>
		</>
	)
}

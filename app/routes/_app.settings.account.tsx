// Account: download everything, or delete the account and all of its data.
import { getFormProps, getInputProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { ErrorList, Field, SubmitButton, useIsPending, useZodForm } from '#app/components/forms.tsx'
import { buttonClass } from '#app/components/ui/button.tsx'
import { Card, CardBody, CardHeader } from '#app/components/ui/card.tsx'
import { deleteAccount, deletionSummary } from '#app/models/account.server.ts'
import { getSettings } from '#app/models/settings.server.ts'
import { checkPassword, normalizeEmail } from '#app/models/user.server.ts'
import { requireUserId, signOut } from '#app/utils/session.server.ts'
import { DeleteAccountSchema } from '#app/validation/settings.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'Account · Settings · Rapport' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const userId = await requireUserId(request)
	const [user, summary] = await Promise.all([getSettings(userId), deletionSummary(userId)])
	return { email: user.email, hasPassword: user.hasPassword, summary }
}

export async function action({ request }: ActionFunctionArgs) {
	const userId = await requireUserId(request)
	const { email, hasPassword } = await getSettings(userId)
	const submission = await parseWithZod(await readForm(request), {
		async: true,
		schema: DeleteAccountSchema.superRefine(async (value, ctx) => {
			if (normalizeEmail(value.email) !== email) {
				ctx.addIssue({ path: ['email'], code: 'custom', message: `Type ${email} exactly as shown` })
			}
			if (!hasPassword) return
			if (!value.password) ctx.addIssue({ path: ['password'], code: 'custom', message: 'Enter your password' })
			else if (!(await checkPassword(userId, value.password))) ctx.addIssue({ path: ['password'], code: 'custom', message: 'That password is incorrect' })
		}),
	})
	if (submission.status !== 'success') return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
	await deleteAccount(userId)
	// The session row went with the user; this clears the cookie too.
	return signOut(request, '/login?notice=deleted')
}

export default function AccountSettings() {
	const { email, hasPassword, summary } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const pending = useIsPending()
	const [form, fields] = useZodForm(DeleteAccountSchema, { id: 'delete-account', lastResult: actionData?.result })
	const contacts = summary.contacts === 0 ? 'contacts' : summary.contacts === 1 ? 'your 1 contact' : `your ${summary.contacts.toLocaleString('en')} contacts`

	return (
		<div className="flex flex-col gap-6">
			<Card>
				<CardHeader title="Download your data" description="A JSON file with your profile, settings and everything in your personal workspace." />
				<CardBody>
					{/* A plain link: the file comes from a resource route, not a page. */}
					<a href="/settings/export" download className={buttonClass({ variant: 'secondary' })}>
						Download my data
					</a>
				</CardBody>
			</Card>

			<Card className="border-danger/40">
				<CardHeader title="Delete account" description="This can’t be undone. Download your data first if you may want it later." />
				<CardBody className="flex flex-col gap-4">
					<div className="text-sm">
						<p>Deleting your account removes at once:</p>
						<ul className="mt-1 list-disc pl-5 text-muted">
							<li>your profile, picture, settings and sign-in sessions;</li>
							<li>
								{summary.workspaces === 1 ? 'your personal workspace and everything in it' : `the ${summary.workspaces} workspaces only you use and everything in them`}:{' '}
								{contacts}, companies, interactions, follow-ups, deals, reminders, templates, API keys and lead forms.
							</li>
						</ul>
						{summary.teams.length ? (
							<p className="mt-2 text-muted">
								You also leave {summary.teams.join(', ')}. Those workspaces and their records stay with the rest of the team.
							</p>
						) : null}
					</div>
					<Form method="post" className="flex max-w-md flex-col gap-4" {...getFormProps(form)}>
						<Field
							label={
								<>
									Type <span className="font-semibold">{email}</span> to confirm
								</>
							}
							errors={fields.email.errors}
							inputProps={{ ...getInputProps(fields.email, { type: 'text' }), autoComplete: 'off', autoCapitalize: 'none', spellCheck: false }}
						/>
						{hasPassword ? (
							<Field
								label="Your password"
								errors={fields.password.errors}
								inputProps={{ ...getInputProps(fields.password, { type: 'password' }), autoComplete: 'current-password' }}
							/>
						) : null}
						<ErrorList id={form.errorId} errors={form.errors} />
						<div>
							<SubmitButton pending={pending} variant="danger">
								Delete my account
							</SubmitButton>
						</div>
					</Form>
				</CardBody>
			</Card>
		</div>
	)
}

// The answer to "Log this as an interaction?" (the banner posts here), and the
// prompt as a page of its own: where a rejected answer is shown with its errors.
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { LogPromptForm, promptQuestion } from '#app/components/quick-actions.tsx'
import { Card } from '#app/components/ui/card.tsx'
import { clearQuickActionCookie, logPendingQuickAction, pendingQuickAction } from '#app/models/quick-action.server.ts'
import { requireMembership } from '#app/models/workspace.server.ts'
import { safeRedirectTo } from '#app/utils/session.server.ts'
import { LogPromptSchema } from '#app/validation/template.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'Log this as an interaction? · Rapport' }]

async function requirePending(request: Request, contactId: string) {
	const pending = await pendingQuickAction(request)
	// Nothing to ask (answered already, expired, another contact's): the contact's page.
	if (!pending || pending.contactId !== contactId) throw redirect(`/contacts/${contactId}`)
	return pending
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireMembership(request)
	const pending = await requirePending(request, params.id!)
	return { pending, redirectTo: safeRedirectTo(new URL(request.url).searchParams.get('redirectTo'), `/contacts/${pending.contactId}`) }
}

function withParam(path: string, key: string, value: string) {
	const url = new URL(path, 'http://rapport.invalid')
	url.searchParams.set(key, value)
	return `${url.pathname}${url.search}`
}

export async function action({ request, params }: ActionFunctionArgs) {
	await requireMembership(request)
	const formData = await readForm(request)
	const redirectTo = safeRedirectTo(formData.get('redirectTo'), `/contacts/${params.id}`)
	const headers = { 'Set-Cookie': await clearQuickActionCookie() }
	if (formData.get('intent') === 'dismiss') return redirect(redirectTo, { headers })

	const submission = parseWithZod(formData, { schema: LogPromptSchema })
	// A rejected answer shows here, still going back where it came from once fixed.
	if (submission.status !== 'success') return data({ result: submission.reply(), redirectTo }, { status: 400 })
	const result = await logPendingQuickAction(request, params.id!, submission.value)
	if (!result.logged && result.fieldErrors) {
		const { medium, ...rest } = result.fieldErrors
		return data({ result: submission.reply({ fieldErrors: medium ? { medium } : {}, formErrors: Object.values(rest).flat() }), redirectTo }, { status: 400 })
	}
	// Not logged and no errors: it was answered already (another tab, a double click). Nothing twice.
	return redirect(result.logged ? withParam(redirectTo, 'quick', 'logged') : redirectTo, { headers })
}

export default function LogPromptPage() {
	const { pending, redirectTo } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<div className="mx-auto max-w-2xl">
			<PageHeader title="Log this as an interaction?" subtitle={promptQuestion(pending)} back={{ to: `/contacts/${pending.contactId}`, label: pending.contactName }} />
			<Card className="p-5 text-sm">
				<LogPromptForm pending={pending} redirectTo={actionData?.redirectTo ?? redirectTo} lastResult={actionData?.result} page />
			</Card>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

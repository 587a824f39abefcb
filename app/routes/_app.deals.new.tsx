// New deal: the shared deal form (?stageId=, ?companyId=, ?contactId= prefill it); on save, the deal's page.
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { DealForm } from '#app/components/deal-form.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { createDeal, dealFormOptions, DealFieldError } from '#app/models/deal.server.ts'
import { canCreate, requireMembership } from '#app/models/workspace.server.ts'
import { dealFormSchema } from '#app/validation/deal.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'New deal · Rapport' }]

async function requireCreator(request: Request) {
	const m = await requireMembership(request)
	if (!canCreate(m)) throw new Response('Viewers cannot add deals. Ask a workspace admin.', { status: 403 })
	return m
}

export async function loader({ request }: LoaderFunctionArgs) {
	const m = await requireCreator(request)
	const url = new URL(request.url)
	const get = (k: string) => url.searchParams.get(k)?.trim().slice(0, 100) || null
	const { chosen, ...options } = await dealFormOptions(m, { companyId: get('companyId'), contactId: get('contactId') })
	const stageId = options.stages.find((s) => s.id === get('stageId'))?.id ?? options.stages.find((s) => s.outcome === 'OPEN')?.id ?? options.stages[0]?.id
	const back = chosen.contactId && get('contactId') ? `/contacts/${chosen.contactId}` : chosen.companyId && get('companyId') ? `/companies/${chosen.companyId}` : '/deals'
	return { options, back, defaultValue: { stageId, currency: 'USD', companyId: chosen.companyId ?? '', contactId: chosen.contactId ?? '' } }
}

export async function action({ request }: ActionFunctionArgs) {
	const m = await requireCreator(request)
	const submission = parseWithZod(await readForm(request), { schema: dealFormSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	try {
		const deal = await createDeal(m, submission.value)
		return redirect(`/deals/${deal.id}?created=1`)
	} catch (error) {
		if (!(error instanceof DealFieldError)) throw error
		return data({ result: submission.reply({ fieldErrors: { [error.field]: [error.message] } }) }, { status: 400 })
	}
}

export default function NewDeal() {
	const { options, back, defaultValue } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<div className="mx-auto max-w-3xl">
			<PageHeader title="New deal" back={{ to: back, label: back === '/deals' ? 'Deals' : 'Back' }} />
			<DealForm options={options} lastResult={actionData?.result} defaultValue={defaultValue} cancelTo={back} submitLabel="Save deal" />
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

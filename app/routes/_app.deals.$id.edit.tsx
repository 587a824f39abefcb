// Edit a deal: the shared deal form, filled in; on save, back to its page.
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { DealForm } from '#app/components/deal-form.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { dealFormOptions, DealFieldError, getDeal, updateDeal } from '#app/models/deal.server.ts'
import { requireEdit, requireMembership } from '#app/models/workspace.server.ts'
import { amountInput, dealFormSchema } from '#app/validation/deal.ts'
import { notFound } from '#app/utils/misc.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Edit ${data?.deal.name ?? 'deal'} · Rapport` }]

async function requireEditable(request: Request, id: string) {
	const m = await requireMembership(request)
	const deal = await getDeal(m, id)
	if (!deal) throw notFound()
	requireEdit(m, deal)
	return { m, deal }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { m, deal } = await requireEditable(request, params.id!)
	const { chosen: _chosen, ...options } = await dealFormOptions(m, { companyId: deal.companyId, contactId: deal.contactId })
	return {
		deal: { id: deal.id, name: deal.name },
		options,
		defaultValue: {
			name: deal.name,
			value: deal.valueCents ? amountInput(deal.valueCents, deal.currency) : '',
			currency: deal.currency,
			stageId: deal.stageId,
			// Empty while it matches the stage, so a stage change brings the new stage's.
			probability: deal.probability === deal.stage.probability ? '' : String(deal.probability),
			expectedCloseAt: deal.expectedCloseAt ? deal.expectedCloseAt.toISOString().slice(0, 10) : '',
			companyId: deal.company?.id ?? '',
			contactId: deal.contact?.id ?? '',
			ownerId: deal.ownerId ?? '',
			closeReason: deal.closeReason ?? '',
			notes: deal.notes ?? '',
		},
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { m, deal } = await requireEditable(request, params.id!)
	const submission = parseWithZod(await readForm(request), { schema: dealFormSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	try {
		await updateDeal(m, deal.id, submission.value)
	} catch (error) {
		if (!(error instanceof DealFieldError)) throw error
		return data({ result: submission.reply({ fieldErrors: { [error.field]: [error.message] } }) }, { status: 400 })
	}
	return redirect(`/deals/${deal.id}?saved=1`)
}

export default function EditDeal() {
	const { deal, options, defaultValue } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<div className="mx-auto max-w-3xl">
			<PageHeader title={`Edit ${deal.name}`} back={{ to: `/deals/${deal.id}`, label: deal.name }} />
			<DealForm options={options} lastResult={actionData?.result} defaultValue={defaultValue} cancelTo={`/deals/${deal.id}`} submitLabel="Save changes" />
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

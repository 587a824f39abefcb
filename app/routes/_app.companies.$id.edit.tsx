// Edit a company: the shared company form, filled in; on save, back to its page.
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { CompanyForm } from '#app/components/company-form.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { defaultCountryOf, getCompany, listCompanyFilterOptions, updateCompany } from '#app/models/company.server.ts'
import { listCustomFields } from '#app/models/custom-field.server.ts'
import { requireEdit, requireMembership } from '#app/models/workspace.server.ts'
import { formatPhone } from '#app/utils/contact-fields.ts'
import { companyFormSchema } from '#app/validation/company.ts'
import { notFound } from '#app/utils/misc.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Edit ${data?.company.name ?? 'company'} · Rapport` }]

async function requireEditable(request: Request, id: string) {
	const m = await requireMembership(request)
	const company = await getCompany(m, id)
	if (!company) throw notFound()
	requireEdit(m, company)
	return { m, company }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { m, company } = await requireEditable(request, params.id!)
	const [customFields, filters] = await Promise.all([listCustomFields(m.workspaceId, 'COMPANY'), listCompanyFilterOptions(m)])
	const stored = (company.customFields ?? {}) as Record<string, unknown>
	return {
		company: { id: company.id, name: company.name },
		options: { customFields, industries: filters.industries, tagNames: filters.tags.map((t) => t.name) },
		defaultValue: {
			name: company.name,
			industry: company.industry ?? '',
			sizeBand: company.sizeBand ?? '',
			leadStatus: company.leadStatus ?? '',
			website: company.website ?? '',
			email: company.email ?? '',
			phone: company.phone ? formatPhone(company.phone) : '',
			street: company.street ?? '',
			city: company.city ?? '',
			region: company.region ?? '',
			postalCode: company.postalCode ?? '',
			country: company.country ?? '',
			tags: company.tags.map((t) => t.name).join(', '),
			notes: company.notes ?? '',
			custom: Object.fromEntries(customFields.filter((d) => stored[d.key] != null).map((d) => [d.key, String(stored[d.key])])),
		},
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { m, company } = await requireEditable(request, params.id!)
	const customFields = await listCustomFields(m.workspaceId, 'COMPANY')
	const submission = parseWithZod(await readForm(request), { schema: companyFormSchema(customFields) })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	await updateCompany(m, company.id, submission.value, { defaultCountry: await defaultCountryOf(m.userId), customFields })
	return redirect(`/companies/${company.id}?saved=1`)
}

export default function EditCompany() {
	const { company, options, defaultValue } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<div className="mx-auto max-w-3xl">
			<PageHeader title={`Edit ${company.name}`} back={{ to: `/companies/${company.id}`, label: company.name }} />
			<CompanyForm options={options} lastResult={actionData?.result} defaultValue={defaultValue} cancelTo={`/companies/${company.id}`} submitLabel="Save changes" />
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

// New company: the shared company form; on save, the company's page.
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { CompanyForm } from '#app/components/company-form.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { createCompany, defaultCountryOf, listCompanyFilterOptions } from '#app/models/company.server.ts'
import { listCustomFields } from '#app/models/custom-field.server.ts'
import { canCreate, requireMembership } from '#app/models/workspace.server.ts'
import { companyFormSchema } from '#app/validation/company.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'New company · Rapport' }]

async function requireCreator(request: Request) {
	const m = await requireMembership(request)
	if (!canCreate(m)) throw new Response('Viewers cannot add companies. Ask a workspace admin.', { status: 403 })
	return m
}

export async function loader({ request }: LoaderFunctionArgs) {
	const m = await requireCreator(request)
	const [customFields, filters] = await Promise.all([listCustomFields(m.workspaceId, 'COMPANY'), listCompanyFilterOptions(m)])
	return { customFields, industries: filters.industries, tagNames: filters.tags.map((t) => t.name) }
}

export async function action({ request }: ActionFunctionArgs) {
	const m = await requireCreator(request)
	const customFields = await listCustomFields(m.workspaceId, 'COMPANY')
	const submission = parseWithZod(await readForm(request), { schema: companyFormSchema(customFields) })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const company = await createCompany(m, submission.value, { defaultCountry: await defaultCountryOf(m.userId), customFields })
	return redirect(`/companies/${company.id}?created=1`)
}

export default function NewCompany() {
	const options = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<div className="mx-auto max-w-3xl">
			<PageHeader title="New company" back={{ to: '/companies', label: 'Companies' }} />
			<CompanyForm options={options} lastResult={actionData?.result} cancelTo="/companies" submitLabel="Save company" />
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

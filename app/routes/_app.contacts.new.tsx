import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { ContactForm } from '#app/components/contact-form.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { canCreate, requireMembership } from '#app/models/workspace.server.ts'
import { contactFormOptions, handleContactForm } from './_app.contacts.form.server.ts'

export const meta: MetaFunction = () => [{ title: 'New contact · Rapport' }]

async function requireCreator(request: Request) {
	const m = await requireMembership(request)
	if (!canCreate(m)) throw new Response('Viewers cannot add contacts. Ask a workspace admin.', { status: 403 })
	return m
}

export async function loader({ request }: LoaderFunctionArgs) {
	const options = await contactFormOptions(await requireCreator(request))
	// "Add contact" on a company page arrives with ?companyId=.
	const companyId = new URL(request.url).searchParams.get('companyId')
	const preset = options.companies.some((c) => c.id === companyId) ? { companyId, emails: [{}], phones: [{}] } : undefined
	return { options, preset }
}

export async function action({ request }: ActionFunctionArgs) {
	return handleContactForm(request, await requireCreator(request))
}

export default function NewContact() {
	const { options, preset } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<div className="mx-auto max-w-3xl">
			<PageHeader title="New contact" back={{ to: '/contacts', label: 'Contacts' }} />
			<ContactForm options={options} defaultValue={preset} lastResult={actionData?.result} duplicates={actionData?.duplicates} cancelTo="/contacts" submitLabel="Save contact" />
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

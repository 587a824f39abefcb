import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { ContactForm } from '#app/components/contact-form.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { getContact } from '#app/models/contact.server.ts'
import { requireEdit, requireMembership } from '#app/models/workspace.server.ts'
import { contactFormOptions, contactFormValues, contactPictureSrc, handleContactForm } from './_app.contacts.form.server.ts'
import { notFound } from '#app/utils/misc.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Edit ${data?.contact.displayName ?? 'contact'} · Rapport` }]

async function load(request: Request, id: string) {
	const m = await requireMembership(request)
	const contact = await getContact(m, id)
	if (!contact) throw notFound()
	requireEdit(m, contact)
	return { m, contact }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { m, contact } = await load(request, params.id!)
	return {
		options: await contactFormOptions(m),
		contact: { id: contact.id, displayName: contact.displayName, pictureSrc: contactPictureSrc(contact) },
		values: contactFormValues(contact),
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { m, contact } = await load(request, params.id!)
	return handleContactForm(request, m, contact.id)
}

export default function EditContact() {
	const { options, contact, values } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<div className="mx-auto max-w-3xl">
			<PageHeader title={`Edit ${contact.displayName}`} back={{ to: `/contacts/${contact.id}`, label: contact.displayName }} />
			<ContactForm
				options={options}
				defaultValue={values}
				lastResult={actionData?.result}
				duplicates={actionData?.duplicates}
				picture={{ name: contact.displayName, src: contact.pictureSrc }}
				cancelTo={`/contacts/${contact.id}`}
				submitLabel="Save changes"
			/>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { userPrefs } from '#app/models/user.server.ts'
import { Form, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Card } from '#app/components/ui/card.tsx'
import { listRecentlyDeleted, restoreContact } from '#app/models/contact.server.ts'
import { DELETED_RETENTION_DAYS } from '#app/validation/contact-list.ts'
import { requireMembership } from '#app/models/workspace.server.ts'
import { formatDateTime } from '#app/utils/time.ts'
import { notFound } from '#app/utils/misc.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'Recently deleted · Rapport' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const m = await requireMembership(request)
	const user = await userPrefs(m.userId)
	return { contacts: await listRecentlyDeleted(m), timezone: user.timezone }
}

export async function action({ request }: ActionFunctionArgs) {
	const m = await requireMembership(request)
	const id = String((await readForm(request)).get('id') ?? '')
	if (!(await restoreContact(m, id))) throw notFound()
	return redirect(`/contacts/${id}`)
}

export default function RecentlyDeleted() {
	const { contacts, timezone } = useLoaderData<typeof loader>()
	return (
		<div className="mx-auto max-w-3xl">
			<PageHeader title="Recently deleted" subtitle={`Deleted contacts stay here for ${DELETED_RETENTION_DAYS} days, then they are removed for good.`} back={{ to: '/contacts', label: 'Contacts' }} />
			<Card>
				<ul className="divide-y divide-border">
					{contacts.length === 0 ? <li className="px-5 py-6 text-sm text-muted">Nothing here.</li> : null}
					{contacts.map((c) => (
						<li key={c.id} className="flex items-center justify-between gap-3 px-5 py-3 text-sm">
							<span className="min-w-0">
								<span className="block truncate font-medium">{c.displayName}</span>
								<span className="block text-xs text-muted">
									{c.company?.name ? `${c.company.name} · ` : ''}Deleted {formatDateTime(c.deletedAt!, timezone)}
								</span>
							</span>
							<Form method="post">
								<input type="hidden" name="id" value={c.id} />
								<Button type="submit" variant="secondary" size="sm" aria-label={`Restore ${c.displayName}`}>
									Restore
								</Button>
							</Form>
						</li>
					))}
				</ul>
			</Card>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

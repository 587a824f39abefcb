// "Log interaction": from a contact page (?contactId=), a company page
// (?companyId=), or on its own, where a search (a GET form) picks the contact first.
import { userPrefs } from '#app/models/user.server.ts'
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { InteractionForm } from '#app/components/interaction-form.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { Avatar } from '#app/components/ui/avatar.tsx'
import { Button, buttonClass } from '#app/components/ui/button.tsx'
import { Card } from '#app/components/ui/card.tsx'
import { Icon } from '#app/components/ui/icon.tsx'
import { Input } from '#app/components/ui/input.tsx'
import { companyVisibleTo, listCompanyContacts } from '#app/models/company.server.ts'
import { listContacts } from '#app/models/contact-list.server.ts'
import { getDeal } from '#app/models/deal.server.ts'
import { interactionDefaults, logInteraction } from '#app/models/interaction.server.ts'
import { canCreate, requireMembership, visibleTo, type Membership } from '#app/models/workspace.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { formatDate } from '#app/utils/time.ts'
import { FOLLOW_UP_TYPE_FOR, interactionSchema, MEDIUMS, MESSAGES, safeReturnTo, type Medium } from '#app/validation/interaction.ts'
import { notFound } from '#app/utils/misc.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'Log an interaction · Rapport' }]

async function requireLogger(request: Request) {
	const m = await requireMembership(request)
	if (!canCreate(m)) throw new Response('You can read this workspace but not log interactions. Ask a workspace admin.', { status: 403 })
	return m
}


/** Whom the form is for, from the query string; 404 for a record the member may not see. */
async function loadTarget(m: Membership, params: URLSearchParams) {
	const dealId = params.get('dealId')
	if (dealId) {
		// From a deal's page: with the deal's contact, else its company; the deal rides along.
		const deal = await getDeal(m, dealId)
		if (!deal) throw notFound()
		const inner = new URLSearchParams(deal.contact ? { contactId: deal.contact.id } : deal.company ? { companyId: deal.company.id } : {})
		const target = inner.size ? await loadRecordTarget(m, inner) : null
		if (!target) throw new Response('Add a contact or company to this deal first.', { status: 400 })
		return { ...target, dealId: deal.id, dealName: deal.name, returnTo: `/deals/${deal.id}` }
	}
	return loadRecordTarget(m, params)
}

async function loadRecordTarget(m: Membership, params: URLSearchParams) {
	const contactId = params.get('contactId')
	const companyId = params.get('companyId')
	if (contactId) {
		const contact = await prisma.contact.findFirst({
			where: { id: contactId, deletedAt: null, ...visibleTo(m) },
			select: { id: true, displayName: true, company: { select: { id: true, name: true } } },
		})
		if (!contact) throw notFound()
		return { contact: { id: contact.id, displayName: contact.displayName }, company: null, companyName: contact.company?.name ?? null, returnTo: `/contacts/${contact.id}` }
	}
	if (companyId) {
		const company = await prisma.company.findFirst({ where: { id: companyId, deletedAt: null, ...companyVisibleTo(m) }, select: { id: true, name: true } })
		if (!company) throw notFound()
		const people = await listCompanyContacts(m, company.id)
		return {
			contact: null,
			company,
			companyName: null,
			companyContacts: people.map((p) => ({ id: p.id, displayName: p.displayName })),
			returnTo: `/companies/${company.id}`,
		}
	}
	return null
}

export async function loader({ request }: LoaderFunctionArgs) {
	const m = await requireLogger(request)
	const params = new URL(request.url).searchParams
	const target = await loadTarget(m, params)
	if (!target) {
		// The picker: matches for a search, else the people most recently in touch.
		const q = params.get('q')?.trim() ?? ''
		const list = await listContacts(m, q ? { q } : { sort: 'lastContacted', dir: 'desc' })
		const { timezone } = await userPrefs(m.userId)
		return {
			mode: 'pick' as const,
			q,
			timezone,
			total: list.total,
			contacts: list.rows.slice(0, q ? 25 : 10).map((r) => ({
				id: r.id,
				displayName: r.displayName,
				detail: [r.jobTitle, r.company?.name].filter(Boolean).join(' at '),
				lastContactedAt: r.lastContactedAt,
				pictureSrc: r.image ? `/contacts/${r.id}/picture?v=${r.image.id}` : r.avatarUrl,
			})),
		}
	}
	const defaults = await interactionDefaults(m)
	const preset = params.get('medium')
	const medium: Medium = (MEDIUMS as readonly string[]).includes(preset ?? '') ? (preset as Medium) : 'CALL'
	return {
		mode: 'form' as const,
		target,
		returnTo: safeReturnTo(params.get('returnTo')) ?? target.returnTo,
		timezone: defaults.timezone,
		followUpDays: defaults.followUpDays,
		defaultValue: {
			medium,
			occurredAt: defaults.occurredAt,
			followUpDueAt: defaults.followUpDueAt,
			followUpType: FOLLOW_UP_TYPE_FOR[medium],
			contactId: target.contact?.id ?? '',
		},
	}
}

export async function action({ request }: ActionFunctionArgs) {
	const m = await requireLogger(request)
	const formData = await readForm(request)
	const submission = parseWithZod(formData, { schema: interactionSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const result = await logInteraction(m, submission.value)
	if (!result.ok) {
		// A contact or company id this member may not see: the same answer as its page.
		const missing = [...(result.fieldErrors.contactId ?? []), ...(result.fieldErrors.companyId ?? [])]
		if (missing.includes(MESSAGES.contactMissing) || missing.includes(MESSAGES.companyMissing)) throw notFound()
		return data({ result: submission.reply({ fieldErrors: result.fieldErrors }) }, { status: 400 })
	}
	const { contactId, companyId } = result.interaction
	const back = safeReturnTo(formData.get('returnTo')) ?? (contactId ? `/contacts/${contactId}` : `/companies/${companyId}`)
	return redirect(back.startsWith('/deals/') ? `${back}?interaction=logged#interactions` : `${back}?interaction=logged#timeline`)
}

export default function LogInteraction() {
	const loaded = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	if (loaded.mode === 'pick') return <ContactPicker {...loaded} />
	const { target } = loaded
	const withWhom = target.contact ? target.contact.displayName : target.company!.name
	return (
		<div className="mx-auto max-w-3xl">
			<PageHeader
				title="Log an interaction"
				subtitle={
					<>
						With <span className="font-medium text-fg">{withWhom}</span>
						{target.companyName ? ` · ${target.companyName}` : null}
						{' · '}
						<Link to="/interactions/new" className="text-link hover:underline">
							Someone else
						</Link>
					</>
				}
				back={{ to: loaded.returnTo, label: withWhom }}
			/>
			<InteractionForm
				formId="interaction"
				target={target}
				timezone={loaded.timezone}
				followUpDays={loaded.followUpDays}
				defaultValue={loaded.defaultValue}
				lastResult={actionData?.result}
				returnTo={loaded.returnTo}
				submitLabel="Log interaction"
				cancelTo={loaded.returnTo}
			/>
		</div>
	)
}

function ContactPicker({ q, contacts, total, timezone }: { q: string; contacts: Array<{ id: string; displayName: string; detail: string; lastContactedAt: Date | null; pictureSrc: string | null }>; total: number; timezone: string }) {
	return (
		<div className="mx-auto max-w-3xl">
			<PageHeader title="Log an interaction" subtitle="Who was it with?" />
			<Card>
				<Form method="get" role="search" className="flex gap-2 border-b border-border p-4">
					<label htmlFor="contact-search" className="sr-only">
						Search contacts
					</label>
					<Input id="contact-search" type="search" name="q" defaultValue={q} placeholder="Name, email or phone" autoFocus autoComplete="off" />
					<Button type="submit" variant="secondary">
						<Icon name="search" className="h-4 w-4" /> Search
					</Button>
				</Form>
				<p className="px-5 pt-3 text-xs font-medium tracking-wide text-muted uppercase">{q ? `${total} ${total === 1 ? 'match' : 'matches'}` : 'Recently in touch'}</p>
				{contacts.length ? (
					<ul className="divide-y divide-border" aria-label="Contacts">
						{contacts.map((c) => (
							<li key={c.id}>
								<Link to={`?contactId=${c.id}`} className="flex items-center gap-3 px-5 py-3 hover:bg-subtle">
									<Avatar name={c.displayName} src={c.pictureSrc} />
									<span className="min-w-0 flex-1">
										<span className="block truncate text-sm font-medium">{c.displayName}</span>
										<span className="block truncate text-xs text-muted">{c.detail || '—'}</span>
									</span>
									<span className="hidden shrink-0 text-xs text-muted sm:block">{c.lastContactedAt ? `Last contacted ${formatDate(c.lastContactedAt, timezone)}` : 'Never contacted'}</span>
									<Icon name="chevron-right" className="h-4 w-4 shrink-0 text-muted" />
								</Link>
							</li>
						))}
					</ul>
				) : (
					<div className="px-5 py-6 text-sm text-muted">
						<p>{q ? `No contacts match “${q}”.` : 'No contacts yet.'}</p>
						<Link to="/contacts/new" className={buttonClass({ variant: 'secondary', size: 'sm', className: 'mt-3' })}>
							<Icon name="plus" className="h-4 w-4" /> Add a contact
						</Link>
					</div>
				)}
				{q && total > contacts.length ? <p className="border-t border-border px-5 py-3 text-xs text-muted">Showing the first {contacts.length}. Type more of the name to narrow it down.</p> : null}
			</Card>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

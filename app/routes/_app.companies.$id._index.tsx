// The company page: header (name, domain, industry, size, status, tags), its people
// with decision-makers and the primary contact, details, notes and activity.
import { userPrefs } from '#app/models/user.server.ts'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { ConfirmDelete } from '#app/components/confirm-delete.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Fact, NotesCard } from '#app/components/record.tsx'
import { LeadStatusMenu } from '#app/components/lead-status-menu.tsx'
import { FollowUpCard } from '#app/components/follow-up-list.tsx'
import { RecordDealsCard } from '#app/components/record-deals.tsx'
import { useIsPending } from '#app/components/forms.tsx'
import { TagBadge } from '#app/components/tag-badge.tsx'
import { Timeline } from '#app/components/timeline.tsx'
import { Alert } from '#app/components/ui/alert.tsx'
import { Avatar } from '#app/components/ui/avatar.tsx'
import { Badge } from '#app/components/ui/badge.tsx'
import { Button, buttonClass } from '#app/components/ui/button.tsx'
import { Card, CardHeader } from '#app/components/ui/card.tsx'
import { Icon } from '#app/components/ui/icon.tsx'
import { Label, Select } from '#app/components/ui/input.tsx'
import { listActivity } from '#app/models/activity.server.ts'
import { getCompany, listCompanyContacts, setPrimaryContact, softDeleteCompany } from '#app/models/company.server.ts'
import { customFieldDisplay, listCustomFields } from '#app/models/custom-field.server.ts'
import { listRecordDeals } from '#app/models/deal.server.ts'
import { listRecordFollowUps } from '#app/models/follow-up.server.ts'
import { getTimeline } from '#app/models/timeline.server.ts'
import { canCreate, requireMembership } from '#app/models/workspace.server.ts'
import { formatPhone } from '#app/utils/contact-fields.ts'
import { renderMarkdown } from '#app/utils/markdown.server.ts'
import { formatDate, formatDateTime } from '#app/utils/time.ts'
import { SIZE_BAND_LABELS, type SizeBand } from '#app/validation/company.ts'
import { AUTHORITY_LABELS } from '#app/validation/contact.ts'
import { parseTimelineParams } from '#app/validation/interaction.ts'
import { notFound } from '#app/utils/misc.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.company.name ?? 'Company'} · Rapport` }]

async function requireCompany(request: Request, id: string) {
	const m = await requireMembership(request)
	const company = await getCompany(m, id)
	if (!company) throw notFound()
	return { m, company }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { m, company } = await requireCompany(request, params.id!)
	const [contacts, activity, customFields, user] = await Promise.all([
		listCompanyContacts(m, company.id),
		listActivity(m.workspaceId, 'Company', company.id),
		listCustomFields(m.workspaceId, 'COMPANY'),
		userPrefs(m.userId),
	])
	const followUps = await listRecordFollowUps(m, { companyId: company.id })
	const deals = await listRecordDeals(m, { companyId: company.id })
	const timeline = await getTimeline(m, { companyId: company.id, ...parseTimelineParams(new URL(request.url).searchParams) })
	const { customFields: stored, ...rest } = company
	return {
		company: rest,
		contacts: contacts.map(({ image, avatarUrl, ...c }) => ({ ...c, pictureSrc: image ? `/contacts/${c.id}/picture?v=${image.id}` : avatarUrl })),
		custom: customFieldDisplay(stored, customFields),
		notesHtml: renderMarkdown(company.notes),
		activity,
		timezone: user.timezone,
		timeline,
		followUps,
		deals,
		canCreateDeal: canCreate(m),
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { m, company } = await requireCompany(request, params.id!)
	const form = await readForm(request)
	const intent = form.get('intent')
	if (intent === 'delete') {
		await softDeleteCompany(m, company.id)
		return redirect(`/companies?deleted=${company.id}`)
	}
	if (intent === 'set-primary') {
		const contactId = String(form.get('contactId') ?? '') || null
		const ok = await setPrimaryContact(m, company.id, contactId)
		if (!ok) return data({ primaryError: 'Choose one of this company’s contacts.' }, { status: 400 })
		return redirect(`/companies/${company.id}?primary=saved`)
	}
	throw new Response('Unknown action', { status: 400 })
}

const ACTION_LABELS: Record<string, string> = {
	created: 'Created',
	updated: 'Edited',
	status_changed: 'Changed the lead status',
	deleted: 'Deleted',
	restored: 'Restored',
}
const FIELD_LABELS: Record<string, string> = {
	sizeBand: 'size',
	leadStatus: 'lead status',
	postalCode: 'postal code',
	customFields: 'more details',
	primaryContact: 'primary contact',
}


/** "Changed industry from Software to SaaS", or the list of fields changed. */
function describeDiff(diff: unknown) {
	if (!diff || typeof diff !== 'object' || Array.isArray(diff)) return null
	const entries = Object.entries(diff as Record<string, [unknown, unknown]>)
	if (!entries.length) return null
	const show = (v: unknown) => (v === null || v === '' ? 'nothing' : typeof v === 'object' ? '…' : String(v))
	if (entries.length === 1) {
		const [field, [before, after]] = entries[0]!
		if (field !== 'notes' && field !== 'customFields') return `${FIELD_LABELS[field] ?? field}: ${show(before)} → ${show(after)}`
	}
	return entries.map(([k]) => FIELD_LABELS[k] ?? k).join(', ')
}

export default function CompanyPage() {
	const { company: c, contacts, custom, notesHtml, activity, timezone, followUps, timeline, deals, canCreateDeal } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [params] = useSearchParams()
	const primaryPending = useIsPending({ intent: 'set-primary' })
	const address = [c.street, [c.postalCode, c.city].filter(Boolean).join(' '), c.region, c.country].filter(Boolean).join(', ')
	const facts = [c.industry, c.sizeBand ? SIZE_BAND_LABELS[c.sizeBand as SizeBand] ?? c.sizeBand : null].filter(Boolean)

	return (
		<div className="flex min-w-0 flex-col gap-6">
			<Link to="/companies" className="inline-flex items-center gap-1 self-start text-sm text-muted hover:text-fg">
				<Icon name="chevron-left" className="h-4 w-4" /> Companies
			</Link>
			{params.get('created') ? <Alert tone="success">Company saved.</Alert> : null}
			{params.get('saved') ? <Alert tone="success">Changes saved.</Alert> : null}
			{params.get('restored') ? <Alert tone="success">Company restored.</Alert> : null}
			{params.get('primary') === 'saved' ? <Alert tone="success">Primary contact saved.</Alert> : null}

			<Card className="p-5">
				<div className="flex flex-col gap-4 sm:flex-row sm:items-start">
					<span aria-hidden="true" className="inline-flex h-16 w-16 shrink-0 items-center justify-center rounded-lg bg-accent-soft text-link">
						<Icon name="building" className="h-7 w-7" />
					</span>
					<div className="min-w-0 flex-1">
						<h1 className="text-2xl font-semibold tracking-tight break-words">{c.name}</h1>
						<p className="mt-0.5 flex flex-wrap items-center gap-x-2 text-sm text-muted">
							{c.domain ? (
								<a href={c.website ?? `https://${c.domain}`} className="inline-flex items-center gap-1 text-link hover:underline" rel="noopener noreferrer" target="_blank">
									{c.domain}
									<Icon name="external" className="h-3.5 w-3.5" />
								</a>
							) : null}
							{c.domain && facts.length ? <span aria-hidden="true">·</span> : null}
							{facts.length ? <span>{facts.join(' · ')}</span> : null}
							{!c.domain && !facts.length ? <span>No website, industry or size yet</span> : null}
						</p>
						{c.canEdit || c.leadStatus || c.tags.length ? (
							<div className="mt-3 flex flex-wrap items-center gap-2">
								<LeadStatusMenu entity="company" id={c.id} name={c.name} status={c.leadStatus} editable={c.canEdit} />
								{c.tags.map((t) => (
									<Link key={t.id} to={`/companies?tag=${t.id}`} className="rounded-full">
										<TagBadge name={t.name} color={t.color} />
									</Link>
								))}
							</div>
						) : null}
					</div>
					<div className="flex flex-wrap gap-2">
						{c.email ? (
							<a href={`mailto:${c.email}`} className={buttonClass({ variant: 'secondary', size: 'sm' })}>
								<Icon name="mail" className="h-4 w-4" /> Email
							</a>
						) : null}
						{c.phone ? (
							<a href={`tel:${c.phone}`} className={buttonClass({ variant: 'secondary', size: 'sm' })}>
								<Icon name="phone" className="h-4 w-4" /> Call
							</a>
						) : null}
						{timeline.canLog ? (
							<Link to={timeline.logHref} className={buttonClass({ variant: 'secondary', size: 'sm' })}>
								<Icon name="plus" className="h-4 w-4" /> Log interaction
							</Link>
						) : null}
						{c.canEdit ? (
							<Link to="edit" className={buttonClass({ size: 'sm' })}>
								<Icon name="pencil" className="h-4 w-4" /> Edit
							</Link>
						) : null}
					</div>
				</div>
			</Card>

			<div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
				<div className="flex min-w-0 flex-col gap-6">
					<Card>
						<CardHeader
							title="People"
							description={contacts.length === 0 ? 'No contacts at this company yet.' : `${contacts.length} ${contacts.length === 1 ? 'contact' : 'contacts'}`}
							actions={
								c.canEdit ? (
									<Link to={`/contacts/new?companyId=${c.id}`} className={buttonClass({ variant: 'secondary', size: 'sm' })}>
										<Icon name="plus" className="h-4 w-4" /> Add contact
									</Link>
								) : null
							}
						/>
						{contacts.length ? (
							<ul className="divide-y divide-border" aria-label="Contacts at this company">
								{contacts.map((p) => {
									const badges = (
										<>
											{c.primaryContact?.id === p.id ? <Badge tone="accent">Primary contact</Badge> : null}
											{p.isDecisionMaker ? <Badge tone="warning">Decision-maker{p.authorityLevel ? ` · ${AUTHORITY_LABELS[p.authorityLevel]}` : ''}</Badge> : null}
										</>
									)
									return (
										<li key={p.id} className="flex items-center gap-3 px-5 py-3">
											<Avatar name={p.displayName} src={p.pictureSrc} />
											<div className="min-w-0 flex-1">
												<Link to={`/contacts/${p.id}`} className="block truncate text-sm font-medium text-fg hover:text-link hover:underline">
													{p.displayName}
												</Link>
												<p className="truncate text-xs text-muted">{[p.jobTitle, p.emails[0]?.email].filter(Boolean).join(' · ') || '—'}</p>
												{/* On phones the badges go under the name, so a row never outgrows the screen. */}
												<div className="mt-1 flex flex-wrap gap-1.5 empty:hidden sm:hidden">{badges}</div>
											</div>
											<div className="hidden shrink-0 flex-wrap justify-end gap-1.5 sm:flex">{badges}</div>
										</li>
									)
								})}
							</ul>
						) : null}
						{c.canEdit && contacts.length ? (
							<Form method="post" className="flex flex-wrap items-end gap-2 border-t border-border px-5 py-3">
								<input type="hidden" name="intent" value="set-primary" />
								<div className="min-w-48 flex-1 sm:max-w-xs">
									<Label htmlFor="primary-contact" className="mb-1 text-xs text-muted">
										Primary contact
									</Label>
									<Select id="primary-contact" name="contactId" defaultValue={c.primaryContact?.id ?? ''} className="h-9 py-0" key={c.primaryContact?.id ?? 'none'}>
										<option value="">None</option>
										{contacts.map((p) => (
											<option key={p.id} value={p.id}>
												{p.displayName}
											</option>
										))}
									</Select>
								</div>
								<Button type="submit" variant="secondary" size="sm" className="h-9" aria-disabled={primaryPending || undefined}>
									Set primary contact
								</Button>
								{actionData?.primaryError ? <p className="w-full text-[13px] text-danger-text">{actionData.primaryError}</p> : null}
							</Form>
						) : null}
					</Card>

					<Card>
						<CardHeader title="Details" />
						<dl className="divide-y divide-border px-5">
							{c.website ? (
								<Fact label="Website">
									<a href={c.website} className="text-link hover:underline" rel="noopener noreferrer" target="_blank">
										{c.website}
									</a>
								</Fact>
							) : null}
							{c.email ? (
								<Fact label="Email">
									<a href={`mailto:${c.email}`} className="text-link hover:underline">
										{c.email}
									</a>
								</Fact>
							) : null}
							{c.phone ? (
								<Fact label="Phone">
									<a href={`tel:${c.phone}`} className="text-link hover:underline">
										{formatPhone(c.phone)}
									</a>
								</Fact>
							) : null}
							{address ? <Fact label="Address">{address}</Fact> : null}
							{c.primaryContact ? (
								<Fact label="Primary contact">
									<Link to={`/contacts/${c.primaryContact.id}`} className="text-link hover:underline">
										{c.primaryContact.displayName}
									</Link>
								</Fact>
							) : null}
							{custom.map((f) => (
								<Fact key={f.key} label={f.label}>
									{f.type === 'DATE' && /^\d{4}-\d{2}-\d{2}$/.test(f.value) ? formatDate(`${f.value}T12:00:00Z`, 'UTC') : f.type === 'NUMBER' && Number.isFinite(Number(f.value)) ? Number(f.value).toLocaleString('en') : f.value}
								</Fact>
							))}
							<Fact label="Owner">{c.owner?.name ?? '—'}</Fact>
							<Fact label="Added">{formatDateTime(c.createdAt, timezone)}</Fact>
						</dl>
					</Card>

					<NotesCard html={notesHtml} />
					<Timeline timeline={timeline} timezone={timezone} returnTo={`/companies/${c.id}`} />
				</div>

				<div className="flex min-w-0 flex-col gap-6">
					<FollowUpCard data={followUps} timeZone={timezone} newHref={`/follow-ups/new?companyId=${c.id}`} allHref={`/follow-ups?companyId=${c.id}&assignee=all`} showContact />
					<RecordDealsCard deals={deals} newHref={canCreateDeal ? `/deals/new?companyId=${c.id}` : null} allHref={`/deals/list?company=${c.id}`} />
					<Card>
						<CardHeader title="Activity" />
						<ol className="divide-y divide-border" aria-label="Activity">
							{activity.length === 0 ? <li className="px-5 py-3 text-sm text-muted">Nothing yet.</li> : null}
							{activity.map((a) => {
								const detail = a.action === 'updated' || a.action === 'status_changed' ? describeDiff(a.diff) : null
								return (
									<li key={a.id} className="px-5 py-3 text-sm">
										<p>
											<span className="font-medium">{a.actor?.name ?? 'Someone'}</span> · {ACTION_LABELS[a.action] ?? a.action}
										</p>
										{detail ? <p className="break-words text-muted">{detail}</p> : null}
										<time className="text-xs text-muted" dateTime={String(a.createdAt)}>
											{formatDateTime(a.createdAt, timezone)}
										</time>
									</li>
								)
							})}
						</ol>
					</Card>
					{c.canEdit ? (
						<ConfirmDelete summary="Delete company" confirmLabel={`Yes, delete ${c.name}`}>
							{c.name} leaves the companies list. Its {contacts.length === 1 ? 'contact keeps' : 'contacts keep'} their details. You can undo this right after.
						</ConfirmDelete>
					) : null}
				</div>
			</div>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

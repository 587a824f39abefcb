// The contact list: search (as you type with JS, a GET form without), filters in
// the URL, sortable columns, pagination, and bulk actions on selected rows.
import { userPrefs } from '#app/models/user.server.ts'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { FilterSelect, KeepListParams } from '#app/components/list-filters.tsx'
import { LIST_HEAD_CLASS, SortableColumns } from '#app/components/sortable-th.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { SearchField } from '#app/components/search-field.tsx'
import { Pagination } from '#app/components/pagination.tsx'
import { LeadStatusMenu } from '#app/components/lead-status-menu.tsx'
import { QuickActionLinks } from '#app/components/quick-actions.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { TagBadge } from '#app/components/tag-badge.tsx'
import { Alert } from '#app/components/ui/alert.tsx'
import { Avatar } from '#app/components/ui/avatar.tsx'
import { Badge } from '#app/components/ui/badge.tsx'
import { buttonClass, Button } from '#app/components/ui/button.tsx'
import { Card } from '#app/components/ui/card.tsx'
import { Icon } from '#app/components/ui/icon.tsx'
import { Input, Label, Select } from '#app/components/ui/input.tsx'
import { bulkAddTag, bulkAddToGroup, restoreContact, softDeleteContacts } from '#app/models/contact.server.ts'
import { listContacts, listFilterOptions, statusEditableIds } from '#app/models/contact-list.server.ts'
import { rowQuickActions } from '#app/models/quick-action.server.ts'
import { canCreate, requireMembership } from '#app/models/workspace.server.ts'
import { formatPhone } from '#app/utils/contact-fields.ts'
import { prisma } from '#app/utils/db.server.ts'
import { formatDate } from '#app/utils/time.ts'
import { contactListSearch, PAGE_SIZES, parseContactListQuery } from '#app/validation/contact-list.ts'
import { LEAD_STATUS_LABELS, LEAD_STATUSES, SOURCE_LABELS, SOURCES } from '#app/validation/contact.ts'
import { contactPictureSrc } from './_app.contacts.form.server.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'Contacts · Rapport' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const m = await requireMembership(request)
	const url = new URL(request.url)
	const query = parseContactListQuery(url.searchParams)
	const [list, user] = await Promise.all([listContacts(m, query), userPrefs(m.userId)])
	const deletedId = url.searchParams.get('deleted')
	const deleted = deletedId ? await prisma.contact.findFirst({ where: { id: deletedId, workspaceId: m.workspaceId, deletedAt: { not: null } }, select: { id: true, displayName: true } }) : null
	// Per row: the quick action icons, and whether the lead status menu may change it.
	const quickActions = rowQuickActions(list.rows, user.defaultCountry)
	const statusEditable = statusEditableIds(m, list.rows)
	return {
		query,
		...list,
		// What a row shows, and no more: the page carries this data twice (HTML and hydration).
		rows: list.rows.map((r) => ({
			id: r.id,
			displayName: r.displayName,
			jobTitle: r.jobTitle,
			leadStatus: r.leadStatus,
			isDecisionMaker: r.isDecisionMaker,
			lastContactedAt: r.lastContactedAt,
			company: r.company,
			email: r.emails[0]?.email ?? null,
			phone: r.phones[0]?.phone ?? null,
			tags: r.tags,
			pictureSrc: contactPictureSrc(r),
		})),
		options: listFilterOptions(m),
		timezone: user.timezone,
		canCreate: canCreate(m),
		deleted,
		quickActions,
		statusEditable,
		currentMonth: Number(new Intl.DateTimeFormat('en', { timeZone: user.timezone, month: 'numeric' }).format(new Date())),
	}
}

export async function action({ request }: ActionFunctionArgs) {
	const m = await requireMembership(request)
	const form = await readForm(request)
	const intent = String(form.get('intent') ?? '')
	const back = String(form.get('back') ?? '')
	const ids = form.getAll('ids').map(String).slice(0, 1000)
	const to = (notice: string) => redirect(`/contacts?${[back, notice].filter(Boolean).join('&')}`)
	if (intent === 'restore') {
		await restoreContact(m, String(form.get('id')))
		return to('restored=1')
	}
	if (!ids.length) return to('bulk=none')
	if (intent === 'delete') return to(`bulk=deleted&n=${await softDeleteContacts(m, ids)}`)
	if (intent === 'tag') {
		const name = String(form.get('tagName') ?? '').trim().slice(0, 60)
		if (!name) return to('bulk=no-tag')
		return to(`bulk=tagged&n=${await bulkAddTag(m, ids, name)}`)
	}
	if (intent === 'group') return to(`bulk=grouped&n=${await bulkAddToGroup(m, ids, String(form.get('groupId') ?? ''))}`)
	throw new Response('Unknown action', { status: 400 })
}

const SORTABLE: Array<{ key: 'name' | 'company' | 'status' | 'lastContacted'; label: string; className?: string }> = [
	{ key: 'name', label: 'Name' },
	{ key: 'company', label: 'Company', className: 'hidden lg:table-cell' },
	{ key: 'status', label: 'Status', className: 'hidden md:table-cell' },
	{ key: 'lastContacted', label: 'Last contacted', className: 'hidden xl:table-cell' },
]

const BULK_NOTICES: Record<string, (n: number) => string> = {
	none: () => 'Select at least one contact first.',
	'no-tag': () => 'Type the tag to add.',
	deleted: (n) => `${n} contact${n === 1 ? '' : 's'} moved to Recently deleted.`,
	tagged: (n) => `Tagged ${n} contact${n === 1 ? '' : 's'}.`,
	grouped: (n) => `Added ${n} contact${n === 1 ? '' : 's'} to the group.`,
}

export default function ContactsPage() {
	const data = useLoaderData<typeof loader>()
	const { query, rows, total, page, pages, pageSize, options } = data
	const [params] = useSearchParams()
	const back = contactListSearch({ ...query })
	const withParams = (changes: Record<string, unknown>) => `?${contactListSearch({ ...query, ...changes })}`
	const bulk = params.get('bulk')
	const filtered = Boolean(query.tag || query.group || query.company || query.status || query.decisionMakers || query.birthdayMonth || query.notContactedDays || query.source)

	return (
		<div>
			<PageHeader
				title="Contacts"
				subtitle={`${total.toLocaleString('en')}${data.capped ? '+' : ''} ${query.q || filtered ? 'matching' : total === 1 ? 'contact' : 'contacts'}`}
				actions={
					<>
						<Link to="/contacts/import" className={buttonClass({ variant: 'secondary', size: 'sm' })}>
							<Icon name="upload" className="h-4 w-4" /> Import
						</Link>
						<a href={`/contacts/export?${contactListSearch({ ...query, page: undefined, pageSize: undefined, format: 'csv' })}`} className={buttonClass({ variant: 'secondary', size: 'sm' })}>
							<Icon name="download" className="h-4 w-4" /> Export CSV
						</a>
						<a href={`/contacts/export?${contactListSearch({ ...query, page: undefined, pageSize: undefined, format: 'vcf' })}`} className={buttonClass({ variant: 'secondary', size: 'sm' })}>
							vCard
						</a>
						{data.canCreate ? (
							<Link to="/contacts/new" className={buttonClass({ size: 'sm' })}>
								<Icon name="plus" className="h-4 w-4" /> New contact
							</Link>
						) : null}
					</>
				}
			/>

			{data.deleted ? (
				<Alert tone="info" className="mb-4 flex items-center justify-between gap-3">
					<span>{data.deleted.displayName} was moved to Recently deleted.</span>
					<Form method="post">
						<input type="hidden" name="id" value={data.deleted.id} />
						<input type="hidden" name="back" value={back} />
						<button type="submit" name="intent" value="restore" className="font-medium text-link underline">
							Undo
						</button>
					</Form>
				</Alert>
			) : null}
			{params.get('restored') ? (
				<Alert tone="success" className="mb-4">
					Contact restored.
				</Alert>
			) : null}
			{bulk && BULK_NOTICES[bulk] ? (
				<Alert tone={bulk === 'none' || bulk === 'no-tag' ? 'warning' : 'success'} className="mb-4">
					{BULK_NOTICES[bulk](Number(params.get('n') ?? 0))}
				</Alert>
			) : null}

			<Card className="mb-4 p-4">
				<Form method="get" role="search" className="flex flex-col gap-3">
					<SearchField label="Search contacts" value={query.q ?? ''} placeholder="Search by name, email, phone, company or tag" />
					<details className="group" open={filtered}>
						<summary className="cursor-pointer text-sm font-medium text-link select-none">Filters{filtered ? ' (on)' : ''}</summary>
						<div className="mt-3 grid grid-cols-2 gap-3 md:grid-cols-4">
							<FilterSelect label="Tag" name="tag" value={query.tag} options={options.tags.map((t) => ({ value: t.id, label: t.name }))} />
							<FilterSelect label="Group" name="group" value={query.group} options={options.groups.map((g) => ({ value: g.id, label: `${g.icon ? `${g.icon} ` : ''}${g.name}` }))} />
							<FilterSelect label="Company" name="company" value={query.company} options={options.companies.map((c) => ({ value: c.id, label: c.name }))} />
							<FilterSelect label="Lead status" name="status" value={query.status} options={[...LEAD_STATUSES.map((s) => ({ value: s, label: LEAD_STATUS_LABELS[s] })), { value: 'none', label: 'No status' }]} />
							<FilterSelect label="Source" name="source" value={query.source} options={SOURCES.map((s) => ({ value: s, label: SOURCE_LABELS[s] }))} />
							<FilterSelect
								label="Not contacted in"
								name="notContactedDays"
								value={query.notContactedDays ? String(query.notContactedDays) : undefined}
								options={[30, 60, 90, 180, 365].map((d) => ({ value: String(d), label: `${d} days` }))}
							/>
							<label className="flex items-center gap-2 self-end pb-2 text-sm">
								<input type="checkbox" name="decisionMakers" value="1" defaultChecked={query.decisionMakers} className="h-4 w-4 accent-accent" />
								Decision-makers
							</label>
							<label className="flex items-center gap-2 self-end pb-2 text-sm">
								<input type="checkbox" name="birthdayMonth" value={data.currentMonth} defaultChecked={Boolean(query.birthdayMonth)} className="h-4 w-4 accent-accent" />
								Birthday this month
							</label>
						</div>
						<div className="mt-3 flex gap-2">
							<Button type="submit" size="sm">
								Apply filters
							</Button>
							<Link to="/contacts" className={buttonClass({ variant: 'ghost', size: 'sm' })}>
								Clear
							</Link>
						</div>
					</details>
					<KeepListParams query={query} />
				</Form>
			</Card>

			<Form method="post" id="bulk">
				<input type="hidden" name="back" value={back} />
				<div className="mb-2 flex flex-wrap items-end gap-2 text-sm">
					<span className="mr-1 self-center text-muted">With selected:</span>
					<Label htmlFor="bulk-tag" className="sr-only">
						Tag to add
					</Label>
					<Input id="bulk-tag" name="tagName" placeholder="Tag" className="h-8 w-32" list="bulk-tags" />
					<datalist id="bulk-tags">
						{options.tags.map((t) => (
							<option key={t.id} value={t.name} />
						))}
					</datalist>
					<Button type="submit" name="intent" value="tag" variant="secondary" size="sm">
						<Icon name="tag" className="h-4 w-4" /> Add tag
					</Button>
					{options.groups.length ? (
						<>
							<Label htmlFor="bulk-group" className="sr-only">
								Group
							</Label>
							<Select id="bulk-group" name="groupId" className="h-8 w-40 py-0">
								{options.groups.map((g) => (
									<option key={g.id} value={g.id}>
										{g.name}
									</option>
								))}
							</Select>
							<Button type="submit" name="intent" value="group" variant="secondary" size="sm">
								Add to group
							</Button>
						</>
					) : null}
					<Button type="submit" formMethod="get" formAction="/contacts/export" name="format" value="csv" variant="secondary" size="sm">
						Export selected
					</Button>
					<Button type="submit" name="intent" value="delete" variant="ghost" size="sm" className="text-danger-text">
						<Icon name="trash" className="h-4 w-4" /> Delete
					</Button>
				</div>
			</Form>

			<Card className="overflow-hidden">
				<table className="w-full text-sm">
					<thead className={LIST_HEAD_CLASS}>
						<tr>
							<th scope="col" className="w-10 px-3 py-2">
								<span className="sr-only">Select</span>
							</th>
							<SortableColumns
								columns={SORTABLE}
								sort={(query.sort ?? 'name') as (typeof SORTABLE)[number]['key']}
								dir={query.dir === 'desc' ? 'desc' : 'asc'}
								hrefFor={(s, d) => withParams({ sort: s, dir: d, page: undefined })}
								cellClass="px-3 py-2"
							/>
							<th scope="col" className="hidden px-3 py-2 md:table-cell">
								Tags
							</th>
							<th scope="col" className="px-3 py-2">
								<span className="sr-only">Quick actions</span>
							</th>
						</tr>
					</thead>
					<tbody className="divide-y divide-border">
						{rows.length === 0 ? (
							<tr>
								<td colSpan={7} className="px-3 py-10 text-center text-muted">
									{query.q || filtered ? 'No contacts match. Try fewer words or clear the filters.' : 'No contacts yet. Add one, or import a file.'}
								</td>
							</tr>
						) : null}
						{rows.map((r) => (
							<tr key={r.id} className="hover:bg-subtle/50">
								<td className="px-3 py-2">
									<input type="checkbox" name="ids" value={r.id} form="bulk" aria-label={`Select ${r.displayName}`} className="h-4 w-4 accent-accent" />
								</td>
								<td className="px-3 py-2">
									<Link to={`/contacts/${r.id}`} className="flex items-center gap-3">
										<Avatar name={r.displayName} src={r.pictureSrc} />
										<span className="min-w-0">
											<span className="block truncate font-medium text-fg">{r.displayName}</span>
											<span className="block truncate text-xs text-muted">
												{r.email ?? (r.phone ? formatPhone(r.phone) : r.jobTitle ?? '')}
											</span>
										</span>
									</Link>
								</td>
								<td className="hidden px-3 py-2 lg:table-cell">
									{r.company ? (
										<span className="block truncate">{r.company.name}</span>
									) : (
										<span className="text-muted">—</span>
									)}
									{r.jobTitle ? <span className="block truncate text-xs text-muted">{r.jobTitle}</span> : null}
								</td>
								<td className="hidden px-3 py-2 md:table-cell">
									<LeadStatusMenu entity="contact" id={r.id} name={r.displayName} status={r.leadStatus} editable={data.statusEditable.includes(r.id)} quiet />
									{r.isDecisionMaker ? <Badge tone="warning" className="ml-1">DM</Badge> : null}
								</td>
								<td className="hidden px-3 py-2 text-muted xl:table-cell">{r.lastContactedAt ? formatDate(r.lastContactedAt, data.timezone) : 'Never'}</td>
								<td className="hidden px-3 py-2 md:table-cell">
									<div className="flex flex-wrap gap-1">
										{r.tags.slice(0, 3).map((t) => (
											<TagBadge key={t.id} name={t.name} color={t.color} />
										))}
										{r.tags.length > 3 ? <span className="text-xs text-muted">+{r.tags.length - 3}</span> : null}
									</div>
								</td>
								<td className="px-3 py-2">
									<QuickActionLinks compact actions={data.quickActions[r.id] ?? []} className="flex-nowrap justify-end" />
								</td>
							</tr>
						))}
					</tbody>
				</table>
			</Card>

			<Pagination page={page} pages={pages} pageSize={pageSize} total={total} sizes={PAGE_SIZES} hrefFor={(p) => withParams({ page: p })} />
			<p className="mt-6 text-sm">
				<Link to="/contacts/deleted" className="text-link hover:underline">
					Recently deleted
				</Link>
				<span className="text-muted"> · </span>
				<Link to="/contacts/duplicates" className="text-link hover:underline">
					Find duplicates
				</Link>
			</p>
		</div>
	)
}


export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

// The company list: search by name or domain, filters (industry, size, tag, status)
// and sort in the URL (a plain GET form, as-you-type with JS), pages with a total.
import { userPrefs } from '#app/models/user.server.ts'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { FilterSelect, KeepListParams } from '#app/components/list-filters.tsx'
import { LIST_HEAD_CLASS, SortableColumns } from '#app/components/sortable-th.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { SearchField } from '#app/components/search-field.tsx'
import { Pagination } from '#app/components/pagination.tsx'
import { LeadStatusMenu } from '#app/components/lead-status-menu.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { TagBadge } from '#app/components/tag-badge.tsx'
import { Alert } from '#app/components/ui/alert.tsx'
import { Button, buttonClass } from '#app/components/ui/button.tsx'
import { Card } from '#app/components/ui/card.tsx'
import { Icon } from '#app/components/ui/icon.tsx'
import { companyVisibleTo, listCompanies, listCompanyFilterOptions, restoreCompany } from '#app/models/company.server.ts'
import { editableIds } from '#app/models/lead.server.ts'
import { canCreate, requireMembership } from '#app/models/workspace.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { formatDate } from '#app/utils/time.ts'
import { COMPANY_PAGE_SIZES, companyListSearch, parseCompanyListQuery, SIZE_BANDS, type CompanySort } from '#app/validation/company.ts'
import { LEAD_STATUS_LABELS, LEAD_STATUSES } from '#app/validation/contact.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'Companies · Rapport' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const m = await requireMembership(request)
	const url = new URL(request.url)
	const query = parseCompanyListQuery(url.searchParams)
	const deletedId = url.searchParams.get('deleted')
	const [list, options, user, deleted] = await Promise.all([
		listCompanies(m, query),
		listCompanyFilterOptions(m),
		userPrefs(m.userId),
		deletedId ? prisma.company.findFirst({ where: { id: deletedId, deletedAt: { not: null }, ...companyVisibleTo(m) }, select: { id: true, name: true } }) : null,
	])
	// Which rows' lead status menu may change them.
	const statusEditable = await editableIds(m, 'company', list.rows.map((r) => r.id))
	return { query, ...list, options, timezone: user.timezone, canCreate: canCreate(m), deleted, statusEditable }
}

export async function action({ request }: ActionFunctionArgs) {
	const m = await requireMembership(request)
	const form = await readForm(request)
	if (form.get('intent') !== 'restore') throw new Response('Unknown action', { status: 400 })
	const company = await restoreCompany(m, String(form.get('id') ?? ''))
	return redirect(`/companies/${company.id}?restored=1`)
}

const COLUMNS: Array<{ key: CompanySort; label: string; className?: string }> = [
	{ key: 'name', label: 'Name' },
	{ key: 'industry', label: 'Industry', className: 'hidden md:table-cell' },
	{ key: 'size', label: 'Size', className: 'hidden lg:table-cell' },
	{ key: 'contacts', label: 'Contacts', className: 'hidden sm:table-cell text-right' },
	{ key: 'created', label: 'Added', className: 'hidden xl:table-cell' },
]

export default function CompaniesPage() {
	const data = useLoaderData<typeof loader>()
	const { query, rows, total, page, pages, pageSize, sort, dir, options } = data
	const withParams = (changes: Record<string, string | number | undefined>) => companyListSearch({ ...query, ...changes }) || '?'
	const filtered = Boolean(query.industry || query.size || query.tag || query.status)

	return (
		<div>
			<PageHeader
				title="Companies"
				subtitle={`${total.toLocaleString('en')} ${query.q || filtered ? 'matching' : total === 1 ? 'company' : 'companies'}`}
				actions={
					data.canCreate ? (
						<Link to="/companies/new" className={buttonClass({ size: 'sm' })}>
							<Icon name="plus" className="h-4 w-4" /> New company
						</Link>
					) : null
				}
			/>

			{data.deleted ? (
				<Alert tone="info" className="mb-4 flex items-center justify-between gap-3">
					<span>{data.deleted.name} was deleted.</span>
					<Form method="post">
						<input type="hidden" name="id" value={data.deleted.id} />
						<button type="submit" name="intent" value="restore" className="font-medium text-link underline">
							Undo
						</button>
					</Form>
				</Alert>
			) : null}

			<Card className="mb-4 p-4">
				<Form method="get" role="search" className="flex flex-col gap-3">
					<SearchField label="Search companies" value={query.q ?? ''} placeholder="Name or domain" />
					<div className="grid grid-cols-2 gap-3 md:grid-cols-4">
						<FilterSelect submitOnChange label="Industry" name="industry" value={query.industry} options={options.industries.map((i) => ({ value: i, label: i }))} />
						<FilterSelect submitOnChange label="Size" name="size" value={query.size} options={SIZE_BANDS.map((s) => ({ value: s, label: s === '1000+' ? 'Over 1,000' : s.replace('-', '–') }))} />
						<FilterSelect
							submitOnChange
							label="Tag"
							name="tag"
							value={query.tag}
							// Only tags some company carries (and the one chosen, if any).
							options={options.tags.filter((t) => t.companies > 0 || t.id === query.tag).map((t) => ({ value: t.id, label: t.name }))}
						/>
						<FilterSelect
							submitOnChange
							label="Lead status"
							name="status"
							value={query.status}
							options={[...LEAD_STATUSES.map((s) => ({ value: s, label: LEAD_STATUS_LABELS[s] })), { value: 'none', label: 'No status' }]}
						/>
					</div>
					<div className="flex items-center gap-2">
						<Button type="submit" size="sm">
							Apply filters
						</Button>
						{query.q || filtered ? (
							<Link to="/companies" className={buttonClass({ variant: 'ghost', size: 'sm' })}>
								Clear
							</Link>
						) : null}
					</div>
					<KeepListParams query={query} />
				</Form>
			</Card>

			<Card className="overflow-x-auto">
				<table className="w-full text-sm">
					<thead className={LIST_HEAD_CLASS}>
						<tr>
							<SortableColumns columns={COLUMNS} sort={sort} dir={dir} descFirst={['created', 'contacts']} hrefFor={(s, d) => withParams({ sort: s, dir: d, page: undefined })} cellClass="px-4 py-2" />
							<th scope="col" className="hidden px-4 py-2 lg:table-cell">
								Tags
							</th>
						</tr>
					</thead>
					<tbody className="divide-y divide-border">
						{rows.length === 0 ? (
							<tr>
								<td colSpan={6} className="px-4 py-10 text-center text-muted">
									{query.q || filtered ? 'No companies match. Try a shorter search or clear the filters.' : 'No companies yet. Add the first one.'}
								</td>
							</tr>
						) : null}
						{rows.map((r) => (
							<tr key={r.id} className="hover:bg-subtle/50">
								<td className="max-w-0 px-4 py-2.5 sm:w-[36%]">
									<div className="flex items-start gap-2">
										<Link to={`/companies/${r.id}`} className="block min-w-0 flex-1">
											<span className="flex items-center gap-2">
												<span className="truncate font-medium text-fg">{r.name}</span>
											</span>
											<span className="block truncate text-xs text-muted">
												{r.domain ?? '—'}
												{/* Phones show no other columns: the essentials ride along here. */}
												<span className="sm:hidden">
													{r.industry ? ` · ${r.industry}` : ''} · {r.contacts} {r.contacts === 1 ? 'contact' : 'contacts'}
												</span>
											</span>
										</Link>
										{/* A form cannot sit inside the link: the status menu is beside it. */}
										<LeadStatusMenu entity="company" id={r.id} name={r.name} status={r.leadStatus} editable={data.statusEditable.includes(r.id)} quiet className="mt-0.5 shrink-0" />
									</div>
								</td>
								<td className="hidden px-4 py-2.5 md:table-cell lg:whitespace-nowrap">{r.industry ?? <span className="text-muted">—</span>}</td>
								<td className="hidden px-4 py-2.5 whitespace-nowrap lg:table-cell">{r.sizeBand ? r.sizeBand.replace('-', '–') : <span className="text-muted">—</span>}</td>
								<td className="hidden px-4 py-2.5 text-right tabular-nums sm:table-cell">{r.contacts}</td>
								<td className="hidden px-4 py-2.5 whitespace-nowrap text-muted xl:table-cell">{formatDate(r.createdAt, data.timezone)}</td>
								<td className="hidden px-4 py-2.5 lg:table-cell">
									<div className="flex min-w-32 flex-wrap gap-1">
										{r.tags.slice(0, 3).map((t) => (
											<TagBadge key={t.id} name={t.name} color={t.color} />
										))}
										{r.tags.length > 3 ? <span className="text-xs text-muted">+{r.tags.length - 3}</span> : null}
									</div>
								</td>
							</tr>
						))}
					</tbody>
				</table>
			</Card>

			<Pagination page={page} pages={pages} pageSize={pageSize} total={total} sizes={COMPANY_PAGE_SIZES} hrefFor={(p) => withParams({ page: p })} dropParams={['deleted']} />
		</div>
	)
}


export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

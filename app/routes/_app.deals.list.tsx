// The deal list: filters (stage, value range, expected close range, owner, company)
// and sort in the URL through a plain GET form, pages, and totals over every match.
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { FilterSelect, KeepListParams } from '#app/components/list-filters.tsx'
import { LIST_HEAD_CLASS, SortableColumns } from '#app/components/sortable-th.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { Pagination } from '#app/components/pagination.tsx'
import { Badge } from '#app/components/ui/badge.tsx'
import { Button, buttonClass } from '#app/components/ui/button.tsx'
import { Card } from '#app/components/ui/card.tsx'
import { Icon } from '#app/components/ui/icon.tsx'
import { Input, Label } from '#app/components/ui/input.tsx'
import { dealCompanyOptions, dealOwnerOptions, listDeals } from '#app/models/deal-list.server.ts'
import { canCreate, requireMembership } from '#app/models/workspace.server.ts'
import { amountInput, DEAL_PAGE_SIZES, formatDay, formatMoney, formatTotals, parseDealListQuery, type DealSort } from '#app/validation/deal.ts'

export const meta: MetaFunction = () => [{ title: 'Deal list · Rapport' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const m = await requireMembership(request)
	const query = parseDealListQuery(new URL(request.url).searchParams)
	const list = await listDeals(m, query)
	return { query, ...list, members: dealOwnerOptions(m), companies: dealCompanyOptions(m, query.company), canCreate: canCreate(m) }
}

const COLUMNS: Array<{ key: DealSort; label: string; className?: string }> = [
	{ key: 'name', label: 'Deal' },
	{ key: 'position', label: 'Stage', className: 'hidden sm:table-cell' },
	{ key: 'value', label: 'Value', className: 'w-px text-right' },
	{ key: 'probability', label: 'Prob.', className: 'hidden md:table-cell text-right' },
	{ key: 'close', label: 'Expected close', className: 'hidden lg:table-cell' },
]

function search(query: Record<string, string | number | undefined | null>) {
	const params = new URLSearchParams()
	for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v))
	const s = params.toString()
	return s ? `?${s}` : '?'
}

export default function DealList() {
	const data = useLoaderData<typeof loader>()
	const { query, rows, stages, total, page, pages, pageSize, sort, dir } = data
	// Amounts go back into the URL as typed amounts, not minor units.
	const urlQuery = { ...query, min: query.min !== undefined ? amountInput(query.min) : undefined, max: query.max !== undefined ? amountInput(query.max) : undefined }
	const withParams = (changes: Record<string, string | number | undefined>) => search({ ...urlQuery, ...changes })
	const filtered = Boolean(query.stage || query.owner || query.company || query.min !== undefined || query.max !== undefined || query.closeFrom || query.closeTo)
	const dateOnly = formatDay

	return (
		<div>
			<PageHeader
				title="Deals"
				subtitle={
					<span data-testid="list-totals">
						{total.toLocaleString('en')} {filtered ? 'matching' : total === 1 ? 'deal' : 'deals'} · {formatTotals(data.totals)} · {formatTotals(data.weighted)} weighted
					</span>
				}
				actions={
					<>
						<nav aria-label="Deal views" className="flex rounded-md border border-border p-0.5 text-sm">
							<Link to="/deals" className="inline-flex items-center gap-1 rounded px-2 py-1 text-muted hover:text-fg">
								<Icon name="kanban" className="h-4 w-4" /> Board
							</Link>
							<span aria-current="page" className="inline-flex items-center gap-1 rounded bg-subtle px-2 py-1 font-medium">
								<Icon name="list" className="h-4 w-4" /> List
							</span>
						</nav>
						{data.canCreate ? (
							<Link to="/deals/new" className={buttonClass({ size: 'sm' })}>
								<Icon name="plus" className="h-4 w-4" /> New deal
							</Link>
						) : null}
					</>
				}
			/>

			<Card className="mb-4 p-4">
				<Form method="get" role="search" aria-label="Filter deals" className="flex flex-col gap-3">
					<div className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-7">
						<FilterSelect label="Stage" name="stage" value={query.stage} options={stages.map((s) => ({ value: s.id, label: s.name }))} />
						<FilterSelect label="Owner" name="owner" value={query.owner} options={[...data.members.map((u) => ({ value: u.id, label: u.name })), { value: 'none', label: 'No owner' }]} />
						<FilterSelect label="Company" name="company" value={query.company} options={data.companies.map((c) => ({ value: c.id, label: c.name }))} />
						<FilterInput label="Value from" name="min" value={urlQuery.min} inputMode="decimal" placeholder="0" />
						<FilterInput label="Value to" name="max" value={urlQuery.max} inputMode="decimal" placeholder="Any" />
						<FilterInput label="Closing from" name="closeFrom" value={query.closeFrom} type="date" />
						<FilterInput label="Closing to" name="closeTo" value={query.closeTo} type="date" />
					</div>
					<div className="flex items-center gap-2">
						<Button type="submit" size="sm">
							Apply filters
						</Button>
						{filtered ? (
							<Link to="/deals/list" className={buttonClass({ variant: 'ghost', size: 'sm' })}>
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
							<SortableColumns columns={COLUMNS} sort={sort} dir={dir} descFirst={['value', 'probability']} hrefFor={(s, d) => withParams({ sort: s, dir: d, page: undefined })} cellClass="px-4 py-2" />
							<th scope="col" className="hidden px-4 py-2 xl:table-cell">
								Owner
							</th>
						</tr>
					</thead>
					<tbody className="divide-y divide-border">
						{rows.length === 0 ? (
							<tr>
								<td colSpan={6} className="px-4 py-10 text-center text-muted">
									{filtered ? 'No deals match. Widen or clear the filters.' : 'No deals yet. Add the first one.'}
								</td>
							</tr>
						) : null}
						{rows.map((r) => (
							<tr key={r.id} className="hover:bg-subtle/50" data-testid="deal-row">
								<td className="max-w-0 px-4 py-2.5 sm:w-[36%]">
									<Link to={`/deals/${r.id}`} className="block min-w-0">
										<span className="block truncate font-medium text-fg">{r.name}</span>
										<span className="block truncate text-xs text-muted">
											{[r.company?.name, r.contact?.displayName].filter(Boolean).join(' · ') || '—'}
											<span className="sm:hidden"> · {r.stage.name}</span>
										</span>
									</Link>
								</td>
								<td className="hidden px-4 py-2.5 whitespace-nowrap sm:table-cell">
									<Badge tone={r.stage.outcome === 'WON' ? 'success' : r.stage.outcome === 'LOST' ? 'danger' : 'neutral'}>{r.stage.name}</Badge>
								</td>
								<td className="px-4 py-2.5 text-right whitespace-nowrap tabular-nums">{formatMoney(r.valueCents, r.currency)}</td>
								<td className="hidden px-4 py-2.5 text-right tabular-nums md:table-cell">{r.probability}%</td>
								<td className="hidden px-4 py-2.5 whitespace-nowrap text-muted lg:table-cell">{r.expectedCloseAt ? dateOnly(r.expectedCloseAt) : '—'}</td>
								<td className="hidden px-4 py-2.5 whitespace-nowrap text-muted xl:table-cell">{r.owner?.name ?? '—'}</td>
							</tr>
						))}
					</tbody>
				</table>
			</Card>

			<Pagination page={page} pages={pages} pageSize={pageSize} total={total} sizes={DEAL_PAGE_SIZES} hrefFor={(p) => withParams({ page: p })} />
		</div>
	)
}


function FilterInput({ label, name, value, ...props }: { label: string; name: string; value?: string } & React.InputHTMLAttributes<HTMLInputElement>) {
	return (
		<div>
			<Label htmlFor={`filter-${name}`} className="mb-1 text-xs text-muted">
				{label}
			</Label>
			<Input key={value ?? ''} id={`filter-${name}`} name={name} defaultValue={value ?? ''} className="h-9" {...props} />
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

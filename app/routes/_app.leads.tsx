// /leads: contacts and companies by lead status, with counts, each status paged on
// its own, and when each converted. Its action is where every lead status menu
// (lists, record pages, this page) posts a one-click change.
import { userPrefs } from '#app/models/user.server.ts'
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { LeadStatusBadge, leadStatusAnchor, LeadStatusMenu } from '#app/components/lead-status-menu.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { Avatar } from '#app/components/ui/avatar.tsx'
import { Button, buttonClass } from '#app/components/ui/button.tsx'
import { Card } from '#app/components/ui/card.tsx'
import { Icon } from '#app/components/ui/icon.tsx'
import { Input, Label } from '#app/components/ui/input.tsx'
import { leadsOverview, setLeadStatus } from '#app/models/lead.server.ts'
import { requireMembership } from '#app/models/workspace.server.ts'
import { cn } from '#app/utils/misc.ts'
import { safeRedirectTo } from '#app/utils/session.server.ts'
import { formatDate } from '#app/utils/time.ts'
import { LEAD_STATUS_LABELS } from '#app/validation/contact.ts'
import { LEAD_KIND_LABELS, LEAD_KINDS, pageParam, parseLeadsQuery, StatusChangeSchema, type LeadKind, type LeadsQuery } from '#app/validation/lead.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'Leads · Rapport' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const m = await requireMembership(request)
	const query = parseLeadsQuery(new URL(request.url).searchParams)
	const [sections, user] = await Promise.all([leadsOverview(m, query), userPrefs(m.userId)])
	return { query, sections, timezone: user.timezone }
}

export async function action({ request }: ActionFunctionArgs) {
	const m = await requireMembership(request)
	const submission = parseWithZod(await readForm(request), { schema: StatusChangeSchema })
	if (submission.status !== 'success') return data({ ok: false, result: submission.reply() }, { status: 400 })
	const { entity, id, status, redirectTo, js } = submission.value
	const result = await setLeadStatus(m, entity, id, status)
	if (js) return data({ ok: true, ...result })
	// Without JS: back where the click came from, scrolled to the record's menu.
	return redirect(`${safeRedirectTo(redirectTo, '/leads')}#${leadStatusAnchor(entity, id)}`)
}

function search(query: LeadsQuery, changes: Partial<{ q: string; kind: LeadKind }> & Record<string, string | number | undefined> = {}) {
	const params = new URLSearchParams()
	const next = { q: query.q, kind: query.kind, ...Object.fromEntries(Object.entries(query.pages).map(([s, p]) => [pageParam(s as never), p])), ...changes }
	for (const [key, value] of Object.entries(next)) {
		if (value === undefined || value === '' || (key === 'kind' && value === 'all') || (key.startsWith('page_') && Number(value) <= 1)) continue
		params.set(key, String(value))
	}
	const s = params.toString()
	return s ? `?${s}` : '/leads'
}

function plural(n: number, one: string, many: string) {
	return `${n.toLocaleString('en')} ${n === 1 ? one : many}`
}

export default function LeadsPage() {
	const { query, sections, timezone } = useLoaderData<typeof loader>()
	const total = sections.reduce((sum, s) => sum + s.total, 0)
	const what = query.kind === 'contacts' ? ['contact', 'contacts'] : query.kind === 'companies' ? ['company', 'companies'] : ['lead', 'leads']
	return (
		<div>
			<PageHeader title="Leads" subtitle={`${plural(total, what[0]!, what[1]!)}${query.q ? ' matching' : ''} by status`} />

			<div className="mb-5 flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
				<nav aria-label="Show" className="inline-flex w-fit rounded-md border border-border bg-surface p-0.5 shadow-sm">
					{LEAD_KINDS.map((kind) => (
						<Link
							key={kind}
							to={search({ ...query, pages: {} }, { kind })}
							aria-current={query.kind === kind ? 'page' : undefined}
							preventScrollReset
							className={cn('rounded px-3 py-1.5 text-sm font-medium', query.kind === kind ? 'bg-accent-soft text-link' : 'text-muted hover:text-fg')}
						>
							{LEAD_KIND_LABELS[kind]}
						</Link>
					))}
				</nav>
				<Form method="get" role="search" className="flex gap-2">
					{query.kind !== 'all' ? <input type="hidden" name="kind" value={query.kind} /> : null}
					<Label htmlFor="leads-q" className="sr-only">
						Search leads by name
					</Label>
					<div className="relative">
						<Icon name="search" className="pointer-events-none absolute top-1/2 left-3 h-4 w-4 -translate-y-1/2 text-muted" />
						<Input id="leads-q" name="q" type="search" defaultValue={query.q ?? ''} placeholder="Name" className="h-9 w-full pl-9 sm:w-56" />
					</div>
					<Button type="submit" variant="secondary" size="sm" className="h-9">
						Search
					</Button>
				</Form>
			</div>

			<ul className="mb-6 grid grid-cols-2 gap-3 lg:grid-cols-4" aria-label="Counts by status">
				{sections.map((s) => (
					<li key={s.status}>
						<a href={`#leads-${s.status.toLowerCase()}`} className="block rounded-lg border border-border bg-surface p-4 shadow-sm hover:border-muted">
							<LeadStatusBadge status={s.status} />
							<p className="mt-2 text-2xl font-semibold tabular-nums" data-testid={`count-${s.status}`}>
								{s.total.toLocaleString('en')}
							</p>
							<p className="text-xs text-muted">
								{query.kind === 'companies' ? plural(s.companies, 'company', 'companies') : query.kind === 'contacts' ? plural(s.contacts, 'contact', 'contacts') : `${plural(s.contacts, 'contact', 'contacts')} · ${plural(s.companies, 'company', 'companies')}`}
							</p>
						</a>
					</li>
				))}
			</ul>

			<div className="grid gap-6 lg:grid-cols-2">
				{sections.map((s) => (
					<Card key={s.status} id={`leads-${s.status.toLowerCase()}`} aria-labelledby={`leads-${s.status}-title`} className="flex min-w-0 scroll-mt-20 flex-col">
						<div className="flex items-center justify-between gap-3 border-b border-border px-5 py-3">
							<h2 id={`leads-${s.status}-title`} className="text-base font-semibold">
								{LEAD_STATUS_LABELS[s.status]} <span className="font-normal text-muted tabular-nums">· {s.total.toLocaleString('en')}</span>
							</h2>
							{s.status === 'CONVERTED' ? <span className="text-xs text-muted">Newest first</span> : null}
						</div>
						{s.items.length === 0 ? <p className="px-5 py-6 text-sm text-muted">{query.q ? 'None match.' : 'None yet.'}</p> : null}
						<ul className="flex-1 divide-y divide-border">
							{s.items.map((item) => (
								<li key={`${item.kind}-${item.id}`} className="flex items-center gap-3 px-5 py-2.5">
									{item.kind === 'contact' ? (
										<Avatar name={item.name} src={item.pictureSrc} />
									) : (
										<span aria-hidden="true" className="inline-flex h-8 w-8 shrink-0 items-center justify-center rounded-md bg-subtle text-muted">
											<Icon name="building" className="h-4 w-4" />
										</span>
									)}
									<div className="min-w-0 flex-1">
										<Link to={item.kind === 'contact' ? `/contacts/${item.id}` : `/companies/${item.id}`} className="block truncate text-sm font-medium text-fg hover:text-link hover:underline">
											{item.name}
											<span className="sr-only"> ({item.kind})</span>
										</Link>
										<p className="truncate text-xs text-muted">
											{item.convertedAt ? (
												<>
													Converted <time dateTime={String(item.convertedAt)}>{formatDate(item.convertedAt, timezone)}</time>
													{item.detail ? ` · ${item.detail}` : ''}
												</>
											) : (
												(item.detail ?? (item.kind === 'company' ? 'Company' : 'Contact'))
											)}
										</p>
									</div>
									<LeadStatusMenu entity={item.kind} id={item.id} name={item.name} status={item.status} editable={item.editable} />
								</li>
							))}
						</ul>
						{s.pages > 1 ? (
							<nav aria-label={`${LEAD_STATUS_LABELS[s.status]} pages`} className="flex items-center justify-between gap-2 border-t border-border px-5 py-2.5 text-sm">
								<span className="text-muted">
									Page {s.page} of {s.pages}
								</span>
								<span className="flex gap-2">
									{s.page > 1 ? (
										<Link to={`${search(query, { [pageParam(s.status)]: s.page - 1 })}#leads-${s.status.toLowerCase()}`} className={buttonClass({ variant: 'secondary', size: 'sm' })} rel="prev" preventScrollReset>
											<Icon name="chevron-left" className="h-4 w-4" /> Previous
										</Link>
									) : null}
									{s.page < s.pages ? (
										<Link to={`${search(query, { [pageParam(s.status)]: s.page + 1 })}#leads-${s.status.toLowerCase()}`} className={buttonClass({ variant: 'secondary', size: 'sm' })} rel="next" preventScrollReset>
											Next <Icon name="chevron-right" className="h-4 w-4" />
										</Link>
									) : null}
								</span>
							</nav>
						) : null}
					</Card>
				))}
			</div>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

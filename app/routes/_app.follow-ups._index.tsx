// /follow-ups: where a small business runs its day. Overdue, Today, Upcoming,
// Missed and Completed, filtered by GET parameters (type, dates, contact, assignee).
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { FollowUpRow, FollowUpSection } from '#app/components/follow-up-list.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { Button, buttonClass } from '#app/components/ui/button.tsx'
import { Icon } from '#app/components/ui/icon.tsx'
import { Input, Label, Select } from '#app/components/ui/input.tsx'
import { followUpUserSettings, listAssignees, listFollowUpContacts, listFollowUpSections, markMissedFollowUps } from '#app/models/follow-up.server.ts'
import { canCreate, requireMembership } from '#app/models/workspace.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { cn } from '#app/utils/misc.ts'
import { FOLLOW_UP_TYPE_LABELS, FOLLOW_UP_TYPES, followUpSearch, parseFollowUpFilters } from '#app/validation/follow-up.ts'

export const meta: MetaFunction = () => [{ title: 'Follow-ups · Rapport' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const m = await requireMembership(request)
	const now = new Date()
	// Lazily, so the page is right even when no background job runs.
	await markMissedFollowUps(now, { workspaceId: m.workspaceId })
	const filters = parseFollowUpFilters(new URL(request.url).searchParams)
	const settings = await followUpUserSettings(m.userId)
	const [sections, contacts, assignees] = await Promise.all([
		listFollowUpSections(m, { timeZone: settings.timeZone, filters, now }),
		listFollowUpContacts(m),
		listAssignees(m),
	])
	// A contact or company filter from a record page may name one not in the list.
	const contactName = filters.contactId && !contacts.some((c) => c.id === filters.contactId) ? (await prisma.contact.findFirst({ where: { id: filters.contactId, workspaceId: m.workspaceId, deletedAt: null }, select: { displayName: true } }))?.displayName : null
	const company = filters.companyId ? await prisma.company.findFirst({ where: { id: filters.companyId, workspaceId: m.workspaceId }, select: { id: true, name: true } }) : null
	return {
		filters,
		...sections,
		contacts: contactName ? [{ id: filters.contactId!, displayName: contactName }, ...contacts] : contacts,
		company,
		team: assignees.length > 1,
		timeZone: settings.timeZone,
		now,
		canCreate: canCreate(m),
	}
}

export default function FollowUpsPage() {
	const d = useLoaderData<typeof loader>()
	const { filters, timeZone, now } = d
	const filtered = Boolean(filters.type || filters.from || filters.to || filters.contactId || filters.companyId)
	const rows = (items: typeof d.today, opts: { timeOnly?: boolean } = {}) =>
		items.map((f) => <FollowUpRow key={f.id} item={f} now={now} timeZone={timeZone} showAssignee={d.team && filters.assignee === 'all'} timeOnly={opts.timeOnly} />)
	const page = (done: number) => `?${followUpSearch({ ...filters, done })}#completed`
	const summary = [
		d.overdue.length ? `${d.overdue.length} overdue` : null,
		`${d.today.length} today`,
		`${d.upcomingCount} upcoming`,
	]
		.filter(Boolean)
		.join(' · ')

	return (
		<div>
			<PageHeader
				title="Follow-ups"
				subtitle={summary}
				actions={
					<>
						<nav aria-label="View" className="inline-flex rounded-md border border-border bg-surface p-0.5 shadow-sm">
							<Link to={`/follow-ups?${followUpSearch({ ...filters, done: 1 })}`} aria-current="page" className="rounded px-2.5 py-1 text-sm font-medium bg-accent-soft text-link">
								List
							</Link>
							<Link to={`/follow-ups/calendar?${followUpSearch({ type: filters.type, contactId: filters.contactId, companyId: filters.companyId, assignee: filters.assignee })}`} className="inline-flex items-center gap-1.5 rounded px-2.5 py-1 text-sm font-medium text-muted hover:text-fg">
								<Icon name="calendar" className="h-4 w-4" /> Calendar
							</Link>
						</nav>
						{d.canCreate ? (
							<Link to="/follow-ups/new" className={buttonClass({ size: 'sm' })}>
								<Icon name="plus" className="h-4 w-4" /> New follow-up
							</Link>
						) : null}
					</>
				}
			/>

			{/* Two columns on phones, one row on wider screens. */}
			<Form method="get" className="mb-6 grid grid-cols-2 items-end gap-3 rounded-lg border border-border bg-surface px-4 py-3 shadow-sm sm:flex sm:flex-wrap" aria-label="Filter follow-ups">
				<FilterField label="Type" htmlFor="f-type">
					<Select id="f-type" name="type" defaultValue={filters.type ?? ''} className="h-9 py-0">
						<option value="">All types</option>
						{FOLLOW_UP_TYPES.map((t) => (
							<option key={t} value={t}>
								{FOLLOW_UP_TYPE_LABELS[t]}
							</option>
						))}
					</Select>
				</FilterField>
				<FilterField label="From" htmlFor="f-from">
					<Input id="f-from" name="from" type="date" defaultValue={filters.from ?? ''} className="h-9 py-0" />
				</FilterField>
				<FilterField label="To" htmlFor="f-to">
					<Input id="f-to" name="to" type="date" defaultValue={filters.to ?? ''} className="h-9 py-0" />
				</FilterField>
				<FilterField label="Contact" htmlFor="f-contact" className="sm:min-w-44 sm:max-w-60 sm:flex-1">
					<Select id="f-contact" name="contactId" defaultValue={filters.contactId ?? ''} className="h-9 py-0">
						<option value="">All contacts</option>
						{d.contacts.map((c) => (
							<option key={c.id} value={c.id}>
								{c.displayName}
							</option>
						))}
					</Select>
				</FilterField>
				{d.team ? (
					<FilterField label="Assigned to" htmlFor="f-assignee">
						<Select id="f-assignee" name="assignee" defaultValue={filters.assignee} className="h-9 py-0">
							<option value="me">Me</option>
							<option value="all">Everyone</option>
						</Select>
					</FilterField>
				) : null}
				{d.company ? <input type="hidden" name="companyId" value={d.company.id} /> : null}
				<div className="col-span-2 flex items-center gap-2">
					<Button type="submit" variant="secondary" size="sm" className="h-9">
						Apply
					</Button>
					{filtered ? (
						<Link to="/follow-ups" className={buttonClass({ variant: 'ghost', size: 'sm', className: 'h-9 text-muted' })}>
							Clear
						</Link>
					) : null}
				</div>
				{d.company ? (
					<p className="col-span-2 w-full text-sm text-muted">
						At{' '}
						<Link to={`/companies/${d.company.id}`} className="text-link hover:underline">
							{d.company.name}
						</Link>{' '}
						(and its people) ·{' '}
						<Link to={`/follow-ups?${followUpSearch({ ...filters, companyId: undefined, done: 1 })}`} className="text-link hover:underline">
							show all
						</Link>
					</p>
				) : null}
			</Form>

			<div className="flex flex-col gap-5">
				<FollowUpSection id="overdue" title="Overdue" tone="danger" count={d.overdue.length} empty="Nothing overdue. Nicely done.">
					{rows(d.overdue)}
				</FollowUpSection>
				<FollowUpSection id="today" title="Today" count={d.today.length} empty="Nothing else due today.">
					{rows(d.today, { timeOnly: true })}
				</FollowUpSection>
				<FollowUpSection
					id="upcoming"
					title="Upcoming"
					count={d.upcomingCount}
					empty="Nothing scheduled after today."
					footer={d.upcomingCount > d.upcoming.length ? <p className="border-t border-border px-5 py-2.5 text-sm text-muted">Showing the next {d.upcoming.length}. Narrow the dates to see the rest.</p> : null}
				>
					{rows(d.upcoming)}
				</FollowUpSection>
				{d.missedCount ? (
					<FollowUpSection
						id="missed"
						title="Missed"
						tone="warning"
						count={d.missedCount}
						empty=""
						footer={d.missedCount > d.missed.length ? <p className="border-t border-border px-5 py-2.5 text-sm text-muted">Showing the latest {d.missed.length}.</p> : null}
					>
						{rows(d.missed)}
					</FollowUpSection>
				) : null}
				<div id="completed" className="scroll-mt-20">
					<FollowUpSection
						id="completed-list"
						title="Completed"
						count={d.completed.total}
						empty="Completed follow-ups appear here, with their outcome."
						footer={
							d.completed.pages > 1 ? (
								<nav aria-label="Completed pages" className="flex items-center justify-between border-t border-border px-5 py-2.5 text-sm">
									<PageLink to={page(d.completed.page - 1)} disabled={d.completed.page <= 1}>
										<Icon name="chevron-left" className="h-4 w-4" /> Newer
									</PageLink>
									<span className="text-muted">
										Page {d.completed.page} of {d.completed.pages}
									</span>
									<PageLink to={page(d.completed.page + 1)} disabled={d.completed.page >= d.completed.pages}>
										Older <Icon name="chevron-right" className="h-4 w-4" />
									</PageLink>
								</nav>
							) : null
						}
					>
						{rows(d.completed.rows)}
					</FollowUpSection>
				</div>
				{d.cancelledCount ? (
					<FollowUpSection
						id="cancelled"
						title="Cancelled"
						count={d.cancelledCount}
						empty=""
						footer={d.cancelledCount > d.cancelled.length ? <p className="border-t border-border px-5 py-2.5 text-sm text-muted">Showing the latest {d.cancelled.length}.</p> : null}
					>
						{rows(d.cancelled)}
					</FollowUpSection>
				) : null}
			</div>
		</div>
	)
}

function FilterField({ label, htmlFor, className, children }: { label: string; htmlFor: string; className?: string; children: React.ReactNode }) {
	return (
		<div className={cn('flex flex-col gap-1', className)}>
			<Label htmlFor={htmlFor} className="text-xs text-muted">
				{label}
			</Label>
			{children}
		</div>
	)
}

function PageLink({ to, disabled, children }: { to: string; disabled: boolean; children: React.ReactNode }) {
	if (disabled) return <span className="inline-flex items-center gap-1 text-muted opacity-50">{children}</span>
	return (
		<Link to={to} className="inline-flex items-center gap-1 text-link hover:underline">
			{children}
		</Link>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

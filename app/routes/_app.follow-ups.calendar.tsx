// /follow-ups/calendar: a month (weeks Monday to Sunday, in the user's zone) with
// each day's follow-ups. Months change by plain links (?month=YYYY-MM), so it
// works without JavaScript; on phones the grid shows counts and a day list follows.
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { formatTime, TYPE_ICONS, type FollowUpItem } from '#app/components/follow-up-list.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { buttonClass } from '#app/components/ui/button.tsx'
import { Card } from '#app/components/ui/card.tsx'
import { Icon } from '#app/components/ui/icon.tsx'
import { followUpUserSettings, listMonthFollowUps, markMissedFollowUps, parseMonth } from '#app/models/follow-up.server.ts'
import { canCreate, requireMembership } from '#app/models/workspace.server.ts'
import { cn } from '#app/utils/misc.ts'
import { formatDateTime } from '#app/utils/time.ts'
import { FOLLOW_UP_TYPE_LABELS, followUpSearch, followUpState, parseFollowUpFilters } from '#app/validation/follow-up.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.label ?? 'Calendar'} · Follow-ups · Rapport` }]

export async function loader({ request }: LoaderFunctionArgs) {
	const m = await requireMembership(request)
	const now = new Date()
	await markMissedFollowUps(now, { workspaceId: m.workspaceId })
	const params = new URL(request.url).searchParams
	const filters = parseFollowUpFilters(params)
	const { timeZone } = await followUpUserSettings(m.userId)
	const month = await listMonthFollowUps(m, { timeZone, month: parseMonth(params.get('month'), now, timeZone), filters, now })
	return { ...month, filters: { type: filters.type, contactId: filters.contactId, companyId: filters.companyId, assignee: filters.assignee }, timeZone, now, canCreate: canCreate(m) }
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
const PER_CELL = 3

export default function FollowUpCalendar() {
	const d = useLoaderData<typeof loader>()
	const { timeZone, now } = d
	const monthHref = (month: string) => `?${followUpSearch({ ...d.filters, month })}`
	const dayHref = (key: string) => `/follow-ups?${followUpSearch({ ...d.filters, from: key, to: key })}`
	const withItems = d.days.filter((day) => day.inMonth && day.items.length)

	return (
		<div>
			<PageHeader
				title="Follow-ups"
				subtitle={`${d.total} in view${d.filters.assignee === 'me' ? ', assigned to me' : ''}`}
				actions={
					<>
						<nav aria-label="View" className="inline-flex rounded-md border border-border bg-surface p-0.5 shadow-sm">
							<Link to={`/follow-ups?${followUpSearch(d.filters)}`} className="rounded px-2.5 py-1 text-sm font-medium text-muted hover:text-fg">
								List
							</Link>
							<Link to={monthHref(d.month)} aria-current="page" className="inline-flex items-center gap-1.5 rounded bg-accent-soft px-2.5 py-1 text-sm font-medium text-link">
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

			<Card className="overflow-hidden">
				<div className="flex items-center justify-between gap-2 border-b border-border px-3 py-2 sm:px-4">
					<Link to={monthHref(d.prev)} className={buttonClass({ variant: 'ghost', size: 'sm', className: 'px-2' })} rel="prev">
						<Icon name="chevron-left" className="h-4 w-4" />
						<span className="sr-only sm:not-sr-only">Previous</span>
					</Link>
					<div className="flex items-center gap-3">
						<h2 className="text-base font-semibold" aria-live="polite">
							{d.label}
						</h2>
						{d.month !== d.current ? (
							<Link to={monthHref(d.current)} className="text-sm text-link hover:underline">
								Today
							</Link>
						) : null}
					</div>
					<Link to={monthHref(d.next)} className={buttonClass({ variant: 'ghost', size: 'sm', className: 'px-2' })} rel="next">
						<span className="sr-only sm:not-sr-only">Next</span>
						<Icon name="chevron-right" className="h-4 w-4" />
					</Link>
				</div>
				<table className="w-full table-fixed border-collapse" aria-label={`Follow-ups in ${d.label}`}>
					<thead>
						<tr>
							{WEEKDAYS.map((w) => (
								<th key={w} scope="col" className="border-b border-border py-1.5 text-center text-xs font-medium text-muted">
									{w}
								</th>
							))}
						</tr>
					</thead>
					<tbody>
						{Array.from({ length: d.days.length / 7 }, (_, week) => (
							<tr key={week}>
								{d.days.slice(week * 7, week * 7 + 7).map((day) => (
									<td key={day.key} className={cn('h-14 border-b border-border align-top sm:h-28 [&:not(:last-child)]:border-r', !day.inMonth && 'bg-subtle/60', day.isToday && 'bg-accent-soft/50')}>
										<div className="flex h-full flex-col gap-0.5 p-1 sm:p-1.5">
											<div className="flex items-center justify-between">
												<span
													className={cn(
														'inline-flex h-6 min-w-6 items-center justify-center rounded-full px-1 text-xs tabular-nums',
														day.isToday ? 'bg-accent font-semibold text-accent-fg' : day.inMonth ? 'text-fg' : 'text-muted',
													)}
													aria-current={day.isToday ? 'date' : undefined}
												>
													{day.day}
													{day.isToday ? <span className="sr-only"> (today)</span> : null}
												</span>
												{day.items.length ? (
													<Link to={dayHref(day.key)} className="rounded-full bg-accent-soft px-1.5 text-[11px] font-medium text-link tabular-nums sm:hidden" aria-label={`${day.items.length} on ${day.key}`}>
														{day.items.length}
													</Link>
												) : null}
											</div>
											<ul className="hidden min-w-0 flex-col gap-0.5 sm:flex">
												{day.items.slice(0, PER_CELL).map((f) => (
													<li key={f.id} className="min-w-0">
														<CalendarChip item={f} now={now} timeZone={timeZone} />
													</li>
												))}
												{day.items.length > PER_CELL ? (
													<li>
														<Link to={dayHref(day.key)} className="px-1 text-[11px] text-link hover:underline">
															+{day.items.length - PER_CELL} more
														</Link>
													</li>
												) : null}
											</ul>
										</div>
									</td>
								))}
							</tr>
						))}
					</tbody>
				</table>
			</Card>

			{/* On phones the cells only count; the month's follow-ups are listed by day. */}
			<div className="mt-5 flex flex-col gap-4 sm:hidden">
				{withItems.length === 0 ? <p className="text-sm text-muted">No follow-ups this month.</p> : null}
				{withItems.map((day) => (
					<section key={day.key} aria-label={day.key}>
						<h3 className={cn('mb-1 text-xs font-semibold uppercase tracking-wide', day.isToday ? 'text-link' : 'text-muted')}>
							{formatDateTime(`${day.key}T12:00:00Z`, 'UTC', { dateStyle: undefined, timeStyle: undefined, weekday: 'long', day: 'numeric', month: 'long' })}
							{day.isToday ? ' · Today' : ''}
						</h3>
						<ul className="divide-y divide-border rounded-lg border border-border bg-surface">
							{day.items.map((f) => (
								<li key={f.id}>
									<CalendarChip item={f} now={now} timeZone={timeZone} large />
								</li>
							))}
						</ul>
					</section>
				))}
			</div>
		</div>
	)
}

function CalendarChip({ item, now, timeZone, large }: { item: FollowUpItem; now: Date | string; timeZone: string; large?: boolean }) {
	const state = followUpState(item, new Date(now))
	const who = item.contact?.displayName ?? item.company?.name ?? 'Follow-up'
	return (
		<Link
			to={`/follow-ups/${item.id}`}
			title={`${FOLLOW_UP_TYPE_LABELS[item.type]} · ${who} · ${formatTime(item.dueAt, timeZone)}`}
			className={cn(
				'flex min-w-0 items-center gap-1 rounded hover:bg-subtle',
				large ? 'px-3 py-2.5 text-sm' : 'px-1 py-0.5 text-[11px] leading-tight',
				state === 'OVERDUE' && 'text-danger-text',
				state === 'MISSED' && 'text-warning-text',
				state === 'COMPLETED' && 'text-muted line-through decoration-muted/60',
			)}
		>
			<Icon name={state === 'COMPLETED' ? 'check' : TYPE_ICONS[item.type]} className={cn('shrink-0', large ? 'h-4 w-4' : 'h-3 w-3')} />
			<span className="shrink-0 tabular-nums">{formatTime(item.dueAt, timeZone)}</span>
			<span className="truncate font-medium">{who}</span>
		</Link>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

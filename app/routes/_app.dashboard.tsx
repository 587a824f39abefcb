// /dashboard, the home page: what needs doing today, who needs attention, leads and
// conversions in a chosen date range (GET ?range=7|30|90 or ?range=custom&from=&to=),
// the pipeline, and charts drawn on the server (they show without JavaScript).
import { userPrefs } from '#app/models/user.server.ts'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { BarChart } from '#app/components/charts/bar-chart.tsx'
import { formatCount } from '#app/components/charts/chart-frame.tsx'
import { DonutChart } from '#app/components/charts/donut-chart.tsx'
import { HorizontalBarChart } from '#app/components/charts/horizontal-bar-chart.tsx'
import { LineChart } from '#app/components/charts/line-chart.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Badge } from '#app/components/ui/badge.tsx'
import { buttonClass } from '#app/components/ui/button.tsx'
import { Card, CardHeader } from '#app/components/ui/card.tsx'
import { Input, Label } from '#app/components/ui/input.tsx'
import { getDashboard, zonedDay } from '#app/models/dashboard.server.ts'
import { markMissedFollowUps } from '#app/models/follow-up.server.ts'
import { requireMembership } from '#app/models/workspace.server.ts'
import { cn } from '#app/utils/misc.ts'
import { calendarDaysBetween, formatDateTime } from '#app/utils/time.ts'
import { LEAD_STATUS_LABELS } from '#app/validation/contact.ts'
import { formatMoney } from '#app/validation/deal.ts'
import { CLOSING_DAYS, MEETING_MEDIA, MONTHS_SHOWN, RANGE_PRESETS, UPCOMING_DAYS, WEEKS_SHOWN, parseDateRange } from '#app/validation/dashboard.ts'
import { FOLLOW_UP_TYPE_LABELS } from '#app/validation/follow-up.ts'
import { MEDIUM_LABELS } from '#app/validation/interaction.ts'

export const meta: MetaFunction = () => [{ title: 'Dashboard · Rapport' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const m = await requireMembership(request)
	const user = await userPrefs(m.userId)
	const now = new Date()
	// Lazily, so overdue and missed are right even when no background job runs.
	await markMissedFollowUps(now, { workspaceId: m.workspaceId })
	const range = parseDateRange(new URL(request.url).searchParams, zonedDay(now, user.timezone))
	const dashboard = await getDashboard(m, { timeZone: user.timezone, noContactDays: user.noContactDays, range, now })
	return { name: user.name, timezone: user.timezone, now: now.toISOString(), ...dashboard }
}

// ───────────────────────── formatting ─────────────────────────

function greeting(now: string, timeZone: string) {
	const hour = Number(formatDateTime(now, timeZone, { dateStyle: undefined, timeStyle: undefined, hour: 'numeric', hourCycle: 'h23' }))
	return hour < 12 ? 'Good morning' : hour < 18 ? 'Good afternoon' : 'Good evening'
}

// Intl formatters are built once per kind (building one costs ~0.1–0.4 ms; this page formats hundreds of values).
const int = formatCount
const money = (cents: number, currency: string, compact = false) => formatMoney(cents, currency, { compact })
/** A calendar day key ("YYYY-MM-DD" or "YYYY-MM") in words, without any zone shift. */
function dayLabel(key: string, opts: Intl.DateTimeFormatOptions) {
	return formatDateTime(`${key.length === 7 ? `${key}-01` : key}T00:00:00Z`, 'UTC', { dateStyle: undefined, timeStyle: undefined, ...opts })
}
/** How long ago, in calendar days of the user's time zone. */
function ago(date: string | Date, now: string, timeZone: string) {
	const days = calendarDaysBetween(date, now, timeZone)
	if (days <= 0) return 'today'
	if (days === 1) return 'yesterday'
	if (days < 60) return `${days} days ago`
	if (days < 730) return `${Math.floor(days / 30.44)} months ago`
	return `${Math.floor(days / 365.25)} years ago`
}
const plural = (n: number, one: string, many = `${one}s`) => `${int(n)} ${n === 1 ? one : many}`
const MEETINGS_LABEL = MEETING_MEDIA.map((x) => MEDIUM_LABELS[x].toLowerCase()).join(', ').replace(/, ([^,]*)$/, ' and $1')

// ───────────────────────── page ─────────────────────────

export default function Dashboard() {
	const d = useLoaderData<typeof loader>()
	const { timezone: tz, now, counts } = d
	const time = (date: string | Date) => formatDateTime(date, tz, { dateStyle: undefined, timeStyle: 'short' })
	const date = (date: string | Date) => formatDateTime(date, tz, { dateStyle: 'medium', timeStyle: undefined })
	const stats: Array<{ id: string; label: string; value: number; hint: string; to?: string; tone?: 'danger' }> = [
		{ id: 'contacts', label: 'Contacts', value: counts.contacts, hint: 'in your address book', to: '/contacts' },
		{ id: 'meetings', label: 'Meetings this month', value: counts.meetingsThisMonth, hint: `${MEETINGS_LABEL[0]!.toUpperCase()}${MEETINGS_LABEL.slice(1)}` },
		{ id: 'follow-ups-today', label: 'Follow-ups today', value: counts.followUps.today, hint: `${int(counts.followUps.overdue)} overdue`, to: '/follow-ups', tone: counts.followUps.overdue ? 'danger' : undefined },
		{ id: 'reminders-today', label: 'Reminders today', value: counts.remindersToday, hint: 'due in your time zone', to: '/reminders' },
		{ id: 'occasions', label: 'Birthdays & anniversaries', value: counts.occasions, hint: 'in the next 7 days' },
		{ id: 'needs-attention', label: 'Needs attention', value: counts.needsAttention, hint: `not contacted in ${d.needsAttention.days}+ days` },
	]
	const weeks = d.charts.perWeek.map((w) => ({ key: w.key, label: dayLabel(w.key, { day: 'numeric', month: 'short' }), long: `Week of ${dayLabel(w.key, { day: 'numeric', month: 'short', year: 'numeric' })}`, value: w.count }))
	const weekTotal = weeks.reduce((s, w) => s + w.value, 0)
	const busiest = weeks.reduce((a, b) => (b.value > a.value ? b : a), weeks[0]!)
	const media = d.charts.byMedium.map((x) => ({ key: x.medium, label: MEDIUM_LABELS[x.medium], value: x.count }))
	const topMedium = media.reduce((a, b) => (b.value > a.value ? b : a), media[0]!)
	const months = d.charts.contactsAdded.map((x) => ({ key: x.key, label: dayLabel(x.key, { month: 'short' }), long: dayLabel(x.key, { month: 'long', year: 'numeric' }), value: x.count }))
	const monthsTotal = months.reduce((s, x) => s + x.value, 0)
	const p = d.pipeline
	const openValue = p.stages.reduce((s, st) => s + st.valueCents, 0)
	const weighted = p.stages.reduce((s, st) => s + Math.round((st.valueCents * st.probability) / 100), 0)
	const otherCurrencies = p.currencies.filter((c) => c.currency !== p.currency)

	return (
		<div className="flex flex-col gap-6">
			<div>
				<h1 className="text-2xl font-semibold tracking-tight">
					{greeting(now, tz)}, {d.name.split(' ')[0]}
				</h1>
				<p className="mt-1 text-sm text-muted">
					<time dateTime={now} data-testid="local-now">
						{formatDateTime(now, tz, { dateStyle: 'full', timeStyle: 'short' })}
					</time>{' '}
					· {tz}
				</p>
			</div>

			<dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-6">
				{stats.map((s) => (
					<div key={s.id} className="relative rounded-lg border border-border bg-surface px-4 py-3 shadow-sm">
						<dt className="text-xs font-medium tracking-wide text-muted uppercase">
							{s.to ? (
								<Link to={s.to} className="after:absolute after:inset-0 hover:text-fg">
									{s.label}
								</Link>
							) : (
								s.label
							)}
						</dt>
						<dd className="mt-1 text-2xl font-semibold tabular-nums" data-testid={`stat-${s.id}`}>
							{int(s.value)}
						</dd>
						<dd className={cn('text-xs', s.tone === 'danger' ? 'text-danger-text' : 'text-muted')}>{s.hint}</dd>
					</div>
				))}
			</dl>

			<div className="grid gap-6 lg:grid-cols-3 [&>*]:min-w-0">
				<Card data-testid="today">
					<CardHeader title="Today" description="Follow-ups and reminders due today" />
					<ul className="divide-y divide-border">
						{d.followUps.today.length + d.reminders.length === 0 ? <Empty>Nothing due today.</Empty> : null}
						{d.followUps.today.map((f) => (
							<Row key={f.id} testId="today-follow-up">
								<FollowUpWho f={f} />
								<span className="flex shrink-0 items-center gap-2">
									<Badge>{FOLLOW_UP_TYPE_LABELS[f.type]}</Badge>
									<span className="text-muted tabular-nums">{time(f.dueAt)}</span>
								</span>
							</Row>
						))}
						{d.reminders.map((r) => (
							<Row key={r.id} testId="today-reminder">
								<span className="min-w-0">
									<span className="block truncate font-medium">{r.title}</span>
									{r.contact ? (
										<Link to={`/contacts/${r.contact.id}`} className="block truncate text-muted hover:underline">
											{r.contact.displayName}
										</Link>
									) : null}
								</span>
								<span className="flex shrink-0 items-center gap-2">
									<Badge tone="accent">{r.status === 'SNOOZED' ? 'Snoozed' : 'Reminder'}</Badge>
									<span className="text-muted tabular-nums">{time(r.snoozedUntil ?? r.scheduledAt)}</span>
								</span>
							</Row>
						))}
						{counts.followUps.today > d.followUps.today.length || counts.remindersToday > d.reminders.length ? (
							<li className="px-5 py-2 text-sm">
								<Link to="/follow-ups" className="text-link hover:underline">
									See all
								</Link>
							</li>
						) : null}
					</ul>
				</Card>

				<Card data-testid="follow-ups">
					<CardHeader
						title="Follow-ups"
						description={`Overdue, and due in the next ${UPCOMING_DAYS} days`}
						actions={
							<Link to="/follow-ups" className="text-sm whitespace-nowrap text-link hover:underline">
								All
							</Link>
						}
					/>
					<SubHeading>
						Overdue <span className="tabular-nums" data-testid="overdue-count">{int(counts.followUps.overdue)}</span>
					</SubHeading>
					<ul className="divide-y divide-border">
						{d.followUps.overdue.length === 0 ? <Empty>You’re all caught up.</Empty> : null}
						{d.followUps.overdue.map((f) => (
							<Row key={f.id}>
								<FollowUpWho f={f} />
								<span className="shrink-0 text-danger-text tabular-nums">{date(f.dueAt)}</span>
							</Row>
						))}
					</ul>
					<SubHeading>
						Upcoming <span className="tabular-nums" data-testid="upcoming-count">{int(counts.followUps.upcoming)}</span>
					</SubHeading>
					<ul className="divide-y divide-border">
						{d.followUps.upcoming.length === 0 ? <Empty>Nothing scheduled.</Empty> : null}
						{d.followUps.upcoming.map((f) => (
							<Row key={f.id}>
								<FollowUpWho f={f} />
								<span className="shrink-0 text-muted tabular-nums">{date(f.dueAt)}</span>
							</Row>
						))}
					</ul>
				</Card>

				<Card>
					<CardHeader title="Coming up this week" description="Birthdays and anniversaries in the next 7 days" />
					<ul className="divide-y divide-border">
						{d.occasions.length === 0 ? <Empty>Nothing this week.</Empty> : null}
						{d.occasions.map((o) => (
							<Row key={o.id}>
								<Link to={`/contacts/${o.contactId}`} className="min-w-0 truncate font-medium hover:underline">
									{o.name}
								</Link>
								<span className="flex shrink-0 items-center gap-2">
									<Badge tone={o.kind === 'Birthday' ? 'accent' : 'success'}>{o.kind}</Badge>
									<span className="w-20 text-right text-muted">{o.inDays === 0 ? 'Today' : o.inDays === 1 ? 'Tomorrow' : `in ${o.inDays} days`}</span>
								</span>
							</Row>
						))}
						{d.moreOccasions ? <li className="px-5 py-3 text-sm text-muted">and {int(d.moreOccasions)} more this week</li> : null}
					</ul>
				</Card>
			</div>

			<div className="grid gap-6 lg:grid-cols-2 [&>*]:min-w-0">
				<ChartCard title="Interactions per week" description={`Everything logged, the last ${WEEKS_SHOWN} weeks (Monday to Sunday)`}>
					<BarChart
						id="interactions-per-week"
						title="Interactions per week"
						description={
							weekTotal
								? `${int(weekTotal)} interactions in the last ${WEEKS_SHOWN} weeks; the busiest was the ${busiest.long.toLowerCase()} with ${int(busiest.value)}. This week so far: ${int(weeks.at(-1)!.value)}.`
								: `No interactions logged in the last ${WEEKS_SHOWN} weeks.`
						}
						data={weeks}
						categoryLabel="Week"
						valueLabel="Interactions"
						highlightLast
					/>
				</ChartCard>
				<ChartCard title="By medium" description={`How you were in touch, the last ${WEEKS_SHOWN} weeks`}>
					<DonutChart
						id="interactions-by-medium"
						title="Interactions by medium"
						description={weekTotal ? `${int(weekTotal)} interactions in the last ${WEEKS_SHOWN} weeks; most were ${topMedium.label} (${int(topMedium.value)}).` : `No interactions in the last ${WEEKS_SHOWN} weeks.`}
						data={media}
						categoryLabel="Medium"
						valueLabel="Interactions"
						totalLabel="interactions"
					/>
				</ChartCard>
				<ChartCard title="Contacts added" description={`New contacts per month, the last ${MONTHS_SHOWN} months`}>
					<LineChart
						id="contacts-added"
						title="Contacts added per month"
						description={`${int(monthsTotal)} contacts added in the last ${MONTHS_SHOWN} months (not counting deleted ones); ${int(months.at(-1)!.value)} so far in ${months.at(-1)!.long}.`}
						data={months}
						categoryLabel="Month"
						valueLabel="Contacts added"
					/>
				</ChartCard>
				<ChartCard
					title="Pipeline by stage"
					description={`Open deals in ${p.currency}: ${money(openValue, p.currency)}, weighted ${money(weighted, p.currency)}`}
					actions={
						<Link to="/deals" className="text-sm whitespace-nowrap text-link hover:underline">
							Deals
						</Link>
					}
				>
					<HorizontalBarChart
						id="pipeline-by-stage"
						title={`Pipeline value by stage (${p.currency})`}
						description={
							p.stages.length
								? `Open deals in ${p.currency} per stage: ${p.stages.map((st) => `${st.name} ${money(st.valueCents, p.currency)} (${plural(st.count, 'deal')})`).join('; ')}.`
								: 'No open pipeline stages.'
						}
						data={p.stages.map((st, i) => ({ key: st.id, label: st.name, value: st.valueCents, note: plural(st.count, 'deal'), series: i }))}
						format={(cents) => money(cents, p.currency, true)}
						table={{
							columns: ['Stage', 'Deals', `Value (${p.currency})`, 'Probability', 'Weighted'],
							rows: p.stages.map((st) => [st.name, int(st.count), money(st.valueCents, p.currency), `${st.probability}%`, money(Math.round((st.valueCents * st.probability) / 100), p.currency)]),
							foot: ['Total', int(p.stages.reduce((s, st) => s + st.count, 0)), money(openValue, p.currency), '', money(weighted, p.currency)],
						}}
					/>
					{otherCurrencies.length ? (
						<p className="mt-2 text-xs text-muted" data-testid="other-currencies">
							Also open, not converted: {otherCurrencies.map((c) => `${money(c.cents, c.currency)} in ${plural(c.count, 'deal')}`).join(' · ')}
						</p>
					) : null}
				</ChartCard>
			</div>

			<div className="grid gap-6 lg:grid-cols-2 [&>*]:min-w-0">
				<Card id="leads" data-testid="leads">
					<CardHeader
						title="Leads and conversions"
						description={`${dayLabel(d.leads.range.from, { day: 'numeric', month: 'short', year: 'numeric' })} – ${dayLabel(d.leads.range.to, { day: 'numeric', month: 'short', year: 'numeric' })} (${plural(d.leads.range.days, 'day')})`}
						actions={
							<Link to="/leads" className="text-sm whitespace-nowrap text-link hover:underline">
								Leads
							</Link>
						}
					/>
					<div className="flex flex-col gap-3 border-b border-border px-5 py-3">
						<nav aria-label="Date range" className="flex flex-wrap gap-1">
							{RANGE_PRESETS.map((days) => (
								<Link
									key={days}
									to={`?range=${days}#leads`}
									preventScrollReset
									aria-current={d.leads.range.preset === days ? 'true' : undefined}
									className={cn(
										'rounded-md border px-2.5 py-1 text-xs font-medium',
										d.leads.range.preset === days ? 'border-accent bg-accent-soft text-link' : 'border-border text-muted hover:bg-subtle hover:text-fg',
									)}
								>
									Last {days} days
								</Link>
							))}
						</nav>
						<Form method="get" action="/dashboard" preventScrollReset className="flex flex-wrap items-end gap-2" aria-label="Custom date range">
							<input type="hidden" name="range" value="custom" />
							<div className="flex flex-col gap-1">
								<Label htmlFor="range-from" className="text-xs">
									From
								</Label>
								<Input id="range-from" type="date" name="from" defaultValue={d.leads.range.from} max={d.today} className="h-8 w-40 text-sm" required />
							</div>
							<div className="flex flex-col gap-1">
								<Label htmlFor="range-to" className="text-xs">
									To
								</Label>
								<Input id="range-to" type="date" name="to" defaultValue={d.leads.range.to} className="h-8 w-40 text-sm" required />
							</div>
							<button type="submit" className={buttonClass({ variant: 'secondary', size: 'sm' })}>
								Apply
							</button>
						</Form>
					</div>
					<div className="grid grid-cols-2 gap-px bg-border sm:grid-cols-3">
						<Figure label="New leads" value={d.leads.total} testId="leads-total" hint="contacts and companies created with a lead status" />
						<Figure label="Conversions" value={d.leads.conversions} testId="leads-conversions" hint="became Converted in this range" />
						{d.leads.byStatus.map((s) => (
							<Figure key={s.status} label={LEAD_STATUS_LABELS[s.status]} value={s.count} testId={`leads-${s.status}`} hint="new leads, by status now" />
						))}
					</div>
				</Card>

				<Card data-testid="closing">
					<CardHeader
						title="Closing soon"
						description={`Open deals expected to close in the next ${CLOSING_DAYS} days`}
						actions={
							<span className="text-sm text-muted tabular-nums" data-testid="closing-count">
								{plural(d.pipeline.closing.count, 'deal')}
							</span>
						}
					/>
					{d.pipeline.closing.totals.length ? (
						<p className="border-b border-border px-5 py-2 text-sm text-muted">{d.pipeline.closing.totals.map((t) => money(t.valueCents, t.currency)).join(' + ')}</p>
					) : null}
					<ul className="divide-y divide-border">
						{d.pipeline.closing.deals.length === 0 ? <Empty>No deals expected to close in the next {CLOSING_DAYS} days.</Empty> : null}
						{d.pipeline.closing.deals.map((deal) => (
							<Row key={deal.id}>
								<span className="min-w-0">
									<Link to={`/deals/${deal.id}`} className="block truncate font-medium hover:underline">
										{deal.name}
									</Link>
									<span className="block truncate text-muted">{[deal.stage.name, deal.company?.name].filter(Boolean).join(' · ')}</span>
								</span>
								<span className="shrink-0 text-right">
									<span className="block font-medium tabular-nums">{money(deal.valueCents, deal.currency)}</span>
									<span className="block text-muted tabular-nums">{deal.expectedCloseAt ? date(deal.expectedCloseAt) : ''}</span>
								</span>
							</Row>
						))}
					</ul>
				</Card>
			</div>

			<div className="grid gap-6 lg:grid-cols-3 [&>*]:min-w-0">
				<Card data-testid="recently-contacted">
					<CardHeader title="Recently contacted" description="The last people you were in touch with" />
					<ul className="divide-y divide-border">
						{d.recentlyContacted.length === 0 ? <Empty>No interactions logged yet.</Empty> : null}
						{d.recentlyContacted.map((c) => (
							<PersonRow key={c.id} c={c} when={ago(c.lastContactedAt!, now, tz)} />
						))}
					</ul>
				</Card>
				<Card data-testid="needs-attention">
					<CardHeader
						title="Needs attention"
						description={`In touch before, but not in ${d.needsAttention.days}+ days (your setting)`}
						actions={
							<Link to={`/contacts?notContactedDays=${d.needsAttention.days}`} className="text-sm whitespace-nowrap text-link hover:underline">
								See all
							</Link>
						}
					/>
					<ul className="divide-y divide-border">
						{d.needsAttention.contacts.length === 0 ? <Empty>Everyone is in touch.</Empty> : null}
						{d.needsAttention.contacts.map((c) => (
							<PersonRow key={c.id} c={c} when={ago(c.lastContactedAt!, now, tz)} />
						))}
					</ul>
				</Card>
				<Card data-testid="recent-activity">
					<CardHeader
						title="Recent activity"
						actions={
							<Link to="/settings/activity" className="text-sm whitespace-nowrap text-link hover:underline">
								Full log
							</Link>
						}
					/>
					<ol className="max-h-[26rem] divide-y divide-border overflow-y-auto">
						{d.activity.length === 0 ? <Empty>Nothing yet.</Empty> : null}
						{d.activity.map((a) => (
							<li key={a.id} className="px-5 py-2 text-sm">
								<p className="truncate">
									<span className="font-medium">{a.label}</span>
									{a.recordName ? (
										<>
											{' · '}
											{a.href ? (
												<Link to={a.href} className="hover:underline">
													{a.recordName}
												</Link>
											) : (
												a.recordName
											)}
										</>
									) : null}
								</p>
								<p className="truncate text-xs text-muted">
									{[a.detail, a.actor ?? 'Rapport', ago(a.createdAt, now, tz)].filter(Boolean).join(' · ')}
								</p>
							</li>
						))}
					</ol>
				</Card>
			</div>
		</div>
	)
}

// ───────────────────────── parts ─────────────────────────

function Empty({ children }: { children: ReactNode }) {
	return <li className="px-5 py-4 text-sm text-muted">{children}</li>
}

function Row({ children, testId }: { children: ReactNode; testId?: string }) {
	return (
		<li className="flex items-center justify-between gap-3 px-5 py-2.5 text-sm" data-testid={testId}>
			{children}
		</li>
	)
}

function SubHeading({ children }: { children: ReactNode }) {
	return <h3 className="flex justify-between border-b border-border bg-subtle px-5 py-1.5 text-xs font-medium tracking-wide text-muted uppercase">{children}</h3>
}

function FollowUpWho({ f }: { f: { notes: string | null; contact: { id: string; displayName: string } | null; company: { id: string; name: string } | null } }) {
	return (
		<span className="min-w-0">
			{f.contact ? (
				<Link to={`/contacts/${f.contact.id}`} className="block truncate font-medium hover:underline">
					{f.contact.displayName}
				</Link>
			) : f.company ? (
				<Link to={`/companies/${f.company.id}`} className="block truncate font-medium hover:underline">
					{f.company.name}
				</Link>
			) : (
				<span className="block truncate font-medium">Follow-up</span>
			)}
			{f.notes ? <span className="block truncate text-muted">{f.notes}</span> : null}
		</span>
	)
}

function PersonRow({ c, when }: { c: { id: string; displayName: string; company: { name: string } | null }; when: string }) {
	return (
		<Row>
			<span className="min-w-0">
				<Link to={`/contacts/${c.id}`} className="block truncate font-medium hover:underline">
					{c.displayName}
				</Link>
				{c.company ? <span className="block truncate text-muted">{c.company.name}</span> : null}
			</span>
			<span className="shrink-0 text-muted">{when}</span>
		</Row>
	)
}

function Figure({ label, value, hint, testId }: { label: string; value: number; hint: string; testId: string }) {
	return (
		<div className="bg-surface px-5 py-3" title={hint}>
			<p className="text-xs text-muted">{label}</p>
			<p className="text-xl font-semibold tabular-nums" data-testid={testId}>
				{int(value)}
			</p>
		</div>
	)
}

function ChartCard({ title, description, actions, children }: { title: string; description: string; actions?: ReactNode; children: ReactNode }) {
	return (
		<Card>
			<CardHeader title={title} description={description} actions={actions} />
			<div className="px-5 py-4">{children}</div>
		</Card>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

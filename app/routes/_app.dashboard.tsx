import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Badge } from '#app/components/ui/badge.tsx'
import { Card, CardHeader } from '#app/components/ui/card.tsx'
import { getDashboard } from '#app/models/dashboard.server.ts'
import { requireMembership } from '#app/models/workspace.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { formatDateTime } from '#app/utils/time.ts'

export const meta: MetaFunction = () => [{ title: 'Dashboard · Rapport' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const { userId, workspaceId } = await requireMembership(request)
	const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true, timezone: true } })
	const now = new Date()
	return { name: user.name, timezone: user.timezone, now: now.toISOString(), ...(await getDashboard(workspaceId, user.timezone, now)) }
}

function greeting(now: string, timeZone: string) {
	const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: 'numeric', hourCycle: 'h23' }).format(new Date(now)))
	return hour < 12 ? 'Good morning' : hour < 18 ? 'Good afternoon' : 'Good evening'
}

const money = (cents: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(cents / 100)

export default function Dashboard() {
	const { name, timezone, now, counts, occasions, moreOccasions, overdue } = useLoaderData<typeof loader>()
	const stats: Array<{ label: string; value: string; hint?: string }> = [
		{ label: 'Contacts', value: counts.contacts.toLocaleString('en') },
		{ label: 'Companies', value: counts.companies.toLocaleString('en') },
		{ label: 'Open deals', value: counts.openDeals.toLocaleString('en'), hint: `${money(counts.pipelineCents)} in the pipeline` },
		{ label: 'Follow-ups pending', value: counts.pendingFollowUps.toLocaleString('en') },
	]
	return (
		<div className="flex flex-col gap-6">
			<div>
				<h1 className="text-2xl font-semibold tracking-tight">
					{greeting(now, timezone)}, {name.split(' ')[0]}
				</h1>
				<p className="mt-1 text-sm text-muted">
					<time dateTime={now} data-testid="local-now">
						{formatDateTime(now, timezone, { dateStyle: 'full', timeStyle: 'short' })}
					</time>{' '}
					· {timezone}
				</p>
			</div>
			<dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
				{stats.map((s) => (
					<Card key={s.label} className="px-4 py-3">
						<dt className="text-xs font-medium tracking-wide text-muted uppercase">{s.label}</dt>
						<dd className="mt-1 text-xl font-semibold tabular-nums">{s.value}</dd>
						{s.hint ? <dd className="text-xs text-muted">{s.hint}</dd> : null}
					</Card>
				))}
			</dl>
			<div className="grid gap-6 lg:grid-cols-2">
				<Card>
					<CardHeader title="Coming up this week" description="Birthdays and anniversaries in the next 7 days" />
					<ul className="divide-y divide-border">
						{occasions.length === 0 ? <li className="px-5 py-4 text-sm text-muted">Nothing this week.</li> : null}
						{occasions.map((o) => (
							<li key={o.id} className="flex items-center justify-between gap-3 px-5 py-3 text-sm">
								<Link to={`/contacts/${o.contactId}`} className="font-medium hover:underline">
									{o.name}
								</Link>
								<span className="flex items-center gap-2">
									<Badge tone={o.kind === 'Birthday' ? 'accent' : 'success'}>{o.kind}</Badge>
									<span className="w-20 text-right text-muted">{o.inDays === 0 ? 'Today' : o.inDays === 1 ? 'Tomorrow' : `in ${o.inDays} days`}</span>
								</span>
							</li>
						))}
						{moreOccasions ? <li className="px-5 py-3 text-sm text-muted">and {moreOccasions} more this week</li> : null}
					</ul>
				</Card>
				<Card>
					<CardHeader title="Overdue follow-ups" description="Promised, and not yet done" />
					<ul className="divide-y divide-border">
						{overdue.length === 0 ? <li className="px-5 py-4 text-sm text-muted">You’re all caught up.</li> : null}
						{overdue.map((f) => (
							<li key={f.id} className="flex items-center justify-between gap-3 px-5 py-3 text-sm">
								<span className="min-w-0">
									{f.contact ? (
										<Link to={`/contacts/${f.contact.id}`} className="block truncate font-medium hover:underline">
											{f.contact.displayName}
										</Link>
									) : (
										<span className="block truncate font-medium">Follow-up</span>
									)}
									{f.notes ? <span className="block truncate text-muted">{f.notes}</span> : null}
								</span>
								<span className="shrink-0 text-danger-text">{formatDateTime(f.dueAt, timezone, { dateStyle: 'medium', timeStyle: undefined })}</span>
							</li>
						))}
					</ul>
				</Card>
			</div>
		</div>
	)
}

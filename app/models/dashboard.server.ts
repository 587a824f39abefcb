// The dashboard (/dashboard): counts, what is due today, who needs attention,
// leads and conversions in a date range, the pipeline, and the series behind the
// charts. Every read is scoped to the member's workspace (and, for a REP limited
// to their own records, to what they own, are assigned or logged themselves).
//
// Fast at 100,000 contacts / 500,000 interactions / 20,000 deals because every
// aggregate is a count or sum over an index range (docs/decisions/0011-dashboard-charts-and-aggregates.md):
// time buckets are computed here, in the user's zone, as UTC instants, and each
// bucket is one `count(*)` over (workspaceId, occurredAt)-style index entries. No
// GROUP BY over a computed expression, which would build a temporary b-tree.
import { TZDate } from '@date-fns/tz'
import { addDays, addMonths, addWeeks, startOfMonth, startOfWeek } from 'date-fns'
import { Prisma } from '#app/generated/prisma/client.ts'
import { prisma } from '#app/utils/db.server.ts'
import { wallTimeToUtc, utcToWallTime } from '#app/utils/time.ts'
import { LEAD_STATUSES } from '#app/validation/contact.ts'
import { CLOSING_DAYS, MEETING_MEDIA, MONTHS_SHOWN, UPCOMING_DAYS, WEEKS_SHOWN, type DateRange } from '#app/validation/dashboard.ts'
import { MEDIUMS, type Medium } from '#app/validation/interaction.ts'
import { listRecentActivity } from './activity.server.ts'
import { followUpVisibleTo } from './follow-up.server.ts'
import { visibleTo, type Membership } from './workspace.server.ts'

const DAY_MS = 86_400_000
const OCCASIONS_SHOWN = 12

// ───────────────────────── time, in the user's zone ─────────────────────────

/** "YYYY-MM-DD" of `now` in `timeZone`. */
export function zonedDay(now: Date, timeZone: string) {
	return utcToWallTime(now, timeZone).slice(0, 10)
}

/** 00:00 of a calendar day ("YYYY-MM-DD") in `timeZone`, as a UTC instant (DST-safe). */
export function startOfZonedDate(day: string, timeZone: string) {
	return wallTimeToUtc(day, timeZone)!
}

const dayOf = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`

/** Today, this month, as [start, end) instants. */
export function todayBounds(now: Date, timeZone: string) {
	const today = zonedDay(now, timeZone)
	const next = new Date(Date.parse(`${today}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10)
	return { today, start: startOfZonedDate(today, timeZone), end: startOfZonedDate(next, timeZone) }
}

export function monthBounds(now: Date, timeZone: string) {
	const first = startOfMonth(new TZDate(now.getTime(), timeZone))
	return { month: dayOf(first).slice(0, 7), start: startOfZonedDate(dayOf(first), timeZone), end: startOfZonedDate(dayOf(addMonths(first, 1)), timeZone) }
}

export type Bucket = { key: string; start: Date; end: Date }

/**
 * The last `count` weeks (Monday to Sunday in the user's zone), oldest first, the
 * current (partial) week last. key = the Monday, "YYYY-MM-DD".
 */
export function weekBuckets(now: Date, timeZone: string, count = WEEKS_SHOWN): Bucket[] {
	const thisWeek = startOfWeek(new TZDate(now.getTime(), timeZone), { weekStartsOn: 1 })
	return Array.from({ length: count }, (_, i) => {
		const monday = addWeeks(thisWeek, i - count + 1)
		return { key: dayOf(monday), start: startOfZonedDate(dayOf(monday), timeZone), end: startOfZonedDate(dayOf(addDays(monday, 7)), timeZone) }
	})
}

/** The last `count` calendar months in the user's zone, oldest first (key "YYYY-MM"). */
export function monthBuckets(now: Date, timeZone: string, count = MONTHS_SHOWN): Bucket[] {
	const thisMonth = startOfMonth(new TZDate(now.getTime(), timeZone))
	return Array.from({ length: count }, (_, i) => {
		const first = addMonths(thisMonth, i - count + 1)
		return { key: dayOf(first).slice(0, 7), start: startOfZonedDate(dayOf(first), timeZone), end: startOfZonedDate(dayOf(addMonths(first, 1)), timeZone) }
	})
}

/** A range of calendar days (both included) as [start, end) instants. */
export function rangeBounds(range: Pick<DateRange, 'from' | 'to'>, timeZone: string) {
	const after = new Date(Date.parse(`${range.to}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10)
	return { start: startOfZonedDate(range.from, timeZone), end: startOfZonedDate(after, timeZone) }
}

/** Month/day pairs for the next `days` days as seen in `timeZone` (today first). */
export function upcomingMonthDays(now: Date, timeZone: string, days: number) {
	const fmt = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' })
	const out: Array<{ month: number; day: number; offset: number }> = []
	for (let offset = 0; offset < days; offset++) {
		const parts = fmt.formatToParts(new Date(now.getTime() + offset * DAY_MS))
		const get = (type: string) => Number(parts.find((p) => p.type === type)!.value)
		out.push({ month: get('month'), day: get('day'), offset })
	}
	return out
}

// ───────────────────────── SQL pieces ─────────────────────────

/** DateTime as the better-sqlite3 adapter stores it (ISO text, "+00:00"), so text comparison is time order. */
const at = (d: Date) => d.toISOString().replace('Z', '+00:00')
const num = (v: unknown) => Number(v ?? 0)
const limited = (m: Membership) => m.role === 'REP' && m.hideOthersRecords

/** Interactions a limited REP counts: logged by them, or with a contact they own or are assigned. */
function interactionScope(m: Membership) {
	if (!limited(m)) return Prisma.empty
	return Prisma.sql` AND (userId = ${m.userId} OR contactId IN (SELECT id FROM Contact WHERE workspaceId = ${m.workspaceId} AND (ownerId = ${m.userId} OR assigneeId = ${m.userId})))`
}
function contactScope(m: Membership) {
	return limited(m) ? Prisma.sql` AND (ownerId = ${m.userId} OR assigneeId = ${m.userId})` : Prisma.empty
}
function companyScope(m: Membership) {
	return limited(m) ? Prisma.sql` AND ownerId = ${m.userId}` : Prisma.empty
}

/** One statement, one `count(*)` per bucket, each an index range (no temporary b-tree). */
async function countPerBucket(buckets: Bucket[], count: (b: Bucket) => Prisma.Sql) {
	const columns = buckets.map((b, i) => Prisma.sql`(${count(b)}) AS ${Prisma.raw(`b${i}`)}`)
	const [row] = await prisma.$queryRaw<Array<Record<string, unknown>>>`SELECT ${Prisma.join(columns, ', ')}`
	return buckets.map((b, i) => ({ key: b.key, count: num(row?.[`b${i}`]) }))
}

// ───────────────────────── the dashboard ─────────────────────────

export type DashboardOptions = { timeZone: string; noContactDays: number; range: DateRange; now?: Date }

/**
 * Open deals per stage of the workspace's pipeline (board order), summed per
 * currency (no conversion: amounts in different currencies are never added), and
 * the open deals expected to close in the next CLOSING_DAYS days.
 */
async function getPipeline(m: Membership, now: Date) {
	const ws = m.workspaceId
	const stages = await prisma.pipelineStage.findMany({ where: { workspaceId: ws, outcome: 'OPEN' }, orderBy: { position: 'asc' }, select: { id: true, name: true, probability: true } })
	if (!stages.length) return { stages: [], currency: 'USD', currencies: [], closing: { count: 0, deals: [], totals: [] } }
	const ids = Prisma.join(stages.map((st) => Prisma.sql`${st.id}`))
	const owner = limited(m) ? Prisma.sql` AND ownerId = ${m.userId}` : Prisma.empty
	const closingEnd = new Date(now.getTime() + CLOSING_DAYS * DAY_MS)
	const closingWhere: Prisma.DealWhereInput = {
		workspaceId: ws,
		deletedAt: null,
		stageId: { in: stages.map((st) => st.id) },
		expectedCloseAt: { gte: now, lt: closingEnd },
		...(limited(m) ? { ownerId: m.userId } : {}),
	}
	const [sums, closingTotals, closing] = await Promise.all([
		prisma.$queryRaw<Array<{ stageId: string; currency: string; n: unknown; cents: unknown }>>`
			SELECT stageId, currency, count(*) AS n, sum(valueCents) AS cents FROM Deal WHERE workspaceId = ${ws} AND deletedAt IS NULL AND stageId IN (${ids})${owner} GROUP BY stageId, currency`,
		prisma.$queryRaw<Array<{ currency: string; n: unknown; cents: unknown }>>`
			SELECT currency, count(*) AS n, sum(valueCents) AS cents FROM Deal WHERE workspaceId = ${ws} AND deletedAt IS NULL AND stageId IN (${ids}) AND expectedCloseAt >= ${at(now)} AND expectedCloseAt < ${at(closingEnd)}${owner} GROUP BY currency ORDER BY count(*) DESC, currency`,
		prisma.deal.findMany({
			where: closingWhere,
			orderBy: [{ expectedCloseAt: 'asc' }, { id: 'asc' }],
			take: 6,
			select: { id: true, name: true, valueCents: true, currency: true, expectedCloseAt: true, probability: true, stage: { select: { name: true } }, company: { select: { name: true } } },
		}),
	])
	// The chart shows the currency most open deals are in; the table lists the others.
	const perCurrency = new Map<string, { count: number; cents: number }>()
	for (const r of sums) {
		const c = perCurrency.get(r.currency) ?? { count: 0, cents: 0 }
		perCurrency.set(r.currency, { count: c.count + num(r.n), cents: c.cents + num(r.cents) })
	}
	const currencies = [...perCurrency].map(([currency, t]) => ({ currency, ...t })).sort((a, b) => b.count - a.count || a.currency.localeCompare(b.currency))
	const currency = currencies[0]?.currency ?? 'USD'
	return {
		currency,
		currencies,
		stages: stages.map((st) => {
			const rows = sums.filter((r) => r.stageId === st.id)
			const main = rows.find((r) => r.currency === currency)
			return {
				id: st.id,
				name: st.name,
				probability: st.probability,
				count: num(main?.n),
				valueCents: num(main?.cents),
				other: rows.filter((r) => r.currency !== currency).map((r) => ({ currency: r.currency, count: num(r.n), valueCents: num(r.cents) })),
			}
		}),
		closing: {
			count: closingTotals.reduce((sum, r) => sum + num(r.n), 0),
			totals: closingTotals.map((r) => ({ currency: r.currency, count: num(r.n), valueCents: num(r.cents) })),
			deals: closing,
		},
	}
}

export async function getDashboard(m: Membership, { timeZone, noContactDays, range, now = new Date() }: DashboardOptions) {
	const ws = m.workspaceId
	const today = todayBounds(now, timeZone)
	const month = monthBounds(now, timeZone)
	const weeks = weekBuckets(now, timeZone)
	const months = monthBuckets(now, timeZone)
	const leadRange = rangeBounds(range, timeZone)
	const attentionBefore = new Date(now.getTime() - noContactDays * DAY_MS)
	const live = { ...visibleTo(m), deletedAt: null }
	const window = upcomingMonthDays(now, timeZone, 7)
	const followUps = (extra: Prisma.FollowUpWhereInput): Prisma.FollowUpWhereInput => ({ AND: [followUpVisibleTo(m), { status: 'PENDING' }, extra] })
	const overdueWhere = followUps({ dueAt: { lt: now } })
	const todayWhere = followUps({ dueAt: { gte: now, lt: today.end } })
	const upcomingWhere = followUps({ dueAt: { gte: today.end, lt: new Date(today.end.getTime() + UPCOMING_DAYS * DAY_MS) } })
	const followUpSelect = { id: true, dueAt: true, type: true, notes: true, contact: { select: { id: true, displayName: true } }, company: { select: { id: true, name: true } } } as const
	const reminderWhere: Prisma.ReminderWhereInput = {
		workspaceId: ws,
		userId: m.userId,
		status: { in: ['PENDING', 'SENT', 'SNOOZED'] },
		// Due at snoozedUntil when snoozed, else at scheduledAt.
		OR: [{ snoozedUntil: null, scheduledAt: { gte: today.start, lt: today.end } }, { snoozedUntil: { gte: today.start, lt: today.end } }],
		AND: [{ OR: [{ contactId: null }, { contact: { deletedAt: null } }] }],
	}
	// One (month, day) equality per day, each with the workspace, so SQLite does one index seek per day.
	const occasionSql = (kind: 'birthday' | 'anniversary') => {
		const [mo, d, y] = [Prisma.raw(`${kind}Month`), Prisma.raw(`${kind}Day`), Prisma.raw(`${kind}Year`)]
		const label = kind === 'birthday' ? 'Birthday' : 'Anniversary'
		const inDays = Prisma.join(window.map((w) => Prisma.sql`WHEN ${mo} = ${w.month} AND ${d} = ${w.day} THEN ${w.offset}`), ' ')
		const days = Prisma.join(window.map((w) => Prisma.sql`(workspaceId = ${ws} AND deletedAt IS NULL AND ${mo} = ${w.month} AND ${d} = ${w.day})`), ' OR ')
		return Prisma.sql`SELECT id, displayName AS name, ${label} AS kind, CASE ${inDays} END AS inDays, ${y} AS year FROM Contact WHERE (${days})${contactScope(m)}`
	}
	const mediaList = (list: readonly Medium[]) => Prisma.join(list.map((x) => Prisma.sql`${x}`))
	const statusList = Prisma.join(LEAD_STATUSES.map((s) => Prisma.sql`${s}`))

	const [
		contacts,
		meetingRows,
		occasionRows,
		occasionCount,
		overdueCount,
		overdue,
		todayCount,
		todayFollowUps,
		upcomingCount,
		upcoming,
		reminderCount,
		reminders,
		recentlyContacted,
		attentionCount,
		attention,
		leadContacts,
		leadCompanies,
		conversionRows,
		perWeek,
		mediumRows,
		contactsAdded,
		activity,
		pipeline,
	] = await Promise.all([
		prisma.contact.count({ where: live }),
		prisma.$queryRaw<Array<{ n: unknown }>>`SELECT count(*) AS n FROM Interaction WHERE workspaceId = ${ws} AND medium IN (${mediaList(MEETING_MEDIA)}) AND occurredAt >= ${at(month.start)} AND occurredAt < ${at(month.end)}${interactionScope(m)}`,
		// Birthdays and anniversaries in the next 7 days: a large address book has hundreds, so
		// SQLite orders them (soonest first) and returns the first few; a second statement counts.
		prisma.$queryRaw<Array<{ id: string; name: string; kind: 'Birthday' | 'Anniversary'; inDays: unknown; year: number | null }>>`
			SELECT * FROM (${occasionSql('birthday')} UNION ALL ${occasionSql('anniversary')}) ORDER BY inDays, name COLLATE NOCASE, id LIMIT ${OCCASIONS_SHOWN}`,
		prisma.$queryRaw<Array<{ n: unknown }>>`SELECT (SELECT count(*) FROM (${occasionSql('birthday')})) + (SELECT count(*) FROM (${occasionSql('anniversary')})) AS n`,
		prisma.followUp.count({ where: overdueWhere }),
		prisma.followUp.findMany({ where: overdueWhere, orderBy: { dueAt: 'asc' }, take: 5, select: followUpSelect }),
		prisma.followUp.count({ where: todayWhere }),
		prisma.followUp.findMany({ where: todayWhere, orderBy: { dueAt: 'asc' }, take: 10, select: followUpSelect }),
		prisma.followUp.count({ where: upcomingWhere }),
		prisma.followUp.findMany({ where: upcomingWhere, orderBy: { dueAt: 'asc' }, take: 5, select: followUpSelect }),
		prisma.reminder.count({ where: reminderWhere }),
		prisma.reminder.findMany({
			where: reminderWhere,
			orderBy: [{ scheduledAt: 'asc' }, { id: 'asc' }],
			take: 10,
			select: { id: true, type: true, title: true, scheduledAt: true, snoozedUntil: true, status: true, contact: { select: { id: true, displayName: true } } },
		}),
		prisma.contact.findMany({
			where: { ...live, lastContactedAt: { not: null } },
			orderBy: { lastContactedAt: 'desc' },
			take: 5,
			select: { id: true, displayName: true, lastContactedAt: true, company: { select: { name: true } } },
		}),
		prisma.contact.count({ where: { ...live, lastContactedAt: { lt: attentionBefore } } }),
		prisma.contact.findMany({
			// Those who lapsed most recently first: the relationships still easiest to pick up.
			where: { ...live, lastContactedAt: { lt: attentionBefore } },
			orderBy: { lastContactedAt: 'desc' },
			take: 5,
			select: { id: true, displayName: true, lastContactedAt: true, company: { select: { name: true } } },
		}),
		prisma.$queryRaw<Array<{ s: string; n: unknown }>>`SELECT leadStatus AS s, count(*) AS n FROM Contact WHERE workspaceId = ${ws} AND deletedAt IS NULL AND leadStatus IN (${statusList}) AND createdAt >= ${at(leadRange.start)} AND createdAt < ${at(leadRange.end)}${contactScope(m)} GROUP BY leadStatus`,
		prisma.$queryRaw<Array<{ s: string; n: unknown }>>`SELECT leadStatus AS s, count(*) AS n FROM Company WHERE workspaceId = ${ws} AND deletedAt IS NULL AND leadStatus IN (${statusList}) AND createdAt >= ${at(leadRange.start)} AND createdAt < ${at(leadRange.end)}${companyScope(m)} GROUP BY leadStatus`,
		// A conversion is a log entry taking leadStatus to CONVERTED (status change, edit or merge),
		// as on /leads; the expression matches the partial index ActivityLog_conversion_idx.
		prisma.$queryRaw<Array<{ n: unknown }>>`SELECT count(DISTINCT entityType || ':' || entityId) AS n FROM ActivityLog WHERE workspaceId = ${ws} AND json_extract(diff, '$.leadStatus[1]') = 'CONVERTED' AND createdAt >= ${at(leadRange.start)} AND createdAt < ${at(leadRange.end)} AND entityType IN ('Contact', 'Company')${limited(m) ? Prisma.sql` AND actorId = ${m.userId}` : Prisma.empty}`,
		countPerBucket(weeks, (b) => Prisma.sql`SELECT count(*) FROM Interaction WHERE workspaceId = ${ws} AND occurredAt >= ${at(b.start)} AND occurredAt < ${at(b.end)}${interactionScope(m)}`),
		prisma.$queryRaw<Array<{ medium: Medium; n: unknown }>>`SELECT medium, count(*) AS n FROM Interaction WHERE workspaceId = ${ws} AND medium IN (${mediaList(MEDIUMS)}) AND occurredAt >= ${at(weeks[0]!.start)} AND occurredAt < ${at(weeks.at(-1)!.end)}${interactionScope(m)} GROUP BY medium`,
		countPerBucket(months, (b) => Prisma.sql`SELECT count(*) FROM Contact WHERE workspaceId = ${ws} AND deletedAt IS NULL AND createdAt >= ${at(b.start)} AND createdAt < ${at(b.end)}${contactScope(m)}`),
		listRecentActivity(m, 20),
		getPipeline(m, now),
	])

	const occasions = occasionRows.map((o) => ({ id: `${o.kind[0]}-${o.id}`, contactId: o.id, name: o.name, kind: o.kind, inDays: num(o.inDays), year: o.year === null ? null : num(o.year) }))
	const occasionTotal = num(occasionCount[0]?.n)
	const leadCount = (status: string) => num(leadContacts.find((r) => r.s === status)?.n) + num(leadCompanies.find((r) => r.s === status)?.n)
	const byStatus = LEAD_STATUSES.map((status) => ({ status, count: leadCount(status) }))

	return {
		today: today.today,
		month: month.month,
		counts: {
			contacts,
			meetingsThisMonth: num(meetingRows[0]?.n),
			occasions: occasionTotal,
			followUps: { overdue: overdueCount, today: todayCount, upcoming: upcomingCount },
			remindersToday: reminderCount,
			needsAttention: attentionCount,
		},
		occasions,
		moreOccasions: Math.max(0, occasionTotal - occasions.length),
		followUps: { overdue, today: todayFollowUps, upcoming },
		reminders,
		recentlyContacted,
		needsAttention: { days: noContactDays, contacts: attention },
		leads: { range, byStatus, total: byStatus.reduce((s, r) => s + r.count, 0), conversions: num(conversionRows[0]?.n) },
		charts: {
			perWeek,
			byMedium: MEDIUMS.map((medium) => ({ medium, count: num(mediumRows.find((r) => r.medium === medium)?.n) })),
			contactsAdded,
		},
		activity,
		pipeline,
	}
}

export type Dashboard = Awaited<ReturnType<typeof getDashboard>>

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
import { sqlDate } from '#app/utils/sql.server.ts'
import { wallTimeToUtc, utcToWallTime } from '#app/utils/time.ts'
import { LEAD_STATUSES } from '#app/validation/contact.ts'
import { CLOSING_DAYS, MEETING_MEDIA, MONTHS_SHOWN, UPCOMING_DAYS, WEEKS_SHOWN, type DateRange } from '#app/validation/dashboard.ts'
import { MEDIUMS, type FollowUpType } from '#app/validation/interaction.ts'
import { listRecentActivity } from './activity.server.ts'
import type { Membership } from './workspace.server.ts'

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
const dayFormats = new Map<string, Intl.DateTimeFormat>()
export function upcomingMonthDays(now: Date, timeZone: string, days: number) {
	let fmt = dayFormats.get(timeZone)
	if (!fmt) {
		if (dayFormats.size > 500) dayFormats.clear()
		fmt = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' })
		dayFormats.set(timeZone, fmt)
	}
	const out: Array<{ month: number; day: number; offset: number }> = []
	for (let offset = 0; offset < days; offset++) {
		const parts = fmt.formatToParts(new Date(now.getTime() + offset * DAY_MS))
		const get = (type: string) => Number(parts.find((p) => p.type === type)!.value)
		out.push({ month: get('month'), day: get('day'), offset })
	}
	return out
}

// ───────────────────────── SQL pieces ─────────────────────────

const num = (v: unknown) => Number(v ?? 0)
const limited = (m: Membership) => m.role === 'REP' && m.hideOthersRecords

/** Interactions a limited REP counts: logged by them, or with a contact they own or are assigned. */
function interactionScope(m: Membership) {
	if (!limited(m)) return Prisma.empty
	return Prisma.sql` AND (userId = ${m.userId} OR contactId IN (SELECT id FROM Contact WHERE workspaceId = ${m.workspaceId} AND (ownerId = ${m.userId} OR assigneeId = ${m.userId})))`
}
function contactScope(m: Membership, alias?: string) {
	const col = (name: string) => Prisma.raw(alias ? `${alias}.${name}` : name)
	return limited(m) ? Prisma.sql` AND (${col('ownerId')} = ${m.userId} OR ${col('assigneeId')} = ${m.userId})` : Prisma.empty
}
function companyScope(m: Membership) {
	return limited(m) ? Prisma.sql` AND ownerId = ${m.userId}` : Prisma.empty
}

/** A DateTime read by $queryRaw (a Date, or the stored ISO text). */
const toDate = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)))

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
	const [sums, closingTotals, closing] = await Promise.all([
		prisma.$queryRaw<Array<{ stageId: string; currency: string; n: unknown; cents: unknown }>>`
			SELECT stageId, currency, count(*) AS n, sum(valueCents) AS cents FROM Deal WHERE workspaceId = ${ws} AND deletedAt IS NULL AND stageId IN (${ids})${owner} GROUP BY stageId, currency`,
		prisma.$queryRaw<Array<{ currency: string; n: unknown; cents: unknown }>>`
			SELECT currency, count(*) AS n, sum(valueCents) AS cents FROM Deal WHERE workspaceId = ${ws} AND deletedAt IS NULL AND stageId IN (${ids}) AND expectedCloseAt >= ${sqlDate(now)} AND expectedCloseAt < ${sqlDate(closingEnd)}${owner} GROUP BY currency ORDER BY count(*) DESC, currency`,
		prisma.$queryRaw<Array<{ id: string; name: string; valueCents: unknown; currency: string; expectedCloseAt: unknown; stageName: string; companyName: string | null }>>`
			SELECT d.id, d.name, d.valueCents, d.currency, d.expectedCloseAt, s.name AS stageName, o.name AS companyName
			FROM Deal d JOIN PipelineStage s ON s.id = d.stageId LEFT JOIN Company o ON o.id = d.companyId
			WHERE d.workspaceId = ${ws} AND d.deletedAt IS NULL AND d.stageId IN (${ids}) AND d.expectedCloseAt >= ${sqlDate(now)} AND d.expectedCloseAt < ${sqlDate(closingEnd)}${limited(m) ? Prisma.sql` AND d.ownerId = ${m.userId}` : Prisma.empty}
			ORDER BY d.expectedCloseAt, d.id LIMIT 6`,
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
			deals: closing.map((d) => ({ id: d.id, name: d.name, valueCents: num(d.valueCents), currency: d.currency, expectedCloseAt: toDate(d.expectedCloseAt), stage: { name: d.stageName }, company: d.companyName === null ? null : { name: d.companyName } })),
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
	const attentionBefore = sqlDate(new Date(now.getTime() - noContactDays * DAY_MS))
	const upcomingEnd = new Date(today.end.getTime() + UPCOMING_DAYS * DAY_MS)
	const window = upcomingMonthDays(now, timeZone, 7)

	// One (month, day) equality per day, each with the workspace, so SQLite does one index seek per day.
	const occasionSql = (kind: 'birthday' | 'anniversary') => {
		const [mo, d, y] = [Prisma.raw(`${kind}Month`), Prisma.raw(`${kind}Day`), Prisma.raw(`${kind}Year`)]
		const label = kind === 'birthday' ? 'Birthday' : 'Anniversary'
		const inDays = Prisma.join(window.map((w) => Prisma.sql`WHEN ${mo} = ${w.month} AND ${d} = ${w.day} THEN ${w.offset}`), ' ')
		const days = Prisma.join(window.map((w) => Prisma.sql`(workspaceId = ${ws} AND deletedAt IS NULL AND ${mo} = ${w.month} AND ${d} = ${w.day})`), ' OR ')
		return Prisma.sql`SELECT id, displayName AS name, ${label} AS kind, CASE ${inDays} END AS inDays, ${y} AS year FROM Contact WHERE (${days})${contactScope(m)}`
	}
	// As followUpVisibleTo: about a contact or company that is not deleted (or neither), and a limited REP's own.
	const followUpWhere = (due: Prisma.Sql) =>
		Prisma.sql`f.workspaceId = ${ws} AND f.status = 'PENDING' AND ${due} AND CASE WHEN f.contactId IS NOT NULL THEN EXISTS (SELECT 1 FROM Contact c WHERE c.id = f.contactId AND c.deletedAt IS NULL) WHEN f.companyId IS NOT NULL THEN EXISTS (SELECT 1 FROM Company o WHERE o.id = f.companyId AND o.deletedAt IS NULL) ELSE 1 END${
			limited(m) ? Prisma.sql` AND (f.assigneeId = ${m.userId} OR f.createdById = ${m.userId})` : Prisma.empty
		}`
	const overdueDue = Prisma.sql`f.dueAt < ${sqlDate(now)}`
	const todayDue = Prisma.sql`f.dueAt >= ${sqlDate(now)} AND f.dueAt < ${sqlDate(today.end)}`
	const upcomingDue = Prisma.sql`f.dueAt >= ${sqlDate(today.end)} AND f.dueAt < ${sqlDate(upcomingEnd)}`
	// The user's reminders due today: at snoozedUntil when snoozed, else at scheduledAt.
	const reminderWhere = Prisma.sql`r.workspaceId = ${ws} AND r.userId = ${m.userId} AND r.status IN ('PENDING', 'SENT', 'SNOOZED')
		AND ((r.snoozedUntil IS NULL AND r.scheduledAt >= ${sqlDate(today.start)} AND r.scheduledAt < ${sqlDate(today.end)}) OR (r.snoozedUntil >= ${sqlDate(today.start)} AND r.snoozedUntil < ${sqlDate(today.end)}))
		AND (r.contactId IS NULL OR EXISTS (SELECT 1 FROM Contact c WHERE c.id = r.contactId AND c.deletedAt IS NULL))`
	const interactions = (from: Date, to: Date, extra = Prisma.empty) =>
		Prisma.sql`SELECT count(*) FROM Interaction WHERE workspaceId = ${ws}${extra} AND occurredAt >= ${sqlDate(from)} AND occurredAt < ${sqlDate(to)}${interactionScope(m)}`
	const leadsOf = (table: 'Contact' | 'Company', status: string) =>
		Prisma.sql`SELECT count(*) FROM ${Prisma.raw(table)} WHERE workspaceId = ${ws} AND deletedAt IS NULL AND leadStatus = ${status} AND createdAt >= ${sqlDate(leadRange.start)} AND createdAt < ${sqlDate(leadRange.end)}${table === 'Contact' ? contactScope(m) : companyScope(m)}`

	// Every count on the page in one statement: each is an index range (see the file's header).
	const countSql: Record<string, Prisma.Sql> = {
		contacts: Prisma.sql`SELECT count(*) FROM Contact WHERE workspaceId = ${ws} AND deletedAt IS NULL${contactScope(m)}`,
		meetings: interactions(month.start, month.end, Prisma.sql` AND medium IN (${Prisma.join(MEETING_MEDIA.map((x) => Prisma.sql`${x}`))})`),
		attention: Prisma.sql`SELECT count(*) FROM Contact WHERE workspaceId = ${ws} AND deletedAt IS NULL AND lastContactedAt < ${attentionBefore}${contactScope(m)}`,
		occasions: Prisma.sql`SELECT (SELECT count(*) FROM (${occasionSql('birthday')})) + (SELECT count(*) FROM (${occasionSql('anniversary')}))`,
		overdue: Prisma.sql`SELECT count(*) FROM FollowUp f WHERE ${followUpWhere(overdueDue)}`,
		today: Prisma.sql`SELECT count(*) FROM FollowUp f WHERE ${followUpWhere(todayDue)}`,
		upcoming: Prisma.sql`SELECT count(*) FROM FollowUp f WHERE ${followUpWhere(upcomingDue)}`,
		reminders: Prisma.sql`SELECT count(*) FROM Reminder r WHERE ${reminderWhere}`,
		// A conversion is a log entry taking leadStatus to CONVERTED (status change, edit or merge),
		// as on /leads; the expression matches the partial index ActivityLog_conversion_idx.
		conversions: Prisma.sql`SELECT count(DISTINCT entityType || ':' || entityId) FROM ActivityLog WHERE workspaceId = ${ws} AND json_extract(diff, '$.leadStatus[1]') = 'CONVERTED' AND createdAt >= ${sqlDate(leadRange.start)} AND createdAt < ${sqlDate(leadRange.end)} AND entityType IN ('Contact', 'Company')${
			limited(m) ? Prisma.sql` AND actorId = ${m.userId}` : Prisma.empty
		}`,
		// Per week and medium, one range each on (workspaceId, medium, occurredAt): the 12 weeks' index
		// entries are walked once and give both charts (the bars sum the media, the donut the weeks).
		...Object.fromEntries(weeks.flatMap((b, i) => MEDIUMS.map((x) => [`w${i}_${x}`, interactions(b.start, b.end, Prisma.sql` AND medium = ${x}`)]))),
		...Object.fromEntries(
			months.map((b, i) => [`month${i}`, Prisma.sql`SELECT count(*) FROM Contact WHERE workspaceId = ${ws} AND deletedAt IS NULL AND createdAt >= ${sqlDate(b.start)} AND createdAt < ${sqlDate(b.end)}${contactScope(m)}`]),
		),
		...Object.fromEntries(LEAD_STATUSES.flatMap((st) => [[`lead_c_${st}`, leadsOf('Contact', st)], [`lead_o_${st}`, leadsOf('Company', st)]])),
	}
	const followUpList = (section: string, due: Prisma.Sql, take: number) => Prisma.sql`SELECT * FROM (
		SELECT ${section} AS section, f.id, f.dueAt, f.type, f.notes, f.contactId, c.displayName AS contactName, f.companyId, o.name AS companyName
		FROM FollowUp f LEFT JOIN Contact c ON c.id = f.contactId LEFT JOIN Company o ON o.id = f.companyId
		WHERE ${followUpWhere(due)} ORDER BY f.dueAt, f.id LIMIT ${take})`
	const people = (list: string, condition: Prisma.Sql) => Prisma.sql`SELECT * FROM (
		SELECT ${list} AS list, c.id, c.displayName, c.lastContactedAt, o.name AS companyName
		FROM Contact c LEFT JOIN Company o ON o.id = c.companyId
		WHERE c.workspaceId = ${ws} AND c.deletedAt IS NULL AND ${condition}${contactScope(m, 'c')} ORDER BY c.lastContactedAt DESC, c.id LIMIT 5)`

	const [countRows, occasionRows, followUpRows, reminderRows, peopleRows, activity, pipeline] = await Promise.all([
		prisma.$queryRaw<Array<Record<string, unknown>>>`SELECT ${Prisma.join(
			Object.entries(countSql).map(([name, sql]) => Prisma.sql`(${sql}) AS ${Prisma.raw(`"${name}"`)}`),
			', ',
		)}`,
		// Birthdays and anniversaries in the next 7 days: a large address book has hundreds, so
		// SQLite orders them (soonest first) and returns the first few.
		prisma.$queryRaw<Array<{ id: string; name: string; kind: 'Birthday' | 'Anniversary'; inDays: unknown; year: unknown }>>`
			SELECT * FROM (${occasionSql('birthday')} UNION ALL ${occasionSql('anniversary')}) ORDER BY inDays, name COLLATE NOCASE, id LIMIT ${OCCASIONS_SHOWN}`,
		prisma.$queryRaw<
			Array<{ section: 'overdue' | 'today' | 'upcoming'; id: string; dueAt: unknown; type: FollowUpType; notes: string | null; contactId: string | null; contactName: string | null; companyId: string | null; companyName: string | null }>
		>`${followUpList('overdue', overdueDue, 5)} UNION ALL ${followUpList('today', todayDue, 10)} UNION ALL ${followUpList('upcoming', upcomingDue, 5)}`,
		prisma.$queryRaw<Array<{ id: string; type: string; title: string; scheduledAt: unknown; snoozedUntil: unknown; status: string; contactId: string | null; contactName: string | null }>>`
			SELECT r.id, r.type, r.title, r.scheduledAt, r.snoozedUntil, r.status, r.contactId, c.displayName AS contactName
			FROM Reminder r LEFT JOIN Contact c ON c.id = r.contactId WHERE ${reminderWhere}
			-- A follow-up's reminder would repeat the follow-up listed just above it.
			AND r.type <> 'FOLLOW_UP' ORDER BY COALESCE(r.snoozedUntil, r.scheduledAt), r.id LIMIT 10`,
		// Recently contacted, and those who lapsed most recently (the relationships still easiest to pick up).
		prisma.$queryRaw<Array<{ list: 'recent' | 'attention'; id: string; displayName: string; lastContactedAt: unknown; companyName: string | null }>>`
			${people('recent', Prisma.sql`c.lastContactedAt IS NOT NULL`)} UNION ALL ${people('attention', Prisma.sql`c.lastContactedAt < ${attentionBefore}`)}`,
		listRecentActivity(m, 20),
		getPipeline(m, now),
	])

	const c = countRows[0] ?? {}
	const count = (name: string) => num(c[name])
	const occasions = occasionRows.map((o) => ({ id: `${o.kind[0]}-${o.id}`, contactId: o.id, name: o.name, kind: o.kind, inDays: num(o.inDays), year: o.year === null ? null : num(o.year) }))
	const followUps = (section: string) =>
		followUpRows
			.filter((f) => f.section === section)
			.map((f) => ({
				id: f.id,
				dueAt: toDate(f.dueAt)!,
				type: f.type,
				notes: f.notes,
				contact: f.contactId ? { id: f.contactId, displayName: f.contactName ?? '' } : null,
				company: f.companyId ? { id: f.companyId, name: f.companyName ?? '' } : null,
			}))
	const person = (list: string) =>
		peopleRows
			.filter((p) => p.list === list)
			.map((p) => ({ id: p.id, displayName: p.displayName, lastContactedAt: toDate(p.lastContactedAt)!, company: p.companyName === null ? null : { name: p.companyName } }))
	const byStatus = LEAD_STATUSES.map((status) => ({ status, count: count(`lead_c_${status}`) + count(`lead_o_${status}`) }))

	return {
		today: today.today,
		month: month.month,
		counts: {
			contacts: count('contacts'),
			meetingsThisMonth: count('meetings'),
			occasions: count('occasions'),
			followUps: { overdue: count('overdue'), today: count('today'), upcoming: count('upcoming') },
			remindersToday: count('reminders'),
			needsAttention: count('attention'),
		},
		occasions,
		moreOccasions: Math.max(0, count('occasions') - occasions.length),
		followUps: { overdue: followUps('overdue'), today: followUps('today'), upcoming: followUps('upcoming') },
		reminders: reminderRows.map((r) => ({
			id: r.id,
			type: r.type,
			title: r.title,
			status: r.status,
			scheduledAt: toDate(r.scheduledAt)!,
			snoozedUntil: toDate(r.snoozedUntil),
			contact: r.contactId ? { id: r.contactId, displayName: r.contactName ?? '' } : null,
		})),
		recentlyContacted: person('recent'),
		needsAttention: { days: noContactDays, contacts: person('attention') },
		leads: { range, byStatus, total: byStatus.reduce((sum, r) => sum + r.count, 0), conversions: count('conversions') },
		charts: {
			perWeek: weeks.map((b, i) => ({ key: b.key, count: MEDIUMS.reduce((sum, x) => sum + count(`w${i}_${x}`), 0) })),
			byMedium: MEDIUMS.map((medium) => ({ medium, count: weeks.reduce((sum, _, i) => sum + count(`w${i}_${medium}`), 0) })),
			contactsAdded: months.map((b, i) => ({ key: b.key, count: count(`month${i}`) })),
		},
		activity,
		pipeline,
	}
}

export type Dashboard = Awaited<ReturnType<typeof getDashboard>>

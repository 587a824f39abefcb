import { describe, expect, it } from 'vitest'
import { prisma } from '#app/utils/db.server.ts'
import { parseDateRange } from '#app/validation/dashboard.ts'
import { getDashboard, monthBounds, monthBuckets, rangeBounds, todayBounds, upcomingMonthDays, weekBuckets } from './dashboard.server.ts'
import { setLeadStatus } from './lead.server.ts'
import { createUser } from './user.server.ts'
import type { Membership } from './workspace.server.ts'

const iso = (d: Date) => d.toISOString()

describe('upcomingMonthDays', () => {
	it('counts days in the user’s zone, across month ends', () => {
		// 23:30 UTC on 30 April is already 1 May in Tokyo.
		const now = new Date('2026-04-30T23:30:00Z')
		expect(upcomingMonthDays(now, 'UTC', 2).map((d) => [d.month, d.day])).toEqual([[4, 30], [5, 1]])
		expect(upcomingMonthDays(now, 'Asia/Tokyo', 2).map((d) => [d.month, d.day])).toEqual([[5, 1], [5, 2]])
	})
})

describe('time buckets in the user’s zone', () => {
	it('starts weeks on Monday at 00:00 local time, across a DST change', () => {
		// Tuesday 10 March 2026 02:00 UTC is Monday 9 March 19:00 in Los Angeles, the day after clocks went forward.
		const weeks = weekBuckets(new Date('2026-03-10T02:00:00Z'), 'America/Los_Angeles', 3)
		expect(weeks.map((w) => w.key)).toEqual(['2026-02-23', '2026-03-02', '2026-03-09'])
		// Monday 00:00 PST is 08:00 UTC; after the change, 00:00 PDT is 07:00 UTC, so that week is 167 hours long.
		expect(iso(weeks[1]!.start)).toBe('2026-03-02T08:00:00.000Z')
		expect(iso(weeks[1]!.end)).toBe('2026-03-09T07:00:00.000Z')
		expect(iso(weeks[2]!.start)).toBe('2026-03-09T07:00:00.000Z')
		expect(iso(weeks[2]!.end)).toBe('2026-03-16T07:00:00.000Z')
		// Buckets are contiguous: nothing falls between two weeks.
		expect(iso(weeks[0]!.end)).toBe(iso(weeks[1]!.start))
	})

	it('puts the same instant in different weeks for different zones', () => {
		// Sunday 1 March 2026 16:00 UTC is already Monday 2 March 01:00 in Tokyo.
		const now = new Date('2026-03-01T16:00:00Z')
		expect(weekBuckets(now, 'UTC', 1)[0]!.key).toBe('2026-02-23')
		const tokyo = weekBuckets(now, 'Asia/Tokyo', 1)[0]!
		expect(tokyo.key).toBe('2026-03-02')
		expect(iso(tokyo.start)).toBe('2026-03-01T15:00:00.000Z')
	})

	it('bounds the calendar month in the user’s zone', () => {
		const now = new Date('2026-04-30T23:30:00Z')
		expect(monthBounds(now, 'UTC')).toEqual({ month: '2026-04', start: new Date('2026-04-01T00:00:00Z'), end: new Date('2026-05-01T00:00:00Z') })
		expect(monthBounds(now, 'Asia/Tokyo')).toEqual({ month: '2026-05', start: new Date('2026-04-30T15:00:00Z'), end: new Date('2026-05-31T15:00:00Z') })
		// New York is UTC-5 in winter and UTC-4 from March: the month's two ends have different offsets.
		expect(monthBounds(new Date('2026-03-15T12:00:00Z'), 'America/New_York')).toEqual({
			month: '2026-03',
			start: new Date('2026-03-01T05:00:00Z'),
			end: new Date('2026-04-01T04:00:00Z'),
		})
	})

	it('lists the last months across a year end', () => {
		const months = monthBuckets(new Date('2026-01-15T12:00:00Z'), 'Europe/Paris', 3)
		expect(months.map((x) => x.key)).toEqual(['2025-11', '2025-12', '2026-01'])
		expect(iso(months[1]!.start)).toBe('2025-11-30T23:00:00.000Z')
		expect(iso(months[2]!.end)).toBe('2026-01-31T23:00:00.000Z')
	})

	it('bounds today and a date range in the user’s zone', () => {
		const now = new Date('2026-06-10T22:30:00Z')
		expect(todayBounds(now, 'UTC')).toEqual({ today: '2026-06-10', start: new Date('2026-06-10T00:00:00Z'), end: new Date('2026-06-11T00:00:00Z') })
		expect(todayBounds(now, 'Europe/Berlin').today).toBe('2026-06-11')
		expect(rangeBounds({ from: '2026-06-01', to: '2026-06-07' }, 'Asia/Kolkata')).toEqual({ start: new Date('2026-05-31T18:30:00Z'), end: new Date('2026-06-07T18:30:00Z') })
	})
})

describe('parseDateRange', () => {
	const q = (s: string) => parseDateRange(new URLSearchParams(s), '2026-06-10')
	it('reads presets, the last N days with today included', () => {
		expect(q('range=7')).toEqual({ preset: 7, from: '2026-06-04', to: '2026-06-10', days: 7 })
		expect(q('range=90').from).toBe('2026-03-13')
		expect(q('')).toEqual({ preset: 30, from: '2026-05-12', to: '2026-06-10', days: 30 })
		expect(q('range=12')).toMatchObject({ preset: 30 })
	})
	it('reads custom ranges, swapping reversed ends and ignoring nonsense', () => {
		expect(q('range=custom&from=2026-01-01&to=2026-01-31')).toEqual({ preset: 'custom', from: '2026-01-01', to: '2026-01-31', days: 31 })
		expect(q('range=custom&from=2026-02-10&to=2026-02-01')).toMatchObject({ from: '2026-02-01', to: '2026-02-10' })
		expect(q('range=custom&from=2026-05-01')).toMatchObject({ from: '2026-05-01', to: '2026-06-10' })
		expect(q('range=custom&from=2026-02-30&to=soon')).toMatchObject({ preset: 30 })
		expect(q('range=custom&from=1900-01-01&to=2026-06-10').days).toBe(366 * 5)
	})
})

async function member(timezone = 'UTC'): Promise<Membership> {
	const user = await createUser({ email: `dash-${Math.random().toString(36).slice(2)}@example.com`, name: 'Dash', timezone })
	const { workspaceId } = await prisma.membership.findFirstOrThrow({ where: { userId: user.id } })
	return { userId: user.id, workspaceId, role: 'OWNER', personal: true, hideOthersRecords: false }
}

describe('getDashboard', () => {
	const range = parseDateRange(new URLSearchParams('range=7'), '2026-06-10')

	it('counts this workspace’s records in the user’s zone', async () => {
		// Wednesday 10 June 2026, 12:00 UTC = 21:00 in Tokyo.
		const now = new Date('2026-06-10T12:00:00Z')
		const m = await member('Asia/Tokyo')
		const other = await member()
		const ws = m.workspaceId
		const ada = await prisma.contact.create({ data: { workspaceId: ws, displayName: 'Ada', birthdayMonth: 6, birthdayDay: 12, lastContactedAt: new Date('2026-06-09T00:00:00Z') } })
		await prisma.contact.create({ data: { workspaceId: ws, displayName: 'Later Birthday', birthdayMonth: 7, birthdayDay: 1 } })
		await prisma.contact.create({ data: { workspaceId: ws, displayName: 'Deleted', birthdayMonth: 6, birthdayDay: 11, deletedAt: now } })
		const lapsed = await prisma.contact.create({ data: { workspaceId: ws, displayName: 'Lapsed', lastContactedAt: new Date('2026-04-01T00:00:00Z') } })
		await prisma.contact.create({ data: { workspaceId: other.workspaceId, displayName: 'Other Workspace', birthdayMonth: 6, birthdayDay: 11, lastContactedAt: new Date('2026-01-01T00:00:00Z') } })

		// Interactions at the edges of the Tokyo month (June starts 31 May 15:00 UTC) and week (Monday 8 June 00:00 JST = 7 June 15:00 UTC).
		const log = (occurredAt: string, medium: 'CALL' | 'EMAIL' | 'VIDEO' | 'IN_PERSON' | 'NOTE', workspaceId = ws) =>
			prisma.interaction.create({ data: { workspaceId, contactId: workspaceId === ws ? ada.id : null, occurredAt: new Date(occurredAt), medium } })
		await log('2026-05-31T14:59:00Z', 'CALL') // May in Tokyo; the week of 25 May
		await log('2026-05-31T15:00:00Z', 'VIDEO') // 1 June in Tokyo
		await log('2026-06-07T14:59:00Z', 'IN_PERSON') // Sunday 7 June 23:59 JST: the week of 1 June
		await log('2026-06-07T15:00:00Z', 'EMAIL') // Monday 8 June 00:00 JST: this week
		await log('2026-06-09T10:00:00Z', 'NOTE')
		await log('2026-06-09T11:00:00Z', 'CALL', other.workspaceId)

		await prisma.followUp.create({ data: { workspaceId: ws, contactId: ada.id, dueAt: new Date('2026-06-10T11:00:00Z') } }) // overdue by an hour
		await prisma.followUp.create({ data: { workspaceId: ws, contactId: ada.id, dueAt: new Date('2026-06-10T14:00:00Z') } }) // 23:00 JST: today
		await prisma.followUp.create({ data: { workspaceId: ws, contactId: ada.id, dueAt: new Date('2026-06-10T15:00:00Z') } }) // 00:00 JST tomorrow: upcoming
		await prisma.followUp.create({ data: { workspaceId: ws, contactId: ada.id, dueAt: new Date('2026-06-25T00:00:00Z') } }) // beyond 7 days
		await prisma.followUp.create({ data: { workspaceId: ws, contactId: ada.id, dueAt: new Date('2026-06-10T13:00:00Z'), status: 'COMPLETED' } })

		const reminder = (title: string, scheduledAt: string, extra: { status?: 'PENDING' | 'SENT' | 'SNOOZED' | 'DONE'; snoozedUntil?: string; userId?: string } = {}) =>
			prisma.reminder.create({
				data: {
					workspaceId: ws,
					userId: extra.userId ?? m.userId,
					type: 'CUSTOM',
					title,
					scheduledAt: new Date(scheduledAt),
					status: extra.status ?? 'PENDING',
					snoozedUntil: extra.snoozedUntil ? new Date(extra.snoozedUntil) : null,
					dedupeKey: `${title}-${Math.random()}`,
				},
			})
		await reminder('Due today', '2026-06-10T01:00:00Z') // 10:00 JST
		await reminder('Sent today', '2026-06-09T15:30:00Z', { status: 'SENT' }) // 00:30 JST today
		await reminder('Snoozed into today', '2026-06-08T01:00:00Z', { status: 'SNOOZED', snoozedUntil: '2026-06-10T05:00:00Z' })
		await reminder('Snoozed out of today', '2026-06-10T02:00:00Z', { status: 'SNOOZED', snoozedUntil: '2026-06-11T02:00:00Z' })
		await reminder('Done today', '2026-06-10T03:00:00Z', { status: 'DONE' })
		await reminder('Yesterday in Tokyo', '2026-06-09T14:00:00Z')
		await reminder('Someone else’s', '2026-06-10T03:00:00Z', { userId: other.userId })

		const dash = await getDashboard(m, { timeZone: 'Asia/Tokyo', noContactDays: 30, range, now })
		expect(dash.today).toBe('2026-06-10')
		expect(dash.counts.contacts).toBe(3)
		// Video on 1 June and the in-person meeting count; the call was still May in Tokyo; email and notes are not meetings.
		expect(dash.counts.meetingsThisMonth).toBe(2)
		expect(dash.charts.perWeek.slice(-3)).toEqual([
			{ key: '2026-05-25', count: 1 },
			{ key: '2026-06-01', count: 2 },
			{ key: '2026-06-08', count: 2 },
		])
		expect(dash.charts.perWeek).toHaveLength(12)
		expect(dash.charts.byMedium.filter((x) => x.count)).toEqual([
			{ medium: 'CALL', count: 1 },
			{ medium: 'EMAIL', count: 1 },
			{ medium: 'IN_PERSON', count: 1 },
			{ medium: 'VIDEO', count: 1 },
			{ medium: 'NOTE', count: 1 },
		])
		expect(dash.occasions).toEqual([{ id: `B-${ada.id}`, contactId: ada.id, name: 'Ada', kind: 'Birthday', inDays: 2, year: null }])
		expect(dash.counts.followUps).toEqual({ overdue: 1, today: 1, upcoming: 1 })
		expect(dash.reminders.map((r) => r.title).sort()).toEqual(['Due today', 'Sent today', 'Snoozed into today'])
		expect(dash.counts.remindersToday).toBe(3)
		expect(dash.recentlyContacted.map((c) => c.displayName)).toEqual(['Ada', 'Lapsed'])
		expect(dash.needsAttention.contacts.map((c) => c.id)).toEqual([lapsed.id])
		expect(dash.counts.needsAttention).toBe(1)
		// createUser gives the workspace the default pipeline: four open stages, no deals yet.
		expect(dash.pipeline.stages.map((s) => s.name)).toEqual(['Prospecting', 'Qualification', 'Proposal', 'Negotiation'])
	})

	it('counts new leads by status and conversions in the range, and the pipeline per stage and currency', async () => {
		const m = await member()
		const ws = m.workspaceId
		const now = new Date()
		const today = now.toISOString().slice(0, 10)
		const week = parseDateRange(new URLSearchParams('range=7'), today)
		const old = new Date(now.getTime() - 40 * 86_400_000)
		const a = await prisma.contact.create({ data: { workspaceId: ws, displayName: 'New lead', leadStatus: 'NEW' } })
		await prisma.contact.create({ data: { workspaceId: ws, displayName: 'Interested', leadStatus: 'INTERESTED' } })
		const oldLead = await prisma.contact.create({ data: { workspaceId: ws, displayName: 'Old lead', leadStatus: 'INTERESTED', createdAt: old } })
		await prisma.contact.create({ data: { workspaceId: ws, displayName: 'Not a lead' } })
		await prisma.company.create({ data: { workspaceId: ws, name: 'Acme', leadStatus: 'NEW' } })
		// Two conversions through the real model (one converted twice counts once), one 40 days ago.
		await setLeadStatus(m, 'contact', oldLead.id, 'CONVERTED')
		await setLeadStatus(m, 'contact', a.id, 'CONVERTED')
		await setLeadStatus(m, 'contact', a.id, 'NEW')
		await setLeadStatus(m, 'contact', a.id, 'CONVERTED')
		await prisma.activityLog.create({ data: { workspaceId: ws, entityType: 'Contact', entityId: 'gone', action: 'status_changed', diff: { leadStatus: ['NEW', 'CONVERTED'] }, createdAt: old } })

		const stages = await prisma.pipelineStage.findMany({ where: { workspaceId: ws }, orderBy: { position: 'asc' } })
		const deal = (stage: number, valueCents: number, currency = 'USD', extra: { expectedCloseAt?: Date; deletedAt?: Date } = {}) =>
			prisma.deal.create({ data: { workspaceId: ws, name: `Deal ${Math.random()}`, stageId: stages[stage]!.id, valueCents, currency, ...extra } })
		await deal(0, 10_000)
		await deal(0, 5_000, 'USD', { expectedCloseAt: new Date(now.getTime() + 5 * 86_400_000) })
		await deal(2, 20_000)
		await deal(2, 7_000, 'EUR', { expectedCloseAt: new Date(now.getTime() + 40 * 86_400_000) })
		await deal(3, 1_000, 'USD', { deletedAt: now })
		await deal(4, 99_000) // won: not in the open pipeline

		const dash = await getDashboard(m, { timeZone: 'UTC', noContactDays: 30, range: week, now })
		expect(dash.leads.byStatus).toEqual([
			{ status: 'NEW', count: 1 },
			{ status: 'INTERESTED', count: 1 },
			{ status: 'NOT_INTERESTED', count: 0 },
			{ status: 'CONVERTED', count: 1 },
		])
		expect(dash.leads.total).toBe(3)
		expect(dash.leads.conversions).toBe(2)
		const wide = await getDashboard(m, { timeZone: 'UTC', noContactDays: 30, range: parseDateRange(new URLSearchParams('range=90'), today), now })
		expect(wide.leads.conversions).toBe(3)
		expect(wide.leads.total).toBe(4)

		expect(dash.pipeline.currency).toBe('USD')
		expect(dash.pipeline.stages.map((s) => [s.name, s.count, s.valueCents])).toEqual([
			['Prospecting', 2, 15_000],
			['Qualification', 0, 0],
			['Proposal', 1, 20_000],
			['Negotiation', 0, 0],
		])
		expect(dash.pipeline.stages[2]!.other).toEqual([{ currency: 'EUR', count: 1, valueCents: 7_000 }])
		expect(dash.pipeline.closing.count).toBe(1)
		expect(dash.pipeline.closing.totals).toEqual([{ currency: 'USD', count: 1, valueCents: 5_000 }])
	})

	it('limits a REP who sees only their own records', async () => {
		const owner = await member()
		const ws = owner.workspaceId
		const rep = await createUser({ email: `rep-${Math.random()}@example.com`, name: 'Rep' })
		await prisma.membership.create({ data: { userId: rep.id, workspaceId: ws, role: 'REP' } })
		const m: Membership = { userId: rep.id, workspaceId: ws, role: 'REP', personal: false, hideOthersRecords: true }
		const now = new Date('2026-06-10T12:00:00Z')
		const mine = await prisma.contact.create({ data: { workspaceId: ws, displayName: 'Mine', ownerId: rep.id } })
		const theirs = await prisma.contact.create({ data: { workspaceId: ws, displayName: 'Theirs', ownerId: owner.userId } })
		await prisma.interaction.create({ data: { workspaceId: ws, contactId: mine.id, occurredAt: new Date('2026-06-09T00:00:00Z'), medium: 'CALL' } })
		await prisma.interaction.create({ data: { workspaceId: ws, contactId: theirs.id, occurredAt: new Date('2026-06-09T00:00:00Z'), medium: 'CALL', userId: owner.userId } })
		const dash = await getDashboard(m, { timeZone: 'UTC', noContactDays: 30, range, now })
		expect(dash.counts.contacts).toBe(1)
		expect(dash.counts.meetingsThisMonth).toBe(1)
		const all = await getDashboard(owner, { timeZone: 'UTC', noContactDays: 30, range, now })
		expect(all.counts.contacts).toBe(2)
		expect(all.counts.meetingsThisMonth).toBe(2)
	})
})

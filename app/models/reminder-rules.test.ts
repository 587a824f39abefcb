import { describe, expect, it } from 'vitest'
import {
	annualDateIn,
	customOccurrence,
	keepInTouchInterval,
	localDateOf,
	nextAnnualDate,
	nextCustomOccurrence,
	planAnnual,
	planFollowUp,
	planNoContact,
	snoozeUntil,
	zonedInstant,
} from './reminder-rules.ts'

const iso = (d: Date) => d.toISOString()
const plan = (timeZone: string, date: { month: number; day: number }, leadDays: number, now: string, morning = '09:00') =>
	planAnnual('birthday', date, { timeZone, leadDays, morning, now: new Date(now) }).map((p) => ({ key: p.key, at: iso(p.scheduledAt), daysBefore: p.daysBefore }))

describe('birthday and anniversary rules', () => {
	it('reminds N days before and on the day at the morning time in Asia/Kolkata (UTC+05:30)', () => {
		expect(plan('Asia/Kolkata', { month: 3, day: 14 }, 2, '2026-03-01T00:00:00Z')).toEqual([
			{ key: 'birthday:2026-03-14:2d', at: '2026-03-12T03:30:00.000Z', daysBefore: 2 },
			{ key: 'birthday:2026-03-14:day', at: '2026-03-14T03:30:00.000Z', daysBefore: 0 },
		])
	})

	it('keeps 09:00 local on both sides of the spring DST change in America/New_York', () => {
		// DST starts on 8 March 2026: the lead day is EST (UTC-5), the birthday EDT (UTC-4).
		expect(plan('America/New_York', { month: 3, day: 9 }, 2, '2026-03-01T12:00:00Z')).toEqual([
			{ key: 'birthday:2026-03-09:2d', at: '2026-03-07T14:00:00.000Z', daysBefore: 2 },
			{ key: 'birthday:2026-03-09:day', at: '2026-03-09T13:00:00.000Z', daysBefore: 0 },
		])
	})

	it('keeps 09:00 local on both sides of the autumn DST change in America/New_York, 7 days ahead', () => {
		// DST ends on 1 November 2026: 27 October is EDT (UTC-4), 3 November EST (UTC-5).
		expect(plan('America/New_York', { month: 11, day: 3 }, 7, '2026-10-20T12:00:00Z')).toEqual([
			{ key: 'birthday:2026-11-03:7d', at: '2026-10-27T13:00:00.000Z', daysBefore: 7 },
			{ key: 'birthday:2026-11-03:day', at: '2026-11-03T14:00:00.000Z', daysBefore: 0 },
		])
	})

	it('uses the local date in Pacific/Auckland, a day ahead of UTC, summer and winter', () => {
		// 10 January 09:00 NZDT (UTC+13) is 9 January 20:00 UTC.
		expect(plan('Pacific/Auckland', { month: 1, day: 10 }, 2, '2026-01-01T00:00:00Z')).toEqual([
			{ key: 'birthday:2026-01-10:2d', at: '2026-01-07T20:00:00.000Z', daysBefore: 2 },
			{ key: 'birthday:2026-01-10:day', at: '2026-01-09T20:00:00.000Z', daysBefore: 0 },
		])
		// 10 July 09:00 NZST (UTC+12).
		expect(plan('Pacific/Auckland', { month: 7, day: 10 }, 0, '2026-07-01T00:00:00Z')).toEqual([{ key: 'birthday:2026-07-10:day', at: '2026-07-09T21:00:00.000Z', daysBefore: 0 }])
	})

	it('lead days 0 gives one reminder on the day', () => {
		expect(plan('UTC', { month: 6, day: 1 }, 0, '2026-05-01T00:00:00Z')).toEqual([{ key: 'birthday:2026-06-01:day', at: '2026-06-01T09:00:00.000Z', daysBefore: 0 }])
	})

	it('a birthday today still reminds after the morning has passed (at once), and the lead reminder is over', () => {
		// 11:00 on 10 January in Auckland, still 9 January in UTC.
		const now = '2026-01-09T22:00:00Z'
		expect(localDateOf(new Date(now), 'Pacific/Auckland')).toBe('2026-01-10')
		expect(plan('Pacific/Auckland', { month: 1, day: 10 }, 2, now)).toEqual([{ key: 'birthday:2026-01-10:day', at: '2026-01-09T20:00:00.000Z', daysBefore: 0 }])
	})

	it('a birthday in two days with lead 2 reminds today, even late in the day', () => {
		expect(plan('Asia/Kolkata', { month: 8, day: 17 }, 2, '2026-08-15T12:00:00Z')).toEqual([
			{ key: 'birthday:2026-08-17:2d', at: '2026-08-15T03:30:00.000Z', daysBefore: 2 },
			{ key: 'birthday:2026-08-17:day', at: '2026-08-17T03:30:00.000Z', daysBefore: 0 },
		])
	})

	it('once the day is over, plans next year', () => {
		expect(plan('UTC', { month: 3, day: 14 }, 7, '2026-03-15T00:00:00Z')).toEqual([
			{ key: 'birthday:2027-03-14:7d', at: '2027-03-07T09:00:00.000Z', daysBefore: 7 },
			{ key: 'birthday:2027-03-14:day', at: '2027-03-14T09:00:00.000Z', daysBefore: 0 },
		])
	})

	it('29 February falls on 28 February in other years, and stays on the 29th in leap years', () => {
		expect(annualDateIn(2027, 2, 29)).toBe('2027-02-28')
		expect(annualDateIn(2028, 2, 29)).toBe('2028-02-29')
		expect(annualDateIn(2100, 2, 29)).toBe('2100-02-28')
		expect(nextAnnualDate(2, 29, '2027-03-01')).toBe('2028-02-29')
		expect(plan('America/New_York', { month: 2, day: 29 }, 2, '2027-02-01T12:00:00Z')).toEqual([
			{ key: 'birthday:2027-02-28:2d', at: '2027-02-26T14:00:00.000Z', daysBefore: 2 },
			{ key: 'birthday:2027-02-28:day', at: '2027-02-28T14:00:00.000Z', daysBefore: 0 },
		])
		expect(plan('UTC', { month: 2, day: 29 }, 0, '2028-02-01T00:00:00Z')).toEqual([{ key: 'birthday:2028-02-29:day', at: '2028-02-29T09:00:00.000Z', daysBefore: 0 }])
	})

	it('honours the morning time, and moves a time skipped by DST forward', () => {
		expect(plan('UTC', { month: 6, day: 1 }, 0, '2026-05-01T00:00:00Z', '07:45')[0]!.at).toBe('2026-06-01T07:45:00.000Z')
		// 02:30 does not exist on 8 March 2026 in New York: 03:30 EDT.
		expect(iso(zonedInstant('2026-03-08', '02:30', 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z')
	})
})

describe('follow-up, no-contact and custom rules', () => {
	it('a pending follow-up reminds at its due time; a completed one not at all', () => {
		const dueAt = new Date('2026-03-09T15:30:00Z')
		expect(planFollowUp({ dueAt, status: 'PENDING' }, { timeZone: 'America/New_York' })).toMatchObject({ scheduledAt: dueAt, occursOn: '2026-03-09' })
		expect(planFollowUp({ dueAt, status: 'COMPLETED' }, { timeZone: 'UTC' })).toBeNull()
		expect(planFollowUp({ dueAt, status: 'CANCELLED' }, { timeZone: 'UTC' })).toBeNull()
	})

	it('keep in touch: own interval, else the user default when marked, else nothing', () => {
		expect(keepInTouchInterval({ keepInTouch: false, keepInTouchDays: 14 }, 30)).toBe(14)
		expect(keepInTouchInterval({ keepInTouch: true, keepInTouchDays: null }, 30)).toBe(30)
		expect(keepInTouchInterval({ keepInTouch: false, keepInTouchDays: null }, 30)).toBeNull()
	})

	it('no contact: the morning the interval runs out, or today when already overdue', () => {
		const opts = { intervalDays: 30, timeZone: 'Asia/Kolkata', morning: '09:00', now: new Date('2026-03-01T00:00:00Z') }
		const recent = planNoContact({ lastContactedAt: new Date('2026-02-20T10:00:00Z'), createdAt: new Date('2025-01-01T00:00:00Z') }, opts)
		expect(recent).toMatchObject({ key: 'since:2026-02-20:30', occursOn: '2026-03-22' })
		expect(iso(recent.scheduledAt)).toBe('2026-03-22T03:30:00.000Z')
		const overdue = planNoContact({ lastContactedAt: new Date('2025-12-01T10:00:00Z'), createdAt: new Date('2025-01-01T00:00:00Z') }, opts)
		expect(overdue.occursOn).toBe('2026-03-01')
		const never = planNoContact({ lastContactedAt: null, createdAt: new Date('2026-02-25T00:00:00Z') }, opts)
		expect(never.key).toBe('since:2026-02-25:30')
	})

	it('custom: monthly keeps the 31st (or the month’s last day), yearly keeps 29 February on the 28th', () => {
		expect([0, 1, 2, 3].map((n) => customOccurrence('2026-01-31T08:00', 'MONTHLY', n))).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30'])
		expect([0, 1, 4].map((n) => customOccurrence('2028-02-29T08:00', 'YEARLY', n))).toEqual(['2028-02-29', '2029-02-28', '2032-02-29'])
		const next = nextCustomOccurrence('2026-01-31T08:00', 'MONTHLY', { after: '2026-01-31', timeZone: 'Pacific/Auckland' })
		expect(next).toMatchObject({ occursOn: '2026-02-28' })
		expect(iso(next!.scheduledAt)).toBe('2026-02-27T19:00:00.000Z')
		expect(nextCustomOccurrence('2026-01-31T08:00', 'NONE', { after: '2026-01-31', timeZone: 'UTC' })).toBeNull()
	})

	it('snooze: an hour, a day, a week, or a picked date at the morning time', () => {
		const now = new Date('2026-03-07T20:00:00Z')
		const opts = { now, timeZone: 'America/New_York', morning: '09:00' }
		expect(iso(snoozeUntil('1h', opts)!)).toBe('2026-03-07T21:00:00.000Z')
		expect(iso(snoozeUntil('1d', opts)!)).toBe('2026-03-08T20:00:00.000Z')
		expect(iso(snoozeUntil('1w', opts)!)).toBe('2026-03-14T20:00:00.000Z')
		expect(iso(snoozeUntil('date', { ...opts, date: '2026-03-10' })!)).toBe('2026-03-10T13:00:00.000Z')
		expect(snoozeUntil('date', { ...opts, date: '2026-03-01' })).toBeNull()
		expect(snoozeUntil('forever', opts)).toBeNull()
	})
})

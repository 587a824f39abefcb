import { describe, expect, it } from 'vitest'
import { calendarDaysBetween, startOfZonedDay, utcToWallTime, wallTimeToUtc, zonedDayKey } from './time.ts'

describe('wall time in a zone', () => {
	it('converts typed local times to UTC, across DST', () => {
		expect(wallTimeToUtc('2026-11-20T09:00', 'Asia/Tokyo')!.toISOString()).toBe('2026-11-20T00:00:00.000Z')
		expect(wallTimeToUtc('2026-07-01T09:00', 'Europe/London')!.toISOString()).toBe('2026-07-01T08:00:00.000Z')
		expect(wallTimeToUtc('2026-01-01T09:00', 'Europe/London')!.toISOString()).toBe('2026-01-01T09:00:00.000Z')
		expect(wallTimeToUtc('nonsense', 'UTC')).toBeNull()
	})

	it('round-trips and finds the start of the local day', () => {
		expect(utcToWallTime('2026-11-20T00:00:00Z', 'America/New_York')).toBe('2026-11-19T19:00')
		expect(startOfZonedDay(new Date('2026-11-20T02:00:00Z'), 'America/New_York').toISOString()).toBe('2026-11-19T05:00:00.000Z')
	})
})

describe('calendar days in the user’s time zone', () => {
	it('counts yesterday evening as yesterday, in three zones', () => {
		// 08:00 on 5 March, local, against 20:15 the evening before, local.
		for (const [zone, now, before] of [
			['America/New_York', '2026-03-05T13:00:00Z', '2026-03-05T01:15:00Z'],
			['Europe/Berlin', '2026-03-05T07:00:00Z', '2026-03-04T19:15:00Z'],
			['Asia/Tokyo', '2026-03-04T23:00:00Z', '2026-03-04T11:15:00Z'],
		] as const) {
			expect(calendarDaysBetween(before, now, zone), zone).toBe(1)
			// The same instants are the same UTC day in New York's case, yet a day apart where the user lives.
			expect(calendarDaysBetween(now, now, zone), zone).toBe(0)
		}
		expect(calendarDaysBetween('2026-03-05T01:15:00Z', '2026-03-05T13:00:00Z', 'UTC')).toBe(0)
	})

	it('turns at local midnight, not UTC midnight', () => {
		// One minute before and after midnight in Tokyo (15:00 UTC).
		expect(calendarDaysBetween('2026-06-01T14:59:00Z', '2026-06-01T15:01:00Z', 'Asia/Tokyo')).toBe(1)
		expect(calendarDaysBetween('2026-06-01T14:59:00Z', '2026-06-01T15:01:00Z', 'UTC')).toBe(0)
		expect(zonedDayKey('2026-06-01T15:01:00Z', 'Asia/Tokyo')).toBe('2026-06-02')
	})

	it('counts a day of 23 or 25 hours (a DST change) as one day', () => {
		// Berlin springs forward on 29 March 2026 and falls back on 25 October 2026.
		expect(calendarDaysBetween('2026-03-28T23:30:00Z', '2026-03-29T22:30:00Z', 'Europe/Berlin')).toBe(1)
		expect(calendarDaysBetween('2026-10-24T22:30:00Z', '2026-10-25T23:30:00Z', 'Europe/Berlin')).toBe(1)
		// New York: 8 March and 1 November 2026.
		expect(calendarDaysBetween('2026-03-07T05:30:00Z', '2026-03-09T04:30:00Z', 'America/New_York')).toBe(2)
		expect(calendarDaysBetween('2026-10-31T04:30:00Z', '2026-11-02T05:30:00Z', 'America/New_York')).toBe(2)
	})
})

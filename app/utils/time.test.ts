import { describe, expect, it } from 'vitest'
import { startOfZonedDay, utcToWallTime, wallTimeToUtc } from './time.ts'

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

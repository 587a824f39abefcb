// The dashboard's query parameters and the definitions its cards state on screen.
// Shared by the model (which computes) and the page (which explains).
import type { Medium } from './interaction.ts'

/** Media that count as a meeting on the "Meetings this month" card. */
export const MEETING_MEDIA = ['IN_PERSON', 'VIDEO', 'CALL'] as const satisfies readonly Medium[]

export const WEEKS_SHOWN = 12
export const MONTHS_SHOWN = 12
/** "Closing soon": open deals expected to close within this many days. */
export const CLOSING_DAYS = 30
/** Follow-ups listed as upcoming: due in the days after today. */
export const UPCOMING_DAYS = 7

export const RANGE_PRESETS = [7, 30, 90] as const
export type RangePreset = (typeof RANGE_PRESETS)[number]
export const DEFAULT_RANGE: RangePreset = 30
/** A custom range longer than this is cut to its last MAX_RANGE_DAYS days. */
export const MAX_RANGE_DAYS = 366 * 5

/** Calendar days in the user's zone, both ends included ("YYYY-MM-DD"). */
export type DateRange = { preset: RangePreset | 'custom'; from: string; to: string; days: number }

const DAY_MS = 86_400_000
const isDay = (s: string | null | undefined): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s)
const shift = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
const span = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1

/**
 * ?range=7|30|90 (the last N days, today included) or ?range=custom&from=&to=
 * (dates in the user's zone, both included; swapped when reversed). Anything
 * unreadable falls back to the last 30 days. `today` is "YYYY-MM-DD" in the user's zone.
 */
export function parseDateRange(params: URLSearchParams, today: string): DateRange {
	const range = params.get('range')
	const from = params.get('from')
	const to = params.get('to')
	const wantsCustom = range === 'custom' || (!range && (isDay(from) || isDay(to)))
	if (wantsCustom && (isDay(from) || isDay(to))) {
		let a = isDay(from) ? from : isDay(to) ? to : today
		let b = isDay(to) ? to : today
		if (a > b) [a, b] = [b, a]
		if (span(a, b) > MAX_RANGE_DAYS) a = shift(b, -(MAX_RANGE_DAYS - 1))
		return { preset: 'custom', from: a, to: b, days: span(a, b) }
	}
	const preset = (RANGE_PRESETS as readonly number[]).includes(Number(range)) ? (Number(range) as RangePreset) : DEFAULT_RANGE
	return { preset, from: shift(today, -(preset - 1)), to: today, days: preset }
}

// The reminder rules as plain functions of dates, time zones and settings: no
// database, no clock. reminder.server.ts turns their answers into Reminder rows;
// the tests pin them across time zones, DST changes and leap days.
import { TZDate } from '@date-fns/tz'
import { addDays, addMonths, addYears } from 'date-fns'

export type LocalDate = string // "YYYY-MM-DD" in the user's zone
export type Recurrence = 'NONE' | 'MONTHLY' | 'YEARLY'

const pad = (n: number) => String(n).padStart(2, '0')

export const MORNING_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/
export const DEFAULT_MORNING = '09:00'

/** "HH:mm" or the default when the stored value is unusable. */
export function morningOf(value: string | null | undefined) {
	return value && MORNING_PATTERN.test(value) ? value : DEFAULT_MORNING
}

/** The user's calendar date at an instant. */
export function localDateOf(at: Date, timeZone: string): LocalDate {
	const z = new TZDate(at.getTime(), timeZone)
	return `${z.getFullYear()}-${pad(z.getMonth() + 1)}-${pad(z.getDate())}`
}

function parts(date: LocalDate) {
	const [y, m, d] = date.split('-').map(Number)
	return { y: y!, m: m!, d: d! }
}

/**
 * The instant a wall time happens in a zone. A time skipped by a DST change
 * (02:30 on a spring-forward night) moves forward by the gap, as clocks do.
 */
export function zonedInstant(date: LocalDate, time: string, timeZone: string) {
	const { y, m, d } = parts(date)
	const [h, mi] = morningOf(time).split(':').map(Number)
	return new Date(new TZDate(y, m - 1, d, h!, mi!, timeZone).getTime())
}

export function addLocalDays(date: LocalDate, days: number): LocalDate {
	const { y, m, d } = parts(date)
	const next = addDays(new Date(Date.UTC(y, m - 1, d)), days)
	return next.toISOString().slice(0, 10)
}

export function isLeapYear(y: number) {
	return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
}

/** A yearly date in a given year: 29 February falls on 28 February in other years. */
export function annualDateIn(year: number, month: number, day: number): LocalDate {
	const d = month === 2 && day === 29 && !isLeapYear(year) ? 28 : day
	return `${year}-${pad(month)}-${pad(d)}`
}

/** The next time a yearly date comes round on or after `today`. */
export function nextAnnualDate(month: number, day: number, today: LocalDate): LocalDate {
	const { y } = parts(today)
	const thisYear = annualDateIn(y, month, day)
	return thisYear >= today ? thisYear : annualDateIn(y + 1, month, day)
}

export type PlannedReminder = {
	/** Stable part of the dedupe key: the same moment planned twice gives the same key. */
	key: string
	occursOn: LocalDate
	scheduledAt: Date
	/** Days before the event (0 on the day). */
	daysBefore: number
}

/**
 * Birthday or anniversary reminders for the next occurrence: `leadDays` before (at
 * the user's morning time) and on the day. A reminder whose day has passed is left
 * out; one whose day is today is kept even after the morning time, so a birthday
 * added at 15:00 for today (or for the lead day) still reminds, at once.
 */
export function planAnnual(
	kind: 'birthday' | 'anniversary',
	date: { month: number; day: number },
	opts: { timeZone: string; leadDays: number; morning: string; now: Date },
): PlannedReminder[] {
	const today = localDateOf(opts.now, opts.timeZone)
	// Once today's occurrence is over, look at next year's.
	const occursOn = nextAnnualDate(date.month, date.day, today)
	const out: PlannedReminder[] = []
	const lead = Math.max(0, Math.floor(opts.leadDays))
	if (lead > 0) {
		const leadDay = addLocalDays(occursOn, -lead)
		if (leadDay >= today) out.push({ key: `${kind}:${occursOn}:${lead}d`, occursOn, daysBefore: lead, scheduledAt: zonedInstant(leadDay, opts.morning, opts.timeZone) })
	}
	out.push({ key: `${kind}:${occursOn}:day`, occursOn, daysBefore: 0, scheduledAt: zonedInstant(occursOn, opts.morning, opts.timeZone) })
	return out
}

/** A pending follow-up reminds at its due time (follow-ups always carry one). */
export function planFollowUp(f: { dueAt: Date; status: string }, opts: { timeZone: string }): PlannedReminder | null {
	if (f.status !== 'PENDING') return null
	return { key: `due:${f.dueAt.toISOString()}`, occursOn: localDateOf(f.dueAt, opts.timeZone), daysBefore: 0, scheduledAt: f.dueAt }
}

/** The interval a contact is kept in touch at, or null when it is not. */
export function keepInTouchInterval(c: { keepInTouch: boolean; keepInTouchDays: number | null }, userDefault: number) {
	if (c.keepInTouchDays && c.keepInTouchDays > 0) return c.keepInTouchDays
	return c.keepInTouch ? userDefault : null
}

/**
 * "Haven't talked in a while": at the morning time of the day the interval runs out,
 * counted from the last interaction (or from when the contact was added). Overdue
 * already: today, at once if the morning has passed. One reminder per silence; the
 * next interaction starts a new one.
 */
export function planNoContact(
	c: { lastContactedAt: Date | null; createdAt: Date },
	opts: { intervalDays: number; timeZone: string; morning: string; now: Date },
): PlannedReminder {
	const since = c.lastContactedAt ?? c.createdAt
	const sinceDay = localDateOf(since, opts.timeZone)
	const today = localDateOf(opts.now, opts.timeZone)
	const due = addLocalDays(sinceDay, opts.intervalDays)
	const day = due < today ? today : due
	return { key: `since:${sinceDay}:${opts.intervalDays}`, occursOn: day, daysBefore: 0, scheduledAt: zonedInstant(day, opts.morning, opts.timeZone) }
}

/** "2026-05-31T09:00" → its parts. */
function parseAnchor(anchor: string) {
	const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(anchor)
	if (!m) throw new Error(`Bad anchor ${anchor}`)
	return { date: m[1]!, time: m[2]! }
}

/**
 * The n-th occurrence of a custom reminder (n = 0 is the anchor itself). Counted
 * from the anchor each time, so the 31st stays the 31st (or the month's last day)
 * and 29 February stays on 28 February in other years.
 */
export function customOccurrence(anchor: string, recurrence: Recurrence, n: number): LocalDate {
	const { date } = parseAnchor(anchor)
	const { y, m, d } = parts(date)
	if (recurrence === 'NONE' || n === 0) return date
	// date-fns clamps to the month's last day (31 Jan + 1 month = 28/29 Feb).
	const base = new Date(Date.UTC(y, m - 1, d, 12))
	const next = recurrence === 'MONTHLY' ? addMonths(base, n) : addYears(base, n)
	return next.toISOString().slice(0, 10)
}

/**
 * The next occurrence of a custom reminder strictly after `after` (a local date),
 * or the anchor when nothing has fired yet. Null for a one-off that is over.
 */
export function nextCustomOccurrence(anchor: string, recurrence: Recurrence, opts: { after: LocalDate | null; timeZone: string }): PlannedReminder | null {
	const { time } = parseAnchor(anchor)
	const at = (date: LocalDate): PlannedReminder => ({ key: date, occursOn: date, daysBefore: 0, scheduledAt: zonedInstant(date, time, opts.timeZone) })
	if (opts.after === null) return at(customOccurrence(anchor, recurrence, 0))
	if (recurrence === 'NONE') return null
	for (let n = 1; n < 1200; n++) {
		const date = customOccurrence(anchor, recurrence, n)
		if (date > opts.after) return at(date)
	}
	return null
}

/** Snooze choices offered everywhere: an hour, a day, a week, or a picked date. */
export const SNOOZE_OPTIONS = [
	{ value: '1h', label: '1 hour' },
	{ value: '1d', label: '1 day' },
	{ value: '1w', label: '1 week' },
] as const
export type SnoozeChoice = (typeof SNOOZE_OPTIONS)[number]['value']

/** When a snooze ends: an hour or a day or a week from now, or a picked date at the morning time. */
export function snoozeUntil(choice: string, opts: { now: Date; timeZone: string; morning: string; date?: string | null }): Date | null {
	if (choice === '1h') return new Date(opts.now.getTime() + 60 * 60 * 1000)
	if (choice === '1d') return new Date(opts.now.getTime() + 24 * 60 * 60 * 1000)
	if (choice === '1w') return new Date(opts.now.getTime() + 7 * 24 * 60 * 60 * 1000)
	if (choice === 'date' && opts.date && /^\d{4}-\d{2}-\d{2}$/.test(opts.date)) {
		const at = zonedInstant(opts.date, opts.morning, opts.timeZone)
		return Number.isNaN(at.getTime()) || at.getTime() <= opts.now.getTime() ? null : at
	}
	return null
}

/** "today", "tomorrow", "in 3 days" from the user's today to a local date. */
export function daysBetween(from: LocalDate, to: LocalDate) {
	const a = parts(from)
	const b = parts(to)
	return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / 86_400_000)
}

// Follow-ups: the forms' schemas, the list's URL parameters, and the labels the
// screens share. Due dates are typed as wall time (datetime-local) in the user's
// zone, so the schemas that read them are built for one zone.
import { z } from 'zod'
import { wallTimeToUtc } from '#app/utils/time.ts'

export const FOLLOW_UP_TYPES = ['CALL', 'EMAIL', 'WHATSAPP', 'SMS', 'MEETING', 'OTHER'] as const
export type FollowUpType = (typeof FOLLOW_UP_TYPES)[number]
export const FOLLOW_UP_TYPE_LABELS: Record<FollowUpType, string> = {
	CALL: 'Call',
	EMAIL: 'Email',
	WHATSAPP: 'WhatsApp',
	SMS: 'SMS',
	MEETING: 'Meeting',
	OTHER: 'Other',
}

export const FOLLOW_UP_STATUSES = ['PENDING', 'COMPLETED', 'CANCELLED', 'MISSED'] as const
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number]
/** What a row shows: a pending one past due is OVERDUE, and MISSED a day later (before the job has run). */
export type FollowUpState = 'PENDING' | 'OVERDUE' | 'MISSED' | 'COMPLETED' | 'CANCELLED'
export const FOLLOW_UP_STATE_LABELS: Record<FollowUpState, string> = {
	PENDING: 'Pending',
	OVERDUE: 'Overdue',
	MISSED: 'Missed',
	COMPLETED: 'Completed',
	CANCELLED: 'Cancelled',
}

/** A follow-up still pending this long after its due time counts as missed. */
export const MISSED_AFTER_MS = 24 * 60 * 60 * 1000

export function followUpState(f: { status: FollowUpStatus; dueAt: Date | string }, now: Date): FollowUpState {
	if (f.status !== 'PENDING') return f.status
	const due = new Date(f.dueAt).getTime()
	if (due < now.getTime() - MISSED_AFTER_MS) return 'MISSED'
	return due < now.getTime() ? 'OVERDUE' : 'PENDING'
}

/** The interaction medium a completed follow-up is logged as. */
export const MEDIUM_FOR_TYPE = {
	CALL: 'CALL',
	EMAIL: 'EMAIL',
	WHATSAPP: 'WHATSAPP',
	SMS: 'SMS',
	MEETING: 'IN_PERSON',
	OTHER: 'OTHER',
} as const satisfies Record<FollowUpType, string>

/** The follow-up type proposed for an interaction's medium (creating one from an interaction). */
export function typeForMedium(medium: string): FollowUpType {
	if (medium === 'IN_PERSON' || medium === 'VIDEO') return 'MEETING'
	if (medium === 'INSTAGRAM_DM' || medium === 'NOTE') return 'OTHER'
	return (FOLLOW_UP_TYPES as readonly string[]).includes(medium) ? (medium as FollowUpType) : 'OTHER'
}

export const OUTCOME_MAX = 200
export const NOTES_MAX = 5000

const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, `Use at most ${max.toLocaleString('en')} characters`)
		.optional()
		.transform((v) => v || null)

type DueOptions = {
	timeZone: string
	/** Called at validation time, so a form left open still checks against the real now. */
	now?: () => Date
	/** The stored due time as wall time: left unchanged it may stay in the past (editing notes of an overdue one). */
	unchanged?: string
}

export const DUE_REQUIRED = 'Choose the date and time it is due'
export const DUE_IN_PAST = 'Choose a date and time in the future'

/** "YYYY-MM-DDTHH:mm" in the user's zone → the UTC instant, which must be in the future. */
export function dueAtSchema({ timeZone, now = () => new Date(), unchanged }: DueOptions) {
	return z
		.string({ required_error: DUE_REQUIRED })
		.trim()
		.min(1, DUE_REQUIRED)
		.transform((value, ctx) => {
			const date = wallTimeToUtc(value, timeZone)
			if (!date) {
				ctx.addIssue({ code: 'custom', message: 'Enter a date and time, like 2026-03-14 09:30' })
				return z.NEVER
			}
			if (value !== unchanged && date.getTime() <= now().getTime()) {
				ctx.addIssue({ code: 'custom', message: DUE_IN_PAST })
				return z.NEVER
			}
			return date
		})
}

const idField = z
	.string()
	.trim()
	.max(100)
	.optional()
	.transform((v) => v || null)

/** Create and edit: what, when, who, and for whom (the record comes from hidden fields). */
export function followUpFormSchema(options: DueOptions) {
	return z.object({
		type: z.enum(FOLLOW_UP_TYPES, { errorMap: () => ({ message: 'Choose how you will follow up' }) }),
		dueAt: dueAtSchema(options),
		notes: optionalText(NOTES_MAX),
		assigneeId: idField,
		contactId: idField,
		companyId: idField,
		interactionId: idField,
		dealId: idField,
	})
}
export type FollowUpInput = z.output<ReturnType<typeof followUpFormSchema>>

export function rescheduleSchema(options: DueOptions) {
	return z.object({ dueAt: dueAtSchema(options) })
}

export const completeFollowUpSchema = z.object({
	outcome: z
		.string({ required_error: 'Say briefly how it went' })
		.trim()
		.min(1, 'Say briefly how it went')
		.max(OUTCOME_MAX, `Keep the outcome under ${OUTCOME_MAX} characters; put the rest in the notes`),
	notes: optionalText(NOTES_MAX),
	logInteraction: z
		.string()
		.optional()
		.transform((v) => v === 'on' || v === 'true'),
})
export type CompleteFollowUpInput = z.output<typeof completeFollowUpSchema>

export const cancelFollowUpSchema = z.object({ reason: optionalText(OUTCOME_MAX) })

// ── the /follow-ups list's URL parameters ──

export const COMPLETED_PAGE_SIZE = 20
const day = /^\d{4}-\d{2}-\d{2}$/

export type FollowUpFilters = {
	type?: FollowUpType
	from?: string
	to?: string
	contactId?: string
	companyId?: string
	/** 'me' (assigned to me) or 'all'. */
	assignee: 'me' | 'all'
	/** Page of the Completed section, from 1. */
	done: number
}

/** Lenient: a bad value is dropped, never an error page. */
export function parseFollowUpFilters(params: URLSearchParams, defaults: { assignee: 'me' | 'all' } = { assignee: 'me' }): FollowUpFilters {
	const get = (k: string) => params.get(k)?.trim() || undefined
	const type = get('type')
	const from = get('from')
	const to = get('to')
	const assignee = get('assignee')
	const done = Number(get('done') ?? 1)
	return {
		type: (FOLLOW_UP_TYPES as readonly string[]).includes(type ?? '') ? (type as FollowUpType) : undefined,
		from: from && day.test(from) ? from : undefined,
		to: to && day.test(to) ? to : undefined,
		contactId: get('contactId')?.slice(0, 100),
		companyId: get('companyId')?.slice(0, 100),
		assignee: assignee === 'me' || assignee === 'all' ? assignee : defaults.assignee,
		done: Number.isInteger(done) && done > 0 && done < 10_000 ? done : 1,
	}
}

/** The query string for these filters (defaults left out, so URLs stay short). */
export function followUpSearch(filters: Partial<FollowUpFilters> & { month?: string }) {
	const params = new URLSearchParams()
	for (const [k, v] of Object.entries(filters)) {
		if (v === undefined || v === null || v === '') continue
		if (k === 'done' && v === 1) continue
		params.set(k, String(v))
	}
	return params.toString()
}

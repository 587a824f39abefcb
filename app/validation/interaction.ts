// The interaction form's schema and labels: shared by the form (client and
// server), the model and the timeline. Times arrive as datetime-local wall time in
// the user's zone; the model turns them into UTC instants (it knows the zone).
import { z } from 'zod'

export const MEDIUMS = ['CALL', 'WHATSAPP', 'EMAIL', 'SMS', 'IN_PERSON', 'VIDEO', 'INSTAGRAM_DM', 'NOTE', 'OTHER'] as const
export type Medium = (typeof MEDIUMS)[number]
export const MEDIUM_LABELS: Record<Medium, string> = {
	CALL: 'Phone call',
	WHATSAPP: 'WhatsApp',
	EMAIL: 'Email',
	SMS: 'SMS',
	IN_PERSON: 'In person',
	VIDEO: 'Video call',
	INSTAGRAM_DM: 'Instagram DM',
	NOTE: 'Note',
	OTHER: 'Other',
}

export const FOLLOW_UP_TYPES = ['CALL', 'MEETING', 'EMAIL', 'WHATSAPP', 'SMS', 'OTHER'] as const
export type FollowUpType = (typeof FOLLOW_UP_TYPES)[number]
export const FOLLOW_UP_TYPE_LABELS: Record<FollowUpType, string> = {
	CALL: 'Call',
	MEETING: 'Meeting',
	EMAIL: 'Email',
	WHATSAPP: 'WhatsApp',
	SMS: 'SMS',
	OTHER: 'Other',
}

/** The follow-up type that fits a medium best, proposed in the form. */
export const FOLLOW_UP_TYPE_FOR: Record<Medium, FollowUpType> = {
	CALL: 'CALL',
	WHATSAPP: 'WHATSAPP',
	EMAIL: 'EMAIL',
	SMS: 'SMS',
	IN_PERSON: 'MEETING',
	VIDEO: 'MEETING',
	INSTAGRAM_DM: 'OTHER',
	NOTE: 'CALL',
	OTHER: 'OTHER',
}

export const MAX_DURATION_MINUTES = 1440
/** How far ahead occurredAt may be: a call logged just before it starts, a clock slightly off. */
export const MAX_FUTURE_MS = 24 * 60 * 60 * 1000

export const MESSAGES = {
	medium: 'Choose how you were in touch: call, WhatsApp, email, in person…',
	occurredAt: 'Enter a date and time, like 14/03/2026 09:30',
	tooFarAhead: 'That is more than a day from now. To plan a future contact, schedule a follow-up instead.',
	tooOld: 'Enter a date after 1900',
	duration: `Enter the minutes, from 0 to ${MAX_DURATION_MINUTES} (a whole day)`,
	followUpDueAt: 'Choose when to follow up',
	followUpPast: 'Choose a time in the future',
	followUpType: 'Choose a type of follow-up',
	target: 'Choose who this interaction was with',
	contactMissing: 'We couldn’t find that contact. It may have been deleted.',
	companyMissing: 'We couldn’t find that company. It may have been deleted.',
} as const

const WALL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/

const text = (max: number) =>
	z
		.string()
		.trim()
		.max(max, `Use at most ${max} characters`)
		.optional()
		.transform((v) => v || null)
const wallTime = (message: string) =>
	z
		.string()
		.trim()
		.optional()
		.refine((v) => !v || WALL_TIME.test(v), message)
		.transform((v) => (v ? v.slice(0, 16) : null))

export const interactionSchema = z
	.object({
		contactId: text(40),
		companyId: text(40),
		// Logged from a deal's page: the interaction (and its follow-up) belong to that deal.
		dealId: text(40).optional(),
		medium: z.enum(MEDIUMS, { errorMap: () => ({ message: MESSAGES.medium }) }),
		// Empty means "now".
		occurredAt: wallTime(MESSAGES.occurredAt),
		subject: text(200),
		notes: text(20_000),
		outcome: text(500),
		durationMinutes: z.coerce
			.number({ invalid_type_error: MESSAGES.duration })
			.int(MESSAGES.duration)
			.min(0, MESSAGES.duration)
			.max(MAX_DURATION_MINUTES, MESSAGES.duration)
			.optional()
			.transform((v) => v ?? null),
		nextSteps: text(2_000),
		scheduleFollowUp: z.boolean().optional().default(false),
		followUpDueAt: wallTime(MESSAGES.occurredAt),
		followUpType: z.enum(FOLLOW_UP_TYPES, { errorMap: () => ({ message: MESSAGES.followUpType }) }).optional(),
	})
	.superRefine((value, ctx) => {
		if (!value.scheduleFollowUp) return
		if (!value.followUpDueAt) ctx.addIssue({ path: ['followUpDueAt'], code: 'custom', message: MESSAGES.followUpDueAt })
	})

export type InteractionInput = z.output<typeof interactionSchema>

/** Where "Log interaction" was started from: the page to return to afterwards. */
export function safeReturnTo(value: unknown) {
	return typeof value === 'string' && /^\/(contacts|companies|deals)\/[\w-]+$/.test(value) ? value : null
}

// ───────────────────────── the timeline ─────────────────────────

export const TIMELINE_KINDS = ['interaction', 'followup', 'activity'] as const
export type TimelineKind = (typeof TIMELINE_KINDS)[number]
export const TIMELINE_KIND_LABELS: Record<TimelineKind, string> = { interaction: 'Interactions', followup: 'Follow-ups', activity: 'Changes' }
export const TIMELINE_PAGE_SIZE = 20
/** Deeper than this, "Older" stops: 5,000 entries back is an export's job. */
export const TIMELINE_MAX_PAGE = 250
/** The timeline's query parameters, named so they don't collide with the page's own. */
export const TIMELINE_PARAMS = { kind: 'timeline', page: 'timelinePage' } as const

/** ?timeline=interaction (repeatable) → the kinds to show; none or unknown ones → all. */
export function parseTimelineParams(params: URLSearchParams) {
	const kinds = params.getAll(TIMELINE_PARAMS.kind).filter((k): k is TimelineKind => (TIMELINE_KINDS as readonly string[]).includes(k))
	const page = Math.min(Math.max(1, Number.parseInt(params.get(TIMELINE_PARAMS.page) ?? '1', 10) || 1), TIMELINE_MAX_PAGE)
	return { kinds: kinds.length ? [...new Set(kinds)] : [...TIMELINE_KINDS], page }
}

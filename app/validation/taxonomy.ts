// Schemas for managing tags, groups and custom field definitions (settings pages).
// Shared by the forms (client validation) and their actions.
import { z } from 'zod'

/** The fixed palette tags may use; the stored value is the name. */
export const TAG_COLORS = ['slate', 'red', 'orange', 'amber', 'emerald', 'teal', 'sky', 'indigo', 'violet', 'rose'] as const
export type TagColor = (typeof TAG_COLORS)[number]

export const TAG_NAME_MAX = 50
const tagName = z
	.string({ required_error: 'Enter a name' })
	.trim()
	.min(1, 'Enter a name')
	.max(TAG_NAME_MAX, `Use at most ${TAG_NAME_MAX} characters`)
	.refine((v) => !v.includes(','), 'A tag name can’t contain a comma')
const tagColor = z.enum(TAG_COLORS, { errorMap: () => ({ message: 'Choose a colour' }) })

export const TagCreateSchema = z.object({ intent: z.literal('create'), name: tagName, color: tagColor.default('slate') })
export const TagUpdateSchema = z.object({ intent: z.literal('update'), id: z.string().min(1), name: tagName, color: tagColor })
export const TagMergeSchema = z
	.object({
		intent: z.literal('merge'),
		id: z.string().min(1),
		targetId: z.string({ required_error: 'Choose the tag to merge into' }).min(1, 'Choose the tag to merge into'),
	})
	.refine((v) => v.id !== v.targetId, { path: ['targetId'], message: 'Choose a different tag' })

/** Any single emoji (with modifiers and joiners), or nothing. */
const EMOJI = /^(?:\p{Extended_Pictographic}|\p{Regional_Indicator})(?:[\u{FE0F}\u{200D}\u{1F3FB}-\u{1F3FF}\u{20E3}]|\p{Extended_Pictographic}|\p{Regional_Indicator})*$/u

const groupFields = {
	name: z
		.string({ required_error: 'Enter a name' })
		.trim()
		.min(1, 'Enter a name')
		.max(60, 'Use at most 60 characters'),
	icon: z
		.string()
		.trim()
		.max(16, 'Use a single emoji')
		.refine((v) => !v || EMOJI.test(v), 'Use a single emoji, like 🎓')
		.optional()
		.transform((v) => v || null),
	// An unchecked checkbox is absent from the form data: absent means off.
	isPrivate: z
		.boolean()
		.optional()
		.transform((v) => v ?? false),
}
export const GroupCreateSchema = z.object({ intent: z.literal('create'), ...groupFields })
export const GroupUpdateSchema = z.object({ intent: z.literal('update'), id: z.string().min(1), ...groupFields })
export type GroupInput = { name: string; icon: string | null; isPrivate: boolean }

export const CUSTOM_FIELD_ENTITIES = ['CONTACT', 'COMPANY'] as const
export const CUSTOM_FIELD_TYPES = ['TEXT', 'NUMBER', 'DATE', 'SELECT'] as const
export const CUSTOM_FIELD_TYPE_LABELS: Record<(typeof CUSTOM_FIELD_TYPES)[number], string> = { TEXT: 'Text', NUMBER: 'Number', DATE: 'Date', SELECT: 'Choice list' }
export const MAX_SELECT_OPTIONS = 50

/** "One per line" → trimmed, non-empty, without repeats (compared case-insensitively). */
export function parseOptionLines(text: string | undefined) {
	const seen = new Set<string>()
	const out: string[] = []
	for (const line of (text ?? '').split(/\r?\n/)) {
		const value = line.trim()
		if (!value || seen.has(value.toLowerCase())) continue
		seen.add(value.toLowerCase())
		out.push(value)
	}
	return out
}

const fieldLabel = z
	.string({ required_error: 'Enter a label' })
	.trim()
	.min(1, 'Enter a label')
	.max(60, 'Use at most 60 characters')
const optionsText = z.string().max(5000, 'That list is too long').optional()

function checkOptions(type: string, text: string | undefined, ctx: z.RefinementCtx) {
	if (type !== 'SELECT') return
	const options = parseOptionLines(text)
	if (!options.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'Enter at least one choice, one per line' })
	if (options.length > MAX_SELECT_OPTIONS) ctx.addIssue({ code: 'custom', path: ['options'], message: `Use at most ${MAX_SELECT_OPTIONS} choices` })
	if (options.some((o) => o.length > 100)) ctx.addIssue({ code: 'custom', path: ['options'], message: 'Keep each choice under 100 characters' })
}

export const CustomFieldCreateSchema = z
	.object({
		intent: z.literal('create'),
		entity: z.enum(CUSTOM_FIELD_ENTITIES),
		label: fieldLabel,
		type: z.enum(CUSTOM_FIELD_TYPES, { errorMap: () => ({ message: 'Choose a type' }) }),
		options: optionsText,
	})
	.superRefine((v, ctx) => checkOptions(v.type, v.options, ctx))
	.transform((v) => ({ ...v, options: v.type === 'SELECT' ? parseOptionLines(v.options) : [] }))

// The type is fixed once values may exist; only label and choices change.
export const CustomFieldUpdateSchema = z
	.object({
		intent: z.literal('update'),
		id: z.string().min(1),
		type: z.enum(CUSTOM_FIELD_TYPES),
		label: fieldLabel,
		options: optionsText,
	})
	.superRefine((v, ctx) => checkOptions(v.type, v.options, ctx))
	.transform((v) => ({ ...v, options: v.type === 'SELECT' ? parseOptionLines(v.options) : [] }))

// Message templates: the placeholders they may use, the built-in texts, the form
// schema, and renderTemplate (pure, so the settings page previews as you type).
import { z } from 'zod'
import { MEDIUMS, MESSAGES } from './interaction.ts'

export const TEMPLATE_TYPES = ['FOLLOW_UP', 'BIRTHDAY', 'ANNIVERSARY', 'CUSTOM'] as const
export type TemplateType = (typeof TEMPLATE_TYPES)[number]
export const TEMPLATE_TYPE_LABELS: Record<TemplateType, string> = {
	FOLLOW_UP: 'Follow-up',
	BIRTHDAY: 'Birthday',
	ANNIVERSARY: 'Anniversary',
	CUSTOM: 'Other',
}

export const PLACEHOLDERS = {
	firstName: 'Their first name',
	lastName: 'Their last name',
	fullName: 'Their full name',
	company: 'Their company',
	jobTitle: 'Their job title',
	myName: 'Your name',
	myFirstName: 'Your first name',
} as const
export type Placeholder = keyof typeof PLACEHOLDERS
export type TemplateVars = Partial<Record<Placeholder, string | null>>
const NAMES = Object.keys(PLACEHOLDERS) as Placeholder[]

/** The workspace-wide templates every workspace starts with; the name is also the email subject. */
export const BUILT_IN_TEMPLATES = [
	{
		type: 'FOLLOW_UP',
		name: 'Following up',
		body: 'Hi {{firstName}}, it was good to talk with you. I wanted to follow up on our conversation: let me know if you have any questions.\n\nBest,\n{{myName}}',
	},
	{ type: 'BIRTHDAY', name: 'Happy birthday!', body: 'Happy birthday, {{firstName}}! 🎉 Wishing you a wonderful year ahead.\n\n{{myFirstName}}' },
	{ type: 'ANNIVERSARY', name: 'Happy anniversary!', body: 'Happy anniversary, {{firstName}}! Wishing you many more happy years.\n\n{{myFirstName}}' },
] as const satisfies ReadonlyArray<{ type: TemplateType; name: string; body: string }>
export type BuiltInType = (typeof BUILT_IN_TEMPLATES)[number]['type']
export const BUILT_IN_TYPES = BUILT_IN_TEMPLATES.map((t) => t.type) as BuiltInType[]
/** A built-in nobody has edited yet has this id (nothing is stored for it). */
export const builtInId = (type: BuiltInType) => `default-${type.toLowerCase().replace('_', '-')}`

/** Who the settings page previews with. */
export const SAMPLE_CONTACT = { firstName: 'Ada', lastName: 'Lovelace', displayName: 'Ada Lovelace', company: 'Analytical Engines', jobTitle: 'Mathematician' }

// {{ name }}: letters only, spaces inside the braces allowed.
const TOKEN = /\{\{\s*([^{}]*?)\s*\}\}/g

/** Fills in each placeholder; an empty value leaves nothing, an unknown placeholder stays as written. */
export function renderTemplate(body: string, vars: TemplateVars) {
	return body.replace(TOKEN, (whole, name: string) => ((NAMES as string[]).includes(name) ? (vars[name as Placeholder] ?? '') : whole))
}

/** Problems with the placeholders of a body, as sentences for the form. */
export function placeholderErrors(body: string) {
	const errors: string[] = []
	for (const [, name] of body.matchAll(TOKEN)) {
		if ((NAMES as string[]).includes(name!)) continue
		const near = NAMES.find((n) => n.toLowerCase() === name!.toLowerCase().replace(/[\s_-]/g, ''))
		errors.push(
			near
				? `{{${name}}} is not a placeholder. Did you mean {{${near}}}?`
				: `{{${name}}} is not a placeholder. Use ${NAMES.map((n) => `{{${n}}}`).join(', ')}.`,
		)
	}
	// What is left once the complete placeholders are removed must not open or close one.
	const rest = body.replace(TOKEN, '')
	if (rest.includes('{{') || rest.includes('}}')) errors.push('Write each placeholder with two braces on each side, like {{firstName}}.')
	return [...new Set(errors)]
}

type Person = { firstName?: string | null; lastName?: string | null; displayName: string; company?: string | null; jobTitle?: string | null }

/** The values for a contact and the user writing. A contact known only by one name is greeted by it. */
export function templateVars(contact: Person, me: { name: string }): Record<Placeholder, string> {
	const myName = me.name.trim()
	return {
		firstName: contact.firstName?.trim() || contact.displayName,
		lastName: contact.lastName?.trim() ?? '',
		fullName: contact.displayName,
		company: contact.company ?? '',
		jobTitle: contact.jobTitle ?? '',
		myName,
		myFirstName: myName.split(/\s+/)[0] ?? '',
	}
}

export const TEMPLATE_NAME_MAX = 80
export const TEMPLATE_BODY_MAX = 2000

const name = z
	.string({ required_error: 'Enter a name' })
	.trim()
	.min(1, 'Enter a name')
	.max(TEMPLATE_NAME_MAX, `Use at most ${TEMPLATE_NAME_MAX} characters`)

// Browsers post a textarea's line breaks as CRLF: keep one kind, \n.
const lf = (v: unknown) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n') : v)

const body = z.preprocess(
	lf,
	z
		.string({ required_error: 'Write the message' })
		.trim()
		.min(1, 'Write the message')
		.max(TEMPLATE_BODY_MAX, `Use at most ${TEMPLATE_BODY_MAX} characters`)
		.superRefine((v, ctx) => {
			for (const message of placeholderErrors(v)) ctx.addIssue({ code: 'custom', message })
		}),
)
const type = z.enum(TEMPLATE_TYPES, { errorMap: () => ({ message: 'Choose what it is for' }) })

// "preview" renders the sample without saving: the preview of a form without JavaScript.
const intent = z.enum(['save', 'preview']).default('save')

/** One of the user's own templates (new when there is no id). */
export const TemplateSchema = z.object({ intent, kind: z.literal('own'), id: z.string().optional(), type, name, body })
/** A workspace's version of a built-in template: the type is fixed. */
export const BuiltInTemplateSchema = z.object({ intent, kind: z.literal('built-in'), type: z.enum(BUILT_IN_TYPES as [BuiltInType, ...BuiltInType[]]), name, body })
export type TemplateInput = { type: TemplateType; name: string; body: string }

// ───────────────────────── the "Log this as an interaction?" prompt ─────────────────────────

const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, `Use at most ${max} characters`)
		.optional()
		.transform((v) => v || null)

export const LogPromptSchema = z.object({
	intent: z.enum(['log', 'dismiss']).default('log'),
	medium: z.enum(MEDIUMS, { errorMap: () => ({ message: MESSAGES.medium }) }),
	subject: optionalText(200),
	notes: z.preprocess(lf, optionalText(20_000)),
	redirectTo: z.string().optional(),
})

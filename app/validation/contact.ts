// The contact form's schema: shared by the web form (client and server), imports
// (via the same normalisers) and, later, the JSON API. Custom fields are added per
// workspace by contactFormSchema(definitions).
import { z } from 'zod'
import { ADDRESS_PARTS, isValidMonthDay, isWebAddress } from '#app/utils/contact-fields.ts'

export const LEAD_STATUSES = ['NEW', 'INTERESTED', 'NOT_INTERESTED', 'CONVERTED'] as const
export const LEAD_STATUS_LABELS: Record<(typeof LEAD_STATUSES)[number], string> = {
	NEW: 'New',
	INTERESTED: 'Interested',
	NOT_INTERESTED: 'Not interested',
	CONVERTED: 'Converted',
}
export const AUTHORITY_LEVELS = ['PRIMARY', 'SECONDARY', 'INFLUENCER'] as const
export const AUTHORITY_LABELS: Record<(typeof AUTHORITY_LEVELS)[number], string> = { PRIMARY: 'Primary', SECONDARY: 'Secondary', INFLUENCER: 'Influencer' }
export const SOURCES = ['MANUAL', 'IMPORT', 'WEBHOOK', 'EMBED', 'WORDPRESS', 'EXTENSION', 'GMAIL', 'CALENDAR', 'API'] as const
export const SOURCE_LABELS: Record<(typeof SOURCES)[number], string> = {
	MANUAL: 'Added by hand',
	IMPORT: 'Import',
	WEBHOOK: 'Webhook',
	EMBED: 'Website form',
	WORDPRESS: 'WordPress',
	EXTENSION: 'Browser extension',
	GMAIL: 'Gmail',
	CALENDAR: 'Calendar',
	API: 'API',
}

const text = (max: number, message = `Use at most ${max} characters`) =>
	z
		.string()
		.trim()
		.max(max, message)
		.optional()
		.transform((v) => v || null)
const label = text(40)
const optionalInt = (min: number, max: number, message: string) => z.coerce.number({ invalid_type_error: message }).int(message).min(min, message).max(max, message).optional()

const EmailRow = z.object({
	email: z.string().trim().max(254, 'That email address is too long').email('Enter a valid email address, like name@example.com').optional(),
	label,
})
/** A phone number as typed: digits and + ( ) - . /, maybe an extension (x12, ext. 12, ;ext=12). Shared with the company form. */
export const phoneNumber = z
	.string()
	.trim()
	.max(40, 'That number is too long')
	.regex(/^[+\d(][\d\s().\-/]*(?:\s*(?:x|ext\.?|;ext=)\s*\d+)?$/i, 'Use digits, spaces and + ( ) - only')
	.refine((v) => v.replace(/\D/g, '').length >= 3, 'That number is too short')
const PhoneRow = z.object({ phone: phoneNumber.optional(), label })

const AddressRow = z.object({
	label,
	street: text(200),
	city: text(100),
	region: text(100),
	postalCode: text(20),
	country: text(100),
})
const WebsiteRow = z.object({
	url: z
		.string()
		.trim()
		.max(300, 'Use at most 300 characters')
		.refine((v) => !v || isWebAddress(v), 'Enter a web address, like example.com or https://example.com')
		.optional(),
	label,
})

const month = optionalInt(1, 12, 'Choose a month')
const day = optionalInt(1, 31, 'Enter a day from 1 to 31')
const year = optionalInt(1900, 2100, 'Enter a four-digit year, or leave it empty')

const base = z.object({
	firstName: text(100),
	lastName: text(100),
	nickname: text(100),
	emails: z.array(EmailRow).default([]),
	phones: z.array(PhoneRow).default([]),
	whatsapp: text(40),
	instagram: text(200),
	linkedin: text(300),
	companyId: text(40),
	companyName: text(200),
	jobTitle: text(150),
	isDecisionMaker: z.boolean().optional().default(false),
	authorityLevel: z.enum(AUTHORITY_LEVELS).optional().nullable(),
	leadStatus: z.enum(LEAD_STATUSES).optional().nullable(),
	tags: text(1000),
	groupIds: z.array(z.string()).default([]),
	addresses: z.array(AddressRow).default([]),
	websites: z.array(WebsiteRow).default([]),
	notes: text(20_000),
	birthdayMonth: month,
	birthdayDay: day,
	birthdayYear: year,
	anniversaryMonth: month,
	anniversaryDay: day,
	anniversaryYear: year,
	avatarUrl: z
		.string()
		.trim()
		.url('Enter a full address starting with https://')
		.max(1000)
		.refine((v) => /^https?:\/\//i.test(v), 'Use an address starting with https:// or http://')
		.optional()
		.transform((v) => v || null),
	source: z.enum(SOURCES).optional().default('MANUAL'),
})

type DateIssue = { month?: number; day?: number; year?: number }
function checkDate(ctx: z.RefinementCtx, prefix: string, { month, day, year }: DateIssue) {
	if (!month && !day && !year) return
	if (!month) ctx.addIssue({ code: 'custom', path: [`${prefix}Month`], message: 'Choose a month' })
	if (!day) ctx.addIssue({ code: 'custom', path: [`${prefix}Day`], message: 'Enter the day' })
	if (month && day && !isValidMonthDay(month, day, year)) ctx.addIssue({ code: 'custom', path: [`${prefix}Day`], message: 'That date does not exist' })
}

export type CustomFieldDef = { key: string; label: string; type: 'TEXT' | 'NUMBER' | 'DATE' | 'SELECT'; options: string[] }

export function customFieldSchema(def: CustomFieldDef) {
	switch (def.type) {
		case 'NUMBER':
			return z.coerce.number({ invalid_type_error: 'Enter a number' }).optional()
		case 'DATE':
			return z
				.string()
				.regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date')
				.optional()
		case 'SELECT':
			return z.enum(def.options as [string, ...string[]], { errorMap: () => ({ message: 'Choose one of the options' }) }).optional()
		default:
			return z.string().trim().max(1000, 'Use at most 1000 characters').optional()
	}
}

/** The contact form schema for a workspace with these custom fields. */
export function contactFormSchema(customFields: CustomFieldDef[] = []) {
	const custom = z.object(Object.fromEntries(customFields.map((d) => [d.key, customFieldSchema(d)]))).default({})
	return base
		.extend({ custom })
		.superRefine((v, ctx) => {
			if (!v.firstName && !v.lastName) ctx.addIssue({ code: 'custom', path: ['firstName'], message: 'Enter a first or last name' })
			checkDate(ctx, 'birthday', { month: v.birthdayMonth, day: v.birthdayDay, year: v.birthdayYear })
			checkDate(ctx, 'anniversary', { month: v.anniversaryMonth, day: v.anniversaryDay, year: v.anniversaryYear })
		})
		.transform(({ emails, phones, tags, addresses, websites, ...v }) => ({
			...v,
			addresses: addresses.filter((a) => ADDRESS_PARTS.some((k) => a[k])),
			websites: websites.filter((w): w is { url: string; label: string | null } => Boolean(w.url)),
			emails: emails.filter((e): e is { email: string; label: string | null } => Boolean(e.email)),
			phones: phones.filter((p): p is { phone: string; label: string | null } => Boolean(p.phone)),
			tagNames: [...new Set((tags ?? '').split(',').map((t) => t.trim()).filter(Boolean))],
			birthdayMonth: v.birthdayMonth ?? null,
			birthdayDay: v.birthdayDay ?? null,
			birthdayYear: v.birthdayYear ?? null,
			anniversaryMonth: v.anniversaryMonth ?? null,
			anniversaryDay: v.anniversaryDay ?? null,
			anniversaryYear: v.anniversaryYear ?? null,
		}))
}

export type ContactInput = z.output<ReturnType<typeof contactFormSchema>>

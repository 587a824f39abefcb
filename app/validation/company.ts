// The company form's schema and the company list's URL parameters. Custom fields
// are validated exactly like the contact form's (customFieldSchema).
import { z } from 'zod'
import { listParams, parseListQuery } from './list-query.ts'
import { websiteDomain } from '#app/utils/contact-fields.ts'
import { customFieldSchema, LEAD_STATUSES, phoneNumber, type CustomFieldDef } from './contact.ts'
import { TAG_NAME_MAX } from './taxonomy.ts'

export const SIZE_BANDS = ['1-10', '11-50', '51-200', '201-1000', '1000+'] as const
export type SizeBand = (typeof SIZE_BANDS)[number]
export const SIZE_BAND_LABELS: Record<SizeBand, string> = {
	'1-10': '1–10 people',
	'11-50': '11–50 people',
	'51-200': '51–200 people',
	'201-1000': '201–1,000 people',
	'1000+': 'Over 1,000 people',
}

const text = (max: number) =>
	z
		.string()
		.trim()
		.max(max, `Use at most ${max} characters`)
		.optional()
		.transform((v) => v || null)

/** Comma-separated names → unique names, as typed. */
export function parseTagNames(value: string | null | undefined) {
	const seen = new Set<string>()
	return (value ?? '')
		.split(',')
		.map((t) => t.trim())
		.filter((t) => t && !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase()))
}

const base = z.object({
	name: z
		.string({ required_error: 'Enter the company’s name' })
		.trim()
		.min(1, 'Enter the company’s name')
		.max(200, 'Use at most 200 characters'),
	industry: text(100),
	sizeBand: z.enum(SIZE_BANDS, { errorMap: () => ({ message: 'Choose a size' }) }).optional(),
	website: z
		.string()
		.trim()
		.max(300, 'Use at most 300 characters')
		.refine((v) => websiteDomain(v).includes('.'), 'Enter a website, like example.com')
		.optional()
		.transform((v) => v || null),
	phone: phoneNumber
		.optional()
		.transform((v) => v || null),
	email: z
		.string()
		.trim()
		.max(254, 'That email address is too long')
		.email('Enter a valid email address, like hello@example.com')
		.optional()
		.transform((v) => v || null),
	street: text(200),
	city: text(100),
	region: text(100),
	postalCode: text(20),
	country: text(100),
	tags: z
		.string()
		.max(1000, 'That is a lot of tags: use at most 1000 characters')
		.optional()
		.refine((v) => parseTagNames(v).every((t) => t.length <= TAG_NAME_MAX), `Keep each tag under ${TAG_NAME_MAX} characters`),
	notes: text(20_000),
	leadStatus: z.enum(LEAD_STATUSES).optional(),
})

/** The company form schema for a workspace with these COMPANY custom fields. */
export function companyFormSchema(customFields: CustomFieldDef[] = []) {
	const custom = z.object(Object.fromEntries(customFields.map((d) => [d.key, customFieldSchema(d)]))).default({})
	return base.extend({ custom }).transform(({ tags, sizeBand, leadStatus, custom, ...v }) => ({
		...v,
		sizeBand: sizeBand ?? null,
		leadStatus: leadStatus ?? null,
		tagNames: parseTagNames(tags),
		// Only the values that were filled in.
		custom: Object.fromEntries(Object.entries(custom as Record<string, unknown>).filter(([, value]) => value !== undefined && value !== '')) as Record<
			string,
			string | number
		>,
	}))
}
export type CompanyInput = z.output<ReturnType<typeof companyFormSchema>>

// ───────────────────────── the list's URL ─────────────────────────

export const COMPANY_SORTS = ['name', 'industry', 'size', 'contacts', 'created'] as const
export type CompanySort = (typeof COMPANY_SORTS)[number]
export const COMPANY_PAGE_SIZES = [25, 50, 100] as const

const optionalText = z
	.string()
	.trim()
	.max(200)
	.optional()
	.transform((v) => v || undefined)

const ListQuerySchema = z.object({
	q: optionalText.catch(undefined),
	industry: optionalText.catch(undefined),
	size: z.enum(SIZE_BANDS).optional().catch(undefined),
	tag: optionalText.catch(undefined),
	status: z.enum([...LEAD_STATUSES, 'none']).optional().catch(undefined),
	...listParams(COMPANY_SORTS, COMPANY_PAGE_SIZES),
})
export type CompanyListQuery = z.output<typeof ListQuerySchema>

/** Never throws: an unknown or malformed parameter is ignored. */
export function parseCompanyListQuery(params: URLSearchParams): CompanyListQuery {
	return parseListQuery(ListQuerySchema, params)
}

/** The query string for a list view, without empty values. */
export function companyListSearch(query: Record<string, string | number | undefined | null>) {
	const params = new URLSearchParams()
	for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v))
	const s = params.toString()
	return s ? `?${s}` : ''
}

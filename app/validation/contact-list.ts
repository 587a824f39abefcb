// The contact list's URL parameters: one parser for the list page, bulk actions and
// exports, so a bookmarked view means the same thing everywhere.
import { z } from 'zod'
import { listParams, parseListQuery } from './list-query.ts'
import type { ContactListQuery } from '#app/models/contact-list.server.ts'

export const PAGE_SIZES = [25, 50, 100] as const
/** Deleted contacts can be restored for this long. */
export const DELETED_RETENTION_DAYS = 30

const SORT_VALUES = ['name', 'company', 'status', 'lastContacted', 'created', 'birthday'] as const
const optionalText = z
	.string()
	.trim()
	.max(200)
	.optional()
	.transform((v) => v || undefined)
const optionalPositive = z.coerce.number().int().positive().max(3650).optional().catch(undefined)

const ListQuerySchema = z.object({
	q: optionalText,
	tag: optionalText,
	group: optionalText,
	company: optionalText,
	status: z.enum(['NEW', 'INTERESTED', 'NOT_INTERESTED', 'CONVERTED', 'none']).optional().catch(undefined),
	decisionMakers: z
		.enum(['1', 'on', 'true'])
		.optional()
		.catch(undefined)
		.transform((v) => Boolean(v)),
	birthdayMonth: z.coerce.number().int().min(1).max(12).optional().catch(undefined),
	notContactedDays: optionalPositive,
	source: z.enum(['MANUAL', 'IMPORT', 'WEBHOOK', 'EMBED', 'WORDPRESS', 'EXTENSION', 'GMAIL', 'CALENDAR', 'API']).optional().catch(undefined),
	...listParams(SORT_VALUES, PAGE_SIZES),
})

/** Never throws: an unknown or malformed parameter is simply ignored. */
export function parseContactListQuery(params: URLSearchParams): ContactListQuery {
	return parseListQuery(ListQuerySchema, params)
}

/** The query string for a list view, without empty values. */
export function contactListSearch(query: ContactListQuery & Record<string, unknown>) {
	const params = new URLSearchParams()
	for (const [k, v] of Object.entries(query)) {
		if (v === undefined || v === null || v === '' || v === false) continue
		params.set(k, v === true ? '1' : String(v))
	}
	return params.toString()
}

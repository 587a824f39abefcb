// The Leads view's URL (?q=&kind=&page_<status>=) and the one-click status change
// form: shared by /leads, the lead status menus and the lead model.
import { z } from 'zod'
import { LEAD_STATUSES } from './contact.ts'

type LeadStatus = (typeof LEAD_STATUSES)[number]

export const LEAD_KINDS = ['all', 'contacts', 'companies'] as const
export type LeadKind = (typeof LEAD_KINDS)[number]
export const LEAD_KIND_LABELS: Record<LeadKind, string> = { all: 'All', contacts: 'Contacts', companies: 'Companies' }
export const LEADS_PAGE_SIZE = 10
/** Deeper than this a status is better read in the filtered contact or company list. */
export const LEADS_MAX_PAGE = 500

export type LeadsQuery = { q?: string; kind: LeadKind; pages: Partial<Record<LeadStatus, number>> }
export const pageParam = (status: LeadStatus) => `page_${status.toLowerCase()}`

/** ?q=&kind=&page_converted=2 … → a query, anything odd ignored. */
export function parseLeadsQuery(params: URLSearchParams): LeadsQuery {
	const kind = (LEAD_KINDS as readonly string[]).includes(params.get('kind') ?? '') ? (params.get('kind') as LeadKind) : 'all'
	const q = params.get('q')?.trim().slice(0, 100) || undefined
	const pages: LeadsQuery['pages'] = {}
	for (const status of LEAD_STATUSES) {
		const n = Number(params.get(pageParam(status)))
		if (Number.isInteger(n) && n > 1) pages[status] = Math.min(n, LEADS_MAX_PAGE)
	}
	return { q, kind, pages }
}

/** One click on a lead status menu. `js` marks a fetcher's post, answered with JSON instead of a redirect. */
export const StatusChangeSchema = z.object({
	entity: z.enum(['contact', 'company']),
	id: z.string().min(1).max(40),
	// "" (the "No status" button) clears it.
	status: z.preprocess((v) => (v === '' ? null : v), z.enum(LEAD_STATUSES, { errorMap: () => ({ message: 'Choose a lead status' }) }).nullable()),
	redirectTo: z.string().optional(),
	js: z.literal('1').optional(),
})

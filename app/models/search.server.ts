// Global search: contacts, companies, deals, interactions and tags in one list,
// grouped by kind, with the matched words marked (in JS, by the same prefix rule
// as the FTS query: FTS5 highlight()/snippet() would re-run a broad prefix MATCH
// per row, ~8 ms each for "example"). Each kind has its own FTS5
// table (ContactSearch, kept by contact-search.server.ts; the others by triggers,
// see search-index.server.ts). Every query joins the record itself, so deleted
// records and records this member may not see never come back.
//
// Ranking: per kind, the newest WINDOW visible matches (FTS5 walks its index in
// rowid order and stops) are ranked by bm25 and by whether the title itself
// matches. Below WINDOW matches that is an exact bm25 ranking; above it, a broad
// prefix like "m" ranks recent records instead of scoring every match.
import { prisma } from '#app/utils/db.server.ts'
import { formatPhone } from '#app/utils/contact-fields.ts'
import { MARK_OPEN, markDigits, markSnippet, markWords, searchTerms, titleStrength, toFtsQuery } from '#app/utils/search-highlight.ts'
import { MEDIUM_LABELS, type Medium } from '#app/validation/interaction.ts'
import { DEFAULT_PER_KIND, MAX_PER_KIND, MAX_QUERY_LENGTH } from '#app/validation/search.ts'
import type { Membership } from './workspace.server.ts'

export type SearchKindName = 'contact' | 'company' | 'deal' | 'interaction' | 'tag'
/** title and detail carry MARK_OPEN/MARK_CLOSE around matched words. */
export type SearchHit = { kind: SearchKindName; id: string; href: string; title: string; detail: string | null; meta: string | null }
export type SearchGroup = { kind: SearchKindName; label: string; hits: SearchHit[]; moreHref: string | null }
export type SearchResults = { q: string; groups: SearchGroup[]; total: number }

const KIND_ORDER: SearchKindName[] = ['contact', 'company', 'deal', 'tag', 'interaction']
const LABELS: Record<SearchKindName, string> = { contact: 'Contacts', company: 'Companies', deal: 'Deals', tag: 'Tags', interaction: 'Interactions' }
const WINDOW = 100

/** FTS5 query from typed text: every word a quoted prefix, so no input can break the syntax. */
export function toSearchQuery(q: string) {
	return toFtsQuery(q)
}

type Candidate = { rid: number; id: string; score: number; strength: number; title: string }

/** The best `take` of the window: titles that match first, then bm25 (lower is better), then newest. */
function best<T extends Candidate>(rows: T[], take: number) {
	return rows.sort((a, b) => b.strength - a.strength || a.score - b.score || b.rid - a.rid).slice(0, take)
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(',')
const rep = (m: Membership) => m.role === 'REP' && m.hideOthersRecords
const hasMark = (s: string | null | undefined): s is string => Boolean(s && s.includes(MARK_OPEN))

/** Rows of `table` for these ids (the final few hits), by id. */
async function rowsById<T extends { id: string }>(sql: string, ids: string[]) {
	if (!ids.length) return new Map<string, T>()
	const rows = await prisma.$queryRawUnsafe<T[]>(sql.replace('%IDS', placeholders(ids.length)), ...ids)
	return new Map(rows.map((r) => [r.id, r]))
}

type WindowRow = { kind: SearchKindName; rid: number | bigint; id: string; score: number; title: string | null }
type Window = { kind: SearchKindName; sql: string; params: unknown[] }

/**
 * Per kind, the newest WINDOW visible matches with their bm25 score and title.
 * FTS5 is the outer loop (CROSS JOIN) and walks its index in rowid order, so the
 * join to the record (deleted? whose?) runs for at most WINDOW rows that pass.
 */
function windowQueries(m: Membership, match: string, terms: string[]): Window[] {
	const ws = m.workspaceId
	const limited = rep(m)
	const window = (kind: SearchKindName | null, select: string, from: string, where: string, params: unknown[]): Window | null =>
		kind && {
			kind,
			sql: `SELECT * FROM (SELECT '${kind}' AS kind, s.rowid AS rid, ${select} FROM ${from} WHERE ${where} ORDER BY s.rowid DESC LIMIT ${WINDOW})`,
			params,
		}
	// Interactions not for single letters: "m" matches most of 500,000 notes and means nothing there.
	const notes = terms.some((t) => t.length >= 2)
	return [
		window(
			'contact',
			`s.contactId AS id, bm25(ContactSearch, 0, 0, 10, 3, 3, 2, 1) AS score, c.displayName AS title`,
			`ContactSearch s CROSS JOIN "Contact" c ON c.id = s.contactId`,
			`ContactSearch MATCH ? AND s.workspaceId = ? AND c.workspaceId = ? AND c.deletedAt IS NULL ${limited ? 'AND (c.ownerId = ? OR c.assigneeId = ?)' : ''}`,
			[match, ws, ws, ...(limited ? [m.userId, m.userId] : [])],
		),
		window(
			'company',
			`s.companyId AS id, bm25(CompanySearch, 0, 0, 10, 3, 3, 1) AS score, c.name AS title`,
			`CompanySearch s CROSS JOIN "Company" c ON c.id = s.companyId`,
			`CompanySearch MATCH ? AND s.workspaceId = ? AND c.workspaceId = ? AND c.deletedAt IS NULL ${limited ? 'AND c.ownerId = ?' : ''}`,
			[match, ws, ws, ...(limited ? [m.userId] : [])],
		),
		window(
			'deal',
			`s.dealId AS id, bm25(DealSearch, 0, 0, 10, 1) AS score, d.name AS title`,
			`DealSearch s CROSS JOIN "Deal" d ON d.id = s.dealId`,
			`DealSearch MATCH ? AND s.workspaceId = ? AND d.workspaceId = ? AND d.deletedAt IS NULL ${limited ? 'AND d.ownerId = ?' : ''}`,
			[match, ws, ws, ...(limited ? [m.userId] : [])],
		),
		window(
			'tag',
			`s.tagId AS id, bm25(TagSearch) AS score, t.name AS title`,
			`TagSearch s CROSS JOIN "Tag" t ON t.id = s.tagId`,
			`TagSearch MATCH ? AND s.workspaceId = ? AND t.workspaceId = ?`,
			[match, ws, ws],
		),
		// As visibleInteraction in interaction.server.ts: on a contact the member sees,
		// or (without a contact) with a company they see. The subject ranks like a title.
		window(
			notes ? 'interaction' : null,
			`s.interactionId AS id, bm25(InteractionSearch, 0, 0, 4, 2, 1, 1) AS score, i.subject AS title`,
			`InteractionSearch s CROSS JOIN "Interaction" i ON i.id = s.interactionId LEFT JOIN "Contact" c ON c.id = i.contactId LEFT JOIN "Company" co ON co.id = i.companyId`,
			`InteractionSearch MATCH ? AND s.workspaceId = ? AND i.workspaceId = ?
			 AND ((i.contactId IS NOT NULL AND c.workspaceId = ? AND c.deletedAt IS NULL ${limited ? 'AND (c.ownerId = ? OR c.assigneeId = ?)' : ''})
			   OR (i.contactId IS NULL AND co.workspaceId = ? AND co.deletedAt IS NULL ${limited ? 'AND co.ownerId = ?' : ''}))`,
			[match, ws, ws, ws, ...(limited ? [m.userId, m.userId] : []), ws, ...(limited ? [m.userId] : [])],
		),
	].filter((w): w is Window => w !== null)
}

/** All kinds' windows in one statement (one round trip), ranked per kind in JS. */
async function topPerKind(m: Membership, match: string, terms: string[], take: number) {
	const windows = windowQueries(m, match, terms)
	const rows = await prisma.$queryRawUnsafe<WindowRow[]>(windows.map((w) => w.sql).join(' UNION ALL '), ...windows.flatMap((w) => w.params))
	const byKind = new Map<SearchKindName, Candidate[]>()
	for (const r of rows) {
		const list = byKind.get(r.kind) ?? []
		list.push({ rid: Number(r.rid), id: r.id, score: Number(r.score), strength: r.title ? titleStrength(r.title, terms) : 0, title: r.title ?? '' })
		byKind.set(r.kind, list)
	}
	return (kind: SearchKindName) => best(byKind.get(kind) ?? [], take)
}

async function searchContacts(top: Candidate[], terms: string[]): Promise<SearchHit[]> {
	const details = await rowsById<{ id: string; jobTitle: string | null; whatsapp: string | null; company: string | null; emails: string | null; phones: string | null; tags: string | null }>(
		`SELECT c.id, c.jobTitle, c.whatsapp, co.name AS company,
		   (SELECT group_concat(email, ' ') FROM "ContactEmail" WHERE contactId = c.id) AS emails,
		   (SELECT group_concat(phone, ' ') FROM (SELECT phone FROM "ContactPhone" WHERE contactId = c.id ORDER BY isPrimary DESC)) AS phones,
		   (SELECT group_concat(t.name, ', ') FROM "_ContactToTag" l JOIN "Tag" t ON t.id = l.B WHERE l.A = c.id) AS tags
		 FROM "Contact" c LEFT JOIN "Company" co ON co.id = c.companyId WHERE c.id IN (%IDS)`,
		top.map((r) => r.id),
	)
	return top.map((r) => {
		const d = details.get(r.id)
		const email = (d?.emails ?? '').split(' ').map((e) => markWords(e, terms)).filter(hasMark).join(', ') || null
		const phone = [...(d?.phones?.split(' ') ?? []), d?.whatsapp ?? ''].filter(Boolean).map((p) => markDigits(formatPhone(p), terms)).find(Boolean) ?? null
		const company = d?.company ? markWords(d.company, terms) : null
		const tags = d?.tags ? markWords(d.tags, terms) : null
		const companyMatched = hasMark(company)
		const matched = email ?? phone ?? (companyMatched ? company : null) ?? (hasMark(tags) ? `Tagged ${tags}` : null)
		const plain = [d?.jobTitle, d?.company].filter(Boolean).join(' · ') || null
		// Beside a matched line, the job and company (not the company twice).
		const meta = [d?.jobTitle, companyMatched ? null : d?.company].filter(Boolean).join(' · ') || null
		return { kind: 'contact' as const, id: r.id, href: `/contacts/${r.id}`, title: markWords(r.title, terms), detail: matched ?? plain, meta: matched ? meta : null }
	})
}

async function searchCompanies(top: Candidate[], terms: string[]): Promise<SearchHit[]> {
	const details = await rowsById<{ id: string; domain: string | null; email: string | null; industry: string | null; city: string | null; phone: string | null; notes: string | null }>(
		`SELECT id, domain, email, industry, city, phone, notes FROM "Company" WHERE id IN (%IDS)`,
		top.map((r) => r.id),
	)
	return top.map((r) => {
		const d = details.get(r.id)
		const plain = [d?.industry, d?.city].filter(Boolean).join(' · ') || null
		const fields = [d?.domain, d?.email, d?.industry, d?.city].map((v) => (v ? markWords(v, terms) : null))
		const field = fields.find(hasMark)
		const matched = field ?? (d?.phone ? markDigits(formatPhone(d.phone), terms) : null) ?? markSnippet(d?.notes, terms)
		// Beside a matched line, industry and city, without the one that matched.
		const meta = [hasMark(fields[2]) ? null : d?.industry, hasMark(fields[3]) ? null : d?.city].filter(Boolean).join(' · ') || null
		return { kind: 'company' as const, id: r.id, href: `/companies/${r.id}`, title: markWords(r.title, terms), detail: matched ?? plain, meta: matched ? meta : null }
	})
}

async function searchDeals(top: Candidate[], terms: string[]): Promise<SearchHit[]> {
	const details = await rowsById<{ id: string; valueCents: number | bigint; currency: string; notes: string | null; company: string | null }>(
		`SELECT d.id, d.valueCents, d.currency, d.notes, co.name AS company FROM "Deal" d LEFT JOIN "Company" co ON co.id = d.companyId WHERE d.id IN (%IDS)`,
		top.map((r) => r.id),
	)
	return top.map((r) => {
		const d = details.get(r.id)
		const value = d ? money(Number(d.valueCents), d.currency) : null
		const plain = [value, d?.company].filter(Boolean).join(' · ') || null
		const notes = markSnippet(d?.notes, terms)
		return { kind: 'deal' as const, id: r.id, href: `/deals/${r.id}`, title: markWords(r.title, terms), detail: notes ?? plain, meta: notes ? plain : null }
	})
}

const formats = new Map<string, Intl.NumberFormat>()
function money(cents: number, currency: string) {
	try {
		let format = formats.get(currency)
		if (!format) formats.set(currency, (format = new Intl.NumberFormat('en', { style: 'currency', currency: currency || 'USD', maximumFractionDigits: 0 })))
		return format.format(cents / 100)
	} catch {
		return `${(cents / 100).toFixed(0)} ${currency}`
	}
}

async function searchInteractions(top: Candidate[], terms: string[]): Promise<SearchHit[]> {
	const details = await rowsById<{
		id: string
		medium: Medium
		occurredAt: string | Date
		contactId: string | null
		companyId: string | null
		subject: string | null
		notes: string | null
		outcome: string | null
		nextSteps: string | null
		contactName: string | null
		companyName: string | null
	}>(
		`SELECT i.id, i.medium, i.occurredAt, i.contactId, i.companyId, i.subject, i.notes, i.outcome, i.nextSteps, c.displayName AS contactName, co.name AS companyName
		 FROM "Interaction" i LEFT JOIN "Contact" c ON c.id = i.contactId LEFT JOIN "Company" co ON co.id = i.companyId WHERE i.id IN (%IDS)`,
		top.map((r) => r.id),
	)
	return top.flatMap((r) => {
		const d = details.get(r.id)
		if (!d) return []
		const who = d.contactName ?? d.companyName ?? ''
		const when = new Date(typeof d.occurredAt === 'string' ? d.occurredAt.replace(' ', 'T') : d.occurredAt)
		const matched = [d.subject, d.notes, d.outcome, d.nextSteps].map((t) => markSnippet(t, terms)).find(Boolean) ?? null
		return [
			{
				kind: 'interaction' as const,
				id: r.id,
				href: d.contactId ? `/contacts/${d.contactId}#timeline` : `/companies/${d.companyId}#timeline`,
				title: `${MEDIUM_LABELS[d.medium] ?? d.medium}${who ? ` with ${who}` : ''}`,
				detail: matched ?? d.subject,
				meta: Number.isNaN(when.getTime()) ? null : when.toISOString().slice(0, 10),
			},
		]
	})
}

function searchTags(top: Candidate[], terms: string[]): SearchHit[] {
	return top.map((r) => ({ kind: 'tag' as const, id: r.id, href: `/contacts?tag=${encodeURIComponent(r.id)}`, title: markWords(r.title, terms), detail: 'Contacts with this tag', meta: null }))
}

/**
 * Up to `take` hits of each kind for what the member typed; groups whose titles
 * match come first. Any input is safe: it is reduced to quoted prefix words.
 */
export async function globalSearch(m: Membership, rawQuery: string, opts: { take?: number } = {}): Promise<SearchResults> {
	const q = rawQuery.trim().slice(0, MAX_QUERY_LENGTH)
	const terms = searchTerms(q)
	const match = toSearchQuery(q)
	if (!match) return { q, groups: [], total: 0 }
	const take = Math.min(Math.max(1, opts.take ?? DEFAULT_PER_KIND), MAX_PER_KIND)
	const top = await topPerKind(m, match, terms, take)
	const [contact, company, deal, tag, interaction] = await Promise.all([
		searchContacts(top('contact'), terms),
		searchCompanies(top('company'), terms),
		searchDeals(top('deal'), terms),
		searchTags(top('tag'), terms),
		searchInteractions(top('interaction'), terms),
	])
	const hits: Record<SearchKindName, SearchHit[]> = { contact, company, deal, tag, interaction }
	const strength = (kind: SearchKindName) => Math.max(0, ...hits[kind].map((h) => (kind === 'interaction' ? 0 : titleStrength(h.title, terms))))
	const groups = KIND_ORDER.filter((kind) => hits[kind].length)
		.map((kind) => ({ kind, strength: strength(kind) }))
		.sort((a, b) => b.strength - a.strength || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind))
		.map(({ kind }) => ({
			kind,
			label: LABELS[kind],
			hits: hits[kind],
			moreHref: kind === 'contact' ? `/contacts?q=${encodeURIComponent(q)}` : kind === 'company' ? `/companies?q=${encodeURIComponent(q)}` : null,
		}))
	return { q, groups, total: groups.reduce((n, g) => n + g.hits.length, 0) }
}

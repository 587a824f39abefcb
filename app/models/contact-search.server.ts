// Keeps the ContactSearch FTS5 table in step with contacts, and queries it.
// Prisma does not know virtual tables, so this file speaks SQL.
import { prisma as appPrisma, type PrismaClient } from '#app/utils/db.server.ts'
import { toFtsQuery } from '#app/utils/search-highlight.ts'
import { sqlAll } from '#app/utils/sql.server.ts'
import { CONTACT_SEARCH_COLUMNS, contactSearchRow } from './search-index.server.ts'

export { CONTACT_SEARCH_COLUMNS, contactSearchRow }

const CHUNK = 500

/** Rebuilds the search rows of these contacts (all of the workspace when ids is omitted). */
export async function reindexContacts(workspaceId: string, ids?: string[], prisma: PrismaClient = appPrisma) {
	if (ids && ids.length === 0) return
	const chunks = ids ? Array.from({ length: Math.ceil(ids.length / CHUNK) }, (_, i) => ids.slice(i * CHUNK, (i + 1) * CHUNK)) : [undefined]
	for (const chunk of chunks) {
		const contacts = await prisma.contact.findMany({
			where: { workspaceId, ...(chunk ? { id: { in: chunk } } : {}) },
			select: {
				id: true,
				displayName: true,
				firstName: true,
				lastName: true,
				emails: { select: { email: true } },
				phones: { select: { phone: true } },
				whatsapp: true,
				nickname: true,
				jobTitle: true,
				company: { select: { name: true } },
				tags: { select: { name: true } },
			},
		})
		const targetIds = chunk ?? contacts.map((c) => c.id)
		const rows = contacts.map((c) =>
			contactSearchRow(workspaceId, {
				...c,
				emails: c.emails.map((e) => e.email),
				phones: [...c.phones.map((p) => p.phone), c.whatsapp ?? ''],
				company: c.company?.name,
				tags: c.tags.map((t) => t.name),
			}),
		)
		await prisma.$transaction(async (tx) => {
			for (let i = 0; i < targetIds.length; i += CHUNK) {
				const slice = targetIds.slice(i, i + CHUNK)
				await tx.$executeRawUnsafe(`DELETE FROM ContactSearch WHERE contactId IN (${slice.map(() => '?').join(',')})`, ...slice)
			}
			for (let i = 0; i < rows.length; i += 100) {
				const slice = rows.slice(i, i + 100)
				await tx.$executeRawUnsafe(
					`INSERT INTO ContactSearch (${CONTACT_SEARCH_COLUMNS.join(', ')}) VALUES ${slice.map(() => `(${CONTACT_SEARCH_COLUMNS.map(() => '?').join(',')})`).join(',')}`,
					...slice.flat(),
				)
			}
		})
	}
	// A whole-workspace rebuild leaves the index in many small segments that every
	// prefix query must merge (a digits prefix: 20 → 90 ms at 100k contacts); compact it.
	if (!ids) await prisma.$executeRawUnsafe(`INSERT INTO ContactSearch (ContactSearch) VALUES ('optimize')`)
}

export async function removeFromIndex(ids: string[]) {
	if (!ids.length) return
	await appPrisma.$executeRawUnsafe(`DELETE FROM ContactSearch WHERE contactId IN (${ids.map(() => '?').join(',')})`, ...ids)
}

/**
 * Turns what a person typed into an FTS5 query: every word must match as a
 * prefix. Punctuation is dropped, so input can never break the query syntax.
 */
export function toMatchQuery(q: string) {
	return toFtsQuery(q)
}

export const SEARCH_LIMIT = 2000
const RANK_WINDOW = 2500

/**
 * Ids of matching contacts, best first; at most SEARCH_LIMIT. Only the first
 * RANK_WINDOW matches are ranked: bm25 over every contact (a word in every email
 * address, say) costs ~100 ms at 100k contacts, and past a few thousand matches the
 * order of the tail matters to no one. Soft-deleted contacts stay in the index (a
 * restore needs no re-index): callers filter the ids by the rest of their query,
 * deletedAt included, in one pass by primary key (contact-list.server.ts). Joining
 * Contact here instead would cost 8 ms of the 12 ms of a broad search.
 */
export async function searchContactIds(workspaceId: string, q: string): Promise<string[]> {
	const match = toMatchQuery(q)
	if (!match) return []
	const rows = sqlAll<{ contactId: string }>(
		`SELECT contactId FROM (SELECT contactId, rank FROM ContactSearch WHERE ContactSearch MATCH ? AND workspaceId = ? LIMIT ${RANK_WINDOW}) ORDER BY rank LIMIT ${SEARCH_LIMIT}`,
		match,
		workspaceId,
	)
	return rows.map((r) => r.contactId)
}

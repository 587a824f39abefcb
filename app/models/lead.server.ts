// Lead status: the one-click change on contacts and companies (audited like an
// edit of the status alone), and the Leads view: both kinds of record grouped by
// status, with counts, each status paginated on its own, and when each converted.
import { Prisma, type LeadStatus } from '#app/generated/prisma/client.ts'
import { prisma } from '#app/utils/db.server.ts'
import { LEAD_STATUSES } from '#app/validation/contact.ts'
import { LEADS_PAGE_SIZE, type LeadsQuery } from '#app/validation/lead.ts'
import { logActivity } from './activity.server.ts'
import { companyVisibleTo } from './company.server.ts'
import { requireEdit, visibleTo, canEdit, type Membership } from './workspace.server.ts'
import { notFound } from '#app/utils/misc.ts'

export type LeadEntity = 'contact' | 'company'

/**
 * Sets the lead status (null clears it) and records who changed it from what to
 * what, as `status_changed` with { leadStatus: [from, to] }, the shape an edit of
 * the status alone leaves. The search index carries no status: nothing to reindex.
 */
export async function setLeadStatus(m: Membership, entity: LeadEntity, id: string, status: LeadStatus | null) {
	return prisma.$transaction(async (tx) => {
		const record =
			entity === 'contact'
				? await tx.contact.findFirst({ where: { id, deletedAt: null, ...visibleTo(m) }, select: { id: true, displayName: true, leadStatus: true, ownerId: true, assigneeId: true } })
				: await tx.company.findFirst({ where: { id, deletedAt: null, ...companyVisibleTo(m) }, select: { id: true, name: true, leadStatus: true, ownerId: true } })
		if (!record) throw notFound()
		requireEdit(m, record)
		const name = 'displayName' in record ? record.displayName : record.name
		const from = record.leadStatus
		if (from === status) return { changed: false, name, from, to: status }
		if (entity === 'contact') await tx.contact.update({ where: { id }, data: { leadStatus: status } })
		else await tx.company.update({ where: { id }, data: { leadStatus: status } })
		await logActivity(tx, m, { entityType: entity === 'contact' ? 'Contact' : 'Company', entityId: id, action: 'status_changed', diff: { leadStatus: [from, status] } })
		return { changed: true, name, from, to: status }
	})
}

// ───────────────────────── the Leads view ─────────────────────────

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

// The Prisma filters and their SQL twins below must agree: counts come from one, pages from the other.
function contactFilter(m: Membership, q?: string): Prisma.ContactWhereInput {
	return { deletedAt: null, ...visibleTo(m), leadStatus: { not: null }, ...(q ? { displayName: { contains: q } } : {}) }
}
function companyFilter(m: Membership, q?: string): Prisma.CompanyWhereInput {
	return { deletedAt: null, ...companyVisibleTo(m), leadStatus: { not: null }, ...(q ? { name: { contains: q } } : {}) }
}

function limitedToOwn(m: Membership) {
	return m.role === 'REP' && m.hideOthersRecords
}

/**
 * When the record last became CONVERTED, from the activity log (any entry whose
 * diff took leadStatus to CONVERTED: a status change, an edit, a merge); records
 * converted with no such entry (created or imported as converted) fall back to updatedAt.
 */
function convertedAtSql(table: 'Contact' | 'Company', alias: string) {
	return Prisma.sql`COALESCE((SELECT MAX(a.createdAt) FROM ActivityLog a WHERE a.workspaceId = ${Prisma.raw(alias)}.workspaceId AND a.entityType = ${table} AND a.entityId = ${Prisma.raw(alias)}.id AND json_extract(a.diff, '$.leadStatus[1]') = 'CONVERTED'), ${Prisma.raw(alias)}.updatedAt)`
}

function contactSql(m: Membership, status: LeadStatus, q?: string) {
	const where = [Prisma.sql`c.workspaceId = ${m.workspaceId}`, Prisma.sql`c.deletedAt IS NULL`, Prisma.sql`c.leadStatus = ${status}`]
	if (limitedToOwn(m)) where.push(Prisma.sql`(c.ownerId = ${m.userId} OR c.assigneeId = ${m.userId})`)
	if (q) where.push(Prisma.sql`c.displayName LIKE ${likePattern(q)} ESCAPE '\\'`)
	const at = status === 'CONVERTED' ? convertedAtSql('Contact', 'c') : Prisma.sql`NULL`
	return Prisma.sql`SELECT 'contact' AS kind, c.id AS id, c.displayName AS name, ${at} AS convertedAt FROM Contact c WHERE ${Prisma.join(where, ' AND ')}`
}

function companySql(m: Membership, status: LeadStatus, q?: string) {
	const where = [Prisma.sql`o.workspaceId = ${m.workspaceId}`, Prisma.sql`o.deletedAt IS NULL`, Prisma.sql`o.leadStatus = ${status}`]
	if (limitedToOwn(m)) where.push(Prisma.sql`o.ownerId = ${m.userId}`)
	if (q) where.push(Prisma.sql`o.name LIKE ${likePattern(q)} ESCAPE '\\'`)
	const at = status === 'CONVERTED' ? convertedAtSql('Company', 'o') : Prisma.sql`NULL`
	return Prisma.sql`SELECT 'company' AS kind, o.id AS id, o.name AS name, ${at} AS convertedAt FROM Company o WHERE ${Prisma.join(where, ' AND ')}`
}

type PageRow = { kind: 'contact' | 'company'; id: string; name: string; convertedAt: string | Date | number | null }

/** One page of one status: contacts and companies together, by name (converted: newest conversion first). */
async function statusPage(m: Membership, query: LeadsQuery, status: LeadStatus, page: number, pageSize: number) {
	const parts = [query.kind !== 'companies' ? contactSql(m, status, query.q) : null, query.kind !== 'contacts' ? companySql(m, status, query.q) : null].filter(
		(p): p is Prisma.Sql => p !== null,
	)
	const order = status === 'CONVERTED' ? Prisma.sql`ORDER BY convertedAt DESC, name COLLATE NOCASE, id` : Prisma.sql`ORDER BY name COLLATE NOCASE, id`
	return prisma.$queryRaw<PageRow[]>`SELECT * FROM (${Prisma.join(parts, ' UNION ALL ')}) ${order} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`
}

const toDate = (v: PageRow['convertedAt']) => (v === null || v === undefined ? null : new Date(typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v))

export type LeadItem = {
	kind: 'contact' | 'company'
	id: string
	name: string
	detail: string | null
	pictureSrc: string | null
	status: LeadStatus
	convertedAt: Date | null
	editable: boolean
}

/** Everything /leads shows: per status the counts (contacts, companies) and one page of records. */
export async function leadsOverview(m: Membership, query: LeadsQuery, pageSize = LEADS_PAGE_SIZE) {
	const [contactCounts, companyCounts] = await Promise.all([
		query.kind === 'companies' ? [] : prisma.contact.groupBy({ by: ['leadStatus'], where: contactFilter(m, query.q), _count: { _all: true } }),
		query.kind === 'contacts' ? [] : prisma.company.groupBy({ by: ['leadStatus'], where: companyFilter(m, query.q), _count: { _all: true } }),
	])
	const count = (rows: Array<{ leadStatus: LeadStatus | null; _count: { _all: number } }>, s: LeadStatus) => rows.find((r) => r.leadStatus === s)?._count._all ?? 0

	const sections = await Promise.all(
		LEAD_STATUSES.map(async (status) => {
			const contacts = count(contactCounts, status)
			const companies = count(companyCounts, status)
			const total = contacts + companies
			const pages = Math.max(1, Math.ceil(total / pageSize))
			const page = Math.min(query.pages[status] ?? 1, pages)
			const rows = total ? await statusPage(m, query, status, page, pageSize) : []
			return { status, contacts, companies, total, page, pages, rows }
		}),
	)

	// The details of the (at most 40) records shown, in two queries.
	const ids = (kind: PageRow['kind']) => sections.flatMap((s) => s.rows.filter((r) => r.kind === kind).map((r) => r.id))
	const [contacts, companies] = await Promise.all([
		prisma.contact.findMany({
			where: { id: { in: ids('contact') } },
			select: { id: true, jobTitle: true, ownerId: true, assigneeId: true, avatarUrl: true, image: { select: { id: true } }, company: { select: { name: true } } },
		}),
		prisma.company.findMany({ where: { id: { in: ids('company') } }, select: { id: true, domain: true, industry: true, ownerId: true } }),
	])
	return sections.map(({ rows, ...section }) => ({
		...section,
		items: rows.flatMap((r): LeadItem[] => {
			const base = { kind: r.kind, id: r.id, name: r.name, status: section.status, convertedAt: section.status === 'CONVERTED' ? toDate(r.convertedAt) : null }
			if (r.kind === 'contact') {
				const c = contacts.find((x) => x.id === r.id)
				if (!c) return []
				const pictureSrc = c.image ? `/contacts/${c.id}/picture?v=${c.image.id}` : c.avatarUrl
				return [{ ...base, detail: [c.jobTitle, c.company?.name].filter(Boolean).join(' at ') || null, pictureSrc, editable: canEdit(m, c) }]
			}
			const o = companies.find((x) => x.id === r.id)
			if (!o) return []
			return [{ ...base, detail: [o.domain, o.industry].filter(Boolean).join(' · ') || null, pictureSrc: null, editable: canEdit(m, o) }]
		}),
	}))
}

/** Which of these records the member may change the status of (for the menus in lists). */
export async function editableIds(m: Membership, entity: LeadEntity, ids: string[]) {
	if (m.role === 'VIEWER' || !ids.length) return []
	if (m.role === 'OWNER' || m.role === 'ADMIN') return ids
	const rows =
		entity === 'contact'
			? await prisma.contact.findMany({ where: { id: { in: ids } }, select: { id: true, workspaceId: true, ownerId: true, assigneeId: true } })
			: await prisma.company.findMany({ where: { id: { in: ids } }, select: { id: true, workspaceId: true, ownerId: true } })
	// By primary key only; the workspace is checked on the rows (see visibleContactsByIds).
	return rows.filter((r) => r.workspaceId === m.workspaceId && canEdit(m, r)).map((r) => r.id)
}

// The contact list (/contacts): search, filters, sorts, pages and counts, in SQL on
// the read connection (ADR 0013). The query shapes follow ADR 0012: SQLite has no
// statistics here, so each one names its driving table or index through its form
// (CROSS JOIN fixes the join order; ORDER BY picks the index a capped count walks).
import { PAGE_SIZES } from '#app/validation/contact-list.ts'
import type { LEAD_STATUSES } from '#app/validation/contact.ts'
import { idList, sqlAll, sqlDate, sqlGet, toBool, toDate, type Param } from '#app/utils/sql.server.ts'
import { SEARCH_LIMIT, searchContactIds } from './contact-search.server.ts'
import { canEdit, type Membership } from './workspace.server.ts'

export const SORTS = ['name', 'company', 'status', 'lastContacted', 'created', 'birthday'] as const
export type ContactListQuery = {
	q?: string
	tag?: string
	group?: string
	company?: string
	status?: string
	decisionMakers?: boolean
	birthdayMonth?: number
	notContactedDays?: number
	source?: string
	sort?: (typeof SORTS)[number]
	dir?: 'asc' | 'desc'
	page?: number
	pageSize?: number
}

/** Counting stops here ("10,000+"), so no filter walks a whole large workspace. */
const COUNT_CAP = 10_000
/**
 * Up to this many contacts, a tag or group is listed from its link table (each
 * contact checked by primary key, ~1 µs): bounded work whatever the other filters and
 * the sort. Above it, walking the sort's index finds a page quickly, the tag being common.
 */
const LINK_CANDIDATES = 5_000

type LeadStatus = (typeof LEAD_STATUSES)[number]
type Where = { sql: string; params: Param[] }

/**
 * The filters of a list query on Contact `c`, and who may see what (the same rule as
 * visibleTo). `pinned`: the rows come from an id list or a link table joined first,
 * so the workspace is checked with `+` (a term no index may serve) to keep SQLite
 * on the primary key instead of walking the workspace's index.
 */
function filterSql(m: Membership, query: ContactListQuery, now: Date, { pinned = false } = {}): Where {
	const parts = [pinned ? '+c.workspaceId = ?' : 'c.workspaceId = ?', 'c.deletedAt IS NULL']
	const params: Param[] = [m.workspaceId]
	const add = (sql: string, ...values: Param[]) => {
		parts.push(sql)
		params.push(...values)
	}
	if (m.role === 'REP' && m.hideOthersRecords) add('(c.ownerId = ? OR c.assigneeId = ?)', m.userId, m.userId)
	if (query.tag) add('EXISTS (SELECT 1 FROM _ContactToTag t WHERE t.A = c.id AND t.B = ?)', query.tag)
	if (query.group) add('EXISTS (SELECT 1 FROM _ContactToGroup g WHERE g.A = c.id AND g.B = ?)', query.group)
	if (query.company) add('c.companyId = ?', query.company)
	if (query.status === 'none') add('c.leadStatus IS NULL')
	else if (query.status) add('c.leadStatus = ?', query.status)
	if (query.decisionMakers) add('c.isDecisionMaker = 1')
	if (query.birthdayMonth) add('c.birthdayMonth = ?', query.birthdayMonth)
	if (query.notContactedDays) add('(c.lastContactedAt IS NULL OR c.lastContactedAt < ?)', sqlDate(new Date(now.getTime() - query.notContactedDays * 86_400_000)))
	if (query.source) add('c.source = ?', query.source)
	return { sql: parts.join(' AND '), params }
}

/**
 * ORDER BY per sort. No NULLS LAST (no index serves it): SQLite sorts NULLs first
 * ascending and last descending, which reads well ("never contacted" first when
 * looking for who is overdue). Ties break by name in the same direction, so one
 * (workspaceId, deletedAt, x, displayName) index serves both directions (a mixed
 * order sorted a whole status, ~20,000 rows, for every page). No id tie-break on
 * names: with it SQLite prefers the (displayName, id) index over a filter's own index.
 */
function orderSql(sort: ContactListQuery['sort'], dir: 'asc' | 'desc') {
	const d = dir === 'desc' ? 'DESC' : 'ASC'
	switch (sort) {
		case 'company':
			return `c.companyName ${d}, c.displayName ${d}`
		case 'status':
			return `c.leadStatus ${d}, c.displayName ${d}`
		case 'lastContacted':
			return `c.lastContactedAt ${d}, c.displayName ${d}`
		case 'created':
			return `c.createdAt ${d}`
		case 'birthday':
			return `c.birthdayMonth ${d}, c.birthdayDay ${d}`
		default:
			return `c.displayName ${d}`
	}
}

/**
 * The order a capped count walks in: the index of the filter that narrows most (its
 * column is constant among the matches, so the (workspaceId, deletedAt, x,
 * displayName) index walks only them).
 */
function countOrderSql(query: ContactListQuery) {
	if (query.company) return 'c.companyId, c.displayName'
	if (query.status) return 'c.leadStatus, c.displayName'
	if (query.birthdayMonth) return 'c.birthdayMonth, c.displayName'
	if (query.source) return 'c.source, c.displayName'
	if (query.decisionMakers) return 'c.isDecisionMaker, c.displayName'
	if (query.notContactedDays) return 'c.lastContactedAt'
	return 'c.displayName'
}

/**
 * A tag or group filter read from its link table (its index on the tag or group):
 * at most its links are visited. `rest`: the query's other filters, checked on each.
 */
function linkDriver(query: ContactListQuery) {
	const [table, id, rest] = query.tag ? ['_ContactToTag', query.tag, { ...query, tag: undefined }] : query.group ? ['_ContactToGroup', query.group, { ...query, group: undefined }] : []
	if (!table || !id) return null
	return { from: `${table} l CROSS JOIN Contact c ON c.id = l.A`, table, id, rest: rest! }
}

function countMatches(m: Membership, query: ContactListQuery, now: Date) {
	const link = linkDriver(query)
	// With a lead status too, the status index (which holds the id) is walked alone and
	// each entry probes the link's (A, B) index: no Contact row is read (7 ms vs 21 ms
	// for a 22,000-contact tag at 100,000 contacts). Otherwise the links drive.
	if (link && !query.status) {
		const f = filterSql(m, link.rest, now, { pinned: true })
		return sqlGet<{ n: number }>(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${link.from} WHERE l.B = ? AND ${f.sql} LIMIT ${COUNT_CAP + 1})`, link.id, ...f.params)!.n
	}
	const f = filterSql(m, query, now)
	return sqlGet<{ n: number }>(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM Contact c WHERE ${f.sql} ORDER BY ${countOrderSql(query)} LIMIT ${COUNT_CAP + 1})`, ...f.params)!.n
}

type ContactRow = {
	id: string
	workspaceId: string
	ownerId: string | null
	assigneeId: string | null
	displayName: string
	jobTitle: string | null
	leadStatus: LeadStatus | null
	isDecisionMaker: number
	lastContactedAt: string | null
	createdAt: string
	birthdayMonth: number | null
	birthdayDay: number | null
	avatarUrl: string | null
	whatsapp: string | null
	instagram: string | null
	companyId: string | null
	companyName: string | null
}

const ROW_COLUMNS = `c.id, c.workspaceId, c.ownerId, c.assigneeId, c.displayName, c.jobTitle, c.leadStatus, c.isDecisionMaker, c.lastContactedAt, c.createdAt,
	c.birthdayMonth, c.birthdayDay, c.avatarUrl, c.whatsapp, c.instagram, c.companyId, c.companyName`

/**
 * The page's rows with what the list shows of each: emails and phones (primary
 * first; quick actions look for a mobile among the phones), tags by name, company,
 * picture. Four indexed lookups for the whole page.
 */
function withDetails(rows: ContactRow[]) {
	if (!rows.length) return []
	const ids = idList(rows.map((r) => r.id))
	const inPage = 'IN (SELECT value FROM json_each(?))'
	const emails = sqlAll<{ contactId: string; email: string }>(`SELECT contactId, email FROM ContactEmail WHERE contactId ${inPage} ORDER BY isPrimary DESC, id`, ids)
	const phones = sqlAll<{ contactId: string; phone: string; label: string | null }>(`SELECT contactId, phone, label FROM ContactPhone WHERE contactId ${inPage} ORDER BY isPrimary DESC, id`, ids)
	const tags = sqlAll<{ contactId: string; id: string; name: string; color: string }>(
		`SELECT l.A AS contactId, t.id, t.name, t.color FROM _ContactToTag l CROSS JOIN Tag t ON t.id = l.B WHERE l.A ${inPage} ORDER BY t.name`,
		ids,
	)
	const images = sqlAll<{ contactId: string; id: string }>(`SELECT contactId, id FROM ContactImage WHERE contactId ${inPage}`, ids)
	const group = <T extends { contactId: string }>(items: T[]) => {
		const by = new Map<string, Array<Omit<T, 'contactId'>>>()
		for (const { contactId, ...rest } of items) by.set(contactId, [...(by.get(contactId) ?? []), rest])
		return by
	}
	const [emailsOf, phonesOf, tagsOf] = [group(emails), group(phones), group(tags)]
	const imageOf = new Map(images.map((i) => [i.contactId, { id: i.id }]))
	return rows.map((r) => ({
		...r,
		isDecisionMaker: toBool(r.isDecisionMaker),
		lastContactedAt: toDate(r.lastContactedAt),
		createdAt: toDate(r.createdAt)!,
		company: r.companyId ? { id: r.companyId, name: r.companyName ?? '' } : null,
		image: imageOf.get(r.id) ?? null,
		emails: (emailsOf.get(r.id) ?? []) as Array<{ email: string }>,
		phones: (phonesOf.get(r.id) ?? []) as Array<{ phone: string; label: string | null }>,
		tags: (tagsOf.get(r.id) ?? []) as Array<{ id: string; name: string; color: string }>,
	}))
}

export type ContactListRow = ReturnType<typeof withDetails>[number]

/** Rows by id, in the order given. */
function rowsByIds(ids: string[]) {
	if (!ids.length) return []
	const rows = sqlAll<ContactRow>(`SELECT ${ROW_COLUMNS} FROM json_each(?) j CROSS JOIN Contact c ON c.id = j.value ORDER BY j.key`, idList(ids))
	return withDetails(rows)
}

/**
 * A page over a short list of candidate ids (a search's, or a small tag's or
 * group's): the other filters are applied to them by primary key (never by walking
 * the workspace), sorted in SQL, and only the page's rows are loaded in full.
 * `matchIds` come in relevance order, which is kept when no sort is asked for.
 */
function candidatesPage(m: Membership, query: ContactListQuery, matchIds: string[], limit: number, pageSize: number, now: Date) {
	const f = filterSql(m, query, now, { pinned: true })
	const order = query.sort ? `${orderSql(query.sort, query.dir ?? 'asc')}, j.key` : 'j.key'
	const ordered = sqlAll<{ id: string }>(`SELECT c.id FROM json_each(?) j CROSS JOIN Contact c ON c.id = j.value WHERE ${f.sql} ORDER BY ${order}`, idList(matchIds), ...f.params).map((r) => r.id)
	const total = ordered.length
	const pages = Math.max(1, Math.ceil(total / pageSize))
	const page = Math.min(Math.max(1, query.page ?? 1), pages)
	const rows = rowsByIds(ordered.slice((page - 1) * pageSize, page * pageSize))
	return { rows, total, page, pages, pageSize, capped: matchIds.length === limit }
}

/**
 * A tag or group filter on few contacts: their ids straight from the link table, so
 * a rare tag does not make SQLite test every contact of the workspace (candidatesPage
 * then checks workspace and filters). Null when there is no such filter or it is large.
 */
function smallLinkFilter(query: ContactListQuery) {
	const link = linkDriver(query)
	if (!link) return null
	// Counted first on the B index alone: reading A costs a row lookup per link.
	const { n } = sqlGet<{ n: number }>(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${link.table} WHERE B = ? LIMIT ${LINK_CANDIDATES + 1})`, link.id)!
	if (n > LINK_CANDIDATES) return null
	const ids = sqlAll<{ id: string }>(`SELECT A AS id FROM ${link.table} WHERE B = ?`, link.id)
	// `rest`: the other filters; the ids already are the tag's (or group's).
	return { ids: ids.map((r) => r.id), rest: link.rest }
}

export async function listContacts(m: Membership, query: ContactListQuery, now = new Date()) {
	const pageSize = PAGE_SIZES.includes(query.pageSize as 25) ? query.pageSize! : 25
	if (query.q?.trim()) return candidatesPage(m, query, await searchContactIds(m.workspaceId, query.q), SEARCH_LIMIT, pageSize, now)
	const small = smallLinkFilter(query)
	if (small) return candidatesPage(m, { ...small.rest, sort: query.sort ?? 'name' }, small.ids, LINK_CANDIDATES + 1, pageSize, now)
	const counted = countMatches(m, query, now)
	const total = Math.min(counted, COUNT_CAP)
	const pages = Math.max(1, Math.ceil(total / pageSize))
	const page = Math.min(Math.max(1, query.page ?? 1), pages)
	const f = filterSql(m, query, now)
	const rows = sqlAll<ContactRow>(
		`SELECT ${ROW_COLUMNS} FROM Contact c WHERE ${f.sql} ORDER BY ${orderSql(query.sort, query.dir ?? 'asc')} LIMIT ? OFFSET ?`,
		...f.params,
		pageSize,
		(page - 1) * pageSize,
	)
	return { rows: withDetails(rows), total, page, pages, pageSize, capped: counted > COUNT_CAP }
}

/** Every matching contact's id in name order, uncapped (exports). */
export async function matchingContactIds(m: Membership, query: ContactListQuery, now = new Date()) {
	if (query.q?.trim()) {
		const f = filterSql(m, query, now, { pinned: true })
		const matches = await searchContactIds(m.workspaceId, query.q)
		return sqlAll<{ id: string }>(`SELECT c.id FROM json_each(?) j CROSS JOIN Contact c ON c.id = j.value WHERE ${f.sql} ORDER BY c.displayName, c.id`, idList(matches), ...f.params).map((r) => r.id)
	}
	const f = filterSql(m, query, now)
	return sqlAll<{ id: string }>(`SELECT c.id FROM Contact c WHERE ${f.sql} ORDER BY c.displayName, c.id`, ...f.params).map((r) => r.id)
}

/** Of these ids, the ones this member may see, in name order (exports of picked rows). */
export function visibleContactIds(m: Membership, ids: string[]) {
	const f = filterSql(m, {}, new Date(), { pinned: true })
	return sqlAll<{ id: string }>(`SELECT c.id FROM json_each(?) j CROSS JOIN Contact c ON c.id = j.value WHERE ${f.sql} ORDER BY c.displayName, c.id`, idList(ids), ...f.params).map((r) => r.id)
}

/** The rows whose lead status this member may change from the list. */
export function statusEditableIds(m: Membership, rows: ContactListRow[]) {
	return rows.filter((r) => canEdit(m, r)).map((r) => r.id)
}

/**
 * What the filter bar offers: tags, groups and companies. No per-tag counts here:
 * counting links over a 100k-contact workspace costs ~200 ms on every list page, so
 * the counts live on Settings → Tags and Groups instead.
 */
export function listFilterOptions(m: Membership) {
	return {
		tags: sqlAll<{ id: string; name: string; color: string }>('SELECT id, name, color FROM Tag WHERE workspaceId = ? ORDER BY name', m.workspaceId),
		groups: sqlAll<{ id: string; name: string; icon: string | null }>(
			'SELECT id, name, icon FROM "Group" WHERE workspaceId = ? AND (isPrivate = 0 OR ownerId = ?) ORDER BY name',
			m.workspaceId,
			m.userId,
		),
		companies: sqlAll<{ id: string; name: string }>('SELECT id, name FROM Company WHERE workspaceId = ? AND deletedAt IS NULL ORDER BY name LIMIT 300', m.workspaceId),
	}
}

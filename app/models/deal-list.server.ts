// The deal list (/deals/list): filters, sorts, pages and totals over every match, in
// SQL on the read connection (ADR 0013), with the pickers its filter bar offers.
import { DEAL_PAGE_SIZES, type DealListQuery } from '#app/validation/deal.ts'
import { sqlAll, sqlDate, toDate, type Param } from '#app/utils/sql.server.ts'
import { addTotal, listStages, sortTotals, type MoneyTotal } from './deal.server.ts'
import { canEdit, type Membership } from './workspace.server.ts'

type Where = { sql: string; params: Param[]; from: string }

/** The filters on Deal `d`, and who may see what (the same rule as dealVisibleTo). */
function filterSql(m: Membership, q: DealListQuery): Where {
	const parts = ['d.workspaceId = ?', 'd.deletedAt IS NULL']
	const params: Param[] = [m.workspaceId]
	const add = (sql: string, ...values: Param[]) => {
		parts.push(sql)
		params.push(...values)
	}
	if (m.role === 'REP' && m.hideOthersRecords) add('d.ownerId = ?', m.userId)
	if (q.stage) add('d.stageId = ?', q.stage)
	if (q.owner === 'none') add('d.ownerId IS NULL')
	else if (q.owner) add('d.ownerId = ?', q.owner)
	if (q.company) add('d.companyId = ?', q.company)
	if (q.min !== undefined) add('d.valueCents >= ?', q.min)
	if (q.max !== undefined) add('d.valueCents <= ?', q.max)
	if (q.closeFrom) add('d.expectedCloseAt >= ?', sqlDate(new Date(`${q.closeFrom}T00:00:00Z`)))
	if (q.closeTo) add('d.expectedCloseAt < ?', sqlDate(new Date(new Date(`${q.closeTo}T00:00:00Z`).getTime() + 86_400_000)))
	// A company has few deals: read them from its index. Left to itself, SQLite (no
	// statistics) walks every deal along the board's covering index instead (7 ms vs 0.3).
	const from = q.company ? 'Deal d INDEXED BY Deal_workspaceId_deletedAt_companyId_idx' : 'Deal d'
	return { sql: parts.join(' AND '), params, from }
}

const SORT_COLUMN = { name: 'd.name', value: 'd.valueCents', probability: 'd.probability', created: 'd.createdAt' } as const

type Row = {
	id: string
	name: string
	valueCents: number
	currency: string
	probability: number
	expectedCloseAt: string | null
	closedAt: string | null
	position: number
	stageId: string
	ownerId: string | null
	companyId: string | null
	contactId: string | null
	companyName: string | null
	ownerName: string | null
	contactName: string | null
}

/** The page's deals with their company, owner and contact names (three primary-key lookups each). */
const ROWS = (from: string, order = '') => `SELECT d.id, d.name, d.valueCents, d.currency, d.probability, d.expectedCloseAt, d.closedAt, d.position, d.stageId, d.ownerId,
		d.companyId, d.contactId, c.name AS companyName, u.name AS ownerName, p.displayName AS contactName
	FROM (${from}) d
	LEFT JOIN Company c ON c.id = d.companyId
	LEFT JOIN User u ON u.id = d.ownerId
	LEFT JOIN Contact p ON p.id = d.contactId
	${order ? `ORDER BY ${order}` : ''}`

// Every column a sort names: the outer query orders by them again after its joins.
const PAGE_COLUMNS = 'd.id, d.name, d.valueCents, d.currency, d.probability, d.expectedCloseAt, d.closedAt, d.createdAt, d.position, d.stageId, d.ownerId, d.companyId, d.contactId'

/** The list: filtered, sorted, paginated (bounded offset), with totals over every match. */
export async function listDeals(m: Membership, q: DealListQuery) {
	const pageSize = q.pageSize && (DEAL_PAGE_SIZES as readonly number[]).includes(q.pageSize) ? q.pageSize : 50
	const sort = q.sort ?? 'position'
	const dir = q.dir ?? (sort === 'value' || sort === 'probability' || sort === 'created' ? 'desc' : 'asc')
	const d = dir === 'desc' ? 'DESC' : 'ASC'
	const f = filterSql(m, q)
	// One grouped pass gives the count per stage, the totals and the weighted totals
	// (value × probability needs the probability: at most 101 groups per stage and currency).
	const stages = await listStages(m.workspaceId)
	const groups = sqlAll<{ stageId: string; currency: string; probability: number; n: number; cents: number | null }>(
		`SELECT d.stageId, d.currency, d.probability, COUNT(*) AS n, SUM(d.valueCents) AS cents FROM ${f.from} WHERE ${f.sql} GROUP BY d.stageId, d.currency, d.probability`,
		...f.params,
	)
	const totals: MoneyTotal[] = []
	const weighted: MoneyTotal[] = []
	const perStage = new Map<string, number>()
	for (const g of groups) {
		addTotal(totals, g.currency, g.cents ?? 0)
		addTotal(weighted, g.currency, Math.round(((g.cents ?? 0) * g.probability) / 100))
		perStage.set(g.stageId, (perStage.get(g.stageId) ?? 0) + g.n)
	}
	const total = [...perStage.values()].reduce((n, c) => n + c, 0)
	const pages = Math.max(1, Math.min(2000, Math.ceil(total / pageSize)))
	const page = Math.min(Math.max(1, q.page ?? 1), pages)
	let rows: Row[]
	if (sort === 'position') {
		// Pipeline order: stage by stage as on the board, each read along the board's index.
		// The counts per stage say which stages this page spans and where in each it starts.
		const arms: string[] = []
		const params: Param[] = []
		let skip = (page - 1) * pageSize
		let take = pageSize
		for (const stage of dir === 'asc' ? stages : [...stages].reverse()) {
			const count = perStage.get(stage.id) ?? 0
			if (skip >= count) {
				skip -= count
				continue
			}
			arms.push(`SELECT * FROM (SELECT ${PAGE_COLUMNS} FROM ${f.from} WHERE ${f.sql} AND d.stageId = ? ORDER BY d.position ${d}, d.id ${d} LIMIT ? OFFSET ?)`)
			params.push(...f.params, stage.id, take, skip)
			take -= Math.min(take, count - skip)
			skip = 0
			if (take <= 0) break
		}
		rows = arms.length ? sqlAll<Row>(ROWS(arms.join(' UNION ALL ')), ...params) : []
		const order = new Map((dir === 'asc' ? stages : [...stages].reverse()).map((s, i) => [s.id, i]))
		rows.sort((a, b) => order.get(a.stageId)! - order.get(b.stageId)! || (a.position - b.position || (a.id < b.id ? -1 : 1)) * (dir === 'asc' ? 1 : -1))
	} else {
		// Expected close: deals without a date last, whichever the direction.
		const order = sort === 'close' ? `d.expectedCloseAt IS NULL, d.expectedCloseAt ${d}, d.id ${d}` : `${SORT_COLUMN[sort]} ${d}, d.id ${d}`
		rows = sqlAll<Row>(ROWS(`SELECT ${PAGE_COLUMNS} FROM ${f.from} WHERE ${f.sql} ORDER BY ${order} LIMIT ? OFFSET ?`, order), ...f.params, pageSize, (page - 1) * pageSize)
	}
	const stageOf = new Map(stages.map((s) => [s.id, { id: s.id, name: s.name, outcome: s.outcome }]))
	return {
		rows: rows.map((r) => ({
			id: r.id,
			name: r.name,
			valueCents: r.valueCents,
			currency: r.currency,
			probability: r.probability,
			expectedCloseAt: toDate(r.expectedCloseAt),
			closedAt: toDate(r.closedAt),
			position: r.position,
			stageId: r.stageId,
			ownerId: r.ownerId,
			stage: stageOf.get(r.stageId)!,
			company: r.companyId ? { id: r.companyId, name: r.companyName ?? '' } : null,
			owner: r.ownerId ? { id: r.ownerId, name: r.ownerName ?? '' } : null,
			contact: r.contactId ? { id: r.contactId, displayName: r.contactName ?? '' } : null,
			canEdit: canEdit(m, r),
		})),
		stages,
		total,
		totals: sortTotals(totals),
		weighted: sortTotals(weighted),
		page,
		pages,
		pageSize,
		sort,
		dir,
	}
}

/**
 * The list's company filter: the 200 companies with the most deals, by name (a select
 * stays usable), plus the one filtered on if it is not among them.
 */
export function dealCompanyOptions(m: Membership, selected?: string) {
	const hidden = m.role === 'REP' && m.hideOthersRecords
	const companies = sqlAll<{ id: string; name: string }>(
		`SELECT c.id, c.name FROM (SELECT companyId FROM Deal WHERE workspaceId = ? AND deletedAt IS NULL AND companyId IS NOT NULL GROUP BY companyId ORDER BY COUNT(*) DESC LIMIT 200) top
		CROSS JOIN Company c ON c.id = top.companyId
		WHERE c.deletedAt IS NULL AND c.workspaceId = ? ${hidden ? 'AND c.ownerId = ?' : ''} ORDER BY c.name`,
		...([m.workspaceId, m.workspaceId, ...(hidden ? [m.userId] : [])] as Param[]),
	)
	if (selected && !companies.some((c) => c.id === selected)) {
		const extra = sqlAll<{ id: string; name: string }>(`SELECT id, name FROM Company WHERE id = ? AND workspaceId = ? ${hidden ? 'AND ownerId = ?' : ''}`, ...([selected, m.workspaceId, ...(hidden ? [m.userId] : [])] as Param[]))
		companies.unshift(...extra)
	}
	return companies
}

/** The list's owner filter: the workspace's members by name. */
export function dealOwnerOptions(m: Membership) {
	return sqlAll<{ id: string; name: string }>('SELECT u.id, u.name FROM Membership w CROSS JOIN User u ON u.id = w.userId WHERE w.workspaceId = ? ORDER BY u.name LIMIT 500', m.workspaceId)
}

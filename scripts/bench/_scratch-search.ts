export {}
// Scratch: current listContacts vs a proposed search path, in-process.
process.env.DATABASE_URL = 'file:' + process.cwd() + '/' + (process.env.BENCH_DB || 'data/bench/bench.db')
process.env.SESSION_SECRET = 'x'
const { prisma } = await import('#app/utils/db.server.ts')
const { listContacts, contactWhere } = await import('#app/models/contact.server.ts')
const { PAGE_SIZES } = await import('#app/validation/contact-list.ts')
const { toMatchQuery, SEARCH_LIMIT } = await import('#app/models/contact-search.server.ts')
const { parseContactListQuery } = await import('#app/validation/contact-list.ts')
const { readMeta } = await import('./seed.ts')
const meta = readMeta(process.env.DATABASE_URL.replace('file:', ''))!
const m = { userId: meta.userId, workspaceId: meta.workspaceId, role: 'OWNER' as const, personal: true, hideOthersRecords: false }

const SELECT = {
	id: true, displayName: true, jobTitle: true, leadStatus: true, isDecisionMaker: true, lastContactedAt: true, birthdayMonth: true, birthdayDay: true, avatarUrl: true,
	image: { select: { id: true } }, company: { select: { id: true, name: true } },
	emails: { where: { isPrimary: true }, select: { email: true }, take: 1 },
	phones: { where: { isPrimary: true }, select: { phone: true }, take: 1 },
	tags: { select: { id: true, name: true, color: true }, orderBy: { name: 'asc' } },
} as const

async function proposed(query: ReturnType<typeof parseContactListQuery>) {
	const pageSize = PAGE_SIZES.includes(query.pageSize as 25) ? query.pageSize! : 25
	const match = toMatchQuery(query.q!)
	// Live matches in rank order, joined in SQL: no id list goes through bind parameters.
	const found = await prisma.$queryRawUnsafe<Array<{ id: string }>>(
		`SELECT c.id FROM ContactSearch s JOIN Contact c ON c.id = s.contactId
		 WHERE ContactSearch MATCH ? AND s.workspaceId = ? AND c.workspaceId = ? AND c.deletedAt IS NULL ORDER BY s.rank LIMIT ${SEARCH_LIMIT}`,
		match, m.workspaceId, m.workspaceId)
	let ids = found.map((r) => r.id)
	const { workspaceId: _ws, ...filters } = contactWhere(m, { ...query, q: undefined })
	if (Object.keys(filters).some((k) => k !== 'deletedAt')) {
		// Without workspaceId in the where, SQLite looks the ids up by primary key.
		const keep = new Set<string>()
		for (let i = 0; i < ids.length; i += 900) {
			for (const r of await prisma.contact.findMany({ where: { ...filters, id: { in: ids.slice(i, i + 900) } }, select: { id: true } })) keep.add(r.id)
		}
		ids = ids.filter((id) => keep.has(id))
	}
	const total = ids.length
	const pages = Math.max(1, Math.ceil(total / pageSize))
	const page = Math.min(Math.max(1, query.page ?? 1), pages)
	const pageIds = ids.slice((page - 1) * pageSize, page * pageSize)
	const rows = await prisma.contact.findMany({ where: { id: { in: pageIds } }, select: SELECT })
	const at = new Map(pageIds.map((id, i) => [id, i]))
	rows.sort((a, b) => at.get(a.id)! - at.get(b.id)!)
	return { rows, total, page, pages }
}

const tag = await prisma.tag.findFirst({ where: { workspaceId: m.workspaceId, name: 'customer' } })
for (const qs of ['q=mar', 'q=example', 'q=5550', 'q=smith', 'q=maria gar', 'q=lee', `q=jo&tag=${tag!.id}`, 'q=ann&status=NEW']) {
	const query = parseContactListQuery(new URLSearchParams(qs))
	const time = async (fn: () => Promise<{ total: number }>) => {
		const t: number[] = []
		let result: { total: number } | string = ''
		for (let i = 0; i < 7; i++) {
			const s = performance.now()
			try { result = await fn() } catch (e) { result = (e as { code?: string }).code ?? String(e).slice(0, 200) }
			t.push(performance.now() - s)
		}
		t.sort((a, b) => a - b)
		return `${t[3]!.toFixed(1).padStart(7)} ms (${typeof result === 'string' ? result : result.total})`
	}
	console.log(qs.padEnd(40), 'current', await time(() => listContacts(m, query)), '  proposed', await time(() => proposed(query)))
}

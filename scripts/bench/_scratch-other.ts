export {}
process.env.DATABASE_URL = 'file:' + process.cwd() + '/' + (process.env.BENCH_DB || 'data/bench/bench.db')
process.env.SESSION_SECRET = 'x'
const { prisma } = await import('#app/utils/db.server.ts')
const { listFilterOptions } = await import('#app/models/contact.server.ts')
const { getDashboard, upcomingMonthDays } = await import('#app/models/dashboard.server.ts')
const { readMeta } = await import('./seed.ts')
const meta = readMeta(process.env.DATABASE_URL.replace('file:', ''))!
const ws = meta.workspaceId
const m = { userId: meta.userId, workspaceId: ws, role: 'OWNER' as const, personal: true, hideOthersRecords: false }

async function filterOptionsProposed() {
	const [tags, groups, companies, tagCounts, groupCounts] = await Promise.all([
		prisma.tag.findMany({ where: { workspaceId: ws }, orderBy: { name: 'asc' }, select: { id: true, name: true, color: true } }),
		prisma.group.findMany({ where: { workspaceId: ws, OR: [{ isPrivate: false }, { ownerId: m.userId }] }, orderBy: { name: 'asc' }, select: { id: true, name: true, icon: true } }),
		prisma.company.findMany({ where: { workspaceId: ws, deletedAt: null }, orderBy: { name: 'asc' }, select: { id: true, name: true }, take: 500 }),
		// Counted from the link table, scoped to this workspace's tags (Prisma's _count scans every workspace's contacts).
		// All links of this workspace's tags (covering index on B), minus those of deleted contacts (few, by index).
		prisma.$queryRawUnsafe<Array<{ id: string; n: number }>>(
			`SELECT id, (SELECT count(*) FROM _ContactToTag WHERE B = Tag.id) - (SELECT count(*) FROM Contact c JOIN _ContactToTag t ON t.A = c.id AND t.B = Tag.id WHERE c.workspaceId = ? AND c.deletedAt IS NOT NULL) AS n FROM Tag WHERE workspaceId = ?`, ws, ws),
		prisma.$queryRawUnsafe<Array<{ id: string; n: number }>>(
			`SELECT id, (SELECT count(*) FROM _ContactToGroup WHERE B = "Group".id) - (SELECT count(*) FROM Contact c JOIN _ContactToGroup t ON t.A = c.id AND t.B = "Group".id WHERE c.workspaceId = ? AND c.deletedAt IS NOT NULL) AS n FROM "Group" WHERE workspaceId = ?`, ws, ws),
	])
	return { tags, groups, companies, tagCounts, groupCounts }
}

async function birthdaysProposed(now = new Date()) {
	const window = upcomingMonthDays(now, 'UTC', 7)
	return Promise.all([
		prisma.contact.findMany({ where: { OR: window.map((w) => ({ workspaceId: ws, deletedAt: null, birthdayMonth: w.month, birthdayDay: w.day })) }, select: { id: true, displayName: true, birthdayMonth: true, birthdayDay: true, birthdayYear: true } }),
		prisma.contact.findMany({ where: { OR: window.map((w) => ({ workspaceId: ws, deletedAt: null, anniversaryMonth: w.month, anniversaryDay: w.day })) }, select: { id: true, displayName: true, anniversaryMonth: true, anniversaryDay: true } }),
	])
}
async function birthdaysCurrent(now = new Date()) {
	const window = upcomingMonthDays(now, 'UTC', 7)
	const live = { workspaceId: ws, deletedAt: null }
	return Promise.all([
		prisma.contact.findMany({ where: { ...live, OR: window.map((w) => ({ birthdayMonth: w.month, birthdayDay: w.day })) }, select: { id: true, displayName: true, birthdayMonth: true, birthdayDay: true, birthdayYear: true } }),
		prisma.contact.findMany({ where: { ...live, OR: window.map((w) => ({ anniversaryMonth: w.month, anniversaryDay: w.day })) }, select: { id: true, displayName: true, anniversaryMonth: true, anniversaryDay: true } }),
	])
}

const time = async (label: string, fn: () => Promise<unknown>) => {
	const t: number[] = []
	for (let i = 0; i < 9; i++) {
		const s = performance.now()
		await fn()
		t.push(performance.now() - s)
	}
	t.sort((a, b) => a - b)
	console.log(label.padEnd(44), `${t[4]!.toFixed(1).padStart(7)} ms`)
}
const [cur, prop] = [await listFilterOptions(m), await filterOptionsProposed()]
console.log('tag counts agree:', cur.tags.every((t) => Number(prop.tagCounts.find((c) => c.id === t.id)?.n ?? 0) === t._count.contacts))
console.log('group counts agree:', cur.groups.every((g) => Number(prop.groupCounts.find((c) => c.id === g.id)?.n ?? 0) === g._count.contacts))
const [b1, b2] = [await birthdaysCurrent(), await birthdaysProposed()]
console.log('birthdays agree:', b1[0].length === b2[0].length && b1[1].length === b2[1].length, b1[0].length, b1[1].length)
await time('listFilterOptions (current)', () => listFilterOptions(m))
await time('listFilterOptions (proposed raw counts)', filterOptionsProposed)
await time('getDashboard (current, whole)', () => getDashboard(ws, 'UTC'))
await time('dashboard birthdays+anniversaries (current)', () => birthdaysCurrent())
await time('dashboard birthdays+anniversaries (proposed)', () => birthdaysProposed())

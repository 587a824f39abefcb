// Where does a slow page spend its time? Runs the model function behind a bench
// scenario in-process against the bench database, captures the SQL Prisma sends,
// then times each statement alone (better-sqlite3, no Prisma) and prints its
// EXPLAIN QUERY PLAN.
//
//   npx tsx scripts/bench/profile.ts dashboard
//   npx tsx scripts/bench/profile.ts list                       # /contacts
//   npx tsx scripts/bench/profile.ts list 'q=mar'                # /contacts?q=mar
//   npx tsx scripts/bench/profile.ts list 'sort=company&dir=asc'
//   npx tsx scripts/bench/profile.ts filters                    # listFilterOptions
//   npx tsx scripts/bench/profile.ts board                      # /deals (getBoard)
//   npx tsx scripts/bench/profile.ts deals 'sort=value&dir=desc' # /deals/list?…
import path from 'node:path'
import Database from 'better-sqlite3'
import { readMeta } from './seed.ts'

const file = path.resolve(process.env.BENCH_DB || 'data/bench/bench.db')
const meta = readMeta(file)
if (!meta) throw new Error(`No complete bench database at ${file}: run npm run bench first.`)
const [what = 'dashboard', search = ''] = process.argv.slice(2)

// Set before the app's db.server.ts is imported: it reads them once.
process.env.DATABASE_URL = `file:${file}`
process.env.SESSION_SECRET ??= 'bench-only-secret'
const { PrismaClient } = await import('../../app/generated/prisma/client.ts')
const { createAdapterFactory } = await import('../../app/utils/db-adapter.ts')
type QueryEvent = { query: string; params: string; duration: number }
const prisma = new PrismaClient({ adapter: createAdapterFactory(process.env.DATABASE_URL), log: [{ emit: 'event', level: 'query' }] })
const captured: QueryEvent[] = []
prisma.$on('query', (e: QueryEvent) => captured.push(e))
// db.server.ts keeps its client on globalThis; handing it ours makes the models log through it.
globalThis.__prisma = prisma

const membership = { userId: meta.userId, workspaceId: meta.workspaceId, role: 'OWNER' as const, personal: true, hideOthersRecords: false }
const run = await (async () => {
	if (what === 'dashboard') {
		const { getDashboard } = await import('../../app/models/dashboard.server.ts')
		return () => getDashboard(meta.workspaceId, 'UTC')
	}
	if (what === 'filters') {
		const { listFilterOptions } = await import('../../app/models/contact.server.ts')
		return () => listFilterOptions(membership)
	}
	if (what === 'list') {
		const { listContacts } = await import('../../app/models/contact.server.ts')
		const { parseContactListQuery } = await import('../../app/validation/contact-list.ts')
		const query = parseContactListQuery(new URLSearchParams(search))
		return () => listContacts(membership, query)
	}
	if (what === 'board') {
		const { getBoard } = await import('../../app/models/deal.server.ts')
		return () => getBoard(membership)
	}
	if (what === 'deals') {
		const { listDeals } = await import('../../app/models/deal.server.ts')
		const { parseDealListQuery } = await import('../../app/validation/deal.ts')
		const query = parseDealListQuery(new URLSearchParams(search))
		return () => listDeals(membership, query)
	}
	throw new Error(`Unknown target ${what}: dashboard, list [query string], filters, board, deals [query string]`)
})()

const totals: number[] = []
for (let i = 0; i < 12; i++) {
	captured.length = 0
	const started = performance.now()
	await run()
	totals.push(performance.now() - started)
}
totals.sort((a, b) => a - b)
console.log(`${what} ${search}: in-process median ${totals[6]!.toFixed(1)} ms over 12 runs (includes Prisma's work; queries run one after another)\n`)

// The adapter writes dates as ISO text with +00:00; the log shows them with Z.
const bind = (params: unknown[]) =>
	params.map((p) => {
		if (typeof p === 'boolean') return p ? 1 : 0
		if (typeof p === 'string' && /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(p)) return p.replace('Z', '+00:00')
		return p
	})
const db = new Database(file, { readonly: true })
const statements = [...new Map(captured.map((q) => [q.query, q])).values()].map((q) => {
	const params = bind(JSON.parse(q.params) as unknown[])
	const statement = db.prepare(q.query)
	const times: number[] = []
	let rows = 0
	for (let i = 0; i < 7; i++) {
		const started = performance.now()
		rows = statement.reader ? statement.all(...params).length : 0
		times.push(performance.now() - started)
	}
	times.sort((a, b) => a - b)
	const plan = db.prepare(`EXPLAIN QUERY PLAN ${q.query}`).all(...params) as Array<{ id: number; parent: number; detail: string }>
	return { sql: q.query, ms: times[3]!, rows, plan }
})
const sqlTotal = statements.reduce((sum, s) => sum + s.ms, 0)
console.log(`${statements.length} statements, ${sqlTotal.toFixed(1)} ms of SQLite time when run alone; slowest first:\n`)
// Slowest first; PROFILE_TOP=n keeps the output short.
for (const s of statements.sort((a, b) => b.ms - a.ms).slice(0, Number(process.env.PROFILE_TOP) || undefined)) {
	console.log(`${s.ms.toFixed(2).padStart(8)} ms  ${String(s.rows).padStart(6)} rows  ${s.sql.length > 300 && !process.env.PROFILE_FULL ? `${s.sql.slice(0, 300)}…` : s.sql}`)
	const depth = new Map<number, number>([[0, 0]])
	for (const step of s.plan) {
		const d = (depth.get(step.parent) ?? 0) + 1
		depth.set(step.id, d)
		console.log(`${' '.repeat(26 + d * 2)}${step.detail}`)
	}
}
db.close()
await prisma.$disconnect()

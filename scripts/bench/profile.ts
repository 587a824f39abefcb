// Where does a slow page spend its time? Runs the model function behind a bench
// scenario in-process against the bench database, captures the SQL Prisma sends,
// then times each statement alone (better-sqlite3, no Prisma) and prints its
// EXPLAIN QUERY PLAN.
//
//   npx tsx scripts/bench/profile.ts dashboard
//   npx tsx scripts/bench/profile.ts dashboard 'range=90'
//   npx tsx scripts/bench/profile.ts list                       # /contacts
//   npx tsx scripts/bench/profile.ts list 'q=mar'                # /contacts?q=mar
//   npx tsx scripts/bench/profile.ts list 'sort=company&dir=asc'
//   npx tsx scripts/bench/profile.ts filters                    # listFilterOptions
//   npx tsx scripts/bench/profile.ts search 'mar'               # globalSearch (/search?q=mar)
//   npx tsx scripts/bench/profile.ts search                     # the bench's 16 global queries: p50/p95 in-process
//   npx tsx scripts/bench/profile.ts board                      # /deals (getBoard)
//   npx tsx scripts/bench/profile.ts deals 'sort=value&dir=desc' # /deals/list?…
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { globalQueries } from './global-queries.ts'
import { ensureBenchDatabase, readMeta } from './seed.ts'

const file = path.resolve(process.env.BENCH_DB || 'data/bench/bench.db')
const found = readMeta(file)
if (!found) throw new Error(`No complete bench database at ${file}: run npm run bench first.`)
// Migrations added since the file was seeded (new indexes) are applied first, as npm run bench does.
const { meta, notes } = ensureBenchDatabase(file, found.scale)
for (const note of notes) console.log(note)
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
// The app's direct SQL reads (app/utils/sql.server.ts) are captured too.
globalThis.__rapportSqlListener = (query, params) => captured.push({ query, params: JSON.stringify(params) } as QueryEvent)
// db.server.ts keeps its client on globalThis; handing it ours makes the models log through it.
globalThis.__prisma = prisma

const membership = { userId: meta.userId, workspaceId: meta.workspaceId, role: 'OWNER' as const, personal: true, hideOthersRecords: false }
const run = await (async () => {
	if (what === 'dashboard') {
		// What the /dashboard loader does: the lazy missed-follow-up sweep, then the dashboard (?range= from the argument).
		const { getDashboard, zonedDay } = await import('../../app/models/dashboard.server.ts')
		const { markMissedFollowUps } = await import('../../app/models/follow-up.server.ts')
		const { parseDateRange } = await import('../../app/validation/dashboard.ts')
		const range = parseDateRange(new URLSearchParams(search), zonedDay(new Date(), 'UTC'))
		return async () => {
			await markMissedFollowUps(new Date(), { workspaceId: meta.workspaceId })
			return getDashboard(membership, { timeZone: 'UTC', noContactDays: 30, range })
		}
	}
	if (what === 'filters') {
		const { listFilterOptions } = await import('../../app/models/contact-list.server.ts')
		return () => listFilterOptions(membership)
	}
	if (what === 'list') {
		const { listContacts } = await import('../../app/models/contact-list.server.ts')
		const { parseContactListQuery } = await import('../../app/validation/contact-list.ts')
		const query = parseContactListQuery(new URLSearchParams(search))
		return () => listContacts(membership, query)
	}
	if (what === 'search') {
		const { globalSearch } = await import('../../app/models/search.server.ts')
		const take = Number(process.env.SEARCH_TAKE) || undefined
		if (!search) {
			await searchSuite(globalSearch, take)
			process.exit(0)
		}
		return () => globalSearch(membership, search, { take })
	}
	if (what === 'board') {
		const { getBoard } = await import('../../app/models/deal.server.ts')
		return () => getBoard(membership)
	}
	if (what === 'deals') {
		const { listDeals } = await import('../../app/models/deal-list.server.ts')
		const { parseDealListQuery } = await import('../../app/validation/deal.ts')
		const query = parseDealListQuery(new URLSearchParams(search))
		return () => listDeals(membership, query)
	}
	throw new Error(`Unknown target ${what}: dashboard, list [query string], filters, search [text], board, deals [query string]`)
})()

const totals: number[] = []
// CPU time too: on a shared machine wall time mostly measures the other processes.
const cpu: number[] = []
for (let i = 0; i < 12; i++) {
	captured.length = 0
	const started = performance.now()
	const usage = process.cpuUsage()
	await run()
	const used = process.cpuUsage(usage)
	cpu.push((used.user + used.system) / 1000)
	totals.push(performance.now() - started)
}
totals.sort((a, b) => a - b)
cpu.sort((a, b) => a - b)
console.log(`${what} ${search}: in-process median ${totals[6]!.toFixed(1)} ms wall, ${cpu[6]!.toFixed(1)} ms CPU over 12 runs (includes Prisma's work; queries run one after another; load average ${os.loadavg()[0]!.toFixed(1)})\n`)

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
	const cpuTimes: number[] = []
	for (let i = 0; i < 7; i++) {
		const started = performance.now()
		const usage = process.cpuUsage()
		rows = statement.reader ? statement.all(...params).length : 0
		const used = process.cpuUsage(usage)
		cpuTimes.push((used.user + used.system) / 1000)
		times.push(performance.now() - started)
	}
	times.sort((a, b) => a - b)
	cpuTimes.sort((a, b) => a - b)
	const plan = db.prepare(`EXPLAIN QUERY PLAN ${q.query}`).all(...params) as Array<{ id: number; parent: number; detail: string }>
	return { sql: q.query, ms: times[3]!, cpu: cpuTimes[3]!, rows, plan }
})
const sqlTotal = statements.reduce((sum, s) => sum + s.ms, 0)
const sqlCpu = statements.reduce((sum, s) => sum + s.cpu, 0)
console.log(`${statements.length} statements, ${sqlTotal.toFixed(1)} ms of SQLite time (${sqlCpu.toFixed(1)} ms CPU) when run alone; slowest first:\n`)
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

/**
 * Global search without HTTP: each of the bench's queries 20 times after 3 warm-ups,
 * one after another; p50/p95 per query and over all. In-process figures leave out
 * the session, layout loaders and rendering, so they isolate the search itself
 * when the machine is too busy for HTTP timings to mean much.
 */
async function searchSuite(run: (m: typeof membership, q: string, o: { take?: number }) => Promise<{ total: number }>, take: number | undefined) {
	const readDb = new Database(file, { readonly: true })
	const queries = globalQueries(readDb, meta!.workspaceId)
	readDb.close()
	const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!
	const all: number[] = []
	const load = os.loadavg()[0]!
	console.log(`global search in-process, take ${take ?? 'default'}, load average ${load.toFixed(1)} on ${os.cpus().length} cores\n`)
	for (const q of queries) {
		const times: number[] = []
		let hits = 0
		for (let i = 0; i < 23; i++) {
			const started = performance.now()
			hits = (await run(membership, q, { take })).total
			if (i >= 3) times.push(performance.now() - started)
		}
		all.push(...times)
		console.log(`  ${JSON.stringify(q).padEnd(28)} p50 ${pct(times, 50).toFixed(1).padStart(6)} ms  p95 ${pct(times, 95).toFixed(1).padStart(6)} ms  ${hits} hits`)
	}
	console.log(`\n  all ${all.length} searches: p50 ${pct(all, 50).toFixed(1)} ms, p95 ${pct(all, 95).toFixed(1)} ms (load average ${load.toFixed(1)} before, ${os.loadavg()[0]!.toFixed(1)} after)`)
}

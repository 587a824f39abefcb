// `npm run bench`: seeds (or reuses) a 100,000-contact workspace, runs the real
// production server against it, signs in through the login form and times the
// contact list, search, filters, a deep page and the dashboard, then runs the CSV
// import benchmark if present. Budgets and how to read the output: docs/benchmarks.md.
// Exits 0 even when over budget (timings on shared CI machines are noisy) unless
// --strict is given.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import { formatBreakdown, formatTable, runScenario, summarize, verdicts, type Budget, type Result, type Scenario } from './bench/measure.ts'
import { globalQueries as globalQueriesOf } from './bench/global-queries.ts'
import { checkGlobalSearchRows, checkSearchRows } from './bench/search-check.ts'
import { BENCH_EMAIL, BENCH_PASSWORD, ensureBenchDatabase, scaled } from './bench/seed.ts'
import { signIn, startServer, type RunningServer } from './bench/server.ts'

const { values: args } = parseArgs({
	options: {
		strict: { type: 'boolean', default: false },
		reseed: { type: 'boolean', default: false },
		build: { type: 'boolean', default: false },
		requests: { type: 'string', default: '200' },
		warmup: { type: 'string', default: '20' },
		only: { type: 'string' },
		scale: { type: 'string', default: '1' },
		'no-import': { type: 'boolean', default: false },
		help: { type: 'boolean', default: false },
	},
})

if (args.help) {
	console.log(`npm run bench [-- options]
  --strict          exit 1 when a budget fails (default: report only)
  --reseed          rebuild the bench database even if a complete one exists
  --build           run \`npm run build\` first (done anyway when build/ is missing)
  --requests N      timed requests per scenario (default 200)
  --warmup N        untimed requests per scenario first (default 20)
  --only a,b        only the scenarios whose names contain one of these (skips the import)
  --scale F         data volume factor for quick trials (default 1 = 100,000 contacts)
  --no-import       skip scripts/bench-import.ts
env BENCH_DB        the database file (default data/bench/bench.db)`)
	process.exit(0)
}

const BUDGETS = {
	list: { name: 'contact list', p95: 50 },
	search: { name: 'search', p95: 50 },
	global: { name: 'global search', p95: 50 },
	dashboard: { name: 'dashboard', p95: 100 },
	board: { name: 'deal board', p95: 50 },
	dealList: { name: 'deal list', p95: 50 },
} satisfies Record<string, Budget>

const dbFile = path.resolve(process.env.BENCH_DB || 'data/bench/bench.db')
const requests = Number(args.requests)
const warmup = Number(args.warmup)
const scale = scaled(Number(args.scale))
const rule = (title: string) => console.log(`\n── ${title} ${'─'.repeat(Math.max(0, 70 - title.length))}`)

rule('Rapport benchmark')
console.log(`${new Date().toISOString()} · ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}) · ${Math.round(os.totalmem() / 2 ** 30)} GB · Node ${process.versions.node}`)
console.log(`database: ${path.relative(process.cwd(), dbFile)}`)
// Timings only mean something on an otherwise idle machine: read the load before we add our own.
const idleLoad = os.loadavg()[0]!
const busy = idleLoad > os.cpus().length * 0.5
console.log(`load average before starting: ${idleLoad.toFixed(1)}${busy ? `  ⚠️  other processes compete for ${os.cpus().length} cores: figures will be inflated` : ''}`)

// ── 1. the data
const seedStarted = performance.now()
const { meta, reused, notes } = ensureBenchDatabase(dbFile, scale, { reseed: args.reseed })
for (const note of notes) console.log(`  ${note}`)
if (reused) console.log(`reused: seeded ${meta.seededAt} in ${(meta.seedMs / 1000).toFixed(1)} s (--reseed to rebuild)`)
else console.log(`seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`)
const c = meta.counts
console.log(
	`${c.contacts!.toLocaleString('en')} contacts (${c.contactEmails!.toLocaleString('en')} emails, ${c.contactPhones!.toLocaleString('en')} phones), ` +
		`${c.companies!.toLocaleString('en')} companies, ${c.interactions!.toLocaleString('en')} interactions, ${c.deals!.toLocaleString('en')} deals, ` +
		`${c.followUps!.toLocaleString('en')} follow-ups, ${c.tagLinks!.toLocaleString('en')} tag links`,
)
const check = await checkSearchRows(dbFile, meta.workspaceId, { sample: 500 })
console.log(
	check.reindexedAll
		? `search index: rebuilt with reindexContacts (the seeded rows had drifted from the app's; e.g. ${check.example})`
		: `search index: ${check.identical + check.equivalent}/${check.sample} sampled rows match reindexContacts exactly${check.equivalent ? ` (${check.equivalent} up to word order)` : ''}`,
)
const globalCheck = await checkGlobalSearchRows(dbFile, meta.workspaceId, { sample: 500 })
console.log(
	`global search index: ${globalCheck.kinds
		.map((k) => `${k.table} ${k.rebuilt ? `rebuilt (rows had drifted from the triggers'; e.g. ${k.example})` : `${k.identical}/${k.sample} sampled rows match the triggers`}`)
		.join(', ')}`,
)

// ── 2. the build
const serverBuild = path.resolve('build/server/index.js')
if (args.build || !fs.existsSync(serverBuild)) {
	rule('npm run build')
	const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' })
	if (build.status !== 0) {
		console.error('The production build failed; nothing to measure.')
		process.exit(1)
	}
} else {
	const newest = newestMtime(path.resolve('app'))
	if (newest > fs.statSync(serverBuild).mtimeMs) {
		console.log(`\n⚠️  build/ is older than app/ (last change ${new Date(newest).toISOString()}): measuring the old build. Pass --build to rebuild first.`)
	}
}

// ── 3. what to ask for
const fixtures = loadFixtures(dbFile, meta.workspaceId)
const contactsRouteSource = fs.existsSync('app/routes/_app.contacts._index.tsx') || fs.existsSync('app/routes/_app.contacts._index')
const rotate = <T>(list: T[]) => (i: number) => list[i % list.length]!
const qs = (params: Record<string, string | number>) => new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString()

const searchAt = rotate(fixtures.queries)
const globalAt = rotate(fixtures.globalQueries)
const filterAt = rotate(fixtures.filterTags)
const otherFilters: Array<Record<string, string | number>> = [
	{ tag: fixtures.filterTags[0]!.id },
	{ tag: fixtures.filterTags[3]!.id, sort: 'name', dir: 'desc' },
	{ company: fixtures.bigCompany },
	{ group: fixtures.group },
	{ status: 'NEW' },
	{ source: 'WEBHOOK' },
	{ decisionMakers: 1 },
	{ birthdayMonth: new Date().getUTCMonth() + 1 },
	{ notContactedDays: 90 },
	{ status: 'none', sort: 'created', dir: 'desc' },
	{ pageSize: 100 },
]
const dealFilters: Array<Record<string, string | number>> = [
	{},
	{ stage: fixtures.stages[0]!.id },
	{ stage: fixtures.stages[2]!.id, sort: 'value', dir: 'desc' },
	{ min: 1000, max: 50000 },
	{ closeFrom: fixtures.closeFrom, closeTo: fixtures.closeTo, sort: 'close', dir: 'asc' },
	{ owner: meta.userId, sort: 'created', dir: 'desc' },
	{ company: fixtures.bigDealCompany },
	{ sort: 'name', dir: 'asc', page: 40 },
	{ pageSize: 100, sort: 'probability', dir: 'desc' },
]
const dealFilterLabel = (i: number) => {
	let label = qs(dealFilters[i % dealFilters.length]!) || '(none)'
	for (const s of fixtures.stages) label = label.replace(s.id, s.name.replace(' ', '_'))
	return label.replace(fixtures.bigDealCompany, '<big>').replace(meta.userId, '<me>')
}
const sorts = ['name', 'company', 'status', 'lastContacted', 'created', 'birthday'].flatMap((sort) => [`sort=${sort}&dir=asc`, `sort=${sort}&dir=desc`])

const allScenarios: Scenario[] = [
	{ name: 'list /contacts', budget: BUDGETS.list, path: () => '/contacts' },
	{ name: 'list /contacts.data', budget: BUDGETS.list, path: () => '/contacts.data' },
	{ name: 'search ?q=', budget: BUDGETS.search, path: (i) => `/contacts?${qs({ q: searchAt(i) })}`, label: searchAt },
	{ name: 'search .data?q=', budget: BUDGETS.search, path: (i) => `/contacts.data?${qs({ q: searchAt(i) })}`, label: searchAt },
	{
		name: 'filter tag+status',
		budget: BUDGETS.list,
		path: (i) => `/contacts?${qs({ tag: filterAt(i).id, status: 'INTERESTED', sort: 'lastContacted', dir: 'desc' })}`,
		label: (i) => filterAt(i).name,
		note: 'tag=<id>&status=INTERESTED&sort=lastContacted&dir=desc',
	},
	{
		name: 'other filters',
		budget: BUDGETS.list,
		path: (i) => `/contacts?${qs(otherFilters[i % otherFilters.length]!)}`,
		label: (i) => {
			let label = qs(otherFilters[i % otherFilters.length]!).replace(fixtures.bigCompany, '<big>').replace(fixtures.group, '<id>')
			for (const t of fixtures.filterTags) label = label.replace(t.id, t.name)
			return label
		},
	},
	{ name: 'sort any column', budget: BUDGETS.list, path: (i) => `/contacts?${sorts[i % sorts.length]}`, label: (i) => sorts[i % sorts.length]! },
	{ name: 'deep page ?page=200', budget: BUDGETS.list, path: () => '/contacts?page=200' },
	{ name: 'global /search?q=', budget: BUDGETS.global, path: (i) => `/search?${qs({ q: globalAt(i) })}`, label: globalAt },
	{ name: 'global palette .data', budget: BUDGETS.global, path: (i) => `/search.data?${qs({ q: globalAt(i), take: 5 })}`, label: globalAt, note: 'what Ctrl/Cmd-K loads as you type: 5 per kind' },
	{ name: 'dashboard', budget: BUDGETS.dashboard, path: () => '/dashboard' },
	{ name: 'dashboard .data', budget: BUDGETS.dashboard, path: () => '/dashboard.data' },
	{ name: 'board /deals', budget: BUDGETS.board, path: () => '/deals' },
	{ name: 'board /deals.data', budget: BUDGETS.board, path: () => '/deals.data' },
	{ name: 'deal list', budget: BUDGETS.dealList, path: (i) => `/deals/list?${qs(dealFilters[i % dealFilters.length]!)}`, label: dealFilterLabel },
	{ name: 'deal list .data', budget: BUDGETS.dealList, path: (i) => `/deals/list.data?${qs(dealFilters[i % dealFilters.length]!)}`, label: dealFilterLabel },
]
const scenarios = allScenarios.filter((s) => !args.only || args.only.split(',').some((o) => s.name.includes(o.trim())))

// ── 4. run
let server: RunningServer | undefined
const stopOnSignal = (signal: NodeJS.Signals) => {
	void server?.stop().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143))
}
process.once('SIGINT', stopOnSignal)
process.once('SIGTERM', stopOnSignal)

const results: Result[] = []
try {
	rule('server')
	server = await startServer({ dbFile, logFile: path.join(path.dirname(dbFile), 'server.log') })
	console.log(`production server on ${server.base} (log: ${path.relative(process.cwd(), server.logFile)})`)
	const cookie = await signIn(server.base, BENCH_EMAIL, BENCH_PASSWORD)
	console.log(`signed in as ${BENCH_EMAIL} through POST /login`)
	const probe = await fetch(`${server.base}/contacts`, { headers: { Cookie: cookie }, redirect: 'manual' })
	await probe.arrayBuffer()
	const contactsMissing =
		probe.status === 404 ? (contactsRouteSource ? '/contacts is not in this build: run with --build' : '/contacts is not built yet') : undefined

	rule(`timing: ${warmup} warm-up + ${requests} timed requests per scenario, one at a time`)
	for (const scenario of scenarios) {
		const skip = scenario.path(0).startsWith('/contacts') ? contactsMissing : undefined
		if (skip) {
			results.push({ scenario: { ...scenario, skip }, samples: [] })
			continue
		}
		const started = performance.now()
		const result = await runScenario(server.base, cookie, scenario, { requests, warmup })
		results.push(result)
		const s = summarize(result.samples)
		console.log(`  ${scenario.name.padEnd(22)} p50 ${s.p50.toFixed(1).padStart(7)} ms  p95 ${s.p95.toFixed(1).padStart(7)} ms  (${((performance.now() - started) / 1000).toFixed(0)} s)`)
	}
} finally {
	await server?.stop()
}

rule('results')
console.log(formatTable(results))
console.log(`\nload average: ${idleLoad.toFixed(1)} before, ${os.loadavg()[0]!.toFixed(1)} after (this benchmark adds about 1)${busy ? '  ⚠️  the machine was busy' : ''}`)
for (const r of results) {
	if (!r.scenario.label || r.scenario.skip) continue
	console.log(`\n  ${r.scenario.name}: median per variant, slowest first${r.scenario.note ? ` (${r.scenario.note})` : ''}`)
	console.log(formatBreakdown(r, 16))
}

// ── 5. the import benchmark (another script; it exits non-zero when over 20 s)
let importFailed = false
const importScript = path.resolve('scripts/bench-import.ts')
if (!args['no-import'] && !args.only) {
	rule('CSV import (scripts/bench-import.ts)')
	if (fs.existsSync(importScript)) {
		const code = await runChild('npx', ['tsx', 'scripts/bench-import.ts'])
		importFailed = code !== 0
		console.log(`scripts/bench-import.ts exited with code ${code}`)
	} else {
		console.log('scripts/bench-import.ts does not exist yet: skipped.')
	}
}

// ── 6. verdicts
rule('budgets')
const results_ = verdicts(results, Object.values(BUDGETS))
let failed = false
for (const v of results_) {
	const label = `${v.budget.name} p95 < ${v.budget.p95} ms`.padEnd(30)
	if (!v.worst) {
		console.log(`SKIP  ${label} not measured${v.skipped.length ? ` (${v.skipped.join(', ')} skipped)` : ''}`)
		continue
	}
	failed ||= !v.pass
	const detail = v.errors.length ? `requests failed in ${v.errors.join(', ')}` : `worst: ${v.worst.name} at ${v.worst.p95.toFixed(1)} ms`
	console.log(`${v.pass ? 'PASS' : '❌ FAIL'}  ${label} ${detail}${v.skipped.length ? `; skipped: ${v.skipped.join(', ')}` : ''}`)
}
if (!args['no-import'] && !args.only && fs.existsSync(importScript)) {
	failed ||= importFailed
	console.log(`${importFailed ? '❌ FAIL' : 'PASS'}  ${'CSV import of 100,000 rows < 20 s'.padEnd(30)} (scripts/bench-import.ts)`)
}

const out = path.join(path.dirname(dbFile), 'last-run.json')
fs.writeFileSync(
	out,
	JSON.stringify(
		{
			at: new Date().toISOString(),
			cores: os.cpus().length,
			node: process.versions.node,
			seedMs: meta.seedMs,
			loadBefore: idleLoad,
			results: results.map((r) => ({ name: r.scenario.name, skip: r.scenario.skip, ...(r.scenario.skip ? {} : summarize(r.samples)) })),
		},
		null,
		'\t',
	),
)
console.log(`\n(figures saved to ${path.relative(process.cwd(), out)})`)
if (failed) {
	console.log(args.strict ? '\nOver budget: exiting 1 (--strict).' : '\nOver budget. Exit code stays 0; pass --strict to fail the run.')
	if (args.strict) process.exitCode = 1
}

// ───────────────────────── helpers ─────────────────────────

function newestMtime(dir: string): number {
	let newest = 0
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		if (entry.name === 'generated' || entry.name.startsWith('.')) continue
		const full = path.join(dir, entry.name)
		newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : /\.test\.tsx?$/.test(entry.name) ? 0 : fs.statSync(full).mtimeMs)
	}
	return newest
}

/** Ids to filter by and realistic search text, taken from the seeded data. */
function loadFixtures(file: string, workspaceId: string) {
	const db = new Database(file, { readonly: true })
	try {
		const tag = (name: string) => (db.prepare(`SELECT id FROM "Tag" WHERE workspaceId = ? AND name = ?`).get(workspaceId, name) as { id: string }).id
		const filterTags = ['customer', 'vip', 'friend', 'newsletter'].map((name) => ({ name, id: tag(name) }))
		const group = (db.prepare(`SELECT id FROM "Group" WHERE workspaceId = ? ORDER BY name LIMIT 1`).get(workspaceId) as { id: string }).id
		const bigCompany = (
			db
				.prepare(`SELECT companyId FROM "Contact" WHERE workspaceId = ? AND companyId IS NOT NULL GROUP BY companyId ORDER BY count(*) DESC LIMIT 1`)
				.get(workspaceId) as { companyId: string }
		).companyId
		// The pipeline's stages, the company with the most deals and a quarter of expected closes.
		const stages = db.prepare(`SELECT id, name FROM "PipelineStage" WHERE workspaceId = ? ORDER BY position`).all(workspaceId) as Array<{ id: string; name: string }>
		const bigDealCompany = (
			db.prepare(`SELECT companyId FROM "Deal" WHERE workspaceId = ? AND companyId IS NOT NULL GROUP BY companyId ORDER BY count(*) DESC LIMIT 1`).get(workspaceId) as { companyId: string }
		).companyId
		const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)
		const closeFrom = day(-45)
		const closeTo = day(45)
		// Some people picked from across the file, for searches that hit one or a few.
		const person = (offset: number) =>
			db
				.prepare(
					`SELECT c.lastName, c.firstName, e.email, p.phone, co.name AS company FROM "Contact" c
					 JOIN "ContactEmail" e ON e.contactId = c.id AND e.isPrimary = 1
					 LEFT JOIN "ContactPhone" p ON p.contactId = c.id AND p.isPrimary = 1
					 LEFT JOIN "Company" co ON co.id = c.companyId
					 WHERE c.workspaceId = ? AND c.lastName <> '' AND p.phone IS NOT NULL AND c.companyId IS NOT NULL ORDER BY c.id LIMIT 1 OFFSET ?`,
				)
				.get(workspaceId, offset) as { lastName: string; firstName: string; email: string; phone: string; company: string }
		// About a third of contacts qualify; offsets stay well inside that.
		const people = [0.05, 0.45, 0.9].map((f) => person(Math.floor(f * 0.25 * meta.counts.contacts!)))
		const queries = [
			// what people type first: short, broad prefixes
			'mar',
			'smith',
			'jo',
			'ann',
			'garc',
			'maria gar',
			'lee',
			// phone digits: a local tail and an area code
			'5550',
			people[0]!.phone.slice(-4),
			'415555',
			// email parts, a company, a tag
			'example',
			people[1]!.email.split('@')[0]!,
			people[2]!.company.split(/\s+/)[0]!,
			'vip',
			// a whole name, as pasted
			`${people[0]!.firstName} ${people[0]!.lastName}`,
			people[1]!.lastName,
		]
		const globalQueries = globalQueriesOf(db, workspaceId)
		return { filterTags, group, bigCompany, queries, globalQueries, stages, bigDealCompany, closeFrom, closeTo }
	} finally {
		db.close()
	}
}

function runChild(command: string, argv: string[]) {
	return new Promise<number>((resolve) => {
		const child = spawn(command, argv, { stdio: 'inherit' })
		child.once('exit', (code) => resolve(code ?? 1))
		child.once('error', () => resolve(1))
	})
}

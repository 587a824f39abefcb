// Import benchmark: writes a 100,000-row Google-Contacts-style CSV to a temp folder,
// imports it with the real pipeline (runImport) into a fresh SQLite database built
// from prisma/migrations, and prints rows/s. Exits non-zero over the 20 s budget.
//   npm run bench:import            BENCH_IMPORT_ROWS=20000 npm run bench:import
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildMigratedDatabase } from '../tests/setup/db-template.ts'

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000)

/** CPU seconds per thread of this process (Linux): shows the critical path when other work shares the machine. */
function threadCpu() {
	const tick = 100 // USER_HZ
	try {
		return Object.fromEntries(
			fs.readdirSync('/proc/self/task').map((tid) => {
				const fields = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')
				const name = fs.readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim()
				return [`${tid} ${name}`, (Number(fields[11]) + Number(fields[12])) / tick]
			}),
		)
	} catch {
		return null
	}
}
const BUDGET_S = 20

const FIRST = ['Ada', 'Grace', 'Alan', 'Katherine', 'Linus', 'Margaret', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Tim', 'Radia', 'Ken', 'Hedy', 'Dennis', 'Sophie']
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Johnson', 'Torvalds', 'Hamilton', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Berners-Lee', 'Perlman', 'Thompson', 'Lamarr', 'Ritchie', 'Wilson']
const TITLES = ['CEO', 'CTO', 'Engineer', 'Designer', 'Sales lead', 'Account manager', '']
const LABELS = ['* myContacts', '* myContacts ::: Friends', '* myContacts ::: Clients', '* myContacts ::: Clients ::: VIP', '* starred ::: Family']

function csvCell(value: string) {
	return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

function generate(file: string, rows: number) {
	const header = [
		'First Name',
		'Middle Name',
		'Last Name',
		'Nickname',
		'File As',
		'Organization Name',
		'Organization Title',
		'Birthday',
		'Notes',
		'Labels',
		'E-mail 1 - Label',
		'E-mail 1 - Value',
		'E-mail 2 - Label',
		'E-mail 2 - Value',
		'Phone 1 - Label',
		'Phone 1 - Value',
		'Address 1 - Label',
		'Address 1 - City',
		'Address 1 - Country',
	]
	const out = fs.createWriteStream(file)
	let buffer = '\uFEFF' + header.join(',') + '\n'
	for (let i = 0; i < rows; i++) {
		const first = FIRST[i % FIRST.length]!
		const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!
		const month = (i % 12) + 1
		const day = (i % 28) + 1
		const birthday = i % 10 < 3 ? `19${60 + (i % 40)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` : i % 10 === 3 ? `--${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` : ''
		const row = [
			first,
			'',
			last,
			'',
			'',
			`Company ${i % 500}`,
			TITLES[i % TITLES.length]!,
			birthday,
			i % 10 === 0 ? `Met at conference ${i % 37}, follow up about the proposal` : '',
			LABELS[i % LABELS.length]!,
			'* Work',
			`${first}.${last}.${i}@example.com`.toLowerCase(),
			i % 4 === 0 ? 'Home' : '',
			i % 4 === 0 ? `${first}${i}@home.example`.toLowerCase() : '',
			'Mobile',
			`(415) ${200 + Math.floor(i / 10_000)}-${String(i % 10_000).padStart(4, '0')}`,
			'Work',
			i % 3 === 0 ? 'San Francisco' : '',
			i % 3 === 0 ? 'United States' : '',
		]
		buffer += row.map(csvCell).join(',') + '\n'
		if (buffer.length > 1 << 20) {
			out.write(buffer)
			buffer = ''
		}
	}
	out.end(buffer)
	return new Promise<void>((resolve, reject) => out.on('finish', resolve).on('error', reject))
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-import-'))
try {
	const dbFile = path.join(dir, 'bench.db')
	buildMigratedDatabase(dbFile)
	// The app reads DATABASE_URL when its modules load, so they are imported after this.
	process.env.DATABASE_URL = `file:${dbFile}`
	process.env.NODE_ENV ??= 'test'

	const csvFile = path.join(dir, 'google-contacts.csv')
	const g0 = performance.now()
	await generate(csvFile, ROWS)
	console.log(`Generated ${ROWS.toLocaleString('en')} rows (${(fs.statSync(csvFile).size / 1e6).toFixed(1)} MB) in ${((performance.now() - g0) / 1000).toFixed(1)} s`)

	const { prisma } = await import('../app/utils/db.server.ts')
	const { createUser } = await import('../app/models/user.server.ts')
	const { runImport } = await import('../app/models/import/import.server.ts')
	const user = await createUser({ email: 'bench-import@example.com', name: 'Bench' })
	const { workspaceId } = await prisma.membership.findFirstOrThrow({ where: { userId: user.id } })
	const m = { userId: user.id, workspaceId, role: 'OWNER' as const, personal: true, hideOthersRecords: false }

	const content = new Uint8Array(fs.readFileSync(csvFile))
	const cpuBefore = threadCpu()
	const t0 = performance.now()
	const { summary } = await runImport(m, { name: 'google-contacts.csv', content })
	const seconds = (performance.now() - t0) / 1000
	const cpuAfter = threadCpu()
	const contacts = await prisma.contact.count({ where: { workspaceId } })
	const indexed = await prisma.$queryRawUnsafe<Array<{ n: number | bigint }>>('SELECT count(*) AS n FROM ContactSearch WHERE workspaceId = ?', workspaceId)
	await prisma.$disconnect()

	const c = summary!.counts
	console.log(`Import: ${summary!.status}, created ${c.create.toLocaleString('en')}, updated ${c.update}, duplicates ${c.duplicate}, rejected ${c.reject}`)
	const ms = (n: number) => `${(n / 1000).toFixed(1)} s`
	const tm = summary!.timings
	console.log(`Phases: load ${ms(tm.load)}, read+validate+match ${ms(tm.classify)}, write ${ms(tm.write)}, search index ${ms(tm.index)}`)
	if (cpuBefore && cpuAfter) {
		const main = `${process.pid} ${fs.readFileSync(`/proc/self/task/${process.pid}/comm`, 'utf8').trim()}`
		const used = Object.entries(cpuAfter).map(([k, v]) => [k, v - (cpuBefore[k] ?? 0)] as const)
		const mainCpu = used.find(([k]) => k === main)?.[1] ?? 0
		const others = used.filter(([k]) => k !== main).reduce((sum, [, v]) => sum + v, 0)
		console.log(`CPU: main thread ${mainCpu.toFixed(1)} s, other threads (validation worker, GC, I/O) ${others.toFixed(1)} s; load average ${os.loadavg()[0]!.toFixed(2)}`)
	}
	console.log(`Contacts in the database: ${contacts.toLocaleString('en')}, in the search index: ${Number(indexed[0]!.n).toLocaleString('en')}`)
	console.log(`import ${ROWS.toLocaleString('en')} rows: ${seconds.toFixed(2)} s, ${Math.round(ROWS / seconds).toLocaleString('en')} rows/s (budget ${BUDGET_S} s)`)
	const ok = summary!.status === 'COMPLETED' && c.create === ROWS && contacts === ROWS && seconds <= BUDGET_S
	if (!ok) {
		console.error(seconds > BUDGET_S ? `Over budget: ${seconds.toFixed(2)} s > ${BUDGET_S} s` : 'The import did not create every row')
		process.exitCode = 1
	}
} finally {
	fs.rmSync(dir, { recursive: true, force: true })
}

// Proves the seeded ContactSearch rows are what the app's own reindexContacts
// writes: a sample is re-indexed through the real code and compared. If the app's
// indexing has changed since the file was seeded, the whole workspace is re-indexed
// the app's way, so search is always measured against the real index.
import Database from 'better-sqlite3'

type Row = { contactId: string; name: string; emails: string; phones: string; company: string; tags: string }
const COLUMNS = ['name', 'emails', 'phones', 'company', 'tags'] as const

function readRows(file: string, ids: string[]) {
	const db = new Database(file, { readonly: true })
	try {
		const rows = db
			.prepare(`SELECT contactId, name, emails, phones, company, tags FROM ContactSearch WHERE contactId IN (${ids.map(() => '?').join(',')})`)
			.all(...ids) as Row[]
		return new Map(rows.map((r) => [r.contactId, r]))
	} finally {
		db.close()
	}
}

// Order within a column does not change what FTS5 matches or how it ranks.
const tokens = (s: string) => s.split(/\s+/).filter(Boolean).sort().join(' ')

export type SearchCheck = { sample: number; identical: number; equivalent: number; differing: number; reindexedAll: boolean; ms: number; example?: string }

export async function checkSearchRows(file: string, workspaceId: string, opts: { sample?: number; log?: (s: string) => void } = {}): Promise<SearchCheck> {
	const started = performance.now()
	const log = opts.log ?? console.log
	const url = `file:${file}`
	// db.server.ts reads these when first imported; they must point at the bench file.
	process.env.DATABASE_URL = url
	process.env.SESSION_SECRET ??= 'bench-only-secret'
	const { PrismaClient } = await import('../../app/generated/prisma/client.ts')
	const { createAdapterFactory } = await import('../../app/utils/db-adapter.ts')
	const { reindexContacts } = await import('../../app/models/contact-search.server.ts')
	const prisma = new PrismaClient({ adapter: createAdapterFactory(url) })
	try {
		const db = new Database(file, { readonly: true })
		// Every 97th contact: spread over the file, deleted ones and all.
		const ids = (db.prepare(`SELECT id FROM "Contact" WHERE workspaceId = ? ORDER BY id`).all(workspaceId) as Array<{ id: string }>)
			.filter((_, i) => i % 97 === 0)
			.slice(0, opts.sample ?? 500)
			.map((r) => r.id)
		db.close()
		const before = readRows(file, ids)
		await reindexContacts(workspaceId, ids, prisma)
		const after = readRows(file, ids)
		const result: SearchCheck = { sample: ids.length, identical: 0, equivalent: 0, differing: 0, reindexedAll: false, ms: 0 }
		for (const id of ids) {
			const a = before.get(id)
			const b = after.get(id)
			if (a && b && COLUMNS.every((c) => a[c] === b[c])) result.identical++
			else if (a && b && COLUMNS.every((c) => tokens(a[c]) === tokens(b[c]))) result.equivalent++
			else {
				result.differing++
				result.example ??= `${id}: seeded ${JSON.stringify(a)} / app ${JSON.stringify(b)}`
			}
		}
		if (result.differing) {
			log(`  ContactSearch rows differ from reindexContacts (${result.differing}/${ids.length}); re-indexing the whole workspace the app's way...`)
			await reindexContacts(workspaceId, undefined, prisma)
			result.reindexedAll = true
		}
		result.ms = Math.round(performance.now() - started)
		return result
	} finally {
		await prisma.$disconnect()
	}
}

export type GlobalSearchCheck = { kinds: Array<{ table: string; rows: number; sample: number; identical: number; rebuilt: boolean; example?: string }>; ms: number }

/**
 * The same proof for the global-search tables (companies, deals, interactions,
 * tags): a sample of each kind is rewritten by its own trigger (a no-op UPDATE of
 * a watched column fires it) and compared with the rows the seed or the migration
 * built in bulk. A kind whose rows differ is rebuilt from scratch the bulk way
 * (which the unit tests prove equal to the triggers).
 */
export async function checkGlobalSearchRows(file: string, workspaceId: string, opts: { sample?: number; log?: (s: string) => void } = {}): Promise<GlobalSearchCheck> {
	const started = performance.now()
	const log = opts.log ?? console.log
	const { SEARCH_KINDS, rebuildSql, searchColumns } = await import('../../app/models/search-index.server.ts')
	const db = new Database(file)
	try {
		const kinds: GlobalSearchCheck['kinds'] = []
		for (const k of SEARCH_KINDS) {
			const cols = searchColumns(k).map((c) => `"${c}"`).join(', ')
			const total = (db.prepare(`SELECT count(*) AS n FROM "${k.table}" WHERE workspaceId = ?`).get(workspaceId) as { n: number }).n
			const every = Math.max(1, Math.floor(total / (opts.sample ?? 500)))
			const ids = (db.prepare(`SELECT id FROM "${k.table}" WHERE workspaceId = ? ORDER BY id`).all(workspaceId) as Array<{ id: string }>)
				.filter((_, i) => i % every === 0)
				.slice(0, opts.sample ?? 500)
				.map((r) => r.id)
			const read = () => {
				const rows = db
					.prepare(`SELECT rowid AS rid, ${cols} FROM "${k.fts}" WHERE rowid IN (SELECT "key" FROM "SearchKey" WHERE "recordId" IN (${ids.map(() => '?').join(',')}))`)
					.all(...ids) as Array<Record<string, unknown>>
				return new Map(rows.map((r) => [String(r[k.key]), JSON.stringify(r)]))
			}
			const before = read()
			const watched = k.watch[0]!
			db.prepare(`UPDATE "${k.table}" SET "${watched}" = "${watched}" WHERE id IN (${ids.map(() => '?').join(',')})`).run(...ids)
			const after = read()
			const result = { table: k.table, rows: total, sample: ids.length, identical: 0, rebuilt: false, example: undefined as string | undefined }
			for (const id of ids) {
				if (before.get(id) !== undefined && before.get(id) === after.get(id)) result.identical++
				else result.example ??= `${id}: bulk ${before.get(id)} / trigger ${after.get(id)}`
			}
			if (result.identical !== ids.length) {
				log(`  ${k.fts} rows differ from what the triggers write (${ids.length - result.identical}/${ids.length}); rebuilding ${k.fts}...`)
				db.transaction(() => {
					db.exec(`DELETE FROM "${k.fts}"`)
					for (const sql of rebuildSql(k)) db.exec(sql)
				})()
				result.rebuilt = true
			}
			kinds.push(result)
		}
		return { kinds, ms: Math.round(performance.now() - started) }
	} finally {
		db.close()
	}
}

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

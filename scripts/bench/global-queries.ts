// What people type into global search (Ctrl/Cmd-K), taken from the bench data: a
// partial company name, middle runs and tails of phone numbers, words from
// interaction notes and subjects, a deal word, a tag, names, broad one- and
// two-letter prefixes, a word in every email, and a miss. Shared by bench.ts
// (HTTP) and profile.ts (in-process).
import type Database from 'better-sqlite3'

export function globalQueries(db: Database.Database, workspaceId: string) {
	const one = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).get(workspaceId, ...params) as T
	// Offsets as a share of each table, so smaller --scale databases work too.
	const at = (table: string, share: number) => Math.floor(one<{ n: number }>(`SELECT count(*) AS n FROM "${table}" WHERE workspaceId = ?`).n * share * 0.5)
	const companyName = one<{ name: string }>(`SELECT name FROM "Company" WHERE workspaceId = ? AND deletedAt IS NULL ORDER BY id LIMIT 1 OFFSET ?`, at('Company', 0.5)).name
	const companyWord = companyName.split(/[^\p{L}]+/u).find((w) => w.length >= 5) ?? companyName
	const note = one<{ notes: string }>(`SELECT notes FROM "Interaction" WHERE workspaceId = ? AND notes IS NOT NULL ORDER BY id LIMIT 1 OFFSET ?`, at('Interaction', 0.03)).notes
	const noteWords = note.split(/[^\p{L}]+/u).filter((w) => w.length >= 6)
	const subject = one<{ subject: string }>(`SELECT subject FROM "Interaction" WHERE workspaceId = ? AND subject IS NOT NULL ORDER BY id LIMIT 1 OFFSET ?`, at('Interaction', 0.003)).subject
	const phone = (offset: number) =>
		one<{ phone: string }>(`SELECT p.phone FROM "ContactPhone" p JOIN "Contact" c ON c.id = p.contactId WHERE c.workspaceId = ? AND c.deletedAt IS NULL ORDER BY p.id LIMIT 1 OFFSET ?`, offset).phone
	const person = one<{ firstName: string; lastName: string }>(`SELECT firstName, lastName FROM "Contact" WHERE workspaceId = ? AND deletedAt IS NULL AND length(lastName) > 3 ORDER BY id LIMIT 1 OFFSET ?`, at('Contact', 0.1))
	return [
		companyWord.slice(0, 4),
		companyName.split(/\s+/).slice(0, 2).join(' '),
		phone(at('Contact', 0.02)).slice(-7, -2),
		phone(at('Contact', 0.8)).slice(-4),
		noteWords[0]!.slice(0, 5),
		`${noteWords[1] ?? noteWords[0]!} ${noteWords[2] ?? ''}`.trim(),
		subject.split(/[^\p{L}]+/u).find((w) => w.length >= 5) ?? subject,
		'renewal',
		'vip',
		'mar',
		'smith',
		`${person.firstName} ${person.lastName.slice(0, 3)}`,
		'm',
		'jo',
		'example',
		'zzqx',
	]
}

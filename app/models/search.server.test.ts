import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { databasePath } from '#app/utils/db-adapter.ts'
import { prisma } from '#app/utils/db.server.ts'
import { MARK_CLOSE, MARK_OPEN, markDigits, markSnippet, splitMarks, stripMarks } from '#app/utils/search-highlight.ts'
import { companyFormSchema } from '#app/validation/company.ts'
import { contactFormSchema } from '#app/validation/contact.ts'
import { interactionSchema } from '#app/validation/interaction.ts'
import { createCompany, restoreCompany, softDeleteCompany, updateCompany } from './company.server.ts'
import { createContact, restoreContact, softDeleteContacts, updateContact } from './contact.server.ts'
import { runImport, undoImport } from './import/import.server.ts'
import { deleteInteraction, logInteraction, updateInteraction } from './interaction.server.ts'
import { mergeContacts } from './merge.server.ts'
import { rebuildSql, SEARCH_KINDS, SEARCH_TRIGGERS, searchColumns } from './search-index.server.ts'
import { globalSearch, toSearchQuery, type SearchKindName } from './search.server.ts'
import { createTag, deleteTag, mergeTags, updateTag } from './taxonomy.server.ts'
import { createUser } from './user.server.ts'
import type { Membership } from './workspace.server.ts'

/** Deals need a stage of their workspace's pipeline. */
async function firstStage(workspaceId: string) {
	return (await prisma.pipelineStage.findFirstOrThrow({ where: { workspaceId }, orderBy: { position: 'asc' } })).id
}

const rand = () => Math.random().toString(36).slice(2)

async function member(): Promise<Membership> {
	const user = await createUser({ email: `s-${rand()}@example.com`, name: 'Owner' })
	const { workspaceId } = await prisma.membership.findFirstOrThrow({ where: { userId: user.id } })
	return { userId: user.id, workspaceId, role: 'OWNER', personal: true, hideOthersRecords: false }
}

async function colleague(of: Membership, role: Membership['role'], hideOthersRecords = false): Promise<Membership> {
	const user = await createUser({ email: `sc-${rand()}@example.com`, name: `A ${role}` })
	await prisma.membership.create({ data: { userId: user.id, workspaceId: of.workspaceId, role } })
	return { userId: user.id, workspaceId: of.workspaceId, role, personal: false, hideOthersRecords }
}

const contact = (m: Membership, values: Record<string, unknown>) => createContact(m, contactFormSchema().parse(values), { defaultCountry: 'US' })
const company = (m: Membership, values: Record<string, unknown>) => createCompany(m, companyFormSchema().parse(values), { defaultCountry: 'US', customFields: [] })
const opts = { defaultCountry: 'US', customFields: [] }

async function interaction(m: Membership, values: Record<string, unknown>) {
	const result = await logInteraction(m, interactionSchema.parse({ medium: 'CALL', ...values }))
	if (!result.ok) throw new Error(JSON.stringify(result))
	return result.interaction
}

/** Ids found of one kind (all kinds when omitted). */
async function found(m: Membership, q: string, kind?: SearchKindName) {
	const { groups } = await globalSearch(m, q, { take: 20 })
	return groups.filter((g) => !kind || g.kind === kind).flatMap((g) => g.hits.map((h) => h.id))
}

describe('global search', () => {
	it('finds each kind by a prefix, companies by part of the name, contacts by phone digits and interactions by a word of their notes', async () => {
		const m = await member()
		const acme = await company(m, { name: 'Acme Rocketworks', phone: '+44 20 7946 0321', website: 'https://acme-rockets.example.com' })
		const ada = await contact(m, { firstName: 'Ada', lastName: 'Lovelace', phones: [{ phone: '(415) 555-2671' }], emails: [{ email: 'ada@engines.example' }] })
		const call = await interaction(m, { contactId: ada.id, subject: 'Intro', notes: 'Talked about the gyroscope retrofit and pricing' })
		const deal = await prisma.deal.create({ data: { workspaceId: m.workspaceId, stageId: await firstStage(m.workspaceId), name: 'Rocketworks renewal', notes: 'Budget approved by procurement', companyId: acme.id } })
		const tag = await createTag(m, { name: 'Stargazers', color: 'sky' })

		expect(await found(m, 'rocketw', 'company')).toEqual([acme.id])
		expect(await found(m, 'Rock', 'company')).toEqual([acme.id])
		expect(await found(m, 'acme-rock', 'company')).toEqual([acme.id])
		// Phone digits: last four, a middle run, the national number, with punctuation.
		for (const q of ['2671', '5552', '555-2671', '4155552671', '+1 415', '1555', '5526']) expect(await found(m, q, 'contact'), q).toEqual([ada.id])
		for (const q of ['0321', '7946', '2079460321']) expect(await found(m, q, 'company'), q).toEqual([acme.id])
		expect(await found(m, 'gyro', 'interaction')).toEqual([call.id])
		expect(await found(m, 'retrofit pric', 'interaction')).toEqual([call.id])
		// One letter is too little to look through everyone's notes; names still match.
		expect(await found(m, 'g', 'interaction')).toEqual([])
		expect(await found(m, 'l', 'contact')).toEqual([ada.id])
		expect(await found(m, 'procure', 'deal')).toEqual([deal.id])
		expect(await found(m, 'renew', 'deal')).toEqual([deal.id])
		expect(await found(m, 'stargaz', 'tag')).toEqual([tag.id])
		expect(await found(m, 'lovel', 'contact')).toEqual([ada.id])
		// Every word must match somewhere in the record.
		expect(await found(m, 'gyroscope banana')).toEqual([])
	})

	it('marks the matched words and gives each hit its page', async () => {
		const m = await member()
		const acme = await company(m, { name: 'Acme Rocketworks' })
		const ada = await contact(m, { firstName: 'Ada', lastName: 'Lovelace', companyName: 'Acme Rocketworks', phones: [{ phone: '(415) 555-2671' }] })
		await interaction(m, { contactId: ada.id, notes: 'Long talk. She wants <b>bold</b> rockets & a demo next week.' })
		const { groups } = await globalSearch(m, 'rocket')
		const byKind = Object.fromEntries(groups.map((g) => [g.kind, g.hits]))
		expect(byKind.company![0]!.title).toBe(`Acme ${MARK_OPEN}Rocketworks${MARK_CLOSE}`)
		expect(byKind.company![0]!.href).toBe(`/companies/${acme.id}`)
		expect(byKind.contact![0]!.detail).toBe(`Acme ${MARK_OPEN}Rocketworks${MARK_CLOSE}`)
		const note = byKind.interaction![0]!
		expect(note.href).toBe(`/contacts/${ada.id}#timeline`)
		expect(note.title).toBe('Phone call with Ada Lovelace')
		// User text stays text: the page renders these parts, never HTML.
		expect(splitMarks(note.detail!)).toContainEqual({ text: 'rockets', mark: true })
		expect(stripMarks(note.detail!)).toContain('<b>bold</b>')
		// Titles that match put their group first.
		expect(groups[0]!.kind).toBe('company')
		const phone = await globalSearch(m, '5552')
		expect(phone.groups[0]!.hits[0]!.detail).toBe(`+1 415 ${MARK_OPEN}555 2${MARK_CLOSE}671`)
	})

	it('never shows deleted records, other workspaces, or what a limited REP may not see', async () => {
		const m = await member()
		const other = await member()
		const gone = await contact(m, { firstName: 'Zebulon', lastName: 'Gone' })
		await interaction(m, { contactId: gone.id, notes: 'zebulon call notes' })
		await softDeleteContacts(m, [gone.id])
		const closed = await company(m, { name: 'Zebulon Closed Ltd' })
		await interaction(m, { companyId: closed.id, notes: 'zebulon company visit' })
		await softDeleteCompany(m, closed.id)
		await prisma.deal.create({ data: { workspaceId: m.workspaceId, stageId: await firstStage(m.workspaceId), name: 'Zebulon deal', deletedAt: new Date() } })
		await contact(other, { firstName: 'Zebulon', lastName: 'Elsewhere' })
		await company(other, { name: 'Zebulon Elsewhere Inc' })
		await createTag(other, { name: 'zebulon-tag', color: 'sky' })
		expect(await found(m, 'zebulon')).toEqual([])

		// A REP limited to their own records sees theirs, and interactions only on contacts they see.
		const repLimited = await colleague(m, 'REP', true)
		const mine = await contact(repLimited, { firstName: 'Yolanda', lastName: 'Mine' })
		const theirs = await contact(m, { firstName: 'Yolanda', lastName: 'Theirs' })
		const myCall = await interaction(repLimited, { contactId: mine.id, notes: 'yodel practice' })
		await interaction(m, { contactId: theirs.id, notes: 'yodel lesson' })
		const mineCo = await company(repLimited, { name: 'Yodel Mine Co' })
		await company(m, { name: 'Yodel Theirs Co' })
		await prisma.deal.create({ data: { workspaceId: m.workspaceId, stageId: await firstStage(m.workspaceId), name: 'Yodel big deal', ownerId: m.userId } })
		const myDeal = await prisma.deal.create({ data: { workspaceId: m.workspaceId, stageId: await firstStage(m.workspaceId), name: 'Yodel small deal', ownerId: repLimited.userId } })
		expect(await found(repLimited, 'yolanda', 'contact')).toEqual([mine.id])
		expect(await found(repLimited, 'yodel', 'interaction')).toEqual([myCall.id])
		expect(await found(repLimited, 'yodel', 'company')).toEqual([mineCo.id])
		expect(await found(repLimited, 'yodel', 'deal')).toEqual([myDeal.id])
		// Without the workspace setting, a REP sees everyone's.
		const rep = await colleague(m, 'REP', false)
		expect((await found(rep, 'yolanda', 'contact')).sort()).toEqual([mine.id, theirs.id].sort())
		expect(await found(rep, 'yodel', 'interaction')).toHaveLength(2)
	})

	it('follows create, update, delete and restore of companies, deals, interactions and tags', async () => {
		const m = await member()
		const co = await company(m, { name: 'Quokka Labs' })
		expect(await found(m, 'quokka', 'company')).toEqual([co.id])
		await updateCompany(m, co.id, companyFormSchema().parse({ name: 'Wombat Labs' }), opts)
		expect(await found(m, 'quokka')).toEqual([])
		expect(await found(m, 'wombat', 'company')).toEqual([co.id])
		await softDeleteCompany(m, co.id)
		expect(await found(m, 'wombat')).toEqual([])
		await restoreCompany(m, co.id)
		expect(await found(m, 'wombat', 'company')).toEqual([co.id])

		const c = await contact(m, { firstName: 'Pat', lastName: 'Quill' })
		const call = await interaction(m, { contactId: c.id, notes: 'discussed marzipan supply' })
		expect(await found(m, 'marzip', 'interaction')).toEqual([call.id])
		await updateInteraction(m, call.id, interactionSchema.parse({ medium: 'CALL', notes: 'discussed nougat supply' }))
		expect(await found(m, 'marzip')).toEqual([])
		expect(await found(m, 'nougat', 'interaction')).toEqual([call.id])
		// Soft-deleting the contact hides its interactions; restoring brings them back.
		await softDeleteContacts(m, [c.id])
		expect(await found(m, 'nougat')).toEqual([])
		await restoreContact(m, c.id)
		expect(await found(m, 'nougat', 'interaction')).toEqual([call.id])
		await deleteInteraction(m, call.id)
		expect(await found(m, 'nougat')).toEqual([])

		const deal = await prisma.deal.create({ data: { workspaceId: m.workspaceId, stageId: await firstStage(m.workspaceId), name: 'Platypus pilot' } })
		expect(await found(m, 'platyp', 'deal')).toEqual([deal.id])
		await prisma.deal.update({ where: { id: deal.id }, data: { name: 'Echidna pilot', notes: 'after the trial' } })
		expect(await found(m, 'platyp')).toEqual([])
		expect(await found(m, 'echid', 'deal')).toEqual([deal.id])
		await prisma.deal.update({ where: { id: deal.id }, data: { deletedAt: new Date() } })
		expect(await found(m, 'echid')).toEqual([])
		await prisma.deal.update({ where: { id: deal.id }, data: { deletedAt: null } })
		expect(await found(m, 'echid', 'deal')).toEqual([deal.id])
		await prisma.deal.delete({ where: { id: deal.id } })
		expect(await found(m, 'echid')).toEqual([])

		const tag = await createTag(m, { name: 'Kiwi', color: 'emerald' })
		const target = await createTag(m, { name: 'Kakapo', color: 'emerald' })
		expect(await found(m, 'kiw', 'tag')).toEqual([tag.id])
		await updateTag(m, tag.id, { name: 'Kea', color: 'emerald' })
		expect(await found(m, 'kiw')).toEqual([])
		expect(await found(m, 'kea', 'tag')).toEqual([tag.id])
		await mergeTags(m, tag.id, target.id)
		expect(await found(m, 'kea')).toEqual([])
		await deleteTag(m, target.id)
		expect(await found(m, 'kakap')).toEqual([])
	})

	it('follows a contact merge and hard deletes that cascade', async () => {
		const m = await member()
		const keep = await contact(m, { firstName: 'Robin', lastName: 'Keep' })
		const merge = await contact(m, { firstName: 'Robin', lastName: 'Merged' })
		const call = await interaction(m, { contactId: merge.id, notes: 'pistachio tasting' })
		await mergeContacts(m, keep.id, merge.id)
		const { groups } = await globalSearch(m, 'pistach')
		expect(groups.map((g) => g.kind)).toEqual(['interaction'])
		expect(groups[0]!.hits[0]!.href).toBe(`/contacts/${keep.id}#timeline`)
		expect(await found(m, 'robin', 'contact')).toEqual([keep.id])
		await updateContact(m, keep.id, contactFormSchema().parse({ firstName: 'Robin', lastName: 'Kept' }), { defaultCountry: 'US' })
		expect(await found(m, 'kept', 'contact')).toEqual([keep.id])
		// Purging the contact cascades to its interactions; their search rows go too.
		await prisma.contact.delete({ where: { id: keep.id } })
		const rows = await prisma.$queryRawUnsafe<unknown[]>('SELECT 1 FROM InteractionSearch WHERE interactionId = ?', call.id)
		expect(rows).toEqual([])
		const keys = await prisma.$queryRawUnsafe<unknown[]>('SELECT 1 FROM SearchKey WHERE recordId = ?', call.id)
		expect(keys).toEqual([])
	})

	it('finds what an import created (its own SQL writes), and forgets it on undo', async () => {
		const m = await member()
		const csv = 'First Name,Last Name,Organization Name,Phone 1 - Value\nNadia,Import,Zanzibar Freight,+1 646 555 0142\n'
		const { batchId } = await runImport(m, { name: 'people.csv', content: csv })
		expect(await found(m, 'zanzib', 'company')).toHaveLength(1)
		expect(await found(m, '0142', 'contact')).toHaveLength(1)
		await undoImport(m, batchId)
		expect(await found(m, '0142')).toEqual([])
	})

	it('never throws on hostile or odd input', async () => {
		const m = await member()
		const ada = await contact(m, { firstName: 'Ada', lastName: 'Lovelace' })
		const hostile = ['"', '""', "'", '*', '-', '-ada', 'ada*', 'NOT ada', 'ada OR', 'AND', 'NEAR(ada lov)', '(', ')', '^ada', 'col:ada', '{name}: ada', '!!!', '   ', '\u0000', '\u0002ada\u0003', '😀', 'a'.repeat(5000), `${'ada '.repeat(300)}`, "'; DROP TABLE Contact; --"]
		for (const q of hostile) await expect(globalSearch(m, q), JSON.stringify(q.slice(0, 20))).resolves.toBeDefined()
		expect(toSearchQuery('"; DROP TABLE x; --')).toBe('"drop"* "table"* "x"*')
		expect(toSearchQuery('!!!')).toBe('')
		expect(await found(m, '-ada*', 'contact')).toEqual([ada.id])
		expect(await found(m, 'NOT ada', 'contact')).toEqual([])
		expect((await globalSearch(m, 'x'.repeat(5000))).q).toHaveLength(200)
	})

	it('keeps every search trigger, and the triggers build the rows the bulk rebuild builds', async () => {
		const names = (await prisma.$queryRawUnsafe<Array<{ name: string }>>(`SELECT name FROM sqlite_master WHERE type = 'trigger'`)).map((r) => r.name)
		// A later migration that redefines one of these tables drops its triggers: recreate them.
		for (const t of SEARCH_TRIGGERS) expect(names, t).toContain(t)

		const m = await member()
		const co = await company(m, { name: 'Rebuild Co', phone: '+1 212 555 0199', website: 'https://rebuild.example.com', email: 'hi@rebuild.example.com', industry: 'Software', city: 'Zürich', notes: 'Notes **here**' })
		await updateCompany(m, co.id, companyFormSchema().parse({ name: 'Rebuild Company', phone: '020 7946 0000', city: 'Oslo' }), opts)
		const c = await contact(m, { firstName: 'Re', lastName: 'Build' })
		await interaction(m, { contactId: c.id, subject: 'Subj', notes: 'Some notes', outcome: 'Good', nextSteps: 'Call again' })
		await interaction(m, { contactId: c.id })
		await prisma.deal.create({ data: { workspaceId: m.workspaceId, stageId: await firstStage(m.workspaceId), name: 'Rebuild deal', notes: 'deal notes' } })
		await createTag(m, { name: 'rebuild-tag', color: 'sky' })

		const file = databasePath(process.env.DATABASE_URL!)
		const db = new Database(file)
		try {
			for (const k of SEARCH_KINDS) {
				const cols = searchColumns(k).map((col) => `"${col}"`).join(', ')
				const read = () => db.prepare(`SELECT rowid, ${cols} FROM "${k.fts}" WHERE workspaceId = ? ORDER BY rowid`).all(m.workspaceId) as Array<Record<string, unknown>>
				const byTriggers = read()
				expect(byTriggers.length, k.table).toBeGreaterThan(0)
				db.transaction(() => {
					db.prepare(`DELETE FROM "${k.fts}" WHERE workspaceId = ?`).run(m.workspaceId)
					db.prepare(`DELETE FROM "SearchKey" WHERE recordId IN (SELECT id FROM "${k.table}" WHERE workspaceId = ?)`).run(m.workspaceId)
					// The rebuild statements cover all rows; only this workspace's are missing.
					for (const sql of rebuildSql(k)) db.prepare(sql.replace('INSERT INTO', 'INSERT OR IGNORE INTO')).run()
				})()
				const rebuilt = read().map(({ rowid: _r, ...rest }) => rest)
				expect(rebuilt, k.table).toEqual(byTriggers.map(({ rowid: _r, ...rest }) => rest))
			}
		} finally {
			db.close()
		}
	})
})

describe('highlight helpers', () => {
	it('marks digits inside a formatted number and cuts snippets around the first match', () => {
		expect(markDigits('+44 20 7946 0321', ['7946'])).toBe(`+44 20 ${MARK_OPEN}7946${MARK_CLOSE} 0321`)
		expect(markDigits('+44 20 7946 0321', ['9999'])).toBeNull()
		const long = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty target end'
		expect(markSnippet(long, ['targ'])).toBe(`…nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty ${MARK_OPEN}target${MARK_CLOSE} end`)
		expect(markSnippet(long, ['thr'])).toBe(`one two ${MARK_OPEN}three${MARK_CLOSE} four five six seven eight nine ten eleven twelve thirteen fourteen…`)
		expect(markSnippet(long, ['zzz'])).toBeNull()
		expect(splitMarks(`a${MARK_OPEN}b${MARK_CLOSE}c${MARK_CLOSE}`)).toEqual([
			{ text: 'a', mark: false },
			{ text: 'b', mark: true },
			{ text: 'c', mark: false },
		])
	})
})

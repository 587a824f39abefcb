import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { prisma } from '#app/utils/db.server.ts'
import { contactFormSchema } from '#app/validation/contact.ts'
import { createContact } from '../contact.server.ts'
import { reindexContacts } from '../contact-search.server.ts'
import { createUser } from '../user.server.ts'
import type { Membership } from '../workspace.server.ts'
import { ImportFileError, decodeImportFile, discardStaged, getImportBatch, loadStaged, previewImport, runImport, stageUpload, undoImport, type ImportFile } from './import.server.ts'

async function member(role: Membership['role'] = 'OWNER'): Promise<Membership> {
	const user = await createUser({ email: `imp-${Math.random().toString(36).slice(2)}@example.com`, name: 'Importer' })
	const { workspaceId } = await prisma.membership.findFirstOrThrow({ where: { userId: user.id } })
	return { userId: user.id, workspaceId, role, personal: true, hideOthersRecords: false }
}

const file = (name: string): ImportFile => ({ name, content: new Uint8Array(fs.readFileSync(`tests/fixtures/${name}`)) })

async function run(m: Membership, f: ImportFile, mapping?: string[]) {
	const { summary, batchId } = await runImport(m, f, { mapping })
	return { ...summary!, batchId }
}

function contactsOf(m: Membership) {
	return prisma.contact.findMany({
		where: { workspaceId: m.workspaceId },
		orderBy: { displayName: 'asc' },
		include: { emails: { orderBy: { isPrimary: 'desc' } }, phones: { orderBy: { isPrimary: 'desc' } }, tags: true, company: true, image: true },
	})
}

describe('preview', () => {
	it('classifies every row of a Google export without writing anything, with line numbers and reasons', async () => {
		const m = await member()
		const preview = await previewImport(m, file('google-contacts.csv'))
		expect(preview).toMatchObject({ format: 'CSV', source: 'google', total: 7, counts: { create: 6, update: 0, duplicate: 0, reject: 1 } })
		expect(preview.examples.reject.map((r) => `Line ${r.line}: ${r.detail}`)).toEqual(['Line 9: This row has no name and no email address'])
		// A bad value costs only itself: Bob keeps his name and number, Hedy everything but the birthday.
		expect(preview.warnings).toEqual([
			{ line: 8, message: 'the email address ‘bob@’ (home) is not a valid email address, so it was left out' },
			{ line: 10, message: 'no name, so “no.name” (from the email address) was used' },
			{ line: 11, message: 'the birthday ‘1990-02-30’ is not a real date (1990 has no 30 February), so it was left out' },
		])
		expect(await prisma.contact.count({ where: { workspaceId: m.workspaceId } })).toBe(0)
		expect(await prisma.importBatch.count({ where: { workspaceId: m.workspaceId } })).toBe(0)
	})

	it('uses the mapping the user chose', async () => {
		const m = await member()
		const f = { name: 'x.csv', content: 'Col A,Col B\nAda,ada@example.com\n' }
		await expect(previewImport(m, f)).rejects.toThrow(/recognise any column/)
		const mapped = await previewImport(m, f, ['firstName', 'email'])
		expect(mapped.mapping).toEqual(['firstName', 'email'])
		expect(mapped.counts.create).toBe(1)
		// Unknown keys from a tampered form are ignored.
		expect((await previewImport(m, f, ['firstName', 'password'])).mapping).toEqual(['firstName', ''])
	})

	it('keeps each contact with a bad value, leaving out only that value and saying so; refuses only a row with nothing to call it', async () => {
		const m = await member()
		const preview = await previewImport(m, file('malformed-rows.csv'))
		// Line 4 is blank and simply skipped.
		expect(preview.counts).toEqual({ create: 6, update: 0, duplicate: 0, reject: 1 })
		expect(preview.examples.reject.map((r) => `Line ${r.line}: ${r.detail}`)).toEqual(['Line 5: This row has no name and no email address'])
		expect(preview.warnings.map((w) => `Line ${w.line}: ${w.message}`)).toEqual([
			'Line 3: the email address ‘bob@’ is not a valid email address, so it was left out',
			'Line 6: the birthday ‘1990-02-30’ is not a real date (1990 has no 30 February), so it was left out',
			'Line 7: the phone number ‘call me maybe’ is not a phone number (use digits, spaces and + ( ) - only), so it was left out',
			'Line 8: the lead status ‘Hot’ is not one of New, Interested, Not interested or Converted, so it was left out',
		])
		const { batchId } = await runImport(m, file('malformed-rows.csv'))
		const stored = await contactsOf(m)
		expect(stored.map((c) => c.displayName)).toEqual(['Ada Lovelace', 'Bob Broken', 'Carol Calendar', 'Dan Digits', 'Eve Status', 'Fay, with a comma Quote'])
		const [, bob, carol, dan, eve] = stored
		expect(bob!.emails).toEqual([])
		expect(carol!.emails.map((e) => e.email)).toEqual(['carol@example.com'])
		expect([carol!.birthdayMonth, carol!.birthdayDay]).toEqual([null, null])
		expect(dan!.phones).toEqual([])
		expect(eve!.leadStatus).toBeNull()
		// The report says exactly what the preview said.
		const report = (await getImportBatch(m, batchId))!.report
		expect(report.warnings).toEqual(preview.warnings)
		expect(report.rejected!.map((r) => r.line)).toEqual([5])
	})

	it('refuses malformed files up front with a clear message', async () => {
		const m = await member()
		await expect(previewImport(m, file('malformed-binary.csv'))).rejects.toThrow(/isn’t a CSV or vCard file/)
		await expect(previewImport(m, file('malformed-no-header.csv'))).rejects.toThrow(/first row looks like a contact/)
		await expect(previewImport(m, file('malformed-unclosed-quote.csv'))).rejects.toThrow(/^Line 3: a quote/)
		await expect(previewImport(m, { name: 'empty.csv', content: new Uint8Array() })).rejects.toThrow(/empty/)
		await expect(previewImport(m, { name: 'book.xlsx', content: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]) })).rejects.toThrow(/save or download it as CSV/)
		await expect(previewImport(m, { name: 'notes.txt', content: 'Dear diary,\nToday nothing happened.\n' })).rejects.toThrow(ImportFileError)
		await expect(previewImport(m, { name: 'x.vcf', content: 'not a card' })).rejects.toThrow(/no contact cards/)
	})

	it('reads Windows-1252 and UTF-16 files', () => {
		expect(decodeImportFile(new Uint8Array([0x4a, 0xfc, 0x72, 0x67, 0x65, 0x6e]))).toBe('Jürgen')
		expect(decodeImportFile(new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x64, 0x00, 0x61, 0x00]))).toBe('Ada')
	})
})

describe('running an import', () => {
	it('imports a Google export with the right fields, as source IMPORT, searchable, with one activity entry', async () => {
		const m = await member()
		const result = await run(m, file('google-contacts.csv'))
		expect(result).toMatchObject({ status: 'COMPLETED', total: 7, counts: { create: 6, update: 0, duplicate: 0, reject: 1 } })
		const contacts = await contactsOf(m)
		expect(contacts.map((c) => c.displayName).sort()).toEqual(['Bob Typo', 'Hedy Lamarr', 'Margaret Hamilton', 'Radia Perlman', 'Tim Berners-Lee', 'no.name'])
		const margaret = contacts.find((c) => c.firstName === 'Margaret')!
		expect(margaret).toMatchObject({
			source: 'IMPORT',
			importBatchId: result.batchId,
			ownerId: m.userId,
			jobTitle: 'Director of Software Engineering',
			birthdayMonth: 8,
			birthdayDay: 17,
			birthdayYear: 1986,
			anniversaryMonth: 6,
			anniversaryDay: 1,
			anniversaryYear: 2010,
			addresses: [{ label: 'work', street: '75 Vassar St', city: 'Cambridge', region: 'MA', postalCode: '02139', country: 'US' }],
			whatsapp: '+14155550101',
			notes: 'Led the onboard flight software team.\nLoves a good code review.',
		})
		expect(margaret.company?.name).toBe('Apollo Software')
		expect(margaret.emails.map((e) => [e.email, e.label, e.isPrimary])).toEqual([
			['margaret@apollo-software.example', 'work', true],
			['maggie.h@home.example', 'home', false],
		])
		expect(margaret.phones.map((p) => [p.phone, p.label])).toEqual([
			['+14155550101', 'mobile'],
			['+16175550102', 'work'],
		])
		expect(margaret.tags.map((t) => t.name).sort()).toEqual(['Clients', 'VIP'])
		const tim = contacts.find((c) => c.firstName === 'Tim')!
		expect([tim.birthdayMonth, tim.birthdayDay, tim.birthdayYear]).toEqual([6, 8, null])
		expect(tim.emails.map((e) => e.email)).toEqual(['tim@web.example', 'timbl@other.example'])

		const batch = await prisma.importBatch.findUniqueOrThrow({ where: { id: result.batchId } })
		expect(batch).toMatchObject({ status: 'COMPLETED', totalRows: 7, processed: 7, created: 6, updated: 0, skipped: 0, rejected: 1, format: 'CSV' })
		const report = (await getImportBatch(m, result.batchId))!.report
		expect(report.rejected!.map((r) => r.line)).toEqual([9])
		expect(report.rejected![0]!.cells).toContain('Just A Company Ltd')
		expect(report.warnings!.map((w) => w.line)).toEqual([8, 10, 11])
		const activity = await prisma.activityLog.findMany({ where: { workspaceId: m.workspaceId, entityType: 'Import' } })
		expect(activity.map((a) => a.action)).toEqual(['imported'])

		const hits = await prisma.$queryRawUnsafe<Array<{ contactId: string }>>('SELECT contactId FROM ContactSearch WHERE ContactSearch MATCH ? AND workspaceId = ?', '"apollo"*', m.workspaceId)
		expect(hits.map((h) => h.contactId)).toEqual([margaret.id])
	})

	it('indexes imported contacts exactly as reindexContacts does', async () => {
		const m = await member()
		await run(m, file('outlook-contacts.csv'))
		const read = () => prisma.$queryRawUnsafe<Array<Record<string, string>>>('SELECT contactId, name, emails, phones, company, tags FROM ContactSearch WHERE workspaceId = ? ORDER BY contactId', m.workspaceId)
		const written = await read()
		expect(written).toHaveLength(3)
		await reindexContacts(m.workspaceId)
		const rebuilt = await read()
		const tokens = (rows: Array<Record<string, string>>) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v).split(' ').filter(Boolean).sort().join(' ')])))
		expect(tokens(written)).toEqual(tokens(rebuilt))
	})

	it('imports vCards: Apple 3.0 with photo and year-less birthday, 2.1 quoted-printable, 4.0', async () => {
		const m = await member()
		expect((await run(m, file('apple-contacts.vcf'))).counts).toEqual({ create: 3, update: 0, duplicate: 0, reject: 0 })
		expect((await run(m, file('android-2.1.vcf'))).counts.create).toBe(2)
		expect((await run(m, file('contacts-4.0.vcf'))).counts.create).toBe(1)
		const contacts = await contactsOf(m)
		const ada = contacts.find((c) => c.lastName === 'Lovelace')!
		expect(ada).toMatchObject({ firstName: 'Ada Augusta', birthdayMonth: 12, birthdayDay: 10, birthdayYear: 1985, anniversaryMonth: 7, anniversaryDay: 8, anniversaryYear: 2012, websites: [{ label: 'homepage', url: 'https://analytical.example' }] })
		expect(ada.image?.contentType).toBe('image/png')
		expect(ada.image!.blob.length).toBe(512)
		expect(ada.phones.map((p) => p.phone)).toEqual(['+447700900123', '+442079460018'])
		const grace = contacts.find((c) => c.lastName === 'Hopper')!
		expect([grace.birthdayMonth, grace.birthdayDay, grace.birthdayYear, grace.instagram]).toEqual([3, 14, null, 'grace.h'])
		expect(grace.tags.map((t) => t.name).sort()).toEqual(['Book club', 'Friends'])
		const juergen = contacts.find((c) => c.lastName === 'Müller')!
		expect(juergen).toMatchObject({ firstName: 'Jürgen', addresses: [expect.objectContaining({ street: 'Hauptstraße 5' })], birthdayYear: 1978 })
		expect(juergen.company?.name).toBe('Bäckerei Müller')
		expect(juergen.image?.contentType).toBe('image/png')
		const katherine = contacts.find((c) => c.lastName === 'Johnson')!
		expect(katherine).toMatchObject({ birthdayMonth: 8, birthdayDay: 26, birthdayYear: null, anniversaryYear: 1959, instagram: 'k.johnson' })
	})

	it('re-importing the same file creates no duplicates', async () => {
		const m = await member()
		await run(m, file('google-contacts.csv'))
		await run(m, file('apple-contacts.vcf'))
		const before = await prisma.contact.count({ where: { workspaceId: m.workspaceId } })
		const again = await run(m, file('google-contacts.csv'))
		expect(again.counts).toEqual({ create: 0, update: 0, duplicate: 6, reject: 1 })
		expect((await run(m, file('apple-contacts.vcf'))).counts).toEqual({ create: 0, update: 0, duplicate: 3, reject: 0 })
		expect(await prisma.contact.count({ where: { workspaceId: m.workspaceId } })).toBe(before)
		expect(await prisma.contactEmail.count({ where: { contact: { workspaceId: m.workspaceId } } })).toBe(11)
	})

	it('fills empty fields of a matching contact, adds new emails, phones and tags, and never overwrites', async () => {
		const m = await member()
		const input = contactFormSchema().parse({ firstName: 'Barbara', lastName: 'L.', jobTitle: 'Professor', emails: [{ email: 'barbara@substitution.example' }], tags: 'Mentors' })
		const { id } = await createContact(m, input, { defaultCountry: 'US' })
		const preview = await previewImport(m, file('outlook-contacts.csv'))
		expect(preview.counts).toEqual({ create: 2, update: 1, duplicate: 0, reject: 0 })
		expect(preview.examples.update[0]).toMatchObject({ line: 2, contactId: id })
		expect(preview.examples.update[0]!.detail).toMatch(/^Adds .*phone.* to Barbara L\.$/)
		const result = await run(m, file('outlook-contacts.csv'))
		expect(result.counts).toEqual(preview.counts)
		const barbara = (await contactsOf(m)).find((c) => c.id === id)!
		expect(barbara).toMatchObject({ lastName: 'L.', jobTitle: 'Professor', birthdayMonth: 11, birthdayDay: 7, birthdayYear: 1989, addresses: [expect.objectContaining({ city: 'Cambridge' })], source: 'MANUAL', importBatchId: null })
		expect(barbara.emails.map((e) => [e.email, e.isPrimary])).toEqual([
			['barbara@substitution.example', true],
			['b.liskov@home.example', false],
		])
		expect(barbara.phones.map((p) => p.phone).sort()).toEqual(['+16175550140', '+16175550141'])
		expect(barbara.tags.map((t) => t.name).sort()).toEqual(['Clients', 'Mentors', 'VIP'])
		// Existing companies are reused by name.
		expect(await prisma.company.count({ where: { workspaceId: m.workspaceId, name: 'Unix Works' } })).toBe(1)
	})

	it('merges rows of the same person within one file, across chunks, in preview and run alike', async () => {
		const m = await member()
		const rows = ['First Name,Last Name,Email,Phone,Tags']
		for (let i = 0; i < 2100; i++) rows.push(`P${i},Person,p${i}@example.com,,`)
		rows.push('P3,Person,p3@example.com,(415) 555-0111,Late')
		rows.push('P3,Person,P3@Example.com,,')
		const f = { name: 'big.csv', content: rows.join('\n') }
		const preview = await previewImport(m, f)
		expect(preview.counts).toEqual({ create: 2100, update: 1, duplicate: 1, reject: 0 })
		// A US number may be a mobile, so it also becomes the WhatsApp number, as in the form.
		expect(preview.examples.update[0]!.detail).toBe('Adds WhatsApp, phone, tags to the contact from line 5')
		expect(preview.examples.duplicate[0]!.detail).toBe('Same as line 5')
		const result = await run(m, f)
		expect(result.counts).toEqual(preview.counts)
		const p3 = await prisma.contact.findFirstOrThrow({ where: { workspaceId: m.workspaceId, firstName: 'P3' }, include: { phones: true, tags: true } })
		expect(p3.phones.map((p) => p.phone)).toEqual(['+14155550111'])
		expect(p3.tags.map((t) => t.name)).toEqual(['Late'])
		expect(await prisma.importBatch.findUniqueOrThrow({ where: { id: result.batchId }, select: { processed: true } })).toEqual({ processed: 2102 })
	})

	it('undo deletes exactly the contacts the import created, not the ones it added to', async () => {
		const m = await member()
		const mine = await createContact(m, contactFormSchema().parse({ firstName: 'Dennis', lastName: 'R', emails: [{ email: 'dmr@unix.example' }] }), { defaultCountry: 'US' })
		const untouched = await createContact(m, contactFormSchema().parse({ firstName: 'Someone', lastName: 'Else' }), { defaultCountry: 'US' })
		const first = await run(m, file('outlook-contacts.csv'))
		expect(first.counts).toMatchObject({ create: 2, update: 1 })
		const second = await run(m, file('linkedin-connections.csv'))
		expect(second.counts.create).toBe(3)

		const other = await member()
		expect(await undoImport(other, first.batchId)).toBeNull()

		expect(await undoImport(m, first.batchId)).toEqual({ ok: true, deleted: 2 })
		const names = (await contactsOf(m)).map((c) => c.displayName)
		expect(names).toEqual(['Alan Kay', 'Dennis R', 'Edsger Dijkstra', 'Someone Else', 'Sophie Wilson'])
		// The contact it added to keeps what it gained; the other import is untouched.
		expect((await prisma.contactPhone.findMany({ where: { contactId: mine.id } })).map((p) => p.phone)).toEqual(['+19085550151'])
		expect(await prisma.contact.count({ where: { id: untouched.id } })).toBe(1)
		// Companies and tags only the undone contacts used are gone too.
		expect(await prisma.company.findMany({ where: { workspaceId: m.workspaceId }, select: { name: true }, orderBy: { name: 'asc' } })).toEqual([
			{ name: 'ARM Chips' },
			{ name: 'Shortest Path BV' },
			{ name: 'Unix Works' },
		])
		expect(await prisma.tag.count({ where: { workspaceId: m.workspaceId } })).toBe(0)
		const batch = await prisma.importBatch.findUniqueOrThrow({ where: { id: first.batchId } })
		expect(batch.status).toBe('UNDONE')
		expect(await prisma.$queryRawUnsafe<unknown[]>('SELECT contactId FROM ContactSearch WHERE workspaceId = ? AND name MATCH ?', m.workspaceId, 'Liskov')).toEqual([])
		// Importing the file again after an undo creates them again.
		expect((await run(m, file('outlook-contacts.csv'))).counts).toMatchObject({ create: 2, update: 0, duplicate: 1 })
	})

	it('lets no one import into a workspace they only view, and keeps each workspace’s matches apart', async () => {
		const viewer = await member('VIEWER')
		await expect(previewImport(viewer, file('google-contacts.csv'))).rejects.toBeInstanceOf(Response)
		const a = await member()
		const b = await member()
		await run(a, file('google-contacts.csv'))
		expect((await previewImport(b, file('google-contacts.csv'))).counts.create).toBe(6)
	})
})

describe('staged uploads', () => {
	it('keeps the file behind a token only its workspace and user can use, until discarded', async () => {
		const m = await member()
		const other = await member()
		const token = await stageUpload(m, { name: 'google.csv', bytes: new Uint8Array([65, 66]) })
		expect(token).toMatch(/^[A-Za-z0-9_-]{24}$/)
		expect(await loadStaged(m, token)).toEqual({ name: 'google.csv', content: new Uint8Array([65, 66]) })
		expect(await loadStaged(other, token)).toBeNull()
		expect(await loadStaged(m, '../../etc/passwd')).toBeNull()
		await discardStaged(m, token)
		expect(await loadStaged(m, token)).toBeNull()
	})
})

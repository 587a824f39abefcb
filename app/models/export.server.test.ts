import { describe, expect, it } from 'vitest'
import { prisma } from '#app/utils/db.server.ts'
import { contactFormSchema } from '#app/validation/contact.ts'
import { createContact } from './contact.server.ts'
import { createCustomField, listCustomFields } from './custom-field.server.ts'
import { exportContacts, exportContactVcard } from './export.server.ts'
import { runImport } from './import/import.server.ts'
import { createUser } from './user.server.ts'
import type { Membership } from './workspace.server.ts'

async function member(): Promise<Membership> {
	const user = await createUser({ email: `exp-${Math.random().toString(36).slice(2)}@example.com`, name: 'Exporter' })
	const { workspaceId } = await prisma.membership.findFirstOrThrow({ where: { userId: user.id } })
	return { userId: user.id, workspaceId, role: 'OWNER', personal: true, hideOthersRecords: false }
}

const PNG = new Uint8Array(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC', 'base64'))

/** Contacts with every field, in a workspace with two custom fields. */
async function seed(m: Membership) {
	await createCustomField(m, { entity: 'CONTACT', label: 'Shoe size', type: 'NUMBER', options: [] })
	await createCustomField(m, { entity: 'CONTACT', label: 'Met on', type: 'DATE', options: [] })
	const defs = await listCustomFields(m.workspaceId, 'CONTACT')
	const schema = contactFormSchema(defs)
	const friends = await prisma.group.create({ data: { workspaceId: m.workspaceId, name: 'Friends', ownerId: m.userId } })
	const board = await prisma.group.create({ data: { workspaceId: m.workspaceId, name: 'Board', ownerId: m.userId } })
	const ada = await createContact(
		m,
		schema.parse({
			firstName: 'Ada',
			lastName: 'Lovelace',
			emails: [
				{ email: 'ada@engines.example', label: 'work' },
				{ email: 'ada@home.example', label: 'personal' },
				{ email: 'countess@example.org', label: 'other' },
			],
			phones: [
				{ phone: '+44 7700 900123', label: 'mobile' },
				{ phone: '(415) 555-0101', label: 'work' },
			],
			whatsapp: '+44 7700 900999',
			instagram: '@ada.l',
			linkedin: 'https://www.linkedin.com/in/ada-example',
			websites: [
				{ url: 'https://engines.example', label: 'work' },
				{ url: 'ada.blog.example/notes', label: 'blog' },
			],
			nickname: 'The Enchantress',
			companyName: 'Analytical Engines, Ltd',
			jobTitle: 'Chief Mathematician',
			isDecisionMaker: true,
			authorityLevel: 'PRIMARY',
			leadStatus: 'INTERESTED',
			tags: 'VIP, Mathematics',
			groupIds: [friends.id, board.id],
			addresses: [
				{ label: 'home', street: "12 St James's Square", city: 'London', region: 'Greater London', postalCode: 'SW1Y 4JH', country: 'United Kingdom' },
				{ label: 'work', street: 'Ockham Park, Flat 2', city: 'Ockham', postalCode: 'GU23 6NH', country: 'United Kingdom' },
				{ label: 'summer house', city: 'Brighton', country: 'United Kingdom' },
			],
			notes: 'Met at the soirée.\n=Formula-looking line, "quoted", and a comma',
			birthdayMonth: '12',
			birthdayDay: '10',
			anniversaryMonth: '7',
			anniversaryDay: '8',
			anniversaryYear: '2012',
			avatarUrl: 'https://pictures.example/ada.png',
			custom: { shoe_size: '38', met_on: '2024-05-01' },
		}),
		{ defaultCountry: 'US' },
	)
	const grace = await createContact(
		m,
		schema.parse({
			firstName: 'Grace',
			lastName: 'Hopper',
			emails: [{ email: 'grace@lab.example' }],
			phones: [{ phone: '(415) 555-0132', label: 'mobile' }],
			jobTitle: '=SUM(1,2)',
			birthdayMonth: '12',
			birthdayDay: '9',
			birthdayYear: '1986',
			leadStatus: 'NOT_INTERESTED',
			tags: 'Navy',
		}),
		{ defaultCountry: 'US' },
	)
	await prisma.contactImage.create({ data: { contactId: grace.id, contentType: 'image/png', blob: PNG } })
	await createContact(m, schema.parse({ lastName: 'Only-Last', notes: 'Ünïcödé ✓ and emoji 🎉' }), { defaultCountry: 'US' })
	return { ada, grace }
}

async function snapshot(m: Membership) {
	const contacts = await prisma.contact.findMany({
		where: { workspaceId: m.workspaceId, deletedAt: null },
		orderBy: { displayName: 'asc' },
		include: {
			emails: { orderBy: [{ isPrimary: 'desc' }, { id: 'asc' }] },
			phones: { orderBy: [{ isPrimary: 'desc' }, { id: 'asc' }] },
			tags: true,
			groups: true,
			company: true,
			image: true,
		},
	})
	return contacts.map((c) => ({
		firstName: c.firstName,
		lastName: c.lastName,
		displayName: c.displayName,
		emails: c.emails.map((e) => [e.email, e.label, e.isPrimary]),
		phones: c.phones.map((p) => [p.phone, p.label, p.isPrimary]),
		company: c.company?.name ?? null,
		jobTitle: c.jobTitle,
		birthday: [c.birthdayMonth, c.birthdayDay, c.birthdayYear],
		anniversary: [c.anniversaryMonth, c.anniversaryDay, c.anniversaryYear],
		tags: c.tags.map((t) => t.name).sort(),
		groups: c.groups.map((g) => g.name).sort(),
		nickname: c.nickname,
		addresses: c.addresses,
		notes: c.notes,
		whatsapp: c.whatsapp,
		instagram: c.instagram,
		linkedin: c.linkedin,
		websites: c.websites,
		leadStatus: c.leadStatus,
		decision: [c.isDecisionMaker, c.authorityLevel],
		avatarUrl: c.avatarUrl,
		photo: c.image ? [c.image.contentType, Buffer.from(c.image.blob).toString('base64')] : null,
		customFields: c.customFields,
	}))
}

async function download(m: Membership, format: 'csv' | 'vcf', selection: Parameters<typeof exportContacts>[1] = { query: {} }) {
	const { body, filename, contentType } = await exportContacts(m, selection, format)
	return { text: await new Response(body).text(), filename, contentType }
}

describe('export', () => {
	it('CSV → import into a fresh workspace keeps every field CSV carries', async () => {
		const source = await member()
		await seed(source)
		const { text, filename, contentType } = await download(source, 'csv')
		expect(filename).toMatch(/^rapport-contacts-\d{4}-\d{2}-\d{2}\.csv$/)
		expect(contentType).toBe('text/csv; charset=utf-8')
		const [header] = text.replace(/^\uFEFF/, '').split('\r\n')
		expect(header).toBe(
			'First name,Last name,Nickname,Email 1,Email 1 label,Email 2,Email 2 label,Email 3,Email 3 label,Phone 1,Phone 1 label,Phone 2,Phone 2 label,Company,Job title,Birthday,Anniversary,Tags,Groups,Address 1 label,Address 1 street,Address 1 city,Address 1 region,Address 1 postal code,Address 1 country,Address 2 label,Address 2 street,Address 2 city,Address 2 region,Address 2 postal code,Address 2 country,Address 3 label,Address 3 street,Address 3 city,Address 3 region,Address 3 postal code,Address 3 country,Notes,WhatsApp,Instagram,LinkedIn,Website 1,Website 1 label,Website 2,Website 2 label,Lead status,Decision maker,Authority level,Picture URL,Shoe size,Met on',
		)
		expect(text).toContain(',--12-10,2012-07-08,')
		// A value that could run as a spreadsheet formula is guarded; phone numbers are left alone.
		expect(text).toContain('"Met at the soirée.\n=Formula-looking line, ""quoted"", and a comma"')
		expect(text).toContain(',+447700900123,mobile,')
		expect(text).toContain(`,"'=SUM(1,2)",`)

		const target = await member()
		await createCustomField(target, { entity: 'CONTACT', label: 'Shoe size', type: 'NUMBER', options: [] })
		await createCustomField(target, { entity: 'CONTACT', label: 'Met on', type: 'DATE', options: [] })
		const { summary } = await runImport(target, { name: filename, content: text })
		expect(summary!.counts).toEqual({ create: 3, update: 0, duplicate: 0, reject: 0 })
		const expected = (await snapshot(source)).map((c) => ({ ...c, photo: null }))
		expect(await snapshot(target)).toEqual(expected)
	})

	it('vCard 4.0 → import into a fresh workspace keeps every field vCard carries, the photo included', async () => {
		const source = await member()
		await seed(source)
		const { text, contentType } = await download(source, 'vcf')
		expect(contentType).toBe('text/vcard; charset=utf-8')
		expect(text.match(/BEGIN:VCARD/g)).toHaveLength(3)
		expect(text).toContain('BDAY:--1210\r\n')
		expect(text).toContain('CATEGORIES:Mathematics,VIP\r\n')
		expect(text).toContain('PHOTO:data:image/png;base64,iVBOR')

		const target = await member()
		const { summary } = await runImport(target, { name: 'contacts.vcf', content: text })
		expect(summary!.counts).toEqual({ create: 3, update: 0, duplicate: 0, reject: 0 })
		// vCard has no place for groups, lead status, decision-makers or custom fields.
		const carried = (rows: Awaited<ReturnType<typeof snapshot>>) => rows.map(({ groups, leadStatus, decision, customFields, ...rest }) => rest)
		expect(carried(await snapshot(target))).toEqual(carried(await snapshot(source)))
	})

	it('exports the current filter, or the ids picked, and nothing of another workspace', async () => {
		const m = await member()
		const { ada, grace } = await seed(m)
		const vip = await prisma.tag.findFirstOrThrow({ where: { workspaceId: m.workspaceId, name: 'VIP' } })
		const byTag = await download(m, 'csv', { query: { tag: vip.id } })
		expect(byTag.text.trim().split('\r\n')).toHaveLength(2)
		expect(byTag.text).toContain('Lovelace')
		const byStatus = await download(m, 'csv', { query: { status: 'NOT_INTERESTED' } })
		expect(byStatus.text).toContain('Hopper')
		expect(byStatus.text).not.toContain('Lovelace')
		const bySearch = await download(m, 'vcf', { query: { q: 'hopp' } })
		expect(bySearch.text.match(/BEGIN:VCARD/g)).toHaveLength(1)

		const other = await member()
		const theirs = await download(other, 'csv', { ids: [ada.id, grace.id] })
		expect(theirs.text.trim().split('\r\n')).toHaveLength(1)
		const picked = await download(m, 'csv', { ids: [grace.id] })
		expect(picked.text).toContain('Hopper')
		expect(picked.text).not.toContain('Lovelace')
	})

	it('downloads one contact as a .vcf, and nothing for another workspace', async () => {
		const m = await member()
		const { ada } = await seed(m)
		const file = await exportContactVcard(m, ada.id)
		expect(file!.filename).toBe('Ada-Lovelace.vcf')
		expect(file!.body).toContain('FN:Ada Lovelace\r\n')
		expect(await exportContactVcard(await member(), ada.id)).toBeNull()
	})
})

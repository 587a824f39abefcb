import { describe, expect, it } from 'vitest'
import { prisma } from '#app/utils/db.server.ts'
import { contactFormSchema, type ContactInput } from '#app/validation/contact.ts'
import { reindexContacts } from './contact-search.server.ts'
import { createContact, getContact, listRecentlyDeleted, restoreContact, softDeleteContacts, updateContact } from './contact.server.ts'
import { listContacts } from './contact-list.server.ts'
import { createUser } from './user.server.ts'
import type { Membership } from './workspace.server.ts'

async function member(): Promise<Membership> {
	const user = await createUser({ email: `c-${Math.random().toString(36).slice(2)}@example.com`, name: 'Owner' })
	const { workspaceId } = await prisma.membership.findFirstOrThrow({ where: { userId: user.id } })
	return { userId: user.id, workspaceId, role: 'OWNER', personal: true, hideOthersRecords: false }
}

function input(values: Record<string, unknown>): ContactInput {
	const parsed = contactFormSchema().safeParse(values)
	if (!parsed.success) throw new Error(JSON.stringify(parsed.error.flatten()))
	return parsed.data
}

const ada = {
	firstName: 'Ada',
	lastName: 'Lovelace',
	emails: [{ email: 'Ada@Example.com', label: 'work' }, { email: 'ada@home.example' }],
	phones: [{ phone: '(415) 555-2671', label: 'mobile' }, { phone: '020 7946 0018', label: 'home' }],
	companyName: 'Analytical Engines',
	tags: 'VIP, Mathematics',
	birthdayMonth: '12',
	birthdayDay: '10',
	instagram: 'https://instagram.com/ada.l/',
	leadStatus: 'INTERESTED',
}

describe('contacts', () => {
	it('creates a contact with normalised details, a new company and inline tags', async () => {
		const m = await member()
		const { id } = await createContact(m, input(ada), { defaultCountry: 'US' })
		const c = (await getContact(m, id))!
		expect(c.displayName).toBe('Ada Lovelace')
		expect(c.emails.map((e) => e.email)).toEqual(['ada@example.com', 'ada@home.example'])
		expect(c.phones.map((p) => p.phone)).toEqual(['+14155552671', '020 7946 0018'])
		expect(c.whatsapp).toBe('+14155552671')
		expect(c.instagram).toBe('ada.l')
		expect(c.company?.name).toBe('Analytical Engines')
		expect(c.tags.map((t) => t.name)).toEqual(['Mathematics', 'VIP'])
		expect([c.birthdayMonth, c.birthdayDay, c.birthdayYear]).toEqual([12, 10, null])
		const log = await prisma.activityLog.findMany({ where: { entityId: id } })
		expect(log.map((l) => l.action)).toEqual(['created'])
	})

	it('refuses a contact without a name and an impossible birthday', () => {
		const result = contactFormSchema().safeParse({ birthdayMonth: '2', birthdayDay: '30' })
		expect(result.success).toBe(false)
		const errors = result.error!.flatten().fieldErrors as Record<string, string[]>
		expect(errors.firstName).toEqual(['Enter a first or last name'])
		expect(errors.birthdayDay).toEqual(['That date does not exist'])
	})

	it('finds contacts by partial name, phone digits, email, company and tag', async () => {
		const m = await member()
		const { id } = await createContact(m, input(ada), { defaultCountry: 'US' })
		await createContact(m, input({ firstName: 'Charles', lastName: 'Babbage' }), { defaultCountry: 'US' })
		for (const q of ['lov', 'Ada Lo', '5552671', '2671', 'ada@example', 'analyt', 'vip']) {
			const { rows } = await listContacts(m, { q })
			expect(rows.map((r) => r.id), q).toEqual([id])
		}
		expect((await listContacts(m, { q: '"; DROP TABLE Contact; --' })).rows).toEqual([])
	})

	it('searches that match more than a thousand contacts still filter, sort and page', async () => {
		const m = await member()
		await prisma.contact.createMany({
			data: Array.from({ length: 1200 }, (_, i) => ({ workspaceId: m.workspaceId, firstName: 'Zed', lastName: `Person${String(i).padStart(4, '0')}`, displayName: `Zed Person${String(i).padStart(4, '0')}`, leadStatus: i % 2 ? 'NEW' : null })),
		})
		await reindexContacts(m.workspaceId)
		const all = await listContacts(m, { q: 'zed', pageSize: 100, page: 3 })
		expect(all.total).toBe(1200)
		expect(all.rows).toHaveLength(100)
		const sorted = await listContacts(m, { q: 'zed', status: 'NEW', sort: 'name', dir: 'desc' })
		expect(sorted.total).toBe(600)
		expect(sorted.rows[0]!.displayName).toBe('Zed Person1199')
	})

	it('a large tag (counted from its links, or along the status index with a status) counts, filters and pages right; deleted contacts and other workspaces stay out', async () => {
		const m = await member()
		const other = await member()
		const tag = await prisma.tag.create({ data: { workspaceId: m.workspaceId, name: 'Big' } })
		// Over 5,000 contacts: the count and page come from the Contact indexes, not the link table.
		const rows = Array.from({ length: 5400 }, (_, i) => ({
			id: `big${String(i).padStart(5, '0')}`,
			workspaceId: i < 5300 ? m.workspaceId : other.workspaceId,
			displayName: `Big ${String(i).padStart(5, '0')}`,
			leadStatus: i % 4 === 0 ? ('INTERESTED' as const) : null,
			deletedAt: i % 100 === 1 ? new Date() : null,
		}))
		await prisma.contact.createMany({ data: rows })
		await prisma.$executeRawUnsafe(`INSERT INTO _ContactToTag (A, B) SELECT id, ? FROM Contact WHERE id LIKE 'big%'`, tag.id)
		const live = rows.filter((r) => r.workspaceId === m.workspaceId && !r.deletedAt)
		const tagged = await listContacts(m, { tag: tag.id, pageSize: 100, page: 2 })
		expect(tagged.total).toBe(live.length)
		expect(tagged.rows.map((r) => r.displayName)).toEqual(live.slice(100, 200).map((r) => r.displayName))
		const interested = await listContacts(m, { tag: tag.id, status: 'INTERESTED', sort: 'name', dir: 'desc' })
		const expected = live.filter((r) => r.leadStatus === 'INTERESTED')
		expect(interested.total).toBe(expected.length)
		expect(interested.rows[0]!.displayName).toBe(expected.at(-1)!.displayName)
	})

	it('logs the change of status with before and after', async () => {
		const m = await member()
		const { id } = await createContact(m, input(ada), { defaultCountry: 'US' })
		await updateContact(m, id, input({ ...ada, leadStatus: 'CONVERTED' }), { defaultCountry: 'US' })
		const last = await prisma.activityLog.findFirstOrThrow({ where: { entityId: id }, orderBy: { createdAt: 'desc' } })
		expect(last.action).toBe('status_changed')
		expect(last.diff).toEqual({ leadStatus: ['INTERESTED', 'CONVERTED'] })
	})

	it('filters, sorts and paginates with a total', async () => {
		const m = await member()
		for (let i = 0; i < 30; i++) {
			await createContact(m, input({ firstName: `Person${String(i).padStart(2, '0')}`, leadStatus: i % 3 === 0 ? 'NEW' : undefined }), { defaultCountry: 'US' })
		}
		const page2 = await listContacts(m, { page: 2, pageSize: 25 })
		expect(page2.total).toBe(30)
		expect(page2.rows).toHaveLength(5)
		expect(page2.rows[0]!.displayName).toBe('Person25')
		const news = await listContacts(m, { status: 'NEW', sort: 'name', dir: 'desc' })
		expect(news.total).toBe(10)
		expect(news.rows[0]!.displayName).toBe('Person27')
	})

	it('soft-deletes, lists as recently deleted, restores; another workspace sees nothing', async () => {
		const m = await member()
		const other = await member()
		const { id } = await createContact(m, input(ada), { defaultCountry: 'US' })
		expect(await getContact(other, id)).toBeNull()
		expect(await softDeleteContacts(other, [id])).toBe(0)
		expect(await softDeleteContacts(m, [id])).toBe(1)
		expect(await getContact(m, id)).toBeNull()
		expect((await listContacts(m, {})).total).toBe(0)
		expect((await listRecentlyDeleted(m)).map((c) => c.id)).toEqual([id])
		expect(await restoreContact(other, id)).toBe(false)
		expect(await restoreContact(m, id)).toBe(true)
		expect((await listContacts(m, { q: 'ada' })).total).toBe(1)
	})

	it('removes contacts deleted more than 30 days ago for good', async () => {
		const m = await member()
		const { id } = await createContact(m, input(ada), { defaultCountry: 'US' })
		await softDeleteContacts(m, [id])
		await prisma.contact.update({ where: { id }, data: { deletedAt: new Date(Date.now() - 31 * 86_400_000) } })
		expect(await listRecentlyDeleted(m)).toEqual([])
		expect(await prisma.contact.count({ where: { id } })).toBe(0)
	})
})

describe('sorting by company', () => {
	it('follows company renames, moves and deletions (the copy kept by triggers)', async () => {
		const m = await member()
		const a = await createContact(m, input({ firstName: 'Anna', companyName: 'Zeta Corp' }), { defaultCountry: 'US' })
		await createContact(m, input({ firstName: 'Bob', companyName: 'Alpha Ltd' }), { defaultCountry: 'US' })
		const c = await createContact(m, input({ firstName: 'Cleo' }), { defaultCountry: 'US' })
		const order = async (dir: 'asc' | 'desc') => (await listContacts(m, { sort: 'company', dir })).rows.map((r) => r.displayName)
		// No company sorts first ascending, as SQLite orders NULLs.
		expect(await order('asc')).toEqual(['Cleo', 'Bob', 'Anna'])

		const zeta = (await prisma.contact.findUniqueOrThrow({ where: { id: a.id } })).companyId!
		await prisma.company.update({ where: { id: zeta }, data: { name: 'Aardvark Inc' } })
		expect(await order('asc')).toEqual(['Cleo', 'Anna', 'Bob'])

		await updateContact(m, c.id, input({ firstName: 'Cleo', companyName: 'Beta' }), { defaultCountry: 'US' })
		expect(await order('desc')).toEqual(['Cleo', 'Bob', 'Anna'])

		await prisma.company.delete({ where: { id: zeta } })
		expect(await prisma.contact.findUniqueOrThrow({ where: { id: a.id }, select: { companyId: true, companyName: true } })).toEqual({ companyId: null, companyName: null })
		expect(await order('asc')).toEqual(['Anna', 'Bob', 'Cleo'])
	})
})

describe('filtering by a tag', () => {
	it('lists a tag’s contacts by name, and another workspace’s tag shows nothing', async () => {
		const m = await member()
		const other = await member()
		for (const firstName of ['Zoe', 'Adam', 'Mia']) await createContact(m, input({ firstName, tags: 'Golf' }), { defaultCountry: 'US' })
		await createContact(m, input({ firstName: 'Noah', tags: 'Chess' }), { defaultCountry: 'US' })
		await createContact(other, input({ firstName: 'Eve', tags: 'Golf' }), { defaultCountry: 'US' })
		const golf = await prisma.tag.findFirstOrThrow({ where: { workspaceId: m.workspaceId, name: 'Golf' } })
		const theirs = await prisma.tag.findFirstOrThrow({ where: { workspaceId: other.workspaceId, name: 'Golf' } })

		const list = await listContacts(m, { tag: golf.id })
		expect(list.rows.map((r) => r.displayName)).toEqual(['Adam', 'Mia', 'Zoe'])
		expect(list.total).toBe(3)
		expect((await listContacts(m, { tag: golf.id, sort: 'name', dir: 'desc', pageSize: 25 })).rows.map((r) => r.displayName)).toEqual(['Zoe', 'Mia', 'Adam'])
		expect((await listContacts(m, { tag: theirs.id })).rows).toEqual([])
		expect((await listContacts(other, { tag: golf.id })).total).toBe(0)
	})
})

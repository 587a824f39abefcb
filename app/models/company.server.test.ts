import { describe, expect, it } from 'vitest'
import { prisma } from '#app/utils/db.server.ts'
import { companyFormSchema, parseCompanyListQuery, type CompanyInput } from '#app/validation/company.ts'
import type { CustomFieldDef } from '#app/validation/contact.ts'
import { listActivity } from './activity.server.ts'
import {
	createCompany,
	getCompany,
	listCompanies,
	listCompanyContacts,
	listCompanyFilterOptions,
	restoreCompany,
	setPrimaryContact,
	softDeleteCompany,
	updateCompany,
} from './company.server.ts'
import { searchContactIds } from './contact-search.server.ts'
import { createContact } from './contact.server.ts'
import { contactFormSchema } from '#app/validation/contact.ts'
import { createUser } from './user.server.ts'
import type { Membership } from './workspace.server.ts'

async function member(role: Membership['role'] = 'OWNER'): Promise<Membership> {
	const user = await createUser({ email: `co-${Math.random().toString(36).slice(2)}@example.com`, name: 'Owner' })
	const { workspaceId } = await prisma.membership.findFirstOrThrow({ where: { userId: user.id } })
	return { userId: user.id, workspaceId, role, personal: true, hideOthersRecords: false }
}

/** Another person in the same workspace. */
async function colleague(of: Membership, role: Membership['role'], hideOthersRecords = false): Promise<Membership> {
	const user = await createUser({ email: `col-${Math.random().toString(36).slice(2)}@example.com`, name: `A ${role}` })
	await prisma.membership.create({ data: { userId: user.id, workspaceId: of.workspaceId, role } })
	return { userId: user.id, workspaceId: of.workspaceId, role, personal: false, hideOthersRecords }
}

function input(values: Record<string, unknown>, defs: CustomFieldDef[] = []): CompanyInput {
	const parsed = companyFormSchema(defs).safeParse(values)
	if (!parsed.success) throw new Error(JSON.stringify(parsed.error.flatten()))
	return parsed.data
}

const opts = { defaultCountry: 'US', customFields: [] as CustomFieldDef[] }

async function addContact(m: Membership, companyId: string, firstName: string, extra: Record<string, unknown> = {}) {
	const parsed = contactFormSchema().parse({ firstName, ...extra })
	return createContact(m, { ...parsed, companyId }, { defaultCountry: 'US' })
}

describe('company form', () => {
	it('derives the domain from the website and normalises phone and email', async () => {
		const m = await member()
		const { id } = await createCompany(
			m,
			input({ name: ' Acme Ltd ', website: 'WWW.Acme.co.uk/about', phone: '020 7946 0018', email: 'Hello@Acme.CO.UK', tags: 'Partner, partner, VIP', sizeBand: '11-50' }),
			{ ...opts, defaultCountry: 'GB' },
		)
		const c = (await getCompany(m, id))!
		expect(c.name).toBe('Acme Ltd')
		expect(c.website).toBe('https://WWW.Acme.co.uk/about')
		expect(c.domain).toBe('acme.co.uk')
		expect(c.phone).toBe('+442079460018')
		expect(c.email).toBe('hello@acme.co.uk')
		expect(c.tags.map((t) => t.name)).toEqual(['Partner', 'VIP'])
		expect(c.sizeBand).toBe('11-50')
		expect((await listActivity(m.workspaceId, 'Company', id)).map((a) => a.action)).toEqual(['created'])
	})

	it('refuses a company without a name, a website that is not one, and an unknown size', () => {
		const result = companyFormSchema().safeParse({ name: '  ', website: 'not a website', sizeBand: '7', email: 'nope' })
		expect(result.success).toBe(false)
		const errors = result.error!.flatten().fieldErrors as Record<string, string[]>
		expect(errors.name).toEqual(['Enter the company’s name'])
		expect(errors.website).toEqual(['Enter a website, like example.com'])
		expect(errors.sizeBand).toEqual(['Choose a size'])
		expect(errors.email?.[0]).toMatch(/valid email/)
	})

	it('validates custom fields like the contact form and keeps hidden values on edit', async () => {
		const m = await member()
		const defs: CustomFieldDef[] = [
			{ key: 'tier', label: 'Tier', type: 'SELECT', options: ['Gold', 'Silver'] },
			{ key: 'seats', label: 'Seats', type: 'NUMBER', options: [] },
			{ key: 'renewal', label: 'Renewal', type: 'DATE', options: [] },
		]
		const bad = companyFormSchema(defs).safeParse({ name: 'X', custom: { tier: 'Bronze', seats: 'many', renewal: 'soon' } })
		expect(bad.success).toBe(false)
		const flat = bad.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
		expect(flat).toEqual(['custom.tier: Choose one of the options', 'custom.seats: Enter a number', 'custom.renewal: Enter a date'])

		const { id } = await createCompany(m, input({ name: 'Initech', custom: { tier: 'Gold', seats: '12', renewal: '2027-01-31' } }, defs), { ...opts, customFields: defs })
		expect((await getCompany(m, id))!.customFields).toEqual({ tier: 'Gold', seats: 12, renewal: '2027-01-31' })
		// "seats" was deleted from the workspace's definitions: its value stays, hidden.
		const fewer = defs.filter((d) => d.key !== 'seats')
		await updateCompany(m, id, input({ name: 'Initech', custom: { tier: 'Silver' } }, fewer), { ...opts, customFields: fewer })
		expect((await getCompany(m, id))!.customFields).toEqual({ tier: 'Silver', seats: 12 })
	})
})

describe('editing and permissions', () => {
	it('logs what changed and reindexes the contacts when the company is renamed', async () => {
		const m = await member()
		const { id } = await createCompany(m, input({ name: 'Globex', industry: 'Energy' }), opts)
		const ada = await addContact(m, id, 'Ada')
		expect(await searchContactIds(m.workspaceId, 'globex')).toEqual([ada.id])
		await updateCompany(m, id, input({ name: 'Hooli', industry: 'Software' }), opts)
		expect(await searchContactIds(m.workspaceId, 'hooli')).toEqual([ada.id])
		expect(await searchContactIds(m.workspaceId, 'globex')).toEqual([])
		const [last] = await listActivity(m.workspaceId, 'Company', id)
		expect(last!.action).toBe('updated')
		expect(last!.diff).toEqual({ name: ['Globex', 'Hooli'], industry: ['Energy', 'Software'] })
	})

	it('answers another workspace’s company ids as not found', async () => {
		const owner = await member()
		const stranger = await member()
		const { id } = await createCompany(owner, input({ name: 'Private Co' }), opts)
		expect(await getCompany(stranger, id)).toBeNull()
		await expect(updateCompany(stranger, id, input({ name: 'Mine now' }), opts)).rejects.toMatchObject({ status: 404 })
		await expect(softDeleteCompany(stranger, id)).rejects.toMatchObject({ status: 404 })
		await expect(setPrimaryContact(stranger, id, null)).rejects.toMatchObject({ status: 404 })
		await expect(restoreCompany(stranger, id)).rejects.toMatchObject({ status: 404 })
		expect((await listCompanies(stranger, {})).total).toBe(0)
		expect((await getCompany(owner, id))!.name).toBe('Private Co')
	})

	it('lets a viewer read but not change; a rep edits only what they own', async () => {
		const owner = await member()
		const { id } = await createCompany(owner, input({ name: 'Shared Co' }), opts)
		const viewer = await colleague(owner, 'VIEWER')
		const rep = await colleague(owner, 'REP')
		expect((await getCompany(viewer, id))!.canEdit).toBe(false)
		await expect(updateCompany(viewer, id, input({ name: 'Nope' }), opts)).rejects.toMatchObject({ status: 403 })
		await expect(createCompany(viewer, input({ name: 'Nope' }), opts)).rejects.toMatchObject({ status: 403 })
		await expect(softDeleteCompany(rep, id)).rejects.toMatchObject({ status: 403 })
		const own = await createCompany(rep, input({ name: 'Rep Co' }), opts)
		await updateCompany(rep, own.id, input({ name: 'Rep Co 2' }), opts)
		expect((await getCompany(owner, own.id))!.name).toBe('Rep Co 2')
		// With "hide others' records", a rep sees only their own companies.
		const narrow = { ...rep, hideOthersRecords: true }
		expect(await getCompany(narrow, id)).toBeNull()
		expect((await listCompanies(narrow, {})).rows.map((r) => r.name)).toEqual(['Rep Co 2'])
	})

	it('sets the primary contact only among the company’s own contacts', async () => {
		const m = await member()
		const { id } = await createCompany(m, input({ name: 'Umbrella' }), opts)
		const other = await createCompany(m, input({ name: 'Other' }), opts)
		const boss = await addContact(m, id, 'Boss', { isDecisionMaker: true, authorityLevel: 'PRIMARY' })
		await addContact(m, id, 'Aaron')
		const outsider = await addContact(m, other.id, 'Outsider')
		expect(await setPrimaryContact(m, id, outsider.id)).toBe(false)
		expect(await setPrimaryContact(m, id, boss.id)).toBe(true)
		expect((await getCompany(m, id))!.primaryContact).toEqual({ id: boss.id, displayName: 'Boss' })
		// Decision-makers first.
		expect((await listCompanyContacts(m, id)).map((c) => [c.displayName, c.isDecisionMaker, c.authorityLevel])).toEqual([
			['Boss', true, 'PRIMARY'],
			['Aaron', false, null],
		])
		expect(await setPrimaryContact(m, id, null)).toBe(true)
		expect((await getCompany(m, id))!.primaryContact).toBeNull()
	})

	it('soft deletes and restores', async () => {
		const m = await member()
		const { id } = await createCompany(m, input({ name: 'Gone Soon' }), opts)
		await softDeleteCompany(m, id)
		expect(await getCompany(m, id)).toBeNull()
		expect((await listCompanies(m, {})).total).toBe(0)
		expect((await prisma.company.findUniqueOrThrow({ where: { id } })).deletedAt).not.toBeNull()
		await restoreCompany(m, id)
		expect((await getCompany(m, id))!.name).toBe('Gone Soon')
		expect((await listActivity(m.workspaceId, 'Company', id)).map((a) => a.action)).toEqual(['restored', 'deleted', 'created'])
	})
})

describe('the list', () => {
	it('searches by name and domain, filters by industry, size, tag and status', async () => {
		const m = await member()
		await createCompany(m, input({ name: 'Acme Rockets', website: 'acme-rockets.com', industry: 'Aerospace', sizeBand: '51-200', tags: 'Hot lead', leadStatus: 'INTERESTED' }), opts)
		await createCompany(m, input({ name: 'Bluth Company', website: 'bluth.example', industry: 'Real Estate', sizeBand: '11-50' }), opts)
		await createCompany(m, input({ name: 'Cyberdyne', website: 'https://www.cyberdyne.io', industry: 'Aerospace', sizeBand: '1000+', tags: 'hot lead, AI' }), opts)
		const names = async (q: Record<string, string>) => (await listCompanies(m, parseCompanyListQuery(new URLSearchParams(q)))).rows.map((r) => r.name)
		expect(await names({ q: 'bluth' })).toEqual(['Bluth Company'])
		expect(await names({ q: 'cyberdyne.io' })).toEqual(['Cyberdyne'])
		expect(await names({ q: 'https://cyberdyne.io/about' })).toEqual(['Cyberdyne'])
		expect(await names({ q: 'rock' })).toEqual(['Acme Rockets'])
		expect(await names({ industry: 'Aerospace' })).toEqual(['Acme Rockets', 'Cyberdyne'])
		expect(await names({ size: '1000+' })).toEqual(['Cyberdyne'])
		const { tags, industries } = await listCompanyFilterOptions(m)
		expect(industries).toEqual(['Aerospace', 'Real Estate'])
		expect(await names({ tag: tags.find((t) => t.name === 'Hot lead')!.id })).toEqual(['Acme Rockets', 'Cyberdyne'])
		expect(await names({ status: 'INTERESTED' })).toEqual(['Acme Rockets'])
		expect(await names({ status: 'none', industry: 'Aerospace' })).toEqual(['Cyberdyne'])
		// Malformed parameters are ignored rather than failing the page.
		expect(await names({ size: 'huge', sort: 'nonsense', page: '-3' })).toHaveLength(3)
	})

	it('sorts by name, industry, size band, contacts (not counting deleted ones) and date', async () => {
		const m = await member()
		const make = (name: string, industry: string | null, sizeBand: string | null) => createCompany(m, input({ name, industry: industry ?? undefined, sizeBand: sizeBand ?? undefined }), opts)
		const a = await make('Alpha', 'Zoos', '201-1000')
		const b = await make('Bravo', 'Apps', '1-10')
		const c = await make('Charlie', null, '1000+')
		const d = await make('Delta', 'Mining', null)
		await addContact(m, b.id, 'B1')
		await addContact(m, b.id, 'B2')
		await addContact(m, c.id, 'C1')
		const gone = await addContact(m, d.id, 'D1')
		await addContact(m, d.id, 'D2')
		await addContact(m, d.id, 'D3')
		await prisma.contact.update({ where: { id: gone.id }, data: { deletedAt: new Date() } })
		const order = async (sort: string, dir?: string) => (await listCompanies(m, parseCompanyListQuery(new URLSearchParams({ sort, ...(dir ? { dir } : {}) })))).rows.map((r) => r.name)
		expect(await order('name')).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta'])
		expect(await order('name', 'desc')).toEqual(['Delta', 'Charlie', 'Bravo', 'Alpha'])
		expect(await order('industry')).toEqual(['Bravo', 'Delta', 'Alpha', 'Charlie'])
		// Bands in their real order, not alphabetical; unknown size last either way.
		expect(await order('size')).toEqual(['Bravo', 'Alpha', 'Charlie', 'Delta'])
		expect(await order('size', 'desc')).toEqual(['Charlie', 'Alpha', 'Bravo', 'Delta'])
		// Most contacts first by default; Delta has 2 live contacts, ties by name.
		expect(await order('contacts')).toEqual(['Bravo', 'Delta', 'Charlie', 'Alpha'])
		const counts = (await listCompanies(m, { sort: 'contacts' })).rows.map((r) => r.contacts)
		expect(counts).toEqual([2, 2, 1, 0])
		for (const [i, row] of [a, b, c, d].entries()) await prisma.company.update({ where: { id: row.id }, data: { createdAt: new Date(Date.UTC(2020, 0, 1 + i)) } })
		expect(await order('created')).toEqual(['Delta', 'Charlie', 'Bravo', 'Alpha'])
	})

	it('paginates with a total, clamping pages out of range', async () => {
		const m = await member()
		for (let i = 0; i < 30; i++) await prisma.company.create({ data: { workspaceId: m.workspaceId, name: `Company ${String(i).padStart(2, '0')}`, sizeBand: i % 2 ? '1-10' : '11-50' } })
		const first = await listCompanies(m, {})
		expect([first.total, first.pages, first.page, first.rows.length, first.rows[0]!.name]).toEqual([30, 2, 1, 25, 'Company 00'])
		const second = await listCompanies(m, { page: 2 })
		expect(second.rows.map((r) => r.name)).toEqual(['Company 25', 'Company 26', 'Company 27', 'Company 28', 'Company 29'])
		expect((await listCompanies(m, { page: 99 })).page).toBe(2)
		const bySize = await listCompanies(m, { sort: 'size', page: 2, pageSize: 25 })
		expect([bySize.total, bySize.rows.length, bySize.rows.every((r) => r.sizeBand === '11-50')]).toEqual([30, 5, true])
		expect((await listCompanies(m, { pageSize: 50 })).rows).toHaveLength(30)
	})
})

import { describe, expect, it } from 'vitest'
import { prisma } from '#app/utils/db.server.ts'
import { companyFormSchema } from '#app/validation/company.ts'
import { contactFormSchema } from '#app/validation/contact.ts'
import { describeActivity, listWorkspaceActivity } from './activity.server.ts'
import { createCompany } from './company.server.ts'
import { createContact, updateContact } from './contact.server.ts'
import { parseLeadsQuery } from '#app/validation/lead.ts'
import { leadsOverview, setLeadStatus } from './lead.server.ts'
import { createOwnTemplate } from './template.server.ts'
import { createUser } from './user.server.ts'
import type { Membership } from './workspace.server.ts'

async function member(name = 'Owner'): Promise<Membership> {
	const user = await createUser({ email: `l-${Math.random().toString(36).slice(2)}@example.com`, name })
	const { workspaceId } = await prisma.membership.findFirstOrThrow({ where: { userId: user.id } })
	return { userId: user.id, workspaceId, role: 'OWNER', personal: true, hideOthersRecords: false }
}

async function colleague(of: Membership, role: Membership['role'], name = `A ${role}`, hideOthersRecords = false): Promise<Membership> {
	const user = await createUser({ email: `l-${Math.random().toString(36).slice(2)}@example.com`, name })
	await prisma.membership.create({ data: { userId: user.id, workspaceId: of.workspaceId, role } })
	if (hideOthersRecords) await prisma.workspace.update({ where: { id: of.workspaceId }, data: { hideOthersRecords: true } })
	return { userId: user.id, workspaceId: of.workspaceId, role, personal: false, hideOthersRecords }
}

const contact = (m: Membership, values: Record<string, unknown>) => createContact(m, contactFormSchema().parse(values), { defaultCountry: 'US' })
const company = (m: Membership, values: Record<string, unknown>) => createCompany(m, companyFormSchema([]).parse(values), { defaultCountry: 'US', customFields: [] })

describe('setLeadStatus', () => {
	it('changes a contact’s status and records who, from and to', async () => {
		const m = await member()
		const { id } = await contact(m, { firstName: 'Ada', leadStatus: 'INTERESTED' })
		expect(await setLeadStatus(m, 'contact', id, 'CONVERTED')).toEqual({ changed: true, name: 'Ada', from: 'INTERESTED', to: 'CONVERTED' })
		expect((await prisma.contact.findUniqueOrThrow({ where: { id } })).leadStatus).toBe('CONVERTED')
		const log = await prisma.activityLog.findFirstOrThrow({ where: { entityId: id, action: 'status_changed' } })
		expect(log).toMatchObject({ actorId: m.userId, entityType: 'Contact', diff: { leadStatus: ['INTERESTED', 'CONVERTED'] } })
		expect(describeActivity(log.action, log.diff)).toEqual({ label: 'Changed the lead status', detail: 'Interested → Converted' })

		// The same status again changes nothing and logs nothing; null clears it.
		expect((await setLeadStatus(m, 'contact', id, 'CONVERTED')).changed).toBe(false)
		await setLeadStatus(m, 'contact', id, null)
		const logs = await prisma.activityLog.findMany({ where: { entityId: id, action: 'status_changed' }, orderBy: { createdAt: 'asc' } })
		expect(logs.map((l) => l.diff)).toEqual([{ leadStatus: ['INTERESTED', 'CONVERTED'] }, { leadStatus: ['CONVERTED', null] }])
	})

	it('logs the same shape for a company', async () => {
		const m = await member()
		const { id } = await company(m, { name: 'Acme' })
		await setLeadStatus(m, 'company', id, 'NEW')
		const log = await prisma.activityLog.findFirstOrThrow({ where: { entityId: id, action: 'status_changed' } })
		expect(log).toMatchObject({ entityType: 'Company', diff: { leadStatus: [null, 'NEW'] } })
	})

	it('answers 404 for another workspace’s records and 403 to a viewer', async () => {
		const a = await member()
		const b = await member()
		const { id } = await contact(a, { firstName: 'Ada' })
		const co = await company(a, { name: 'Acme' })
		await expect(setLeadStatus(b, 'contact', id, 'NEW')).rejects.toMatchObject({ status: 404 })
		await expect(setLeadStatus(b, 'company', co.id, 'NEW')).rejects.toMatchObject({ status: 404 })
		const viewer = await colleague(a, 'VIEWER')
		await expect(setLeadStatus(viewer, 'contact', id, 'NEW')).rejects.toMatchObject({ status: 403 })
		expect((await prisma.contact.findUniqueOrThrow({ where: { id } })).leadStatus).toBeNull()
	})
})

describe('the Leads view', () => {
	it('groups contacts and companies by status with counts', async () => {
		const m = await member()
		await contact(m, { firstName: 'Ada', leadStatus: 'NEW' })
		await contact(m, { firstName: 'Bea', leadStatus: 'NEW' })
		await contact(m, { firstName: 'Cy', leadStatus: 'INTERESTED' })
		await contact(m, { firstName: 'Personal friend' })
		await company(m, { name: 'Acme', leadStatus: 'NEW' })
		await company(m, { name: 'Bluth', leadStatus: 'NOT_INTERESTED' })
		const deleted = await contact(m, { firstName: 'Gone', leadStatus: 'NEW' })
		await prisma.contact.update({ where: { id: deleted.id }, data: { deletedAt: new Date() } })

		const sections = await leadsOverview(m, parseLeadsQuery(new URLSearchParams()))
		expect(sections.map((s) => [s.status, s.contacts, s.companies, s.total])).toEqual([
			['NEW', 2, 1, 3],
			['INTERESTED', 1, 0, 1],
			['NOT_INTERESTED', 0, 1, 1],
			['CONVERTED', 0, 0, 0],
		])
		// Mixed, by name.
		expect(sections[0]!.items.map((i) => [i.kind, i.name])).toEqual([
			['company', 'Acme'],
			['contact', 'Ada'],
			['contact', 'Bea'],
		])

		const onlyCompanies = await leadsOverview(m, parseLeadsQuery(new URLSearchParams('kind=companies')))
		expect(onlyCompanies.map((s) => s.total)).toEqual([1, 0, 1, 0])
		const search = await leadsOverview(m, parseLeadsQuery(new URLSearchParams('q=a')))
		expect(search[0]!.items.map((i) => i.name)).toEqual(['Acme', 'Ada', 'Bea'])
		const search2 = await leadsOverview(m, parseLeadsQuery(new URLSearchParams('q=100%')))
		expect(search2.every((s) => s.total === 0)).toBe(true)
	})

	it('tells when each converted: the status change in the log, else the last update', async () => {
		const m = await member()
		const ada = await contact(m, { firstName: 'Ada', leadStatus: 'INTERESTED' })
		const bea = await contact(m, { firstName: 'Bea', leadStatus: 'INTERESTED' })
		const acme = await company(m, { name: 'Acme', leadStatus: 'CONVERTED' })
		await setLeadStatus(m, 'contact', ada.id, 'CONVERTED')
		// Bea converted through the edit form (an "updated" entry with other fields) some days ago.
		await updateContact(m, bea.id, contactFormSchema().parse({ firstName: 'Bea', jobTitle: 'CTO', leadStatus: 'CONVERTED' }), { defaultCountry: 'US' })
		const march = new Date('2026-03-14T09:30:00.000Z')
		await prisma.activityLog.updateMany({ where: { entityId: bea.id, action: 'updated' }, data: { createdAt: march } })
		// A conversion that was later undone does not count.
		await setLeadStatus(m, 'contact', ada.id, 'INTERESTED')
		await setLeadStatus(m, 'contact', ada.id, 'CONVERTED')
		const adaConverted = await prisma.activityLog.findFirstOrThrow({ where: { entityId: ada.id, action: 'status_changed' }, orderBy: { createdAt: 'desc' } })

		const converted = (await leadsOverview(m, parseLeadsQuery(new URLSearchParams()))).find((s) => s.status === 'CONVERTED')!
		expect(converted.total).toBe(3)
		const acmeRow = await prisma.company.findUniqueOrThrow({ where: { id: acme.id } })
		// Newest conversion first.
		expect(converted.items.map((i) => [i.name, i.convertedAt?.toISOString()])).toEqual([
			['Ada', adaConverted.createdAt.toISOString()],
			['Acme', acmeRow.updatedAt.toISOString()],
			['Bea', march.toISOString()],
		])
	})

	it('paginates each status on its own', async () => {
		const m = await member()
		for (let i = 0; i < 12; i++) await contact(m, { firstName: `New${String(i).padStart(2, '0')}`, leadStatus: 'NEW' })
		await contact(m, { firstName: 'Int', leadStatus: 'INTERESTED' })
		const sections = await leadsOverview(m, parseLeadsQuery(new URLSearchParams('page_new=2&page_interested=9')))
		const [fresh, interested] = sections
		expect([fresh!.page, fresh!.pages, fresh!.items.map((i) => i.name)]).toEqual([2, 2, ['New10', 'New11']])
		expect([interested!.page, interested!.items.length]).toEqual([1, 1])
	})

	it('shows a REP who sees only their own records only those', async () => {
		const owner = await member()
		const rep = await colleague(owner, 'REP', 'Rep', true)
		await contact(owner, { firstName: 'Owners', leadStatus: 'NEW' })
		await contact(rep, { firstName: 'Reps', leadStatus: 'NEW' })
		await company(owner, { name: 'Owner Co', leadStatus: 'NEW' })
		const [fresh] = await leadsOverview(rep, parseLeadsQuery(new URLSearchParams()))
		expect(fresh!.items.map((i) => i.name)).toEqual(['Reps'])
		expect(fresh!.total).toBe(1)
	})
})

describe('the workspace activity log', () => {
	it('lists newest first with wording and a link, filtered by type, action and actor', async () => {
		const owner = await member('Olive Owner')
		const admin = await colleague(owner, 'ADMIN', 'Adam Admin')
		const ada = await contact(owner, { firstName: 'Ada', leadStatus: 'INTERESTED' })
		await setLeadStatus(admin, 'contact', ada.id, 'CONVERTED')
		const acme = await company(admin, { name: 'Acme' })
		await createOwnTemplate(owner, { type: 'CUSTOM', name: 'Price list', body: 'Hi' })

		const all = await listWorkspaceActivity(owner, {})
		expect(all.total).toBe(4)
		expect(all.entries[0]).toMatchObject({ entityType: 'Template', recordName: 'Price list', href: '/settings/templates', actor: 'Olive Owner', label: 'Created' })
		const status = all.entries.find((e) => e.label === 'Changed the lead status')!
		expect(status).toMatchObject({ recordName: 'Ada', href: `/contacts/${ada.id}`, actor: 'Adam Admin', detail: 'Interested → Converted' })

		expect((await listWorkspaceActivity(owner, { entityType: 'Company' })).entries.map((e) => [e.recordName, e.href])).toEqual([['Acme', `/companies/${acme.id}`]])
		expect((await listWorkspaceActivity(owner, { action: 'status_changed' })).entries.map((e) => e.recordName)).toEqual(['Ada'])
		expect((await listWorkspaceActivity(owner, { actorId: admin.userId })).entries.map((e) => e.label)).toEqual(['Created', 'Changed the lead status'])

		// Another workspace sees none of it.
		expect((await listWorkspaceActivity(await member(), {})).total).toBe(0)
	})

	it('paginates, and links a deleted contact to Recently deleted', async () => {
		const m = await member()
		const ada = await contact(m, { firstName: 'Ada' })
		for (const s of ['NEW', 'INTERESTED', 'NOT_INTERESTED', 'CONVERTED'] as const) await setLeadStatus(m, 'contact', ada.id, s)
		await prisma.contact.update({ where: { id: ada.id }, data: { deletedAt: new Date() } })
		const page2 = await listWorkspaceActivity(m, { page: 2 }, 2)
		expect([page2.total, page2.page, page2.pages, page2.entries.length]).toEqual([5, 2, 3, 2])
		expect(page2.entries[0]!.href).toBe('/contacts/deleted')
		expect((await listWorkspaceActivity(m, { page: 99 }, 2)).page).toBe(3)
	})

	it('shows a REP limited to their own records only their own actions', async () => {
		const owner = await member()
		const rep = await colleague(owner, 'REP', 'Rep', true)
		await contact(owner, { firstName: 'Secret' })
		await contact(rep, { firstName: 'Mine' })
		expect((await listWorkspaceActivity(rep, {})).entries.map((e) => e.recordName)).toEqual(['Mine'])
		expect((await listWorkspaceActivity(owner, {})).total).toBe(2)
	})
})

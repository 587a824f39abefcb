import { describe, expect, it } from 'vitest'
import { prisma } from '#app/utils/db.server.ts'
import { companyFormSchema } from '#app/validation/company.ts'
import { contactFormSchema } from '#app/validation/contact.ts'
import { GroupCreateSchema, TagMergeSchema, TagUpdateSchema } from '#app/validation/taxonomy.ts'
import { createCompany, getCompany } from './company.server.ts'
import { searchContactIds } from './contact-search.server.ts'
import { createContact, getContact } from './contact.server.ts'
import { createGroup, createTag, deleteGroup, deleteTag, listGroups, listTags, mergeTags, TaxonomyError, updateGroup, updateTag } from './taxonomy.server.ts'
import { createUser } from './user.server.ts'
import type { Membership } from './workspace.server.ts'

async function member(role: Membership['role'] = 'OWNER'): Promise<Membership> {
	const user = await createUser({ email: `tx-${Math.random().toString(36).slice(2)}@example.com`, name: 'Owner' })
	const { workspaceId } = await prisma.membership.findFirstOrThrow({ where: { userId: user.id } })
	return { userId: user.id, workspaceId, role, personal: true, hideOthersRecords: false }
}

async function colleague(of: Membership, role: Membership['role']): Promise<Membership> {
	const user = await createUser({ email: `txc-${Math.random().toString(36).slice(2)}@example.com`, name: `A ${role}` })
	await prisma.membership.create({ data: { userId: user.id, workspaceId: of.workspaceId, role } })
	return { userId: user.id, workspaceId: of.workspaceId, role, personal: false, hideOthersRecords: false }
}

const contact = (m: Membership, firstName: string, tags: string) => createContact(m, contactFormSchema().parse({ firstName, tags }), { defaultCountry: 'US' })
const company = (m: Membership, name: string, tags: string) => createCompany(m, companyFormSchema().parse({ name, tags }), { defaultCountry: 'US', customFields: [] })
const tagId = async (m: Membership, name: string) => (await prisma.tag.findFirstOrThrow({ where: { workspaceId: m.workspaceId, name } })).id

describe('tags', () => {
	it('lists tags with counts of live contacts and companies', async () => {
		const m = await member()
		await contact(m, 'Ada', 'VIP, Friend')
		const gone = await contact(m, 'Gone', 'VIP')
		await prisma.contact.update({ where: { id: gone.id }, data: { deletedAt: new Date() } })
		await company(m, 'Acme', 'VIP')
		expect((await listTags(m)).map((t) => [t.name, t.contacts, t.companies])).toEqual([
			['Friend', 1, 0],
			['VIP', 1, 1],
		])
	})

	it('renames and recolours; contacts become searchable under the new name', async () => {
		const m = await member()
		const ada = await contact(m, 'Ada', 'Investr')
		const id = await tagId(m, 'Investr')
		await updateTag(m, id, { name: 'Angel investor', color: 'violet' })
		expect(await searchContactIds(m.workspaceId, 'angel')).toEqual([ada.id])
		expect(await searchContactIds(m.workspaceId, 'investr')).toEqual([])
		expect((await listTags(m))[0]).toMatchObject({ name: 'Angel investor', color: 'violet' })
		const log = await prisma.activityLog.findFirstOrThrow({ where: { entityType: 'Tag', entityId: id, action: 'updated' } })
		expect(log.diff).toEqual({ name: ['Investr', 'Angel investor'], color: ['slate', 'violet'] })
	})

	it('refuses a name another tag has (in any case), but allows changing the case of its own', async () => {
		const m = await member()
		await contact(m, 'Ada', 'VIP, Friend')
		await expect(updateTag(m, await tagId(m, 'Friend'), { name: 'vip', color: 'slate' })).rejects.toBeInstanceOf(TaxonomyError)
		await expect(createTag(m, { name: 'FRIEND', color: 'red' })).rejects.toBeInstanceOf(TaxonomyError)
		await updateTag(m, await tagId(m, 'VIP'), { name: 'vip', color: 'amber' })
		expect((await listTags(m)).map((t) => t.name)).toEqual(['Friend', 'vip'])
	})

	it('merges one tag into another: contacts and companies move, the source goes, search follows', async () => {
		const m = await member()
		const ada = await contact(m, 'Ada', 'Investor')
		const both = await contact(m, 'Bob', 'Investor, Investors')
		const cleo = await contact(m, 'Cleo', 'Investors')
		const acme = await company(m, 'Acme', 'Investor')
		const source = await tagId(m, 'Investor')
		const target = await tagId(m, 'Investors')
		const { moved } = await mergeTags(m, source, target)
		expect(moved).toBe(2)
		expect(await prisma.tag.findUnique({ where: { id: source } })).toBeNull()
		for (const c of [ada, both, cleo]) expect((await getContact(m, c.id))!.tags.map((t) => t.name)).toEqual(['Investors'])
		expect((await getCompany(m, acme.id))!.tags.map((t) => t.name)).toEqual(['Investors'])
		expect((await searchContactIds(m.workspaceId, 'investors')).sort()).toEqual([ada.id, both.id, cleo.id].sort())
		expect((await listTags(m)).map((t) => [t.name, t.contacts, t.companies])).toEqual([['Investors', 3, 1]])
		const log = await prisma.activityLog.findFirstOrThrow({ where: { entityType: 'Tag', entityId: target, action: 'merged' } })
		expect(log.diff).toEqual({ merged: ['Investor', 'Investors'] })
	})

	it('deletes a tag and takes it out of search; the contacts stay', async () => {
		const m = await member()
		const ada = await contact(m, 'Ada', 'Temporary')
		await deleteTag(m, await tagId(m, 'Temporary'))
		expect(await searchContactIds(m.workspaceId, 'temporary')).toEqual([])
		expect((await getContact(m, ada.id))!.tags).toEqual([])
	})

	it('answers another workspace’s tag ids as not found, and lets only owners and admins manage', async () => {
		const owner = await member()
		await contact(owner, 'Ada', 'Mine')
		const id = await tagId(owner, 'Mine')
		const stranger = await member()
		await contact(stranger, 'Zed', 'Theirs')
		const theirs = await tagId(stranger, 'Theirs')
		await expect(updateTag(stranger, id, { name: 'Stolen', color: 'red' })).rejects.toMatchObject({ status: 404 })
		await expect(deleteTag(stranger, id)).rejects.toMatchObject({ status: 404 })
		await expect(mergeTags(stranger, theirs, id)).rejects.toMatchObject({ status: 404 })
		await expect(mergeTags(owner, id, theirs)).rejects.toMatchObject({ status: 404 })
		const rep = await colleague(owner, 'REP')
		const viewer = await colleague(owner, 'VIEWER')
		await expect(updateTag(rep, id, { name: 'Renamed', color: 'red' })).rejects.toMatchObject({ status: 403 })
		await expect(createTag(viewer, { name: 'New', color: 'red' })).rejects.toMatchObject({ status: 403 })
		await createTag(rep, { name: 'From a rep', color: 'teal' })
		expect((await listTags(owner)).map((t) => t.name)).toEqual(['From a rep', 'Mine'])
	})

	it('validates names, colours and merge targets', () => {
		const bad = TagUpdateSchema.safeParse({ intent: 'update', id: 'x', name: 'a,b', color: 'pink' })
		expect(bad.error!.flatten().fieldErrors).toEqual({ name: ['A tag name can’t contain a comma'], color: ['Choose a colour'] })
		expect(TagMergeSchema.safeParse({ intent: 'merge', id: 'x', targetId: 'x' }).error!.flatten().fieldErrors).toEqual({ targetId: ['Choose a different tag'] })
	})
})

describe('groups', () => {
	it('creates groups with counts; a private group is seen only by its creator', async () => {
		const owner = await member()
		const admin = await colleague(owner, 'ADMIN')
		const mine = await createGroup(owner, { name: 'Family', icon: '🏠', isPrivate: true })
		await createGroup(admin, { name: 'Book club', icon: '📚', isPrivate: false })
		const ada = await createContact(owner, contactFormSchema().parse({ firstName: 'Ada', groupIds: [mine.id] }), { defaultCountry: 'US' })
		expect(ada.id).toBeTruthy()
		expect((await listGroups(owner)).map((g) => [g.name, g.isPrivate, g.contacts])).toEqual([
			['Book club', false, 0],
			['Family', true, 1],
		])
		// Even an admin does not see someone else's private group, nor can touch it.
		expect((await listGroups(admin)).map((g) => g.name)).toEqual(['Book club'])
		await expect(updateGroup(admin, mine.id, { name: 'Hacked', icon: null, isPrivate: false })).rejects.toMatchObject({ status: 404 })
		await expect(deleteGroup(admin, mine.id)).rejects.toMatchObject({ status: 404 })
	})

	it('lets only the creator change who sees a group; reps edit their own; names stay unique', async () => {
		const owner = await member()
		const rep = await colleague(owner, 'REP')
		const shared = await createGroup(rep, { name: 'Runners', icon: null, isPrivate: false })
		// The owner (an admin of the workspace) may rename it, not make it private.
		await updateGroup(owner, shared.id, { name: 'Running club', icon: '🏃', isPrivate: false })
		await expect(updateGroup(owner, shared.id, { name: 'Running club', icon: '🏃', isPrivate: true })).rejects.toBeInstanceOf(TaxonomyError)
		const ownerGroup = await createGroup(owner, { name: 'Board', icon: null, isPrivate: false })
		await expect(updateGroup(rep, ownerGroup.id, { name: 'Mine', icon: null, isPrivate: false })).rejects.toMatchObject({ status: 403 })
		await expect(createGroup(rep, { name: 'running CLUB', icon: null, isPrivate: false })).rejects.toBeInstanceOf(TaxonomyError)
		const viewer = await colleague(owner, 'VIEWER')
		await expect(createGroup(viewer, { name: 'Nope', icon: null, isPrivate: false })).rejects.toMatchObject({ status: 403 })
		await updateGroup(rep, shared.id, { name: 'Running club', icon: '🏃', isPrivate: true })
		expect((await listGroups(owner)).map((g) => g.name)).toEqual(['Board'])
		await deleteGroup(rep, shared.id)
		expect(await prisma.group.findUnique({ where: { id: shared.id } })).toBeNull()
	})

	it('deleting a group keeps its contacts', async () => {
		const m = await member()
		const g = await createGroup(m, { name: 'Temp', icon: null, isPrivate: false })
		const ada = await createContact(m, contactFormSchema().parse({ firstName: 'Ada', groupIds: [g.id] }), { defaultCountry: 'US' })
		await deleteGroup(m, g.id)
		expect((await getContact(m, ada.id))!.groups).toEqual([])
	})

	it('accepts one emoji as the icon', () => {
		const parse = (icon: string) => GroupCreateSchema.safeParse({ intent: 'create', name: 'G', icon })
		for (const ok of ['🎓', '👩🏽‍💻', '🇫🇷', '❤️', '']) expect(parse(ok).success, ok).toBe(true)
		for (const bad of ['ab', 'x🎓', '🎓 hello']) expect(parse(bad).success, bad).toBe(false)
		expect(parse('').data!.icon).toBeNull()
	})
})

// Tags and groups: managing them as a whole (rename, recolour, merge, delete, private
// groups). Putting them on contacts and companies happens in those models.
import type { Prisma } from '#app/generated/prisma/client.ts'
import { prisma } from '#app/utils/db.server.ts'
import type { GroupInput, TagColor } from '#app/validation/taxonomy.ts'
import { diffFields, logActivity } from './activity.server.ts'
import { reindexContacts } from './contact-search.server.ts'
import { canCreate, canEdit, requireEdit, type Membership } from './workspace.server.ts'
import { notFound } from '#app/utils/misc.ts'

/** Renaming, merging or deleting a tag, or a custom field, touches everyone's records. */
export function canManageWorkspace(m: Membership) {
	return m.role === 'OWNER' || m.role === 'ADMIN'
}

/** A rule the form can show next to a field (a name already taken, ...). */
export class TaxonomyError extends Error {
	constructor(
		message: string,
		readonly field: string = 'name',
	) {
		super(message)
	}
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()

// ───────────────────────── tags ─────────────────────────

export async function listTags(m: Membership) {
	const tags = await prisma.tag.findMany({
		where: { workspaceId: m.workspaceId },
		orderBy: { name: 'asc' },
		select: {
			id: true,
			name: true,
			color: true,
			_count: { select: { contacts: { where: { deletedAt: null } }, companies: { where: { deletedAt: null } } } },
		},
	})
	return tags.map(({ _count, ...t }) => ({ ...t, contacts: _count.contacts, companies: _count.companies }))
}

function requireManage(m: Membership) {
	if (!canManageWorkspace(m)) throw new Response('Only workspace owners and admins can change tags.', { status: 403 })
}

async function findTag(m: Membership, id: string) {
	const tag = await prisma.tag.findFirst({ where: { id, workspaceId: m.workspaceId }, select: { id: true, name: true, color: true } })
	if (!tag) throw notFound()
	return tag
}

async function assertTagNameFree(workspaceId: string, name: string, exceptId?: string) {
	const tags = await prisma.tag.findMany({ where: { workspaceId, id: exceptId ? { not: exceptId } : undefined }, select: { name: true } })
	if (tags.some((t) => sameName(t.name, name))) throw new TaxonomyError('There is already a tag with that name. To combine them, merge this tag into it.')
}

export async function createTag(m: Membership, input: { name: string; color: TagColor }) {
	if (!canCreate(m)) throw new Response('You can view tags but not change them.', { status: 403 })
	await assertTagNameFree(m.workspaceId, input.name)
	return prisma.$transaction(async (tx) => {
		const tag = await tx.tag.create({ data: { workspaceId: m.workspaceId, name: input.name, color: input.color }, select: { id: true } })
		await logActivity(tx, m, { entityType: 'Tag', entityId: tag.id, action: 'created', diff: { name: [null, input.name] } })
		return tag
	})
}

/** Renames and/or recolours; the tag's contacts become searchable under the new name. */
export async function updateTag(m: Membership, id: string, input: { name: string; color: TagColor }) {
	requireManage(m)
	const before = await findTag(m, id)
	await assertTagNameFree(m.workspaceId, input.name, id)
	const diff = diffFields(before, { name: input.name, color: input.color })
	if (!Object.keys(diff).length) return
	await prisma.$transaction(async (tx) => {
		await tx.tag.update({ where: { id }, data: { name: input.name, color: input.color } })
		await logActivity(tx, m, { entityType: 'Tag', entityId: id, action: 'updated', diff })
	})
	if (diff.name) await reindexContacts(m.workspaceId, await contactIdsWithTag(m.workspaceId, id))
}

function contactIdsWithTag(workspaceId: string, tagId: string) {
	return prisma.contact.findMany({ where: { workspaceId, tags: { some: { id: tagId } } }, select: { id: true } }).then((rows) => rows.map((r) => r.id))
}

/** Moves every contact and company of `sourceId` to `targetId`, then deletes the source. */
export async function mergeTags(m: Membership, sourceId: string, targetId: string) {
	requireManage(m)
	if (sourceId === targetId) throw new TaxonomyError('Choose a different tag', 'targetId')
	const [source, target] = await Promise.all([findTag(m, sourceId), findTag(m, targetId)])
	const moved = await contactIdsWithTag(m.workspaceId, source.id)
	await prisma.$transaction(async (tx) => {
		// Set-based, so a tag on thousands of records merges in one statement each;
		// OR IGNORE skips records that already carry the target.
		await tx.$executeRawUnsafe(`INSERT OR IGNORE INTO "_ContactToTag" ("A", "B") SELECT "A", ? FROM "_ContactToTag" WHERE "B" = ?`, target.id, source.id)
		await tx.$executeRawUnsafe(`INSERT OR IGNORE INTO "_CompanyToTag" ("A", "B") SELECT "A", ? FROM "_CompanyToTag" WHERE "B" = ?`, target.id, source.id)
		await tx.tag.delete({ where: { id: source.id } })
		await logActivity(tx, m, { entityType: 'Tag', entityId: target.id, action: 'merged', diff: { merged: [source.name, target.name] } })
		await logActivity(tx, m, { entityType: 'Tag', entityId: source.id, action: 'merged_into', diff: { name: [source.name, target.name] } })
	})
	await reindexContacts(m.workspaceId, moved)
	return { moved: moved.length, target }
}

export async function deleteTag(m: Membership, id: string) {
	requireManage(m)
	const tag = await findTag(m, id)
	const affected = await contactIdsWithTag(m.workspaceId, id)
	await prisma.$transaction(async (tx) => {
		await tx.tag.delete({ where: { id } })
		await logActivity(tx, m, { entityType: 'Tag', entityId: id, action: 'deleted', diff: { name: [tag.name, null] } })
	})
	await reindexContacts(m.workspaceId, affected)
	return tag
}

// ───────────────────────── groups ─────────────────────────

/** Groups this member may see: every shared group, and their own private ones. */
export function groupVisibleTo(m: Membership): Prisma.GroupWhereInput {
	return { workspaceId: m.workspaceId, OR: [{ isPrivate: false }, { ownerId: m.userId }] }
}

export async function listGroups(m: Membership) {
	const groups = await prisma.group.findMany({
		where: groupVisibleTo(m),
		orderBy: { name: 'asc' },
		select: {
			id: true,
			name: true,
			icon: true,
			isPrivate: true,
			ownerId: true,
			owner: { select: { name: true } },
			_count: { select: { contacts: { where: { deletedAt: null } } } },
		},
	})
	return groups.map(({ _count, owner, ...g }) => ({
		...g,
		ownerName: owner?.name ?? null,
		contacts: _count.contacts,
		canEdit: canEdit(m, { ownerId: g.ownerId }),
		// Only its owner decides who sees a group.
		canChangePrivacy: g.ownerId === m.userId,
	}))
}

async function findGroup(m: Membership, id: string) {
	// A private group of someone else is as absent as one in another workspace.
	const group = await prisma.group.findFirst({ where: { id, ...groupVisibleTo(m) }, select: { id: true, name: true, icon: true, isPrivate: true, ownerId: true } })
	if (!group) throw notFound()
	return group
}

async function assertGroupNameFree(workspaceId: string, name: string, exceptId?: string) {
	const groups = await prisma.group.findMany({ where: { workspaceId, id: exceptId ? { not: exceptId } : undefined }, select: { name: true } })
	if (groups.some((g) => sameName(g.name, name))) throw new TaxonomyError('That name is already taken in this workspace')
}

export async function createGroup(m: Membership, input: GroupInput) {
	if (!canCreate(m)) throw new Response('You can view groups but not change them.', { status: 403 })
	await assertGroupNameFree(m.workspaceId, input.name)
	return prisma.$transaction(async (tx) => {
		const group = await tx.group.create({ data: { workspaceId: m.workspaceId, ownerId: m.userId, ...input }, select: { id: true } })
		await logActivity(tx, m, { entityType: 'Group', entityId: group.id, action: 'created', diff: { name: [null, input.name] } })
		return group
	})
}

export async function updateGroup(m: Membership, id: string, input: GroupInput) {
	const before = await findGroup(m, id)
	requireEdit(m, before)
	if (input.isPrivate !== before.isPrivate && before.ownerId !== m.userId) {
		throw new TaxonomyError('Only the person who created this group can change who sees it', 'isPrivate')
	}
	await assertGroupNameFree(m.workspaceId, input.name, id)
	const diff = diffFields(before, input)
	if (!Object.keys(diff).length) return
	await prisma.$transaction(async (tx) => {
		await tx.group.update({ where: { id }, data: input })
		await logActivity(tx, m, { entityType: 'Group', entityId: id, action: 'updated', diff })
	})
}

/** Contacts stay; they just leave the group. */
export async function deleteGroup(m: Membership, id: string) {
	const group = await findGroup(m, id)
	requireEdit(m, group)
	await prisma.$transaction(async (tx) => {
		await tx.group.delete({ where: { id } })
		await logActivity(tx, m, { entityType: 'Group', entityId: id, action: 'deleted', diff: { name: [group.name, null] } })
	})
	return group
}

// Message templates. The built-in follow-up, birthday and anniversary texts need no
// rows: a workspace sees the defaults until an owner or admin edits one, which stores
// the workspace's version (userId null, one per type); "restore" deletes it again. So
// nothing is written on a page load. Everyone also keeps their own templates (userId set).
import { prisma } from '#app/utils/db.server.ts'
import {
	BUILT_IN_TEMPLATES,
	BUILT_IN_TYPES,
	builtInId,
	renderTemplate,
	templateVars,
	type BuiltInType,
	type TemplateInput,
	type TemplateType,
} from '#app/validation/template.ts'
import { diffFields, logActivity } from './activity.server.ts'
import { canManageWorkspace } from './taxonomy.server.ts'
import { canCreate, type Membership } from './workspace.server.ts'
import { notFound } from '#app/utils/misc.ts'

export type Template = { id: string; type: TemplateType; name: string; body: string }
export type BuiltInTemplate = Template & { type: BuiltInType; edited: boolean; defaultBody: string; defaultName: string }

const SELECT = { id: true, type: true, name: true, body: true, userId: true, updatedAt: true } as const

/** Built-ins may be edited by those who manage the workspace (in a personal workspace, its owner). */
export const canEditBuiltIns = canManageWorkspace

/** The built-ins (the workspace's version where there is one) and the member's own templates. */
export async function listTemplates(m: Membership) {
	const rows = await prisma.messageTemplate.findMany({
		where: { workspaceId: m.workspaceId, OR: [{ userId: null, type: { in: BUILT_IN_TYPES } }, { userId: m.userId }] },
		orderBy: [{ updatedAt: 'desc' }],
		select: SELECT,
	})
	const builtIns: BuiltInTemplate[] = BUILT_IN_TEMPLATES.map((d) => {
		const stored = rows.find((r) => r.userId === null && r.type === d.type)
		const base = { type: d.type, defaultBody: d.body, defaultName: d.name }
		return stored ? { ...base, id: stored.id, name: stored.name, body: stored.body, edited: true } : { ...base, id: builtInId(d.type), name: d.name, body: d.body, edited: false }
	})
	const own: Template[] = rows
		.filter((r) => r.userId === m.userId)
		.sort((a, b) => a.name.localeCompare(b.name))
		.map(({ id, type, name, body }) => ({ id, type, name, body }))
	return { builtIns, own }
}

/** The templates a quick action can use, built-ins first. */
export async function templateChoices(m: Membership) {
	const { builtIns, own } = await listTemplates(m)
	return [...builtIns.map((t) => ({ ...t, builtIn: true })), ...own.map((t) => ({ ...t, builtIn: false }))].map(({ id, type, name, builtIn }) => ({ id, type, name, builtIn }))
}

/** One template the member may use, by id (a built-in's default id included); null otherwise. */
export async function getTemplate(m: Membership, id: string | null | undefined): Promise<Template | null> {
	if (!id) return null
	const builtIn = BUILT_IN_TEMPLATES.find((d) => builtInId(d.type) === id)
	if (builtIn) {
		// The workspace's version replaces the default, under either id.
		const stored = await prisma.messageTemplate.findFirst({ where: { workspaceId: m.workspaceId, userId: null, type: builtIn.type }, orderBy: { updatedAt: 'desc' }, select: SELECT })
		return stored ? { id: stored.id, type: stored.type, name: stored.name, body: stored.body } : { id, type: builtIn.type, name: builtIn.name, body: builtIn.body }
	}
	const row = await prisma.messageTemplate.findFirst({ where: { id, workspaceId: m.workspaceId, OR: [{ userId: null }, { userId: m.userId }] }, select: SELECT })
	return row ? { id: row.id, type: row.type, name: row.name, body: row.body } : null
}

type Person = { firstName: string; lastName: string; displayName: string; jobTitle: string | null; company: { name: string } | null }

/** The template filled in for a contact, written by `me`. */
export function renderFor(template: { body: string }, contact: Person, me: { name: string }) {
	return renderTemplate(template.body, templateVars({ ...contact, company: contact.company?.name ?? null }, me))
}

export async function createOwnTemplate(m: Membership, input: TemplateInput) {
	if (!canCreate(m)) throw new Response('You can read this workspace but not add templates.', { status: 403 })
	return prisma.$transaction(async (tx) => {
		const created = await tx.messageTemplate.create({ data: { workspaceId: m.workspaceId, userId: m.userId, ...input }, select: { id: true, name: true } })
		await logActivity(tx, m, { entityType: 'Template', entityId: created.id, action: 'created', diff: { name: [null, input.name] } })
		return created
	})
}

async function findOwn(m: Membership, id: string) {
	const found = await prisma.messageTemplate.findFirst({ where: { id, workspaceId: m.workspaceId, userId: m.userId }, select: SELECT })
	if (!found) throw notFound()
	return found
}

export async function updateOwnTemplate(m: Membership, id: string, input: TemplateInput) {
	const before = await findOwn(m, id)
	await prisma.$transaction(async (tx) => {
		await tx.messageTemplate.update({ where: { id }, data: input })
		const diff = diffFields({ type: before.type, name: before.name, body: before.body }, input)
		if (Object.keys(diff).length) await logActivity(tx, m, { entityType: 'Template', entityId: id, action: 'updated', diff })
	})
}

export async function deleteOwnTemplate(m: Membership, id: string) {
	const before = await findOwn(m, id)
	await prisma.$transaction(async (tx) => {
		await tx.messageTemplate.delete({ where: { id } })
		await logActivity(tx, m, { entityType: 'Template', entityId: id, action: 'deleted', diff: { name: [before.name, null], body: [before.body, null] } })
	})
	return before
}

function requireBuiltInEdit(m: Membership) {
	if (!canEditBuiltIns(m)) throw new Response('Only workspace owners and admins can change the built-in templates.', { status: 403 })
}

/** Stores the workspace's version of a built-in (the first edit creates it). */
export async function saveBuiltIn(m: Membership, type: BuiltInType, input: { name: string; body: string }) {
	requireBuiltInEdit(m)
	const builtIn = BUILT_IN_TEMPLATES.find((d) => d.type === type)!
	return prisma.$transaction(async (tx) => {
		const stored = await tx.messageTemplate.findMany({ where: { workspaceId: m.workspaceId, userId: null, type }, orderBy: { updatedAt: 'desc' }, select: SELECT })
		const [current, ...extra] = stored
		const before = current ?? { name: builtIn.name, body: builtIn.body }
		// Two first edits at once could store two versions: keep the newest.
		if (extra.length) await tx.messageTemplate.deleteMany({ where: { id: { in: extra.map((e) => e.id) } } })
		const saved = current
			? await tx.messageTemplate.update({ where: { id: current.id }, data: input, select: { id: true } })
			: await tx.messageTemplate.create({ data: { workspaceId: m.workspaceId, userId: null, type, ...input }, select: { id: true } })
		const diff = diffFields({ name: before.name, body: before.body }, input)
		if (Object.keys(diff).length) await logActivity(tx, m, { entityType: 'Template', entityId: saved.id, action: 'updated', diff })
		return saved
	})
}

/** Back to the default text: the workspace's version is deleted. */
export async function restoreBuiltIn(m: Membership, type: BuiltInType) {
	requireBuiltInEdit(m)
	const stored = await prisma.messageTemplate.findMany({ where: { workspaceId: m.workspaceId, userId: null, type }, select: { id: true, name: true, body: true } })
	if (!stored.length) return false
	const builtIn = BUILT_IN_TEMPLATES.find((d) => d.type === type)!
	await prisma.$transaction(async (tx) => {
		await tx.messageTemplate.deleteMany({ where: { id: { in: stored.map((s) => s.id) } } })
		await logActivity(tx, m, { entityType: 'Template', entityId: stored[0]!.id, action: 'reset_to_default', diff: diffFields({ name: stored[0]!.name, body: stored[0]!.body }, { name: builtIn.name, body: builtIn.body }) })
	})
	return true
}

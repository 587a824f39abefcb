// Custom fields a workspace defines for contacts or companies. Values live in each
// record's customFields JSON under the definition's key, so deleting a definition
// hides its values without touching them (re-adding a field of the same name brings
// them back).
import type { CustomFieldEntity, CustomFieldType } from '#app/generated/prisma/client.ts'
import { prisma } from '#app/utils/db.server.ts'
import type { CustomFieldDef } from '#app/validation/contact.ts'
import { canManageWorkspace } from './taxonomy.server.ts'
import type { Membership } from './workspace.server.ts'
import { notFound } from '#app/utils/misc.ts'

export const MAX_CUSTOM_FIELDS = 50

function toOptions(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

const ORDER = [{ position: 'asc' as const }, { createdAt: 'asc' as const }]

/** The definitions the contact or company form renders and validates, in order. */
export async function listCustomFields(workspaceId: string, entity: CustomFieldEntity): Promise<CustomFieldDef[]> {
	const defs = await prisma.customFieldDefinition.findMany({ where: { workspaceId, entity }, orderBy: ORDER, select: { key: true, label: true, type: true, options: true } })
	return defs.map((d) => ({ key: d.key, label: d.label, type: d.type, options: toOptions(d.options) }))
}

/** Every definition of the workspace, for the settings page. */
export async function listCustomFieldDefinitions(workspaceId: string) {
	const defs = await prisma.customFieldDefinition.findMany({ where: { workspaceId }, orderBy: ORDER })
	return defs.map((d) => ({ id: d.id, entity: d.entity, key: d.key, label: d.label, type: d.type, options: toOptions(d.options), position: d.position }))
}

/** A stable key for a label: lower-case ASCII words joined by "_" ("Annual revenue (€)" → "annual_revenue"). */
export function slugifyKey(label: string) {
	const slug = label
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_+|_+$/g, '')
		.slice(0, 40)
		.replace(/_+$/, '')
	if (!slug) return 'field'
	// Form field names are paths (custom.<key>): keep keys from looking like array indexes.
	return /^\d/.test(slug) ? `f_${slug}` : slug
}

export class CustomFieldError extends Error {}

export async function createCustomField(m: Membership, input: { entity: CustomFieldEntity; label: string; type: CustomFieldType; options: string[] }) {
	if (!canManageWorkspace(m)) throw new Response('Only workspace owners and admins can change custom fields.', { status: 403 })
	const existing = await prisma.customFieldDefinition.findMany({ where: { workspaceId: m.workspaceId, entity: input.entity }, select: { key: true, label: true, position: true } })
	if (existing.length >= MAX_CUSTOM_FIELDS) throw new CustomFieldError(`A workspace can have up to ${MAX_CUSTOM_FIELDS} fields per kind of record`)
	if (existing.some((d) => d.label.toLowerCase() === input.label.toLowerCase())) throw new CustomFieldError('There is already a field with that label')
	const keys = new Set(existing.map((d) => d.key))
	const base = slugifyKey(input.label)
	let key = base
	for (let n = 2; keys.has(key); n++) key = `${base}_${n}`
	return prisma.customFieldDefinition.create({
		data: {
			workspaceId: m.workspaceId,
			entity: input.entity,
			key,
			label: input.label,
			type: input.type,
			options: input.type === 'SELECT' ? input.options : undefined,
			position: Math.max(-1, ...existing.map((d) => d.position)) + 1,
		},
		select: { id: true, key: true },
	})
}

async function findDefinition(m: Membership, id: string) {
	if (!canManageWorkspace(m)) throw new Response('Only workspace owners and admins can change custom fields.', { status: 403 })
	const def = await prisma.customFieldDefinition.findFirst({ where: { id, workspaceId: m.workspaceId } })
	if (!def) throw notFound()
	return def
}

/** Label and choices change; the key (where values are stored) and the type stay. */
export async function updateCustomField(m: Membership, id: string, input: { label: string; options: string[] }) {
	const def = await findDefinition(m, id)
	const others = await prisma.customFieldDefinition.findMany({ where: { workspaceId: m.workspaceId, entity: def.entity, id: { not: id } }, select: { label: true } })
	if (others.some((o) => o.label.toLowerCase() === input.label.toLowerCase())) throw new CustomFieldError('There is already a field with that label')
	if (def.type === 'SELECT' && !input.options.length) throw new CustomFieldError('Enter at least one choice, one per line')
	await prisma.customFieldDefinition.update({ where: { id }, data: { label: input.label, options: def.type === 'SELECT' ? input.options : undefined } })
}

/** Swaps the field with its neighbour in the list of the same kind of record. */
export async function moveCustomField(m: Membership, id: string, direction: 'up' | 'down') {
	const def = await findDefinition(m, id)
	const siblings = await prisma.customFieldDefinition.findMany({ where: { workspaceId: m.workspaceId, entity: def.entity }, orderBy: ORDER, select: { id: true } })
	const from = siblings.findIndex((s) => s.id === id)
	const to = direction === 'up' ? from - 1 : from + 1
	if (to < 0 || to >= siblings.length) return
	const order = siblings.map((s) => s.id)
	;[order[from], order[to]] = [order[to]!, order[from]!]
	// Renumber all: positions may have gaps or ties from earlier deletes.
	await prisma.$transaction(order.map((sid, position) => prisma.customFieldDefinition.update({ where: { id: sid }, data: { position } })))
}

/** Removes the definition only; values stay in the records, hidden. */
export async function deleteCustomField(m: Membership, id: string) {
	await findDefinition(m, id)
	await prisma.customFieldDefinition.delete({ where: { id } })
}

/**
 * The customFields JSON to store after an edit: the form's values for the defined
 * fields, and whatever the record holds under keys with no definition (hidden, kept).
 */
export function mergeCustomValues(stored: unknown, defs: CustomFieldDef[], submitted: Record<string, unknown>) {
	const defined = new Set(defs.map((d) => d.key))
	const kept = stored && typeof stored === 'object' && !Array.isArray(stored) ? Object.entries(stored).filter(([k]) => !defined.has(k)) : []
	const next = Object.fromEntries([...kept, ...Object.entries(submitted).filter(([k, v]) => defined.has(k) && v !== undefined && v !== null && v !== '')])
	return Object.keys(next).length ? next : null
}

/** Label/value pairs to show on a record's page, for defined fields that have a value. */
export function customFieldDisplay(stored: unknown, defs: CustomFieldDef[]) {
	const values = stored && typeof stored === 'object' && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {}
	return defs.flatMap((d) => {
		const value = values[d.key]
		if (value === undefined || value === null || value === '') return []
		return [{ key: d.key, label: d.label, type: d.type, value: String(value) }]
	})
}

// Contacts: create, edit, soft delete and restore, read, and the list with its
// search, filters, sorting and pagination. Every query is scoped by workspace.
import { Prisma } from '#app/generated/prisma/client.ts'
import { prisma } from '#app/utils/db.server.ts'
import { displayNameOf, isMobileNumber, normalizeEmail, normalizeInstagram, normalizePhone, normalizeWebsite } from '#app/utils/contact-fields.ts'
import type { ContactInput, CustomFieldDef } from '#app/validation/contact.ts'
import { mergeCustomValues } from './custom-field.server.ts'
import { DELETED_RETENTION_DAYS, PAGE_SIZES } from '#app/validation/contact-list.ts'
import { diffFields, logActivity } from './activity.server.ts'
import { reindexContacts, removeFromIndex, SEARCH_LIMIT, searchContactIds } from './contact-search.server.ts'
import { canEdit, isVisibleRow, SCOPE_SELECT, visibleTo, type Membership } from './workspace.server.ts'
import { contactsChanged } from './reminder.server.ts'

type Tx = Prisma.TransactionClient

/** Finds tags by name (case-insensitive) or creates them. */
export async function upsertTags(tx: Tx, workspaceId: string, names: string[]) {
	if (!names.length) return []
	const existing = await tx.tag.findMany({ where: { workspaceId }, select: { id: true, name: true } })
	const byName = new Map(existing.map((t) => [t.name.toLowerCase(), t.id]))
	const ids: string[] = []
	for (const name of names) {
		let id = byName.get(name.toLowerCase())
		if (!id) {
			id = (await tx.tag.create({ data: { workspaceId, name }, select: { id: true } })).id
			byName.set(name.toLowerCase(), id)
		}
		ids.push(id)
	}
	return ids
}

/** The company picked, or one found/created by name. */
async function resolveCompany(tx: Tx, workspaceId: string, userId: string, input: { companyId: string | null; companyName: string | null }) {
	if (input.companyName) {
		const found = await tx.company.findFirst({ where: { workspaceId, deletedAt: null, name: input.companyName }, select: { id: true } })
		if (found) return found.id
		return (await tx.company.create({ data: { workspaceId, name: input.companyName, ownerId: userId }, select: { id: true } })).id
	}
	if (input.companyId) {
		const found = await tx.company.findFirst({ where: { id: input.companyId, workspaceId, deletedAt: null }, select: { id: true } })
		return found?.id ?? null
	}
	return null
}

/** The scalar columns a ContactInput sets, normalised. */
export function contactColumns(input: ContactInput, defaultCountry: string) {
	const phones = input.phones.map((p) => ({ phone: normalizePhone(p.phone, defaultCountry), label: p.label }))
	const mobile = phones.find((p) => /mobile|cell/i.test(p.label ?? '')) ?? phones.find((p) => isMobileNumber(p.phone))
	return {
		firstName: input.firstName ?? '',
		lastName: input.lastName ?? '',
		displayName: displayNameOf(input.firstName ?? '', input.lastName ?? ''),
		// WhatsApp defaults to the mobile number.
		whatsapp: input.whatsapp ? normalizePhone(input.whatsapp, defaultCountry) : (mobile?.phone ?? null),
		instagram: input.instagram ? normalizeInstagram(input.instagram) || null : null,
		linkedin: input.linkedin,
		website: input.website ? normalizeWebsite(input.website) : null,
		jobTitle: input.jobTitle,
		isDecisionMaker: input.isDecisionMaker,
		authorityLevel: input.isDecisionMaker ? (input.authorityLevel ?? null) : null,
		leadStatus: input.leadStatus ?? null,
		street: input.street,
		city: input.city,
		region: input.region,
		postalCode: input.postalCode,
		country: input.country,
		notes: input.notes,
		birthdayMonth: input.birthdayMonth,
		birthdayDay: input.birthdayDay,
		birthdayYear: input.birthdayYear,
		anniversaryMonth: input.anniversaryMonth,
		anniversaryDay: input.anniversaryDay,
		anniversaryYear: input.anniversaryYear,
		avatarUrl: input.avatarUrl,
		customFields: (Object.keys(input.custom ?? {}).length ? input.custom : undefined) as Prisma.InputJsonValue | undefined,
		emails: input.emails.map((e, i) => ({ email: normalizeEmail(e.email), label: e.label, isPrimary: i === 0 })),
		phones: phones.map((p, i) => ({ ...p, isPrimary: i === 0 })),
	}
}

export async function createContact(m: Membership, input: ContactInput, opts: { defaultCountry: string }) {
	const { emails, phones, ...columns } = contactColumns(input, opts.defaultCountry)
	const contact = await prisma.$transaction(async (tx) => {
		const companyId = await resolveCompany(tx, m.workspaceId, m.userId, input)
		const tagIds = await upsertTags(tx, m.workspaceId, input.tagNames)
		const groupIds = await validGroupIds(tx, m.workspaceId, input.groupIds)
		const created = await tx.contact.create({
			data: {
				...columns,
				workspaceId: m.workspaceId,
				ownerId: m.userId,
				companyId,
				source: input.source,
				emails: { create: emails },
				phones: { create: phones },
				tags: { connect: tagIds.map((id) => ({ id })) },
				groups: { connect: groupIds.map((id) => ({ id })) },
			},
			select: { id: true, displayName: true },
		})
		await logActivity(tx, m, { entityType: 'Contact', entityId: created.id, action: 'created' })
		return created
	})
	await reindexContacts(m.workspaceId, [contact.id])
	await contactsChanged(m.workspaceId, [contact.id])
	return contact
}

async function validGroupIds(tx: Tx, workspaceId: string, ids: string[]) {
	if (!ids.length) return []
	return (await tx.group.findMany({ where: { workspaceId, id: { in: ids } }, select: { id: true } })).map((g) => g.id)
}

/** Values compared for the activity log's before/after. */
function auditView(c: {
	displayName: string
	jobTitle: string | null
	leadStatus: string | null
	companyId: string | null
	emails: Array<{ email: string }>
	phones: Array<{ phone: string }>
	tags: Array<{ name: string }>
	[key: string]: unknown
}) {
	const { emails, phones, tags, ...rest } = c
	return {
		...Object.fromEntries(Object.entries(rest).filter(([k]) => !['id', 'createdAt', 'updatedAt', 'workspaceId', 'groups', 'customFields'].includes(k))),
		emails: emails.map((e) => e.email).join(', '),
		phones: phones.map((p) => p.phone).join(', '),
		tags: tags.map((t) => t.name).sort().join(', '),
	}
}

const AUDIT_SELECT = {
	displayName: true,
	firstName: true,
	lastName: true,
	jobTitle: true,
	leadStatus: true,
	companyId: true,
	whatsapp: true,
	instagram: true,
	isDecisionMaker: true,
	authorityLevel: true,
	birthdayMonth: true,
	birthdayDay: true,
	birthdayYear: true,
	anniversaryMonth: true,
	anniversaryDay: true,
	anniversaryYear: true,
	city: true,
	country: true,
	notes: true,
	emails: { select: { email: true }, orderBy: { isPrimary: 'desc' } },
	phones: { select: { phone: true }, orderBy: { isPrimary: 'desc' } },
	tags: { select: { name: true } },
} as const

export async function updateContact(m: Membership, id: string, input: ContactInput, opts: { defaultCountry: string; customFields?: CustomFieldDef[] }) {
	const { emails, phones, ...columns } = contactColumns(input, opts.defaultCountry)
	await prisma.$transaction(async (tx) => {
		const before = await tx.contact.findFirstOrThrow({ where: { id, workspaceId: m.workspaceId, deletedAt: null }, select: { ...AUDIT_SELECT, customFields: true } })
		// Values of fields the workspace has since removed stay stored, just hidden.
		const custom = mergeCustomValues(before.customFields, opts.customFields ?? [], input.custom ?? {})
		const companyId = await resolveCompany(tx, m.workspaceId, m.userId, input)
		const tagIds = await upsertTags(tx, m.workspaceId, input.tagNames)
		const groupIds = await validGroupIds(tx, m.workspaceId, input.groupIds)
		await tx.contactEmail.deleteMany({ where: { contactId: id } })
		await tx.contactPhone.deleteMany({ where: { contactId: id } })
		const after = await tx.contact.update({
			where: { id },
			data: {
				...columns,
				customFields: custom ? (custom as Prisma.InputJsonValue) : Prisma.DbNull,
				companyId,
				emails: { create: emails },
				phones: { create: phones },
				tags: { set: tagIds.map((tid) => ({ id: tid })) },
				groups: { set: groupIds.map((gid) => ({ id: gid })) },
			},
			select: AUDIT_SELECT,
		})
		const diff = diffFields(auditView(before), auditView(after))
		if (Object.keys(diff).length) {
			const action = Object.keys(diff).length === 1 && diff.leadStatus ? 'status_changed' : 'updated'
			await logActivity(tx, m, { entityType: 'Contact', entityId: id, action, diff })
		}
	})
	await reindexContacts(m.workspaceId, [id])
	await contactsChanged(m.workspaceId, [id])
}

/** Everything the contact page shows; null when the member may not see it. */
export function getContact(m: Membership, id: string) {
	return prisma.contact.findFirst({
		where: { id, deletedAt: null, ...visibleTo(m) },
		include: {
			emails: { orderBy: [{ isPrimary: 'desc' }, { id: 'asc' }] },
			phones: { orderBy: [{ isPrimary: 'desc' }, { id: 'asc' }] },
			company: { select: { id: true, name: true, domain: true, website: true } },
			tags: { select: { id: true, name: true, color: true }, orderBy: { name: 'asc' } },
			groups: { select: { id: true, name: true, icon: true }, orderBy: { name: 'asc' } },
			owner: { select: { id: true, name: true } },
			image: { select: { id: true } },
		},
	})
}

/**
 * Live contacts among `ids` that this member may see, looked up by primary key only:
 * with workspaceId in the SQL too, SQLite (which has no statistics) walks the whole
 * workspace index instead (17 ms vs 0.3 ms at 100k contacts); isVisibleRow checks it.
 */
export async function visibleContactsByIds<S extends Prisma.ContactSelect>(m: Membership, ids: string[], select: S) {
	const rows = await prisma.contact.findMany({ where: { id: { in: ids } }, select: { ...select, ...SCOPE_SELECT } })
	return rows.filter((row) => isVisibleRow(m, row as unknown as Parameters<typeof isVisibleRow>[1]))
}

export async function softDeleteContacts(m: Membership, ids: string[]) {
	const editable = await visibleContactsByIds(m, ids, { id: true })
	const allowed = editable.filter((c) => canEdit(m, c)).map((c) => c.id)
	await prisma.$transaction(async (tx) => {
		await tx.contact.updateMany({ where: { id: { in: allowed } }, data: { deletedAt: new Date() } })
		for (const id of allowed) await logActivity(tx, m, { entityType: 'Contact', entityId: id, action: 'deleted' })
	})
	await contactsChanged(m.workspaceId, allowed)
	return allowed.length
}

export async function restoreContact(m: Membership, id: string) {
	const { count } = await prisma.contact.updateMany({ where: { id, workspaceId: m.workspaceId, deletedAt: { not: null } }, data: { deletedAt: null } })
	if (count) await logActivity(prisma, m, { entityType: 'Contact', entityId: id, action: 'restored' })
	if (count) await contactsChanged(m.workspaceId, [id])
	return count === 1
}

/** Contacts deleted in the last 30 days; older ones are removed for good. */
export async function listRecentlyDeleted(m: Membership, now = new Date()) {
	const cutoff = new Date(now.getTime() - DELETED_RETENTION_DAYS * 86_400_000)
	const expired = await prisma.contact.findMany({ where: { workspaceId: m.workspaceId, deletedAt: { lt: cutoff } }, select: { id: true } })
	if (expired.length) {
		await prisma.contact.deleteMany({ where: { id: { in: expired.map((e) => e.id) } } })
		await removeFromIndex(expired.map((e) => e.id))
	}
	return prisma.contact.findMany({
		where: { deletedAt: { gte: cutoff }, ...visibleTo(m) },
		orderBy: { deletedAt: 'desc' },
		select: { id: true, displayName: true, deletedAt: true, company: { select: { name: true } } },
	})
}

// ───────────────────────── the list ─────────────────────────

export const SORTS = ['name', 'company', 'status', 'lastContacted', 'created', 'birthday'] as const
export type ContactListQuery = {
	q?: string
	tag?: string
	group?: string
	company?: string
	status?: string
	decisionMakers?: boolean
	birthdayMonth?: number
	notContactedDays?: number
	source?: string
	sort?: (typeof SORTS)[number]
	dir?: 'asc' | 'desc'
	page?: number
	pageSize?: number
}


function orderBy(sort: ContactListQuery['sort'], dir: 'asc' | 'desc'): Prisma.ContactOrderByWithRelationInput[] {
	// No `nulls: 'last'`: Prisma turns it into a CASE expression no index can serve.
	// SQLite sorts NULLs first ascending and last descending, which reads well here
	// ("never contacted" first when looking for who is overdue).
	switch (sort) {
		case 'company':
			return [{ companyName: dir }, { displayName: 'asc' }]
		case 'status':
			return [{ leadStatus: dir }, { displayName: 'asc' }]
		case 'lastContacted':
			return [{ lastContactedAt: dir }, { displayName: 'asc' }]
		case 'created':
			return [{ createdAt: dir }]
		case 'birthday':
			return [{ birthdayMonth: dir }, { birthdayDay: dir }]
		default:
			// No id tie-break: with it SQLite prefers the (displayName, id) index over a filter's own index.
			return [{ displayName: dir }]
	}
}

export function contactWhere(m: Membership, query: ContactListQuery, now = new Date()): Prisma.ContactWhereInput {
	const where: Prisma.ContactWhereInput = { deletedAt: null, ...visibleTo(m) }
	const and: Prisma.ContactWhereInput[] = []
	if (query.tag) and.push({ tags: { some: { id: query.tag } } })
	if (query.group) and.push({ groups: { some: { id: query.group } } })
	if (query.company) and.push({ companyId: query.company })
	if (query.status === 'none') and.push({ leadStatus: null })
	else if (query.status) and.push({ leadStatus: query.status as Prisma.ContactWhereInput['leadStatus'] })
	if (query.decisionMakers) and.push({ isDecisionMaker: true })
	if (query.birthdayMonth) and.push({ birthdayMonth: query.birthdayMonth })
	if (query.notContactedDays) {
		const before = new Date(now.getTime() - query.notContactedDays * 86_400_000)
		and.push({ OR: [{ lastContactedAt: null }, { lastContactedAt: { lt: before } }] })
	}
	if (query.source) and.push({ source: query.source as Prisma.ContactWhereInput['source'] })
	if (and.length) where.AND = and
	return where
}

const LIST_SELECT = {
	id: true,
	displayName: true,
	jobTitle: true,
	leadStatus: true,
	isDecisionMaker: true,
	lastContactedAt: true,
	birthdayMonth: true,
	birthdayDay: true,
	avatarUrl: true,
	whatsapp: true,
	instagram: true,
	image: { select: { id: true } },
	company: { select: { id: true, name: true } },
	emails: { where: { isPrimary: true }, select: { email: true }, take: 1 },
	phones: { where: { isPrimary: true }, select: { phone: true }, take: 1 },
	tags: { select: { id: true, name: true, color: true }, orderBy: { name: 'asc' } },
} satisfies Prisma.ContactSelect

// SQLite through Prisma accepts at most 999 bound values in one query.
const ID_CHUNK = 900
const chunksOf = <T,>(items: T[], size = ID_CHUNK) => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size))

/** A comparable key per sort, for ordering search results in memory (≤ SEARCH_LIMIT rows). */
function sortKey(sort: ContactListQuery['sort'], c: { displayName: string; leadStatus: string | null; lastContactedAt: Date | null; createdAt: Date; birthdayMonth: number | null; birthdayDay: number | null; company: { name: string } | null }) {
	switch (sort) {
		case 'company':
			return `${c.company?.name ?? ''}\u0000${c.displayName}`.toLowerCase()
		case 'status':
			return `${c.leadStatus ?? ''}\u0000${c.displayName}`.toLowerCase()
		case 'lastContacted':
			return c.lastContactedAt?.getTime() ?? -Infinity
		case 'created':
			return c.createdAt.getTime()
		case 'birthday':
			return c.birthdayMonth ? c.birthdayMonth * 100 + (c.birthdayDay ?? 0) : -Infinity
		default:
			return c.displayName.toLowerCase()
	}
}

/**
 * A page over a short list of candidate ids (a search's, or a small tag's or
 * group's): the other filters are applied to them by primary key in chunks (never
 * by scanning the workspace), and only the page's rows are loaded in full.
 * `matchIds` come in relevance order and are all of this workspace, so leaving
 * workspaceId out of the SQL keeps SQLite on the primary key.
 */
async function candidatesPage(m: Membership, query: ContactListQuery, matchIds: string[], limit: number, pageSize: number, now: Date, matchesAreLive = false) {
	const { workspaceId: _ws, ...filters } = contactWhere(m, query, now) as Prisma.ContactWhereInput & { workspaceId?: string }
	const sorting = Boolean(query.sort)
	const kept = new Map<string, number | string>()
	// A plain search (no other filter, no sort, nobody's records hidden): the ids are final.
	const plain = !sorting && !filters.AND && !filters.OR && matchesAreLive
	for (const chunk of plain ? [] : chunksOf(matchIds)) {
		const rows = await prisma.contact.findMany({
			where: { ...filters, id: { in: chunk } },
			select: sorting
				? { id: true, workspaceId: true, displayName: true, leadStatus: true, lastContactedAt: true, createdAt: true, birthdayMonth: true, birthdayDay: true, company: { select: { name: true } } }
				: { id: true, workspaceId: true },
		})
		for (const r of rows) if (r.workspaceId === m.workspaceId) kept.set(r.id, sorting ? sortKey(query.sort, r as unknown as Parameters<typeof sortKey>[1]) : 0)
	}
	let ordered = plain ? matchIds : matchIds.filter((id) => kept.has(id))
	if (sorting) {
		const dir = query.dir === 'desc' ? -1 : 1
		ordered = [...ordered].sort((a, b) => {
			const x = kept.get(a)!
			const y = kept.get(b)!
			return x < y ? -dir : x > y ? dir : 0
		})
	}
	const total = ordered.length
	const pages = Math.max(1, Math.ceil(total / pageSize))
	const page = Math.min(Math.max(1, query.page ?? 1), pages)
	const pageIds = ordered.slice((page - 1) * pageSize, page * pageSize)
	const rows = pageIds.length ? await prisma.contact.findMany({ where: { id: { in: pageIds } }, select: LIST_SELECT }) : []
	const position = new Map(pageIds.map((id, i) => [id, i]))
	rows.sort((a, b) => position.get(a.id)! - position.get(b.id)!)
	return { rows, total, page, pages, pageSize, capped: matchIds.length === limit }
}

export async function listContacts(m: Membership, query: ContactListQuery, now = new Date()) {
	const pageSize = PAGE_SIZES.includes(query.pageSize as 25) ? query.pageSize! : 25
	if (query.q?.trim()) return candidatesPage(m, query, await searchContactIds(m.workspaceId, query.q), SEARCH_LIMIT, pageSize, now, true)
	const small = await smallLinkFilter(m, query)
	if (small) return candidatesPage(m, { ...query, sort: query.sort ?? 'name' }, small, SEARCH_LIMIT + 1, pageSize, now)
	const where = contactWhere(m, query, now)
	const order = orderBy(query.sort, query.dir ?? 'asc')
	// Counting stops at COUNT_CAP ("10,000+"), so no filter walks a whole large workspace.
	const counted = await prisma.contact.count({ where, take: COUNT_CAP + 1, orderBy: countOrder(query) })
	const total = Math.min(counted, COUNT_CAP)
	const pages = Math.max(1, Math.ceil(total / pageSize))
	const page = Math.min(Math.max(1, query.page ?? 1), pages)
	const rows = await prisma.contact.findMany({
		where,
		orderBy: order,
		skip: (page - 1) * pageSize,
		take: pageSize,
		select: LIST_SELECT,
	})
	return { rows, total, page, pages, pageSize, capped: counted > COUNT_CAP }
}

const COUNT_CAP = 10_000

/**
 * The order a capped count walks in: Prisma orders it by id unless told (sorting
 * every match), so name the index of the filter that narrows most — its column is
 * constant among the matches, so the (workspaceId, deletedAt, x, displayName) index
 * walks only them, already in order.
 */
function countOrder(query: ContactListQuery): Prisma.ContactOrderByWithRelationInput[] {
	const by = (column: 'leadStatus' | 'companyId' | 'birthdayMonth' | 'isDecisionMaker' | 'source') => [{ [column]: 'asc' }, { displayName: 'asc' }] as Prisma.ContactOrderByWithRelationInput[]
	if (query.company) return by('companyId')
	if (query.status) return by('leadStatus')
	if (query.birthdayMonth) return by('birthdayMonth')
	if (query.source) return by('source')
	if (query.decisionMakers) return by('isDecisionMaker')
	if (query.notContactedDays) return [{ lastContactedAt: 'asc' }]
	return [{ displayName: 'asc' }]
}

/**
 * A tag or group filter on few contacts: their ids straight from the link table
 * (its index on the tag/group), so a rare tag does not make SQLite test every
 * contact of the workspace. Null when there is no such filter or it is large.
 */
async function smallLinkFilter(m: Membership, query: ContactListQuery) {
	const [links, owner, id] = query.tag ? ['_ContactToTag', 'Tag', query.tag] : query.group ? ['_ContactToGroup', 'Group', query.group] : []
	if (!links || !id) return null
	const ids = await prisma.$queryRawUnsafe<Array<{ id: string }>>(
		`SELECT l.A AS id FROM "${links}" l JOIN "${owner}" o ON o.id = l.B WHERE l.B = ? AND o.workspaceId = ? LIMIT ${SEARCH_LIMIT + 1}`,
		id,
		m.workspaceId,
	)
	return ids.length <= SEARCH_LIMIT ? ids.map((r) => r.id) : null
}

/**
 * What the filter bar offers: tags, groups and companies. No per-tag counts here:
 * counting links over a 100k-contact workspace costs ~200 ms on every list page, so
 * the counts live on Settings → Tags and Groups instead.
 */
export async function listFilterOptions(m: Membership) {
	const [tags, groups, companies] = await Promise.all([
		prisma.tag.findMany({ where: { workspaceId: m.workspaceId }, orderBy: { name: 'asc' }, select: { id: true, name: true, color: true } }),
		prisma.group.findMany({
			where: { workspaceId: m.workspaceId, OR: [{ isPrivate: false }, { ownerId: m.userId }] },
			orderBy: { name: 'asc' },
			select: { id: true, name: true, icon: true },
		}),
		prisma.company.findMany({ where: { workspaceId: m.workspaceId, deletedAt: null }, orderBy: { name: 'asc' }, select: { id: true, name: true }, take: 300 }),
	])
	return { tags, groups, companies }
}

export async function bulkAddTag(m: Membership, ids: string[], tagName: string) {
	const [tagId] = await prisma.$transaction((tx) => upsertTags(tx, m.workspaceId, [tagName]))
	const contacts = await visibleContactsByIds(m, ids, { id: true })
	await prisma.tag.update({ where: { id: tagId }, data: { contacts: { connect: contacts.map((c) => ({ id: c.id })) } } })
	await reindexContacts(m.workspaceId, contacts.map((c) => c.id))
	return contacts.length
}

export async function bulkAddToGroup(m: Membership, ids: string[], groupId: string) {
	const group = await prisma.group.findFirst({ where: { id: groupId, workspaceId: m.workspaceId }, select: { id: true } })
	if (!group) return 0
	const contacts = await visibleContactsByIds(m, ids, { id: true })
	await prisma.group.update({ where: { id: group.id }, data: { contacts: { connect: contacts.map((c) => ({ id: c.id })) } } })
	return contacts.length
}

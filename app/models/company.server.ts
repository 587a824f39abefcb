// Companies: create, edit, soft delete and restore, the company page (with its
// contacts and primary contact) and the list with search, filters, sorting and
// pagination. Every query is scoped by workspace (and, for REPs who only see their
// own records, by owner).
import { Prisma } from '#app/generated/prisma/client.ts'
import { prisma } from '#app/utils/db.server.ts'
import { normalizeEmail, normalizePhone, normalizeWebsite, websiteDomain } from '#app/utils/contact-fields.ts'
import type { CompanyInput, CompanyListQuery } from '#app/validation/company.ts'
import { COMPANY_PAGE_SIZES, SIZE_BANDS } from '#app/validation/company.ts'
import type { CustomFieldDef } from '#app/validation/contact.ts'
import { diffFields, logActivity } from './activity.server.ts'
import { upsertTags } from './contact.server.ts'
import { reindexContacts } from './contact-search.server.ts'
import { mergeCustomValues } from './custom-field.server.ts'
import { canCreate, canEdit, requireEdit, visibleTo, type Membership } from './workspace.server.ts'
import { notFound } from '#app/utils/misc.ts'


/** Companies this member may see. Companies have an owner but no assignee. */
export function companyVisibleTo(m: Membership): Prisma.CompanyWhereInput {
	if (m.role === 'REP' && m.hideOthersRecords) return { workspaceId: m.workspaceId, ownerId: m.userId }
	return { workspaceId: m.workspaceId }
}

/** The country used to read phone numbers typed without a country code. */
export async function defaultCountryOf(userId: string) {
	const user = await prisma.user.findUnique({ where: { id: userId }, select: { defaultCountry: true } })
	return user?.defaultCountry ?? 'US'
}

/** The scalar columns a CompanyInput sets, normalised; the domain comes from the website. */
export function companyColumns(input: CompanyInput, defaultCountry: string) {
	return {
		name: input.name,
		industry: input.industry,
		sizeBand: input.sizeBand,
		website: input.website ? normalizeWebsite(input.website) : null,
		domain: input.website ? websiteDomain(input.website) || null : null,
		phone: input.phone ? normalizePhone(input.phone, defaultCountry) : null,
		email: input.email ? normalizeEmail(input.email) : null,
		street: input.street,
		city: input.city,
		region: input.region,
		postalCode: input.postalCode,
		country: input.country,
		notes: input.notes,
		leadStatus: input.leadStatus,
	}
}

type SaveOptions = { defaultCountry: string; customFields: CustomFieldDef[] }

export async function createCompany(m: Membership, input: CompanyInput, opts: SaveOptions) {
	if (!canCreate(m)) throw new Response('You can view companies but not add them.', { status: 403 })
	const columns = companyColumns(input, opts.defaultCountry)
	return prisma.$transaction(async (tx) => {
		const tagIds = await upsertTags(tx, m.workspaceId, input.tagNames)
		const custom = mergeCustomValues(null, opts.customFields, input.custom)
		const company = await tx.company.create({
			data: {
				...columns,
				workspaceId: m.workspaceId,
				ownerId: m.userId,
				customFields: (custom ?? undefined) as Prisma.InputJsonValue | undefined,
				tags: { connect: tagIds.map((id) => ({ id })) },
			},
			select: { id: true, name: true },
		})
		await logActivity(tx, m, { entityType: 'Company', entityId: company.id, action: 'created' })
		return company
	})
}

const AUDIT_SELECT = {
	name: true,
	industry: true,
	sizeBand: true,
	website: true,
	domain: true,
	phone: true,
	email: true,
	street: true,
	city: true,
	region: true,
	postalCode: true,
	country: true,
	notes: true,
	leadStatus: true,
	customFields: true,
	ownerId: true,
	tags: { select: { name: true } },
} as const

function auditView({ tags, ownerId: _ownerId, domain: _domain, ...rest }: Prisma.CompanyGetPayload<{ select: typeof AUDIT_SELECT }>) {
	return { ...rest, tags: tags.map((t) => t.name).sort().join(', ') }
}

export async function updateCompany(m: Membership, id: string, input: CompanyInput, opts: SaveOptions) {
	const columns = companyColumns(input, opts.defaultCountry)
	const renamed = await prisma.$transaction(async (tx) => {
		const before = await tx.company.findFirst({ where: { id, deletedAt: null, ...companyVisibleTo(m) }, select: AUDIT_SELECT })
		if (!before) throw notFound()
		requireEdit(m, before)
		const tagIds = await upsertTags(tx, m.workspaceId, input.tagNames)
		// Values of fields whose definition was deleted stay stored, hidden.
		const custom = mergeCustomValues(before.customFields, opts.customFields, input.custom)
		const after = await tx.company.update({
			where: { id },
			data: { ...columns, customFields: custom ? (custom as Prisma.InputJsonValue) : Prisma.DbNull, tags: { set: tagIds.map((tid) => ({ id: tid })) } },
			select: AUDIT_SELECT,
		})
		const diff = diffFields(auditView(before), auditView(after))
		if (Object.keys(diff).length) {
			const action = Object.keys(diff).length === 1 && diff.leadStatus ? 'status_changed' : 'updated'
			await logActivity(tx, m, { entityType: 'Company', entityId: id, action, diff })
		}
		return before.name !== after.name
	})
	// Contacts are found by their company's name: their search rows carry it.
	if (renamed) await reindexContacts(m.workspaceId, await companyContactIds(m.workspaceId, id))
}

async function companyContactIds(workspaceId: string, companyId: string) {
	return (await prisma.contact.findMany({ where: { workspaceId, companyId }, select: { id: true } })).map((c) => c.id)
}

/** Everything the company page shows; null when the member may not see it. */
export async function getCompany(m: Membership, id: string) {
	const company = await prisma.company.findFirst({
		where: { id, deletedAt: null, ...companyVisibleTo(m) },
		include: {
			tags: { select: { id: true, name: true, color: true }, orderBy: { name: 'asc' } },
			owner: { select: { id: true, name: true } },
			primaryContact: { select: { id: true, displayName: true, deletedAt: true } },
		},
	})
	if (!company) return null
	// A deleted contact is no longer anyone's primary contact, as far as the page goes.
	const primaryContact = company.primaryContact && !company.primaryContact.deletedAt ? { id: company.primaryContact.id, displayName: company.primaryContact.displayName } : null
	return { ...company, primaryContact, canEdit: canEdit(m, company) }
}

/** The company's contacts this member may see: decision-makers first. */
export function listCompanyContacts(m: Membership, companyId: string) {
	return prisma.contact.findMany({
		where: { companyId, deletedAt: null, ...visibleTo(m) },
		orderBy: [{ isDecisionMaker: 'desc' }, { displayName: 'asc' }],
		take: 200,
		select: {
			id: true,
			displayName: true,
			jobTitle: true,
			isDecisionMaker: true,
			authorityLevel: true,
			avatarUrl: true,
			image: { select: { id: true } },
			emails: { where: { isPrimary: true }, select: { email: true }, take: 1 },
		},
	})
}

async function findEditable(m: Membership, id: string) {
	const company = await prisma.company.findFirst({ where: { id, deletedAt: null, ...companyVisibleTo(m) }, select: { id: true, name: true, ownerId: true, primaryContactId: true } })
	if (!company) throw notFound()
	requireEdit(m, company)
	return company
}

/** Marks one of the company's own contacts as its primary contact (or clears it with null). */
export async function setPrimaryContact(m: Membership, companyId: string, contactId: string | null) {
	const company = await findEditable(m, companyId)
	const contact = contactId
		? await prisma.contact.findFirst({ where: { id: contactId, companyId, workspaceId: m.workspaceId, deletedAt: null }, select: { id: true, displayName: true } })
		: null
	if (contactId && !contact) return false
	if (company.primaryContactId === (contact?.id ?? null)) return true
	const previous = company.primaryContactId ? await prisma.contact.findUnique({ where: { id: company.primaryContactId }, select: { displayName: true } }) : null
	await prisma.$transaction(async (tx) => {
		await tx.company.update({ where: { id: companyId }, data: { primaryContactId: contact?.id ?? null } })
		await logActivity(tx, m, { entityType: 'Company', entityId: companyId, action: 'updated', diff: { primaryContact: [previous?.displayName ?? null, contact?.displayName ?? null] } })
	})
	return true
}

export async function softDeleteCompany(m: Membership, id: string) {
	const company = await findEditable(m, id)
	await prisma.$transaction(async (tx) => {
		await tx.company.update({ where: { id }, data: { deletedAt: new Date() } })
		await logActivity(tx, m, { entityType: 'Company', entityId: id, action: 'deleted' })
	})
	return company
}

export async function restoreCompany(m: Membership, id: string) {
	const company = await prisma.company.findFirst({ where: { id, deletedAt: { not: null }, ...companyVisibleTo(m) }, select: { id: true, name: true, ownerId: true } })
	if (!company) throw notFound()
	requireEdit(m, company)
	await prisma.$transaction(async (tx) => {
		await tx.company.update({ where: { id }, data: { deletedAt: null } })
		await logActivity(tx, m, { entityType: 'Company', entityId: id, action: 'restored' })
	})
	return company
}

// ───────────────────────── the list ─────────────────────────

export function companyWhere(m: Membership, query: CompanyListQuery): Prisma.CompanyWhereInput {
	const and: Prisma.CompanyWhereInput[] = []
	const q = query.q?.trim()
	if (q) {
		// "https://www.acme.com/about" finds acme.com too.
		const domain = q.includes('.') ? websiteDomain(q) || q.toLowerCase() : q.toLowerCase()
		and.push({ OR: [{ name: { contains: q } }, { domain: { contains: domain } }] })
	}
	if (query.industry) and.push({ industry: query.industry })
	if (query.size) and.push({ sizeBand: query.size })
	if (query.tag) and.push({ tags: { some: { id: query.tag } } })
	if (query.status === 'none') and.push({ leadStatus: null })
	else if (query.status) and.push({ leadStatus: query.status })
	return { deletedAt: null, ...companyVisibleTo(m), ...(and.length ? { AND: and } : {}) }
}

const ROW_SELECT = {
	id: true,
	name: true,
	domain: true,
	website: true,
	industry: true,
	sizeBand: true,
	leadStatus: true,
	createdAt: true,
	tags: { select: { id: true, name: true, color: true }, orderBy: { name: 'asc' } },
	_count: { select: { contacts: { where: { deletedAt: null } } } },
} satisfies Prisma.CompanySelect

export async function listCompanies(m: Membership, query: CompanyListQuery) {
	const pageSize = query.pageSize && (COMPANY_PAGE_SIZES as readonly number[]).includes(query.pageSize) ? query.pageSize : 25
	const sort = query.sort ?? 'name'
	const dir = query.dir ?? (sort === 'created' || sort === 'contacts' ? 'desc' : 'asc')
	const where = companyWhere(m, query)

	let total: number
	let rows: Array<Prisma.CompanyGetPayload<{ select: typeof ROW_SELECT }>>
	let page: number
	if (sort === 'size' || sort === 'contacts') {
		// Size bands are labels and the count must skip deleted contacts: neither
		// orders in SQL through Prisma, so order the (few) matching ids here.
		const all = await prisma.company.findMany({ where, select: { id: true, sizeBand: true }, orderBy: [{ name: 'asc' }, { id: 'asc' }] })
		let rank: (r: (typeof all)[number]) => number | null
		if (sort === 'size') {
			rank = (r) => (r.sizeBand ? SIZE_BANDS.indexOf(r.sizeBand as (typeof SIZE_BANDS)[number]) : null)
		} else {
			const counts = await prisma.contact.groupBy({ by: ['companyId'], where: { workspaceId: m.workspaceId, deletedAt: null, companyId: { not: null } }, _count: { _all: true } })
			const byCompany = new Map(counts.map((c) => [c.companyId, c._count._all]))
			rank = (r) => byCompany.get(r.id) ?? 0
		}
		const sign = dir === 'asc' ? 1 : -1
		const ordered = all
			.map((r, i) => ({ id: r.id, rank: rank(r), i }))
			.sort((a, b) => (a.rank === null ? (b.rank === null ? a.i - b.i : 1) : b.rank === null ? -1 : (a.rank - b.rank) * sign || a.i - b.i))
		total = ordered.length
		page = clampPage(query.page, total, pageSize)
		const ids = ordered.slice((page - 1) * pageSize, page * pageSize).map((r) => r.id)
		const found = await prisma.company.findMany({ where: { id: { in: ids } }, select: ROW_SELECT })
		rows = ids.map((id) => found.find((r) => r.id === id)!).filter(Boolean)
	} else {
		total = await prisma.company.count({ where })
		page = clampPage(query.page, total, pageSize)
		const orderBy: Prisma.CompanyOrderByWithRelationInput[] =
			sort === 'industry' ? [{ industry: { sort: dir, nulls: 'last' } }, { name: 'asc' }] : sort === 'created' ? [{ createdAt: dir }, { id: dir }] : [{ name: dir }, { id: 'asc' }]
		rows = await prisma.company.findMany({ where, orderBy, skip: (page - 1) * pageSize, take: pageSize, select: ROW_SELECT })
	}
	return {
		rows: rows.map(({ _count, ...r }) => ({ ...r, contacts: _count.contacts })),
		total,
		page,
		pages: Math.max(1, Math.ceil(total / pageSize)),
		pageSize,
		sort,
		dir,
	}
}

function clampPage(page: number | undefined, total: number, pageSize: number) {
	return Math.min(Math.max(1, page ?? 1), Math.max(1, Math.ceil(total / pageSize)))
}

/** What the company list's filters offer: the industries in use, and the tags (with how many companies carry each). */
export async function listCompanyFilterOptions(m: Membership) {
	const [industries, tags] = await Promise.all([
		prisma.company.groupBy({ by: ['industry'], where: { workspaceId: m.workspaceId, deletedAt: null, industry: { not: null } }, orderBy: { industry: 'asc' } }),
		prisma.tag.findMany({
			where: { workspaceId: m.workspaceId },
			orderBy: { name: 'asc' },
			select: { id: true, name: true, color: true, _count: { select: { companies: { where: { deletedAt: null } } } } },
		}),
	])
	return { industries: industries.map((i) => i.industry!).filter(Boolean), tags: tags.map(({ _count, ...t }) => ({ ...t, companies: _count.companies })) }
}

// Merging two contacts that are the same person. The kept contact takes the value
// chosen for each field, the union of both contacts' emails, phones, tags and
// groups, and everything attached to the other one (interactions, follow-ups,
// deals, reminders, shares, approvals, lead submissions, company pointers). The
// other contact is then soft-deleted with its own details intact, so for 30 days
// "Recently deleted" still shows what it held; nothing attached to it is lost,
// because nothing is attached to it any more.
import type { Prisma } from '#app/generated/prisma/client.ts'
import { displayNameOf, formatAddress, formatMonthDay, formatPhone, normalizeEmail, readAddresses, readWebsites } from '#app/utils/contact-fields.ts'
import { prisma } from '#app/utils/db.server.ts'
import { AUTHORITY_LABELS, LEAD_STATUS_LABELS } from '#app/validation/contact.ts'
import { logActivity } from './activity.server.ts'
import { jsonList } from './contact.server.ts'
import { reindexContacts, removeFromIndex } from './contact-search.server.ts'
import { listCustomFields } from './custom-field.server.ts'
import { canEdit, requireEdit, visibleTo, type Membership } from './workspace.server.ts'
import { contactsChanged } from './reminder.server.ts'
import { notFound } from '#app/utils/misc.ts'

type Tx = Prisma.TransactionClient

/** The fields a person picks between, in the order the merge screen shows them. */
export const MERGE_FIELDS = [
	{ key: 'firstName', label: 'First name', columns: ['firstName'] },
	{ key: 'lastName', label: 'Last name', columns: ['lastName'] },
	{ key: 'nickname', label: 'Nickname', columns: ['nickname'] },
	{ key: 'company', label: 'Company', columns: ['companyId'] },
	{ key: 'jobTitle', label: 'Job title', columns: ['jobTitle'] },
	{ key: 'leadStatus', label: 'Lead status', columns: ['leadStatus'] },
	{ key: 'decisionMaker', label: 'Decision-maker', columns: ['isDecisionMaker', 'authorityLevel'] },
	{ key: 'owner', label: 'Owner', columns: ['ownerId'] },
	{ key: 'assignee', label: 'Assigned to', columns: ['assigneeId'] },
	{ key: 'birthday', label: 'Birthday', columns: ['birthdayMonth', 'birthdayDay', 'birthdayYear'] },
	{ key: 'anniversary', label: 'Anniversary', columns: ['anniversaryMonth', 'anniversaryDay', 'anniversaryYear'] },
	{ key: 'whatsapp', label: 'WhatsApp', columns: ['whatsapp'] },
	{ key: 'instagram', label: 'Instagram', columns: ['instagram'] },
	{ key: 'linkedin', label: 'LinkedIn', columns: ['linkedin'] },
	{ key: 'twitter', label: 'X (Twitter)', columns: ['twitter'] },
	{ key: 'avatar', label: 'Picture', columns: ['avatarUrl'] },
	{ key: 'keepInTouch', label: 'Keep in touch', columns: ['keepInTouchDays'] },
	{ key: 'notes', label: 'Notes', columns: ['notes'] },
] as const

export type MergeFieldKey = (typeof MERGE_FIELDS)[number]['key']
export type MergeSide = 'keep' | 'merge'
/** Which contact's value each field takes; notes may also be 'both'. Missing: the default (see defaultSide). */
export type MergeChoices = Partial<Record<MergeFieldKey, MergeSide | 'both'>> & { custom?: Record<string, MergeSide> }

const LOAD = {
	emails: { orderBy: [{ isPrimary: 'desc' }, { id: 'asc' }] },
	phones: { orderBy: [{ isPrimary: 'desc' }, { id: 'asc' }] },
	tags: { select: { id: true, name: true, color: true }, orderBy: { name: 'asc' } },
	groups: { select: { id: true, name: true }, orderBy: { name: 'asc' } },
	image: { select: { id: true } },
	company: { select: { name: true } },
	owner: { select: { name: true } },
	assignee: { select: { name: true } },
} satisfies Prisma.ContactInclude

type Loaded = Prisma.ContactGetPayload<{ include: typeof LOAD }>

function loadContact(db: Tx, m: Membership, id: string) {
	return db.contact.findFirst({ where: { id, deletedAt: null, ...visibleTo(m) }, include: LOAD })
}

const isBlank = (v: unknown) => v === null || v === undefined || v === '' || v === false

function fieldValues(c: Loaded, key: MergeFieldKey) {
	const field = MERGE_FIELDS.find((f) => f.key === key)!
	const values: unknown[] = field.columns.map((col) => c[col])
	// An uploaded picture counts as a value of its own.
	if (key === 'avatar') values.push(c.image?.id ?? null)
	return values
}

function isEmpty(c: Loaded, key: MergeFieldKey) {
	return fieldValues(c, key).every(isBlank)
}

/** The value nobody has to think about: the only one there is, else the more recently edited contact's. */
function defaultSide<T extends { updatedAt: Date }>(keep: T, merge: T, keepEmpty: boolean, mergeEmpty: boolean): MergeSide {
	if (keepEmpty !== mergeEmpty) return keepEmpty ? 'merge' : 'keep'
	return merge.updatedAt > keep.updatedAt ? 'merge' : 'keep'
}

function customValues(c: { customFields: Prisma.JsonValue }) {
	const v = c.customFields
	return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, Prisma.JsonValue>) : {}
}

function unionBy<T>(items: T[], key: (t: T) => string) {
	const seen = new Set<string>()
	return items.filter((item) => !seen.has(key(item)) && Boolean(seen.add(key(item))))
}

const later = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a > b ? a : b)

/**
 * Merges mergeId into keepId in one transaction and returns the kept contact's id.
 * Throws a 404 Response when either contact is missing, deleted or not visible to
 * the member, and a 403 when the member may not edit both.
 */
export async function mergeContacts(m: Membership, keepId: string, mergeId: string, choices: MergeChoices = {}, now = new Date()) {
	if (keepId === mergeId) throw new Response('Choose two different contacts to merge.', { status: 400 })
	const summary = await prisma.$transaction(async (tx) => {
		const keep = await loadContact(tx, m, keepId)
		const merge = await loadContact(tx, m, mergeId)
		if (!keep || !merge) throw notFound()
		requireEdit(m, keep)
		requireEdit(m, merge)

		const side = (key: MergeFieldKey): MergeSide => {
			const chosen = choices[key]
			if (chosen === 'keep' || chosen === 'merge') return chosen
			return defaultSide(keep, merge, isEmpty(keep, key), isEmpty(merge, key))
		}
		const data: Record<string, unknown> = {}
		for (const field of MERGE_FIELDS) {
			if (field.key === 'notes') continue
			const source = side(field.key) === 'merge' ? merge : keep
			for (const col of field.columns) data[col] = source[col]
		}
		data.notes =
			choices.notes === 'both'
				? [keep.notes, merge.notes].filter((n) => n?.trim()).join('\n\n') || null
				: (side('notes') === 'merge' ? merge : keep).notes
		data.displayName = displayNameOf(String(data.firstName ?? ''), String(data.lastName ?? ''), keep.displayName || merge.displayName)

		const keepCustom = customValues(keep)
		const mergeCustom = customValues(merge)
		const custom: Record<string, Prisma.JsonValue> = {}
		for (const key of new Set([...Object.keys(keepCustom), ...Object.keys(mergeCustom)])) {
			const emptyK = isBlank(keepCustom[key])
			const emptyM = isBlank(mergeCustom[key])
			const s = choices.custom?.[key] ?? defaultSide(keep, merge, emptyK, emptyM)
			const value = s === 'merge' ? mergeCustom[key] : keepCustom[key]
			if (!isBlank(value)) custom[key] = value!
		}
		if (Object.keys(custom).length || keep.customFields !== null) data.customFields = custom

		const keepLinks = customValues({ customFields: keep.socialLinks })
		const mergeLinks = customValues({ customFields: merge.socialLinks })
		if (Object.keys(mergeLinks).length) data.socialLinks = { ...mergeLinks, ...keepLinks }

		// Attribution: first touch from whoever arrived first, last touch from the latest.
		const [older, newer] = keep.createdAt <= merge.createdAt ? [keep, merge] : [merge, keep]
		data.source = older.source
		data.firstTouch = older.firstTouch ?? newer.firstTouch ?? undefined
		data.referrer = older.referrer ?? newer.referrer
		data.landingPage = older.landingPage ?? newer.landingPage
		data.lastTouch = newer.lastTouch ?? older.lastTouch ?? undefined
		data.lastContactedAt = later(keep.lastContactedAt, merge.lastContactedAt)
		data.keepInTouchDays = (side('keepInTouch') === 'merge' ? merge : keep).keepInTouchDays
		data.keepInTouch = (side('keepInTouch') === 'merge' ? merge : keep).keepInTouch
		if (keep.enrichmentStatus === 'NONE' && merge.enrichmentStatus !== 'NONE') {
			data.enrichmentStatus = merge.enrichmentStatus
			data.enrichedData = merge.enrichedData ?? undefined
		}
		// Undoing an import removes the contacts it created; a merged contact holds more
		// than that import brought, so it only stays tied to it when both came from it.
		data.importBatchId = keep.importBatchId && keep.importBatchId === merge.importBatchId ? keep.importBatchId : null

		// Emails and phones are copied, not moved: the soft-deleted contact keeps its card.
		const haveEmails = new Set(keep.emails.map((e) => normalizeEmail(e.email)))
		const newEmails = merge.emails
			.filter((e) => {
				const key = normalizeEmail(e.email)
				if (haveEmails.has(key)) return false
				haveEmails.add(key)
				return true
			})
			.map((e, i) => ({ email: normalizeEmail(e.email), label: e.label, isPrimary: keep.emails.length === 0 && i === 0 }))
		const phoneKey = (p: string) => (p.startsWith('+') ? p : p.replace(/\D/g, ''))
		const havePhones = new Set(keep.phones.map((p) => phoneKey(p.phone)))
		const newPhones = merge.phones
			.filter((p) => {
				const key = phoneKey(p.phone)
				if (havePhones.has(key)) return false
				havePhones.add(key)
				return true
			})
			.map((p, i) => ({ phone: p.phone, label: p.label, isPrimary: keep.phones.length === 0 && i === 0 }))

		// Addresses and websites, like emails and phones, are the union of both.
		const addresses = unionBy([...readAddresses(keep.addresses), ...readAddresses(merge.addresses)], (a) => formatAddress(a).toLowerCase())
		const websites = unionBy([...readWebsites(keep.websites), ...readWebsites(merge.websites)], (w) => w.url.toLowerCase().replace(/\/$/, ''))
		data.addresses = jsonList(addresses)
		data.websites = jsonList(websites)

		const after = await tx.contact.update({
			where: { id: keep.id },
			data: {
				...(data as Prisma.ContactUncheckedUpdateInput),
				emails: { create: newEmails },
				phones: { create: newPhones },
				tags: { connect: merge.tags.map((t) => ({ id: t.id })) },
				groups: { connect: merge.groups.map((g) => ({ id: g.id })) },
			},
			include: LOAD,
		})

		if (side('avatar') === 'merge') {
			await tx.contactImage.deleteMany({ where: { contactId: keep.id } })
			const image = await tx.contactImage.findUnique({ where: { contactId: merge.id }, select: { contentType: true, blob: true } })
			if (image) await tx.contactImage.create({ data: { contactId: keep.id, contentType: image.contentType, blob: image.blob } })
		}

		const ws = m.workspaceId
		const moved = {
			interactions: (await tx.interaction.updateMany({ where: { workspaceId: ws, contactId: merge.id }, data: { contactId: keep.id } })).count,
			followUps: (await tx.followUp.updateMany({ where: { workspaceId: ws, contactId: merge.id }, data: { contactId: keep.id } })).count,
			deals: (await tx.deal.updateMany({ where: { workspaceId: ws, contactId: merge.id }, data: { contactId: keep.id } })).count,
			approvals: (await tx.pendingApproval.updateMany({ where: { workspaceId: ws, contactId: merge.id }, data: { contactId: keep.id } })).count,
			leadSubmissions: (await tx.leadSubmission.updateMany({ where: { workspaceId: ws, contactId: merge.id }, data: { contactId: keep.id } })).count,
			primaryOf: (await tx.company.updateMany({ where: { workspaceId: ws, primaryContactId: merge.id }, data: { primaryContactId: keep.id } })).count,
			reminders: await moveReminders(tx, merge.id, keep.id, { birthday: side('birthday'), anniversary: side('anniversary') }),
			shares: await moveShares(tx, merge.id, keep.id),
		}

		await tx.contact.update({ where: { id: merge.id }, data: { deletedAt: now } })

		const before = auditView(keep)
		const afterView = auditView(after)
		const changes: Record<string, [unknown, unknown]> = {}
		for (const [key, value] of Object.entries(afterView)) {
			if (JSON.stringify(before[key as keyof typeof before] ?? null) !== JSON.stringify(value ?? null)) changes[key] = [before[key as keyof typeof before] ?? null, value ?? null]
		}
		await logActivity(tx, m, {
			entityType: 'Contact',
			entityId: keep.id,
			action: 'merged',
			diff: { merged: [{ id: merge.id, name: merge.displayName }, null], ...changes, moved: [null, moved] },
		})
		await logActivity(tx, m, { entityType: 'Contact', entityId: merge.id, action: 'merged', diff: { mergedInto: [null, { id: keep.id, name: after.displayName }] } })
		return { keptId: keep.id, displayName: after.displayName, moved }
	})
	await reindexContacts(m.workspaceId, [keepId])
	await removeFromIndex([mergeId])
	await contactsChanged(m.workspaceId, [keepId, mergeId], { now })
	return summary
}

/** What the activity log compares: readable values, not ids where a name exists. */
function auditView(c: Loaded) {
	return {
		displayName: c.displayName,
		firstName: c.firstName,
		lastName: c.lastName,
		company: c.company?.name ?? null,
		jobTitle: c.jobTitle,
		leadStatus: c.leadStatus,
		isDecisionMaker: c.isDecisionMaker,
		authorityLevel: c.authorityLevel,
		owner: c.owner?.name ?? null,
		assignee: c.assignee?.name ?? null,
		birthday: formatMonthDay(c.birthdayMonth, c.birthdayDay, c.birthdayYear) || null,
		anniversary: formatMonthDay(c.anniversaryMonth, c.anniversaryDay, c.anniversaryYear) || null,
		addresses: readAddresses(c.addresses).map(formatAddress).join('; ') || null,
		whatsapp: c.whatsapp,
		instagram: c.instagram,
		linkedin: c.linkedin,
		twitter: c.twitter,
		websites: readWebsites(c.websites).map((w) => w.url).join(', ') || null,
		avatarUrl: c.avatarUrl,
		keepInTouchDays: c.keepInTouchDays,
		notes: c.notes,
		customFields: c.customFields,
		emails: c.emails.map((e) => e.email).join(', '),
		phones: c.phones.map((p) => p.phone).join(', '),
		tags: c.tags.map((t) => t.name).join(', '),
		groups: c.groups.map((g) => g.name).join(', '),
	}
}

/**
 * Moves reminders, keeping dedupe keys true: a key naming the merged contact is
 * renamed to the kept one. When the kept contact already has that reminder, the
 * one whose date was chosen survives (a birthday reminder follows the birthday
 * picked); otherwise the kept contact's.
 */
async function moveReminders(tx: Tx, fromId: string, toId: string, sides: { birthday: MergeSide; anniversary: MergeSide }) {
	const reminders = await tx.reminder.findMany({ where: { contactId: fromId }, select: { id: true, type: true, dedupeKey: true } })
	let count = 0
	for (const r of reminders) {
		const key = r.dedupeKey.split(fromId).join(toId)
		const clash = key !== r.dedupeKey ? await tx.reminder.findUnique({ where: { dedupeKey: key }, select: { id: true } }) : null
		if (clash) {
			const preferMoved = (r.type === 'BIRTHDAY' && sides.birthday === 'merge') || (r.type === 'ANNIVERSARY' && sides.anniversary === 'merge')
			if (!preferMoved) {
				await tx.reminder.delete({ where: { id: r.id } })
				continue
			}
			await tx.reminder.delete({ where: { id: clash.id } })
		}
		await tx.reminder.update({ where: { id: r.id }, data: { contactId: toId, dedupeKey: key } })
		count++
	}
	return count
}

/** One share per recipient and contact: when both were shared with someone, they keep the wider access. */
async function moveShares(tx: Tx, fromId: string, toId: string) {
	const shares = await tx.share.findMany({ where: { contactId: fromId } })
	for (const s of shares) {
		const existing = await tx.share.findUnique({ where: { contactId_recipientId: { contactId: toId, recipientId: s.recipientId } } })
		if (!existing) {
			await tx.share.update({ where: { id: s.id }, data: { contactId: toId } })
			continue
		}
		await tx.share.update({
			where: { id: existing.id },
			data: {
				permission: existing.permission === 'VIEW_ADD_NOTES' || s.permission === 'VIEW_ADD_NOTES' ? 'VIEW_ADD_NOTES' : 'VIEW',
				// No expiry is the latest expiry of all.
				expiresAt: existing.expiresAt && s.expiresAt ? later(existing.expiresAt, s.expiresAt) : null,
				note: existing.note ?? s.note,
			},
		})
		await tx.share.delete({ where: { id: s.id } })
	}
	return shares.length
}

// ───────────────────────── the merge screen ─────────────────────────

export type MergeFieldRow = {
	/** The form field is pick.<key>; custom fields are custom.<key>. */
	key: string
	label: string
	a: string | null
	b: string | null
	/** Pictures are shown, not described. */
	images?: { a: string | null; b: string | null }
	defaultSide: 'a' | 'b'
	allowBoth: boolean
}

function pictureSrc(c: Loaded) {
	return c.image ? `/contacts/${c.id}/picture?v=${c.image.id}` : c.avatarUrl
}

function display(c: Loaded, key: MergeFieldKey): string | null {
	switch (key) {
		case 'company':
			return c.company?.name ?? null
		case 'leadStatus':
			return c.leadStatus ? LEAD_STATUS_LABELS[c.leadStatus] : null
		case 'decisionMaker':
			return c.isDecisionMaker ? ['Yes', c.authorityLevel ? AUTHORITY_LABELS[c.authorityLevel] : null].filter(Boolean).join(' · ') : null
		case 'owner':
			return c.owner?.name ?? null
		case 'assignee':
			return c.assignee?.name ?? null
		case 'birthday':
			return formatMonthDay(c.birthdayMonth, c.birthdayDay, c.birthdayYear) || null
		case 'anniversary':
			return formatMonthDay(c.anniversaryMonth, c.anniversaryDay, c.anniversaryYear) || null
		case 'whatsapp':
			return c.whatsapp ? formatPhone(c.whatsapp) : null
		case 'instagram':
			return c.instagram ? `@${c.instagram}` : null
		case 'avatar':
			return c.image ? 'Uploaded picture' : c.avatarUrl
		case 'keepInTouch':
			return c.keepInTouchDays ? `Every ${c.keepInTouchDays} days` : null
		default:
			return (c[key] as string | null) || null
	}
}

function side(c: Loaded, counts: Record<string, number>) {
	return {
		id: c.id,
		displayName: c.displayName,
		companyName: c.company?.name ?? null,
		jobTitle: c.jobTitle,
		pictureSrc: pictureSrc(c),
		createdAt: c.createdAt,
		updatedAt: c.updatedAt,
		attached: counts,
	}
}

async function attachedCounts(id: string) {
	const [interactions, followUps, deals, reminders] = await Promise.all([
		prisma.interaction.count({ where: { contactId: id } }),
		prisma.followUp.count({ where: { contactId: id } }),
		prisma.deal.count({ where: { contactId: id } }),
		prisma.reminder.count({ where: { contactId: id } }),
	])
	return { interactions, followUps, deals, reminders }
}

/**
 * What the merge screen shows for contacts a and b, or null when either is not
 * the member's to see. Fields both leave empty are left out; fields with the same
 * value on both are listed apart, with nothing to choose.
 */
export async function mergePreview(m: Membership, aId: string, bId: string) {
	if (aId === bId) return null
	const [a, b] = await Promise.all([loadContact(prisma, m, aId), loadContact(prisma, m, bId)])
	if (!a || !b) return null
	const [defs, countsA, countsB] = await Promise.all([listCustomFields(m.workspaceId, 'CONTACT'), attachedCounts(a.id), attachedCounts(b.id)])

	const rows: MergeFieldRow[] = []
	const same: Array<{ label: string; value: string }> = []
	const toAB = (s: MergeSide): 'a' | 'b' => (s === 'keep' ? 'a' : 'b')
	for (const field of MERGE_FIELDS) {
		const emptyA = isEmpty(a, field.key)
		const emptyB = isEmpty(b, field.key)
		if (emptyA && emptyB) continue
		const va = display(a, field.key)
		const vb = display(b, field.key)
		if (JSON.stringify(fieldValues(a, field.key)) === JSON.stringify(fieldValues(b, field.key))) {
			same.push({ label: field.label, value: va ?? '' })
			continue
		}
		rows.push({
			key: field.key,
			label: field.label,
			a: va,
			b: vb,
			images: field.key === 'avatar' ? { a: pictureSrc(a), b: pictureSrc(b) } : undefined,
			defaultSide: toAB(defaultSide(a, b, emptyA, emptyB)),
			allowBoth: field.key === 'notes' && !emptyA && !emptyB,
		})
	}
	const customA = customValues(a)
	const customB = customValues(b)
	for (const def of defs) {
		const va = isBlank(customA[def.key]) ? null : String(customA[def.key])
		const vb = isBlank(customB[def.key]) ? null : String(customB[def.key])
		if (va === null && vb === null) continue
		if (va === vb) {
			same.push({ label: def.label, value: va ?? '' })
			continue
		}
		rows.push({ key: `custom.${def.key}`, label: def.label, a: va, b: vb, defaultSide: toAB(defaultSide(a, b, va === null, vb === null)), allowBoth: false })
	}

	const emails = [...new Set([...a.emails, ...b.emails].map((e) => normalizeEmail(e.email)))]
	const phones = [...new Map([...a.phones, ...b.phones].map((p) => [p.phone.startsWith('+') ? p.phone : p.phone.replace(/\D/g, ''), formatPhone(p.phone)])).values()]
	const tags = [...new Map([...a.tags, ...b.tags].map((t) => [t.id, { name: t.name, color: t.color }])).values()].sort((x, y) => x.name.localeCompare(y.name))
	const groups = [...new Set([...a.groups, ...b.groups].map((g) => g.name))].sort((x, y) => x.localeCompare(y))

	return {
		a: side(a, countsA),
		b: side(b, countsB),
		// The older contact has the longer history: keep it unless told otherwise.
		defaultKeep: a.createdAt <= b.createdAt ? ('a' as const) : ('b' as const),
		rows,
		same,
		combined: { emails, phones, tags, groups },
		canMerge: canEdit(m, a) && canEdit(m, b),
	}
}

export type MergePreview = NonNullable<Awaited<ReturnType<typeof mergePreview>>>

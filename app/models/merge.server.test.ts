import { describe, expect, it } from 'vitest'
import { prisma } from '#app/utils/db.server.ts'
import { contactFormSchema } from '#app/validation/contact.ts'
import { createContact, getContact } from './contact.server.ts'
import { listContacts } from './contact-list.server.ts'
import { listLikelyDuplicatePairs } from './duplicates.server.ts'
import { mergeContacts, mergePreview } from './merge.server.ts'
import { createUser } from './user.server.ts'
import type { Membership } from './workspace.server.ts'

async function member(role: Membership['role'] = 'OWNER'): Promise<Membership> {
	const user = await createUser({ email: `m-${Math.random().toString(36).slice(2)}@example.com`, name: 'Owner' })
	const { workspaceId } = await prisma.membership.findFirstOrThrow({ where: { userId: user.id } })
	return { userId: user.id, workspaceId, role, personal: true, hideOthersRecords: false }
}

async function contact(m: Membership, values: Record<string, unknown>) {
	return (await createContact(m, contactFormSchema().parse(values), { defaultCountry: 'US' })).id
}

async function rejection(promise: Promise<unknown>) {
	try {
		await promise
	} catch (error) {
		return error instanceof Response ? error.status : error
	}
	return 'resolved'
}

/** Two records of Ada, with things attached to each. */
async function setup() {
	const m = await member()
	const other = await createUser({ email: `r-${Math.random().toString(36).slice(2)}@example.com`, name: 'Recipient' })
	const keepId = await contact(m, {
		firstName: 'Ada',
		lastName: 'Lovelace',
		jobTitle: 'Analyst',
		emails: [{ email: 'ada@example.com', label: 'work' }],
		phones: [{ phone: '+14155552671', label: 'mobile' }],
		tags: 'VIP',
		birthdayMonth: '12',
		birthdayDay: '10',
		notes: 'Met at the Royal Society.',
	})
	const group = await prisma.group.create({ data: { workspaceId: m.workspaceId, name: 'Mathematicians' } })
	const mergeId = await contact(m, {
		firstName: 'Augusta Ada',
		lastName: 'King',
		jobTitle: 'Countess',
		companyName: 'Analytical Engines',
		emails: [{ email: 'ADA@example.com' }, { email: 'countess@example.com', label: 'home' }],
		phones: [{ phone: '(415) 555-2671' }, { phone: '+442079460018', label: 'home' }],
		tags: 'Poets, VIP',
		groupIds: [group.id],
		notes: 'Prefers letters.',
	})
	const ws = m.workspaceId
	const lastContactedAt = new Date('2026-03-01T10:00:00Z')
	await prisma.contact.update({ where: { id: keepId }, data: { lastContactedAt: new Date('2026-01-01T10:00:00Z') } })
	await prisma.contact.update({ where: { id: mergeId }, data: { lastContactedAt } })
	const interaction = await prisma.interaction.create({ data: { workspaceId: ws, contactId: mergeId, occurredAt: new Date(), medium: 'CALL', subject: 'Engines' } })
	const followUp = await prisma.followUp.create({ data: { workspaceId: ws, contactId: mergeId, dueAt: new Date('2026-04-01T09:00:00Z') } })
	const stage = await prisma.pipelineStage.findFirstOrThrow({ where: { workspaceId: ws } })
	const deal = await prisma.deal.create({ data: { workspaceId: ws, stageId: stage.id, contactId: mergeId, name: 'Difference engine' } })
	const reminder = await prisma.reminder.create({
		data: { workspaceId: ws, userId: m.userId, contactId: mergeId, type: 'CUSTOM', title: 'Send notes', scheduledAt: new Date(), dedupeKey: `custom:${mergeId}:1` },
	})
	// Both have this year's birthday reminder (already fired, so re-planning leaves them be): only one may survive.
	await prisma.reminder.create({ data: { workspaceId: ws, userId: m.userId, contactId: keepId, type: 'BIRTHDAY', title: 'Birthday', status: 'SENT', scheduledAt: new Date(), dedupeKey: `birthday:${keepId}:2026` } })
	await prisma.reminder.create({ data: { workspaceId: ws, userId: m.userId, contactId: mergeId, type: 'BIRTHDAY', title: 'Birthday', status: 'SENT', scheduledAt: new Date(), dedupeKey: `birthday:${mergeId}:2026` } })
	// Both are shared with the same person: one share, with the wider access and later expiry.
	await prisma.share.create({ data: { workspaceId: ws, contactId: keepId, ownerId: m.userId, recipientId: other.id, permission: 'VIEW', expiresAt: new Date('2026-06-01T00:00:00Z') } })
	await prisma.share.create({ data: { workspaceId: ws, contactId: mergeId, ownerId: m.userId, recipientId: other.id, permission: 'VIEW_ADD_NOTES', expiresAt: new Date('2026-05-01T00:00:00Z') } })
	const company = await prisma.company.findFirstOrThrow({ where: { workspaceId: ws, name: 'Analytical Engines' } })
	await prisma.company.update({ where: { id: company.id }, data: { primaryContactId: mergeId } })
	await prisma.contactImage.create({ data: { contactId: mergeId, contentType: 'image/png', blob: Buffer.from('png') } })
	return { m, keepId, mergeId, group, other, interaction, followUp, deal, reminder, company, lastContactedAt }
}

describe('mergeContacts', () => {
	it('keeps the chosen values, unions details and moves everything attached', async () => {
		const s = await setup()
		const { m, keepId, mergeId } = s
		const result = await mergeContacts(m, keepId, mergeId, { firstName: 'keep', lastName: 'keep', jobTitle: 'merge', company: 'merge', notes: 'both', avatar: 'merge' })
		expect(result.keptId).toBe(keepId)

		const kept = (await getContact(m, keepId))!
		expect(kept.displayName).toBe('Ada Lovelace')
		expect(kept.jobTitle).toBe('Countess')
		expect(kept.company?.id).toBe(s.company.id)
		// Only one contact had a birthday: it stays.
		expect([kept.birthdayMonth, kept.birthdayDay]).toEqual([12, 10])
		expect(kept.notes).toBe('Met at the Royal Society.\n\nPrefers letters.')
		expect(kept.emails.map((e) => [e.email, e.isPrimary])).toEqual([
			['ada@example.com', true],
			['countess@example.com', false],
		])
		expect(kept.phones.map((p) => p.phone)).toEqual(['+14155552671', '+442079460018'])
		expect(kept.tags.map((t) => t.name)).toEqual(['Poets', 'VIP'])
		expect(kept.groups.map((g) => g.id)).toEqual([s.group.id])
		expect(kept.lastContactedAt).toEqual(s.lastContactedAt)
		expect(kept.image).not.toBeNull()

		expect((await prisma.interaction.findUniqueOrThrow({ where: { id: s.interaction.id } })).contactId).toBe(keepId)
		expect((await prisma.followUp.findUniqueOrThrow({ where: { id: s.followUp.id } })).contactId).toBe(keepId)
		expect((await prisma.deal.findUniqueOrThrow({ where: { id: s.deal.id } })).contactId).toBe(keepId)
		expect(await prisma.reminder.findUniqueOrThrow({ where: { id: s.reminder.id } })).toMatchObject({ contactId: keepId, dedupeKey: `custom:${keepId}:1` })
		const birthdays = await prisma.reminder.findMany({ where: { type: 'BIRTHDAY', contactId: { in: [keepId, mergeId] }, dedupeKey: { startsWith: 'birthday:' } } })
		expect(birthdays.map((r) => r.dedupeKey)).toEqual([`birthday:${keepId}:2026`])
		const shares = await prisma.share.findMany({ where: { contactId: { in: [keepId, mergeId] } } })
		expect(shares).toHaveLength(1)
		expect(shares[0]).toMatchObject({ contactId: keepId, recipientId: s.other.id, permission: 'VIEW_ADD_NOTES', expiresAt: new Date('2026-06-01T00:00:00Z') })
		expect((await prisma.company.findUniqueOrThrow({ where: { id: s.company.id } })).primaryContactId).toBe(keepId)

		// The other one is soft-deleted, out of search and off the duplicates page.
		expect(await getContact(m, mergeId)).toBeNull()
		expect((await prisma.contact.findUniqueOrThrow({ where: { id: mergeId } })).deletedAt).not.toBeNull()
		expect((await listContacts(m, { q: 'countess' })).rows.map((r) => r.id)).toEqual([keepId])
		expect((await listContacts(m, { q: 'Augusta' })).rows).toEqual([])
		expect((await listLikelyDuplicatePairs(m)).total).toBe(0)

		const [log] = await prisma.activityLog.findMany({ where: { entityId: keepId, action: 'merged' } })
		const diff = log!.diff as Record<string, [unknown, unknown]>
		expect(diff.merged).toEqual([{ id: mergeId, name: 'Augusta Ada King' }, null])
		expect(diff.jobTitle).toEqual(['Analyst', 'Countess'])
		expect(diff.company).toEqual([null, 'Analytical Engines'])
		expect(diff.firstName).toBeUndefined()
		// The custom reminder moved; the duplicate birthday reminder was dropped.
		expect(diff.moved![1]).toMatchObject({ interactions: 1, followUps: 1, deals: 1, reminders: 1, shares: 1, primaryOf: 1 })
		const [away] = await prisma.activityLog.findMany({ where: { entityId: mergeId, action: 'merged' } })
		expect(away!.diff).toEqual({ mergedInto: [null, { id: keepId, name: 'Ada Lovelace' }] })
	})

	it('takes the other contact’s name and birthday reminder when those are chosen', async () => {
		const { m, keepId, mergeId } = await setup()
		await prisma.contact.update({ where: { id: mergeId }, data: { birthdayMonth: 12, birthdayDay: 11 } })
		await mergeContacts(m, keepId, mergeId, { firstName: 'merge', lastName: 'merge', birthday: 'merge', notes: 'keep' })
		const kept = (await getContact(m, keepId))!
		expect(kept.displayName).toBe('Augusta Ada King')
		expect([kept.birthdayMonth, kept.birthdayDay]).toEqual([12, 11])
		expect(kept.notes).toBe('Met at the Royal Society.')
		const birthdays = await prisma.reminder.findMany({ where: { type: 'BIRTHDAY', contactId: keepId, dedupeKey: { startsWith: 'birthday:' } } })
		expect(birthdays).toHaveLength(1)
		// The upcoming reminders are re-planned for the chosen birthday (11 December) only.
		const planned = await prisma.reminder.findMany({ where: { type: 'BIRTHDAY', contactId: { in: [keepId, mergeId] }, status: 'PENDING' }, select: { contactId: true, occursOn: true } })
		expect(planned.length).toBeGreaterThan(0)
		expect(planned.every((r) => r.contactId === keepId && r.occursOn?.endsWith('-12-11'))).toBe(true)
		expect(birthdays[0]!.dedupeKey).toBe(`birthday:${keepId}:2026`)
		// The surviving reminder is the one that came with the chosen birthday.
		expect(await prisma.reminder.count({ where: { dedupeKey: `birthday:${mergeId}:2026` } })).toBe(0)
	})

	it('fills empty fields from the other contact when nothing is chosen', async () => {
		const m = await member()
		const keepId = await contact(m, { firstName: 'Grace', emails: [{ email: 'grace@example.com' }] })
		const mergeId = await contact(m, { firstName: 'Grace', lastName: 'Hopper', jobTitle: 'Rear admiral', emails: [{ email: 'grace@example.com' }] })
		await mergeContacts(m, keepId, mergeId)
		const kept = (await getContact(m, keepId))!
		expect([kept.displayName, kept.jobTitle]).toEqual(['Grace Hopper', 'Rear admiral'])
		expect(kept.emails).toHaveLength(1)
	})

	it('answers 404 for another workspace’s contacts and 403 for a viewer', async () => {
		const { m, keepId, mergeId } = await setup()
		const stranger = await member()
		const theirs = await contact(stranger, { firstName: 'Someone' })
		expect(await rejection(mergeContacts(stranger, keepId, mergeId))).toBe(404)
		expect(await rejection(mergeContacts(m, keepId, theirs))).toBe(404)
		expect(await rejection(mergeContacts(m, theirs, mergeId))).toBe(404)
		expect(await rejection(mergeContacts(m, keepId, keepId))).toBe(400)
		expect(await mergePreview(stranger, keepId, mergeId)).toBeNull()
		expect(await rejection(mergeContacts({ ...m, role: 'VIEWER' }, keepId, mergeId))).toBe(403)
		// Nothing changed.
		expect(await getContact(m, mergeId)).not.toBeNull()
		expect(await prisma.activityLog.count({ where: { action: 'merged', entityId: { in: [keepId, mergeId] } } })).toBe(0)
	})

	it('cannot merge a contact that was already merged away', async () => {
		const { m, keepId, mergeId } = await setup()
		await mergeContacts(m, keepId, mergeId)
		expect(await rejection(mergeContacts(m, keepId, mergeId))).toBe(404)
	})
})

describe('mergePreview', () => {
	it('offers a choice only where the values differ, defaulting to the value that exists', async () => {
		const { m, keepId, mergeId } = await setup()
		const preview = (await mergePreview(m, keepId, mergeId))!
		expect(preview.defaultKeep).toBe('a')
		const rows = Object.fromEntries(preview.rows.map((r) => [r.key, r]))
		expect(rows.firstName).toMatchObject({ a: 'Ada', b: 'Augusta Ada' })
		expect(rows.company).toMatchObject({ a: null, b: 'Analytical Engines', defaultSide: 'b' })
		expect(rows.birthday).toMatchObject({ a: '10 December', b: null, defaultSide: 'a' })
		expect(rows.notes!.allowBoth).toBe(true)
		expect(rows.avatar).toMatchObject({ a: null, b: 'Uploaded picture', defaultSide: 'b' })
		expect(preview.same.map((s) => s.label)).toContain('Owner')
		expect(preview.combined.emails).toEqual(['ada@example.com', 'countess@example.com'])
		expect(preview.combined.phones).toEqual(['+1 415 555 2671', '+44 20 7946 0018'])
		expect(preview.combined.tags.map((t) => t.name)).toEqual(['Poets', 'VIP'])
		expect(preview.b.attached).toEqual({ interactions: 1, followUps: 1, deals: 1, reminders: 2 })
	})
})

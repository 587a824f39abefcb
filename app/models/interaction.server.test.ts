import { describe, expect, it } from 'vitest'
import { prisma } from '#app/utils/db.server.ts'
import { contactFormSchema } from '#app/validation/contact.ts'
import { interactionSchema, MESSAGES } from '#app/validation/interaction.ts'
import { describeActivity } from './activity.server.ts'
import { createContact } from './contact.server.ts'
import { defaultFollowUpWall, deleteInteraction, getInteraction, interactionDefaults, logInteraction, recomputeLastContacted, updateInteraction } from './interaction.server.ts'
import { createUser } from './user.server.ts'
import type { Membership } from './workspace.server.ts'

async function member(timezone = 'UTC', role: Membership['role'] = 'OWNER'): Promise<Membership> {
	const user = await createUser({ email: `i-${Math.random().toString(36).slice(2)}@example.com`, name: 'Owner', timezone })
	const { workspaceId } = await prisma.membership.findFirstOrThrow({ where: { userId: user.id } })
	return { userId: user.id, workspaceId, role, personal: true, hideOthersRecords: false }
}

async function contact(m: Membership, values: Record<string, unknown> = {}) {
	return createContact(m, contactFormSchema().parse({ firstName: 'Ada', lastName: 'Lovelace', ...values }), { defaultCountry: 'US' })
}

const input = (values: Record<string, unknown>) => interactionSchema.parse(values)
const lastContacted = async (id: string) => (await prisma.contact.findUniqueOrThrow({ where: { id }, select: { lastContactedAt: true } })).lastContactedAt

function ok<T extends { ok: boolean }>(result: T) {
	if (!result.ok) throw new Error(JSON.stringify(result))
	return result as Extract<T, { ok: true }>
}

describe('logging interactions', () => {
	it('keeps lastContactedAt on the latest interaction through log, edit and delete', async () => {
		const m = await member()
		const { id: contactId } = await contact(m)
		const now = new Date('2026-03-10T12:00:00Z')
		expect(await lastContacted(contactId)).toBeNull()

		const march1 = ok(await logInteraction(m, input({ contactId, medium: 'CALL', occurredAt: '2026-03-01T10:00' }), { now }))
		expect(await lastContacted(contactId)).toEqual(new Date('2026-03-01T10:00:00Z'))
		const march5 = ok(await logInteraction(m, input({ contactId, medium: 'EMAIL', occurredAt: '2026-03-05T08:30' }), { now }))
		// An older one logged later does not move it back.
		await logInteraction(m, input({ contactId, medium: 'SMS', occurredAt: '2026-02-01T08:00' }), { now })
		expect(await lastContacted(contactId)).toEqual(new Date('2026-03-05T08:30:00Z'))

		// Editing the latest to an earlier time makes the other one the latest.
		ok(await updateInteraction(m, march5.interaction.id, input({ medium: 'EMAIL', occurredAt: '2026-02-20T08:30' }), { now }))
		expect(await lastContacted(contactId)).toEqual(new Date('2026-03-01T10:00:00Z'))

		await deleteInteraction(m, march1.interaction.id)
		expect(await lastContacted(contactId)).toEqual(new Date('2026-02-20T08:30:00Z'))
		await deleteInteraction(m, march5.interaction.id)
		expect(await lastContacted(contactId)).toEqual(new Date('2026-02-01T08:00:00Z'))
	})

	it('does not count a NOTE as being in touch', async () => {
		const m = await member()
		const { id: contactId } = await contact(m)
		const now = new Date('2026-03-10T12:00:00Z')
		await logInteraction(m, input({ contactId, medium: 'NOTE', occurredAt: '2026-03-09T10:00', notes: 'Likes sailing' }), { now })
		expect(await lastContacted(contactId)).toBeNull()
		await logInteraction(m, input({ contactId, medium: 'WHATSAPP', occurredAt: '2026-03-02T10:00' }), { now })
		expect(await lastContacted(contactId)).toEqual(new Date('2026-03-02T10:00:00Z'))
		// Fixes a value written by something else.
		await prisma.contact.update({ where: { id: contactId }, data: { lastContactedAt: new Date('2020-01-01') } })
		expect(await recomputeLastContacted(contactId)).toEqual(new Date('2026-03-02T10:00:00Z'))
	})

	it('reads the time in the user’s zone, defaults to now, and refuses more than a day ahead', async () => {
		const m = await member('America/Los_Angeles')
		const { id: contactId } = await contact(m)
		const now = new Date('2026-07-01T20:00:00Z')
		const typed = ok(await logInteraction(m, input({ contactId, medium: 'VIDEO', occurredAt: '2026-07-01T09:15' }), { now }))
		expect((await prisma.interaction.findUniqueOrThrow({ where: { id: typed.interaction.id } })).occurredAt).toEqual(new Date('2026-07-01T16:15:00Z'))
		const blank = ok(await logInteraction(m, input({ contactId, medium: 'CALL' }), { now }))
		expect((await prisma.interaction.findUniqueOrThrow({ where: { id: blank.interaction.id } })).occurredAt).toEqual(now)
		// Later today is fine; next week is a follow-up, not an interaction.
		expect((await logInteraction(m, input({ contactId, medium: 'CALL', occurredAt: '2026-07-01T18:00' }), { now })).ok).toBe(true)
		const ahead = await logInteraction(m, input({ contactId, medium: 'CALL', occurredAt: '2026-07-09T09:00' }), { now })
		expect(ahead).toEqual({ ok: false, fieldErrors: { occurredAt: [MESSAGES.tooFarAhead] } })
	})

	it('schedules a follow-up in the same step, due after the user’s interval in their zone', async () => {
		const m = await member('America/Los_Angeles')
		await prisma.user.update({ where: { id: m.userId }, data: { followUpDays: 3 } })
		const { id: contactId } = await createContact(m, contactFormSchema().parse({ firstName: 'Ada', companyName: 'Analytical Engines' }), { defaultCountry: 'US' })
		// 06:00 UTC on 10 March is still the 9th in Los Angeles (UTC-7 after 8 March).
		const now = new Date('2026-03-10T06:00:00Z')
		const defaults = await interactionDefaults(m, now)
		expect(defaults).toMatchObject({ timezone: 'America/Los_Angeles', occurredAt: '2026-03-09T23:00', followUpDueAt: '2026-03-12T09:00' })

		const result = ok(
			await logInteraction(
				m,
				input({ contactId, medium: 'IN_PERSON', subject: 'Coffee', nextSteps: 'Send the proposal', scheduleFollowUp: true, followUpDueAt: defaults.followUpDueAt }),
				{ now },
			),
		)
		const followUp = await prisma.followUp.findUniqueOrThrow({ where: { id: result.followUpId! } })
		const { companyId } = await prisma.contact.findUniqueOrThrow({ where: { id: contactId } })
		expect(followUp).toMatchObject({
			contactId,
			companyId,
			dueAt: new Date('2026-03-12T16:00:00Z'),
			type: 'MEETING',
			status: 'PENDING',
			assigneeId: m.userId,
			createdById: m.userId,
			notes: 'Send the proposal',
		})
		expect(companyId).not.toBeNull()
		expect(result.interaction.companyId).toBe(companyId)

		// Logged on the contact's trail, in words.
		const log = await prisma.activityLog.findFirstOrThrow({ where: { entityId: contactId, action: 'interaction_logged' } })
		expect(describeActivity(log.action, log.diff)).toEqual({ label: 'Logged an interaction', detail: 'In person: Coffee · follow-up scheduled' })
	})

	it('refuses a follow-up in the past and creates nothing', async () => {
		const m = await member()
		const { id: contactId } = await contact(m)
		const now = new Date('2026-03-10T12:00:00Z')
		const result = await logInteraction(m, input({ contactId, medium: 'CALL', scheduleFollowUp: true, followUpDueAt: '2026-03-09T09:00' }), { now })
		expect(result).toEqual({ ok: false, fieldErrors: { followUpDueAt: [MESSAGES.followUpPast] } })
		expect(await prisma.interaction.count({ where: { contactId } })).toBe(0)
		expect(await prisma.followUp.count({ where: { contactId } })).toBe(0)
		// A checked box without a date is explained by the form.
		const parsed = interactionSchema.safeParse({ contactId, medium: 'CALL', scheduleFollowUp: true })
		expect(parsed.error?.flatten().fieldErrors).toEqual({ followUpDueAt: [MESSAGES.followUpDueAt] })
	})

	it('proposes 09:00 after the interval, or an hour from now when that has passed', () => {
		expect(defaultFollowUpWall('Europe/Paris', 7, new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-08T09:00')
		expect(defaultFollowUpWall('UTC', 0, new Date('2026-05-05T10:20:00Z'))).toBe('2026-05-05T11:20')
	})

	it('rejects an unknown medium with a clear field error', async () => {
		const parsed = interactionSchema.safeParse({ contactId: 'x', medium: 'FAX' })
		expect(parsed.error?.flatten().fieldErrors).toEqual({ medium: [MESSAGES.medium] })
		const bad = interactionSchema.safeParse({ contactId: 'x', medium: 'CALL', durationMinutes: '2000' })
		expect(bad.error?.flatten().fieldErrors.durationMinutes).toEqual([MESSAGES.duration])
		// The model checks too, for callers that skip the schema.
		const m = await member()
		const { id: contactId } = await contact(m)
		const result = await logInteraction(m, { ...input({ contactId, medium: 'CALL' }), medium: 'FAX' as 'CALL' })
		expect(result).toEqual({ ok: false, fieldErrors: { medium: [MESSAGES.medium] } })
	})

	it('refuses another workspace’s contact, and another user’s interaction is not found', async () => {
		const alice = await member()
		const bob = await member()
		const { id: bobsContact } = await contact(bob)
		const result = await logInteraction(alice, input({ contactId: bobsContact, medium: 'CALL' }))
		expect(result).toEqual({ ok: false, fieldErrors: { contactId: [MESSAGES.contactMissing] } })
		expect(await prisma.interaction.count({ where: { contactId: bobsContact } })).toBe(0)

		const bobs = ok(await logInteraction(bob, input({ contactId: bobsContact, medium: 'CALL' })))
		expect(await getInteraction(alice, bobs.interaction.id)).toBeNull()
		await expect(updateInteraction(alice, bobs.interaction.id, input({ medium: 'SMS' }))).rejects.toMatchObject({ status: 404 })
		await expect(deleteInteraction(alice, bobs.interaction.id)).rejects.toMatchObject({ status: 404 })
		// Neither a contact nor a company: nothing to log against.
		expect(await logInteraction(alice, input({ medium: 'CALL' }))).toEqual({ ok: false, fieldErrors: { contactId: [MESSAGES.target] } })
	})

	it('lets a viewer read but not log, and a rep edit only their own entries', async () => {
		const owner = await member()
		const { id: contactId } = await contact(owner)
		const viewer = { ...owner, userId: (await createUser({ email: `v-${Date.now()}@example.com`, name: 'Viewer' })).id, role: 'VIEWER' as const }
		await expect(logInteraction(viewer, input({ contactId, medium: 'CALL' }))).rejects.toMatchObject({ status: 403 })
		const logged = ok(await logInteraction(owner, input({ contactId, medium: 'CALL' })))
		const rep = { ...owner, userId: (await createUser({ email: `r-${Date.now()}@example.com`, name: 'Rep' })).id, role: 'REP' as const }
		expect((await getInteraction(rep, logged.interaction.id))?.canEdit).toBe(false)
		await expect(deleteInteraction(rep, logged.interaction.id)).rejects.toMatchObject({ status: 403 })
		const own = ok(await logInteraction(rep, input({ contactId, medium: 'SMS' })))
		expect((await getInteraction(rep, own.interaction.id))?.canEdit).toBe(true)
	})

	it('records edits and deletes with what changed, keeping the deleted content', async () => {
		const m = await member()
		const { id: contactId } = await contact(m)
		const now = new Date('2026-03-10T12:00:00Z')
		const { interaction } = ok(await logInteraction(m, input({ contactId, medium: 'CALL', subject: 'Intro', occurredAt: '2026-03-01T10:00', durationMinutes: '15' }), { now }))
		ok(await updateInteraction(m, interaction.id, input({ medium: 'CALL', subject: 'Intro', occurredAt: '2026-03-01T10:00', durationMinutes: '20', notes: 'Went well' }), { now }))
		// Saving without changes leaves no entry.
		ok(await updateInteraction(m, interaction.id, input({ medium: 'CALL', subject: 'Intro', occurredAt: '2026-03-01T10:00', durationMinutes: '20', notes: 'Went well' }), { now }))
		await deleteInteraction(m, interaction.id)
		const log = await prisma.activityLog.findMany({ where: { entityId: contactId, action: { startsWith: 'interaction_' } }, orderBy: { createdAt: 'asc' } })
		expect(log.map((l) => l.action)).toEqual(['interaction_logged', 'interaction_edited', 'interaction_deleted'])
		expect(describeActivity(log[1]!.action, log[1]!.diff).detail).toBe('Phone call: Intro · changed notes, duration')
		expect(describeActivity(log[2]!.action, log[2]!.diff)).toEqual({ label: 'Deleted an interaction', detail: 'Phone call: Intro' })
		expect((log[2]!.diff as { interaction: [Record<string, unknown>, null] }).interaction[0]).toMatchObject({ id: interaction.id, notes: 'Went well', durationMinutes: 20, occurredAt: '2026-03-01T10:00:00.000Z' })
	})

	it('logs on a company alone, on the company’s trail', async () => {
		const m = await member()
		const company = await prisma.company.create({ data: { workspaceId: m.workspaceId, name: 'Acme', ownerId: m.userId } })
		const result = ok(await logInteraction(m, input({ companyId: company.id, medium: 'EMAIL', subject: 'Quote' })))
		expect(result.interaction).toMatchObject({ contactId: null, companyId: company.id })
		expect(await prisma.activityLog.count({ where: { entityType: 'Company', entityId: company.id, action: 'interaction_logged' } })).toBe(1)
	})
})

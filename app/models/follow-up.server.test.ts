import { describe, expect, it } from 'vitest'
import { prisma } from '#app/utils/db.server.ts'
import { contactFormSchema } from '#app/validation/contact.ts'
import { completeFollowUpSchema, DUE_IN_PAST, followUpFormSchema, followUpState, MISSED_AFTER_MS, parseFollowUpFilters } from '#app/validation/follow-up.ts'
import { createContact } from './contact.server.ts'
import {
	cancelFollowUp,
	completeFollowUp,
	countOverdueFollowUps,
	createFollowUp,
	FollowUpFieldError,
	getFollowUp,
	listFollowUpSections,
	listMonthFollowUps,
	listRecordFollowUps,
	markMissedFollowUps,
	parseMonth,
	rescheduleFollowUp,
	updateFollowUp,
} from './follow-up.server.ts'
import { createUser } from './user.server.ts'
import type { Membership } from './workspace.server.ts'

const HOUR = 60 * 60 * 1000

async function member(timezone = 'UTC'): Promise<Membership> {
	const user = await createUser({ email: `f-${Math.random().toString(36).slice(2)}@example.com`, name: 'Owner', timezone })
	const { workspaceId } = await prisma.membership.findFirstOrThrow({ where: { userId: user.id } })
	return { userId: user.id, workspaceId, role: 'OWNER', personal: true, hideOthersRecords: false }
}

async function contact(m: Membership, firstName = 'Ada') {
	return createContact(m, contactFormSchema().parse({ firstName, lastName: 'Lovelace' }), { defaultCountry: 'US' })
}

function followUp(contactId: string, dueAt: Date, extra: Partial<Parameters<typeof createFollowUp>[1]> = {}) {
	return { type: 'CALL' as const, dueAt, notes: null, assigneeId: null, contactId, companyId: null, ...extra }
}

/** Creates a follow-up as if it had been scheduled long ago (so its due time may now be past). */
async function scheduled(m: Membership, contactId: string, dueAt: Date) {
	return createFollowUp(m, followUp(contactId, dueAt), { now: new Date(dueAt.getTime() - 30 * 24 * HOUR) })
}

describe('follow-ups', () => {
	it('the sidebar badge counts my overdue follow-ups, not those on deleted records, long missed, due later or assigned to others', async () => {
		const m = await member()
		const now = new Date('2026-05-01T12:00:00Z')
		const [live, gone] = [await contact(m), await contact(m, 'Gone')]
		const base = { workspaceId: m.workspaceId, createdById: m.userId, type: 'CALL' as const, status: 'PENDING' as const }
		const overdue = new Date(now.getTime() - 2 * HOUR)
		const goneCompany = await prisma.company.create({ data: { workspaceId: m.workspaceId, name: 'Closed Ltd', deletedAt: now } })
		await prisma.followUp.createMany({
			data: [
				{ ...base, assigneeId: m.userId, contactId: live.id, dueAt: overdue },
				{ ...base, assigneeId: m.userId, dueAt: overdue },
				{ ...base, assigneeId: m.userId, contactId: gone.id, dueAt: overdue },
				{ ...base, assigneeId: m.userId, companyId: goneCompany.id, dueAt: overdue },
				{ ...base, assigneeId: m.userId, contactId: live.id, dueAt: new Date(now.getTime() - MISSED_AFTER_MS - HOUR) },
				{ ...base, assigneeId: m.userId, contactId: live.id, dueAt: new Date(now.getTime() + HOUR) },
				{ ...base, assigneeId: null, contactId: live.id, dueAt: overdue },
				{ ...base, assigneeId: m.userId, contactId: live.id, dueAt: overdue, status: 'COMPLETED' as const },
			],
		})
		await prisma.contact.update({ where: { id: gone.id }, data: { deletedAt: now } })
		expect(await countOverdueFollowUps(m, now)).toBe(2)
		expect(await countOverdueFollowUps({ ...m, workspaceId: (await member()).workspaceId }, now)).toBe(0)
	})

	it('refuses a due time in the past on create, in the form and in the model', async () => {
		const m = await member('Europe/Paris')
		const c = await contact(m)
		const now = new Date('2026-03-10T12:00:00Z') // 13:00 in Paris
		const schema = followUpFormSchema({ timeZone: 'Europe/Paris', now: () => now })
		const past = schema.safeParse({ type: 'CALL', dueAt: '2026-03-10T12:30', contactId: c.id })
		expect(past.success).toBe(false)
		expect(past.error!.flatten().fieldErrors.dueAt).toEqual([DUE_IN_PAST])
		const future = schema.parse({ type: 'CALL', dueAt: '2026-03-10T13:30', contactId: c.id })
		expect(future.dueAt.toISOString()).toBe('2026-03-10T12:30:00.000Z')
		expect(schema.safeParse({ type: 'CALL', dueAt: '' }).error!.flatten().fieldErrors.dueAt).toEqual(['Choose the date and time it is due'])

		const error = await createFollowUp(m, followUp(c.id, new Date(now.getTime() - 60_000)), { now }).catch((e) => e)
		expect(error).toBeInstanceOf(FollowUpFieldError)
		expect(error.field).toBe('dueAt')
		expect(await prisma.followUp.count({ where: { workspaceId: m.workspaceId } })).toBe(0)
	})

	it('creates one for a contact, assigned to me by default, and records it', async () => {
		const m = await member()
		const c = await contact(m)
		const { id } = await createFollowUp(m, followUp(c.id, new Date(Date.now() + 24 * HOUR), { notes: 'Ask about the order' }))
		const f = (await getFollowUp(m, id))!
		expect(f).toMatchObject({ status: 'PENDING', type: 'CALL', notes: 'Ask about the order', assigneeId: m.userId, createdById: m.userId, contactId: c.id, canEdit: true })
		const log = await prisma.activityLog.findFirstOrThrow({ where: { entityId: c.id, action: 'follow_up_created' } })
		expect(log.entityType).toBe('Contact')
	})

	it('refuses an assignee from outside the workspace', async () => {
		const m = await member()
		const other = await member()
		const c = await contact(m)
		const error = await createFollowUp(m, followUp(c.id, new Date(Date.now() + HOUR), { assigneeId: other.userId })).catch((e) => e)
		expect(error).toBeInstanceOf(FollowUpFieldError)
		expect(error.field).toBe('assigneeId')
	})

	it('completes with an outcome: COMPLETED, outcome stored, activity recorded', async () => {
		const m = await member()
		const c = await contact(m)
		const { id } = await createFollowUp(m, followUp(c.id, new Date(Date.now() + HOUR)))
		const input = completeFollowUpSchema.parse({ outcome: 'Agreed to a demo', notes: 'Next Tuesday' })
		expect(input.logInteraction).toBe(false)
		const now = new Date()
		await completeFollowUp(m, id, input, { now })
		const f = await prisma.followUp.findUniqueOrThrow({ where: { id } })
		expect(f).toMatchObject({ status: 'COMPLETED', outcome: 'Agreed to a demo', notes: 'Next Tuesday', interactionId: null })
		expect(f.completedAt?.getTime()).toBe(now.getTime())
		const log = await prisma.activityLog.findFirstOrThrow({ where: { entityId: c.id, action: 'follow_up_completed' } })
		expect(log.actorId).toBe(m.userId)
		expect(log.diff).toMatchObject({ status: ['PENDING', 'COMPLETED'], outcome: [null, 'Agreed to a demo'] })
		expect(await prisma.interaction.count({ where: { contactId: c.id } })).toBe(0)

		// A second completion (a double submit) is refused and changes nothing.
		await expect(completeFollowUp(m, id, input)).rejects.toBeInstanceOf(FollowUpFieldError)
	})

	it('completes and logs it as an interaction in the same step, moving "last contacted"', async () => {
		const m = await member()
		const c = await contact(m)
		const { id } = await createFollowUp(m, { ...followUp(c.id, new Date(Date.now() + HOUR)), type: 'MEETING' })
		const now = new Date()
		const { interactionId } = await completeFollowUp(m, id, completeFollowUpSchema.parse({ outcome: 'Signed', notes: 'Contract sent', logInteraction: 'on' }), { now })
		const interaction = await prisma.interaction.findUniqueOrThrow({ where: { id: interactionId! } })
		expect(interaction).toMatchObject({ contactId: c.id, medium: 'IN_PERSON', outcome: 'Signed', notes: 'Contract sent', userId: m.userId, workspaceId: m.workspaceId })
		expect(interaction.occurredAt.getTime()).toBe(now.getTime())
		expect((await prisma.followUp.findUniqueOrThrow({ where: { id } })).interactionId).toBe(interactionId)
		expect((await prisma.contact.findUniqueOrThrow({ where: { id: c.id } })).lastContactedAt?.getTime()).toBe(now.getTime())
	})

	it('cancels with an optional reason, and a cancelled one cannot be completed', async () => {
		const m = await member()
		const c = await contact(m)
		const { id } = await createFollowUp(m, followUp(c.id, new Date(Date.now() + HOUR)))
		await cancelFollowUp(m, id, { reason: 'They bought elsewhere' })
		expect(await prisma.followUp.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'CANCELLED', outcome: 'They bought elsewhere', completedAt: null })
		expect((await prisma.activityLog.findFirstOrThrow({ where: { entityId: c.id, action: 'follow_up_cancelled' } })).diff).toMatchObject({ status: ['PENDING', 'CANCELLED'] })
		await expect(completeFollowUp(m, id, completeFollowUpSchema.parse({ outcome: 'x' }))).rejects.toBeInstanceOf(FollowUpFieldError)
	})

	it('marks follow-ups missed only a day after they were due, once', async () => {
		const m = await member()
		const c = await contact(m)
		const now = new Date('2030-01-10T12:00:00Z')
		const late = await scheduled(m, c.id, new Date(now.getTime() - 25 * HOUR))
		const recent = await scheduled(m, c.id, new Date(now.getTime() - 23 * HOUR))
		const done = await scheduled(m, c.id, new Date(now.getTime() - 48 * HOUR))
		await completeFollowUp(m, done.id, completeFollowUpSchema.parse({ outcome: 'Done' }))

		expect(await markMissedFollowUps(now, { workspaceId: m.workspaceId })).toBe(1)
		expect(await markMissedFollowUps(now, { workspaceId: m.workspaceId })).toBe(0)
		// Without a workspace (as a job calls it) it sweeps everything, also idempotently.
		await markMissedFollowUps(now)
		expect(await markMissedFollowUps(now)).toBe(0)
		const status = async (id: string) => (await prisma.followUp.findUniqueOrThrow({ where: { id } })).status
		expect(await status(late.id)).toBe('MISSED')
		expect(await status(recent.id)).toBe('PENDING')
		expect(await status(done.id)).toBe('COMPLETED')
		const logs = await prisma.activityLog.findMany({ where: { entityId: c.id, action: 'follow_up_missed' } })
		expect(logs).toHaveLength(1)
		expect(logs[0]!.actorId).toBeNull()

		// What the screens show before the sweep has run agrees with it.
		expect(followUpState({ status: 'PENDING', dueAt: new Date(now.getTime() - 25 * HOUR) }, now)).toBe('MISSED')
		expect(followUpState({ status: 'PENDING', dueAt: new Date(now.getTime() - 23 * HOUR) }, now)).toBe('OVERDUE')

		// A missed follow-up can still be rescheduled (pending again) or completed.
		await rescheduleFollowUp(m, late.id, new Date(Date.now() + HOUR))
		expect(await status(late.id)).toBe('PENDING')
		await markMissedFollowUps(new Date(Date.now() + 26 * HOUR), { workspaceId: m.workspaceId })
		expect(await status(late.id)).toBe('MISSED')
		await completeFollowUp(m, late.id, completeFollowUpSchema.parse({ outcome: 'Reached them at last' }))
		expect(await status(late.id)).toBe('COMPLETED')
	})

	it('sorts into Overdue, Today and Upcoming by the user’s zone (Tokyo, near midnight UTC)', async () => {
		const m = await member('Asia/Tokyo')
		const c = await contact(m)
		// 23:30 on 10 March in Tokyo (14:30 UTC).
		const now = new Date('2026-03-10T14:30:00Z')
		const overdue = await scheduled(m, c.id, new Date('2026-03-10T14:00:00Z')) // 23:00 Tokyo, today
		const today = await scheduled(m, c.id, new Date('2026-03-10T14:45:00Z')) // 23:45 Tokyo, today
		const tomorrow = await scheduled(m, c.id, new Date('2026-03-10T15:30:00Z')) // 00:30 on 11 March in Tokyo, still the 10th in UTC
		const filters = parseFollowUpFilters(new URLSearchParams())
		const s = await listFollowUpSections(m, { timeZone: 'Asia/Tokyo', filters, now })
		expect(s.overdue.map((f) => f.id)).toEqual([overdue.id])
		expect(s.today.map((f) => f.id)).toEqual([today.id])
		expect(s.upcoming.map((f) => f.id)).toEqual([tomorrow.id])

		// The date filter reads days in the user's zone too: 11 March in Tokyo.
		const onThe11th = await listFollowUpSections(m, { timeZone: 'Asia/Tokyo', filters: { ...filters, from: '2026-03-11', to: '2026-03-11' }, now })
		expect([...onThe11th.overdue, ...onThe11th.today, ...onThe11th.upcoming].map((f) => f.id)).toEqual([tomorrow.id])

		// And the calendar puts the 00:30 one on the 11th.
		const month = await listMonthFollowUps(m, { timeZone: 'Asia/Tokyo', month: parseMonth('2026-03', now, 'Asia/Tokyo'), filters: {}, now })
		expect(month.days[0]!.key).toBe('2026-02-23') // a Monday
		expect(month.days.length % 7).toBe(0)
		expect(month.days.find((d) => d.key === '2026-03-10')!.items.map((f) => f.id)).toEqual([overdue.id, today.id])
		expect(month.days.find((d) => d.key === '2026-03-11')!.items.map((f) => f.id)).toEqual([tomorrow.id])
		expect(month.days.find((d) => d.key === '2026-03-10')!.isToday).toBe(true)
		expect([month.prev, month.next]).toEqual(['2026-02', '2026-04'])
	})

	it('lists completed and cancelled ones apart, and a contact’s open ones on its card', async () => {
		const m = await member()
		const c = await contact(m)
		const a = await createFollowUp(m, followUp(c.id, new Date(Date.now() + HOUR)))
		const b = await createFollowUp(m, followUp(c.id, new Date(Date.now() + 2 * HOUR)))
		const open = await createFollowUp(m, followUp(c.id, new Date(Date.now() + 3 * HOUR)))
		await completeFollowUp(m, a.id, completeFollowUpSchema.parse({ outcome: 'Fine' }))
		await cancelFollowUp(m, b.id, { reason: null })
		const s = await listFollowUpSections(m, { timeZone: 'UTC', filters: parseFollowUpFilters(new URLSearchParams()) })
		expect(s.completed.rows.map((f) => f.id)).toEqual([a.id])
		expect(s.completed.total).toBe(1)
		expect(s.cancelled.map((f) => f.id)).toEqual([b.id])
		const card = await listRecordFollowUps(m, { contactId: c.id })
		expect(card.rows.map((f) => f.id)).toEqual([open.id])
	})

	it('edits and reschedules into the future only; an unchanged past due time may stay', async () => {
		const m = await member()
		const c = await contact(m)
		const now = new Date('2030-01-10T12:00:00Z')
		const f = await scheduled(m, c.id, new Date(now.getTime() - HOUR))
		await expect(rescheduleFollowUp(m, f.id, new Date(now.getTime() - 60_000), { now })).rejects.toBeInstanceOf(FollowUpFieldError)
		// Only the notes change: the overdue due time is kept.
		await updateFollowUp(m, f.id, { type: 'EMAIL', dueAt: new Date(now.getTime() - HOUR), notes: 'Send the price list', assigneeId: null }, { now })
		expect(await prisma.followUp.findUniqueOrThrow({ where: { id: f.id } })).toMatchObject({ type: 'EMAIL', notes: 'Send the price list' })
		const error = await updateFollowUp(m, f.id, { type: 'EMAIL', dueAt: new Date(now.getTime() - 2 * HOUR), notes: null, assigneeId: null }, { now }).catch((e) => e)
		expect(error.field).toBe('dueAt')
		await rescheduleFollowUp(m, f.id, new Date(now.getTime() + HOUR), { now })
		const log = await prisma.activityLog.findFirstOrThrow({ where: { entityId: c.id, action: 'follow_up_rescheduled' } })
		expect(log.diff).toMatchObject({ dueAt: [new Date(now.getTime() - HOUR).toISOString(), new Date(now.getTime() + HOUR).toISOString()] })
	})

	it('treats another workspace’s follow-ups and contacts as not found', async () => {
		const m = await member()
		const other = await member()
		const c = await contact(m)
		const { id } = await createFollowUp(m, followUp(c.id, new Date(Date.now() + HOUR)))
		expect(await getFollowUp(other, id)).toBeNull()
		for (const attempt of [
			completeFollowUp(other, id, completeFollowUpSchema.parse({ outcome: 'Hijacked' })),
			cancelFollowUp(other, id, { reason: null }),
			rescheduleFollowUp(other, id, new Date(Date.now() + 2 * HOUR)),
			createFollowUp(other, followUp(c.id, new Date(Date.now() + HOUR))),
		]) {
			const error = await attempt.catch((e) => e)
			expect(error).toBeInstanceOf(Response)
			expect((error as Response).status).toBe(404)
		}
		expect((await prisma.followUp.findUniqueOrThrow({ where: { id } })).status).toBe('PENDING')
		const s = await listFollowUpSections(other, { timeZone: 'UTC', filters: parseFollowUpFilters(new URLSearchParams(), { assignee: 'all' }) })
		expect([...s.overdue, ...s.today, ...s.upcoming]).toHaveLength(0)
	})

	it('in a team: assigns to a member, limits a REP to their own, and keeps a VIEWER read-only', async () => {
		const owner = await member()
		await prisma.workspace.update({ where: { id: owner.workspaceId }, data: { hideOthersRecords: true } })
		const join = async (role: 'REP' | 'VIEWER'): Promise<Membership> => {
			const user = await createUser({ email: `t-${Math.random().toString(36).slice(2)}@example.com`, name: role })
			await prisma.membership.create({ data: { userId: user.id, workspaceId: owner.workspaceId, role } })
			return { userId: user.id, workspaceId: owner.workspaceId, role, personal: false, hideOthersRecords: true }
		}
		const rep = await join('REP')
		const viewer = await join('VIEWER')
		const c = await contact({ ...owner, hideOthersRecords: true })
		const mine = await createFollowUp(owner, followUp(c.id, new Date(Date.now() + HOUR)))
		const theirs = await createFollowUp(owner, followUp(c.id, new Date(Date.now() + HOUR), { assigneeId: rep.userId }))
		expect(await getFollowUp(rep, mine.id)).toBeNull()
		expect((await getFollowUp(rep, theirs.id))?.canEdit).toBe(true)
		await completeFollowUp(rep, theirs.id, completeFollowUpSchema.parse({ outcome: 'Done by the rep' }))
		expect((await getFollowUp(viewer, mine.id))?.canEdit).toBe(false)
		const refused = await cancelFollowUp(viewer, mine.id, { reason: null }).catch((e) => e)
		expect((refused as Response).status).toBe(403)
		const notAllowed = await createFollowUp(viewer, followUp(c.id, new Date(Date.now() + HOUR))).catch((e) => e)
		expect((notAllowed as Response).status).toBe(403)
	})

	it('hides follow-ups of a deleted contact', async () => {
		const m = await member()
		const c = await contact(m)
		const { id } = await createFollowUp(m, followUp(c.id, new Date(Date.now() + HOUR)))
		await prisma.contact.update({ where: { id: c.id }, data: { deletedAt: new Date() } })
		expect(await getFollowUp(m, id)).toBeNull()
	})
})

// Every Inngest function runs under @inngest/test against the real database and
// models (only step.sendEvent is mocked: there is no Inngest server here).
import { InngestTestEngine } from '@inngest/test'
import { beforeEach, describe, expect, it } from 'vitest'
import { createContact } from '#app/models/contact.server.ts'
import { createFollowUp } from '#app/models/follow-up.server.ts'
import { createUser } from '#app/models/user.server.ts'
import type { Membership } from '#app/models/workspace.server.ts'
import { readOutbox } from '#app/services/email.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { contactFormSchema } from '#app/validation/contact.ts'
import { deliverReminderFn } from './functions/deliver-reminder.ts'
import { dispatchRemindersFn } from './functions/dispatch-reminders.ts'
import { functions } from './functions/index.ts'
import { planRemindersFn } from './functions/plan-reminders.ts'
import { sendDigestFn } from './functions/send-digest.ts'
import { sendDigestsFn } from './functions/send-digests.ts'
import { syncContactRemindersFn } from './functions/sync-contact-reminders.ts'
import { syncFollowUpRemindersFn } from './functions/sync-follow-up-reminders.ts'
import { syncUserRemindersFn } from './functions/sync-user-reminders.ts'

async function member(opts: { timezone?: string; notifyEmail?: boolean } = {}): Promise<Membership & { email: string }> {
	const email = `j-${Math.random().toString(36).slice(2)}@example.com`
	const user = await createUser({ email, name: 'Owner', timezone: opts.timezone ?? 'UTC', emailVerified: true })
	await prisma.user.update({ where: { id: user.id }, data: { notifyEmail: opts.notifyEmail ?? false } })
	const { workspaceId } = await prisma.membership.findFirstOrThrow({ where: { userId: user.id } })
	return { userId: user.id, workspaceId, role: 'OWNER', personal: true, hideOthersRecords: false, email }
}

/** Today's month and day in UTC, so a birthday "today" fires right now. */
function today() {
	const now = new Date()
	return { birthdayMonth: String(now.getUTCMonth() + 1), birthdayDay: String(now.getUTCDate()) }
}

const sent: unknown[] = []
const sendEventMock = { id: 'deliver', handler: (...args: unknown[]) => (sent.push(args), { ids: ['evt'] }) }

beforeEach(async () => {
	sent.length = 0
	await prisma.notification.deleteMany({})
	await prisma.reminder.deleteMany({})
})

describe('Inngest functions', () => {
	it('serves one function per file, each with a distinct id', () => {
		expect(functions).toHaveLength(8)
		expect(new Set(functions.map((f) => f.id())).size).toBe(8)
	})

	it('sync-contact-reminders re-plans and fires at once a birthday that is due today', async () => {
		const m = await member()
		const c = await createContact(m, contactFormSchema().parse({ firstName: 'Ada', lastName: 'Lovelace', ...today() }), { defaultCountry: 'US' })
		// A UTC user with a birthday today: the on-the-day reminder is due (09:00 passed) or pending.
		await prisma.user.update({ where: { id: m.userId }, data: { morningTime: '00:00', notifyEmail: true } })
		const t = new InngestTestEngine({ function: syncContactRemindersFn })
		const { result, ctx } = await t.execute({
			events: [{ name: 'rapport/contact.changed', data: { workspaceId: m.workspaceId, contactIds: [c.id] } }],
			steps: [{ id: 'deliver', handler: () => ({ ids: ['evt'] }) }],
		})
		expect(result).toEqual({ contacts: 1, fired: 1 })
		expect(ctx.step.sendEvent).toHaveBeenCalledWith('deliver', [expect.objectContaining({ name: 'rapport/reminder.deliver', data: expect.objectContaining({ channel: 'EMAIL' }) })])
		expect(await prisma.notification.count({ where: { userId: m.userId, channel: 'IN_APP' } })).toBe(1)
	})

	it('sync-follow-up-reminders plans the follow-up’s reminder', async () => {
		const m = await member()
		const c = await createContact(m, contactFormSchema().parse({ firstName: 'Grace', lastName: 'Hopper' }), { defaultCountry: 'US' })
		const f = await createFollowUp(m, { type: 'CALL', dueAt: new Date(Date.now() + 3600_000), notes: null, assigneeId: null, contactId: c.id, companyId: null })
		await prisma.reminder.deleteMany({ where: { followUpId: f.id } })
		const { result } = await new InngestTestEngine({ function: syncFollowUpRemindersFn }).execute({ events: [{ name: 'rapport/follow-up.changed', data: { workspaceId: m.workspaceId, followUpId: f.id } }] })
		expect(result).toEqual({ changed: 1 })
		expect(await prisma.reminder.count({ where: { followUpId: f.id, status: 'PENDING' } })).toBe(1)
	})

	it('sync-user-reminders re-plans a user’s reminders in their new time zone', async () => {
		const m = await member()
		const c = await createContact(m, contactFormSchema().parse({ firstName: 'Alan', lastName: 'Turing', birthdayMonth: '6', birthdayDay: '23' }), { defaultCountry: 'US' })
		const before = await prisma.reminder.findFirstOrThrow({ where: { contactId: c.id, dedupeKey: { endsWith: ':day' } } })
		await prisma.user.update({ where: { id: m.userId }, data: { timezone: 'Asia/Kolkata' } })
		const { result } = await new InngestTestEngine({ function: syncUserRemindersFn }).execute({ events: [{ name: 'rapport/user.settings-changed', data: { userId: m.userId } }] })
		expect(result).toMatchObject({ contacts: 1 })
		const after = await prisma.reminder.findUniqueOrThrow({ where: { id: before.id } })
		expect(before.scheduledAt.getTime() - after.scheduledAt.getTime()).toBe(5.5 * 3600_000)
	})

	it('dispatch-reminders claims due reminders once and fans out one delivery per channel', async () => {
		const m = await member({ notifyEmail: true })
		await createContact(m, contactFormSchema().parse({ firstName: 'Ada', lastName: 'Byron', ...today() }), { defaultCountry: 'US' })
		await prisma.user.update({ where: { id: m.userId }, data: { morningTime: '00:00' } })
		await prisma.reminder.updateMany({ where: { userId: m.userId }, data: { scheduledAt: new Date(Date.now() - 60_000) } })
		// A fresh engine each time: a second cron run, not a replay of the first.
		const run = () => new InngestTestEngine({ function: dispatchRemindersFn, steps: [sendEventMock] }).execute()
		const first = await run()
		expect(first.result).toMatchObject({ claimed: 1, deliveries: 1 })
		const second = await run()
		expect(second.result).toEqual({ claimed: 0, deliveries: 0 })
		expect(sent).toHaveLength(1)
	})

	it('deliver-reminder sends the email once; a retry after success is a no-op', async () => {
		const m = await member({ notifyEmail: true })
		await createContact(m, contactFormSchema().parse({ firstName: 'Ada', lastName: 'King', ...today() }), { defaultCountry: 'US' })
		await prisma.reminder.updateMany({ where: { userId: m.userId }, data: { scheduledAt: new Date(Date.now() - 60_000) } })
		const [claim] = (await new InngestTestEngine({ function: dispatchRemindersFn, steps: [sendEventMock] }).execute()).ctx.step.sendEvent.mock.calls[0]![1] as Array<{ data: { reminderId: string; fireKey: string; channel: 'EMAIL' } }>
		const run = () => new InngestTestEngine({ function: deliverReminderFn }).execute({ events: [{ name: 'rapport/reminder.deliver', data: claim!.data }] })
		expect((await run()).result).toEqual({ status: 'sent' })
		expect((await run()).result).toEqual({ status: 'already-sent' })
		expect(await readOutbox({ to: m.email })).toHaveLength(1)
	})

	it('deliver-reminder fails the step when the channel fails, so Inngest retries it', async () => {
		const m = await member({ notifyEmail: true })
		await createContact(m, contactFormSchema().parse({ firstName: 'Ada', lastName: 'Failing', ...today() }), { defaultCountry: 'US' })
		await prisma.reminder.updateMany({ where: { userId: m.userId }, data: { scheduledAt: new Date(Date.now() - 60_000) } })
		const calls = (await new InngestTestEngine({ function: dispatchRemindersFn, steps: [sendEventMock] }).execute()).ctx.step.sendEvent.mock.calls
		const [claim] = calls[0]![1] as Array<{ data: { reminderId: string; fireKey: string; channel: 'EMAIL' } }>
		// An outbox that cannot be written (a file where the folder should be) makes sending fail.
		const outbox = process.env.OUTBOX_DIR
		process.env.OUTBOX_DIR = '/dev/null/outbox'
		globalThis.__rapportEnv = undefined
		try {
			const { error } = await new InngestTestEngine({ function: deliverReminderFn }).execute({ events: [{ name: 'rapport/reminder.deliver', data: claim!.data }] })
			expect(error).toBeTruthy()
		} finally {
			process.env.OUTBOX_DIR = outbox
			globalThis.__rapportEnv = undefined
		}
		expect(await prisma.notification.findFirst({ where: { reminderId: claim!.data.reminderId, channel: 'EMAIL' }, select: { status: true } })).toEqual({ status: 'FAILED' })
	})

	it('plan-reminders re-plans everyone and marks missed follow-ups', async () => {
		const m = await member()
		const c = await createContact(m, contactFormSchema().parse({ firstName: 'Mary', lastName: 'Somerville', birthdayMonth: '12', birthdayDay: '26' }), { defaultCountry: 'US' })
		await prisma.reminder.deleteMany({ where: { contactId: c.id } })
		const { result } = await new InngestTestEngine({ function: planRemindersFn }).execute()
		expect(result).toMatchObject({ contacts: expect.any(Number), missed: expect.any(Number) })
		expect(await prisma.reminder.count({ where: { contactId: c.id, type: 'BIRTHDAY' } })).toBeGreaterThan(0)
	})

	it('send-digests finds users whose morning has come and sends one event each; send-digest sends it', async () => {
		const m = await member({ notifyEmail: true })
		await prisma.user.update({ where: { id: m.userId }, data: { morningTime: '00:00' } })
		await createContact(m, contactFormSchema().parse({ firstName: 'Emmy', lastName: 'Noether', ...today() }), { defaultCountry: 'US' })
		const t = new InngestTestEngine({ function: sendDigestsFn, steps: [{ id: 'send', handler: () => ({ ids: ['evt'] }) }] })
		const { ctx } = await t.execute()
		const events = ctx.step.sendEvent.mock.calls[0]![1] as Array<{ data: { userId: string; date: string } }>
		const mine = events.find((e) => e.data.userId === m.userId)!
		expect(mine.data.date).toBe(new Date().toISOString().slice(0, 10))
		const { result } = await new InngestTestEngine({ function: sendDigestFn }).execute({ events: [{ name: 'rapport/digest.send', data: mine.data }] })
		expect(result).toMatchObject({ status: 'sent' })
		const [mail] = await readOutbox({ to: m.email })
		expect(mail!.text).toContain('Emmy Noether')
	})
})

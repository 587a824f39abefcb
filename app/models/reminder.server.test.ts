// Reminders end to end inside the app: planning rows from contacts and follow-ups,
// claiming each firing once, delivering in-app / email (the real postmark client
// against a local fake) / push (web-push's request against a local fake push
// service, decrypted with the test's own keys), and acting on a reminder.
import crypto from 'node:crypto'
import webpush from 'web-push'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startFakePostmark } from '#tests/fakes/postmark.ts'
import { startFakePushService } from '#tests/fakes/push-service.ts'
import { resetVapidKeys } from '#app/services/push.server.ts'
import { readOutbox } from '#app/services/email.server.ts'
import { signReminderToken, verifyReminderToken } from '#app/utils/action-token.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { contactFormSchema } from '#app/validation/contact.ts'
import { createContact, updateContact } from './contact.server.ts'
import { buildDigest, sendDigest, usersDueForDigest } from './digest.server.ts'
import { completeFollowUp, createFollowUp } from './follow-up.server.ts'
import { logInteraction } from './interaction.server.ts'
import {
	claimDueReminders,
	countUnreadNotifications,
	createCustomReminder,
	deliverReminderChannel,
	dismissReminder,
	dispatchReminders,
	listNotifications,
	listUpcomingReminders,
	markAllNotificationsRead,
	markReminderDone,
	remindersDueToday,
	savePushSubscription,
	setKeepInTouch,
	snoozeReminder,
	syncContactReminders,
	syncFollowUpReminders,
} from './reminder.server.ts'
import { createUser } from './user.server.ts'
import type { Membership } from './workspace.server.ts'

function setEnv(values: Record<string, string | undefined>) {
	for (const [k, v] of Object.entries(values)) {
		if (v === undefined) delete process.env[k]
		else process.env[k] = v
	}
	globalThis.__rapportEnv = undefined
	resetVapidKeys()
}

// VAPID keys made for this run.
const vapid = webpush.generateVAPIDKeys()
const VAPID = { VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey, VAPID_SUBJECT: 'mailto:test@rapport.local' }

async function member(opts: { timezone?: string; notifyEmail?: boolean; notifyPush?: boolean; birthdayLeadDays?: number; emailPrefix?: string } = {}): Promise<Membership & { email: string }> {
	const email = `${opts.emailPrefix ?? 'r'}-${Math.random().toString(36).slice(2)}@example.com`
	const user = await createUser({ email, name: 'Owner', timezone: opts.timezone ?? 'Asia/Kolkata', emailVerified: true })
	await prisma.user.update({
		where: { id: user.id },
		data: { notifyEmail: opts.notifyEmail ?? false, notifyPush: opts.notifyPush ?? false, ...(opts.birthdayLeadDays !== undefined ? { birthdayLeadDays: opts.birthdayLeadDays } : {}) },
	})
	const { workspaceId } = await prisma.membership.findFirstOrThrow({ where: { userId: user.id } })
	return { userId: user.id, workspaceId, role: 'OWNER', personal: true, hideOthersRecords: false, email }
}

async function contact(m: Membership, fields: Record<string, unknown> = {}) {
	return createContact(m, contactFormSchema().parse({ firstName: 'Ada', lastName: 'Lovelace', ...fields }), { defaultCountry: 'US' })
}

// 12:00 UTC = 17:30 in Kolkata on 15 August 2026.
const NOW = new Date('2026-08-15T12:00:00Z')

// Dispatch looks at every user's reminders: each test starts from an empty queue.
beforeEach(async () => {
	await prisma.notification.deleteMany({})
	await prisma.reminder.deleteMany({})
})

describe('planning', () => {
	it('a birthday in two days: the lead reminder fires today (even after the morning), the day one on the day', async () => {
		const m = await member()
		const c = await contact(m, { birthdayMonth: '8', birthdayDay: '17', birthdayYear: '1990' })
		await syncContactReminders(c.id, { now: NOW })
		const rows = await prisma.reminder.findMany({ where: { contactId: c.id }, orderBy: { scheduledAt: 'asc' } })
		expect(rows.map((r) => [r.type, r.title, r.note, r.scheduledAt.toISOString(), r.status])).toEqual([
			['BIRTHDAY', 'Ada Lovelace’s birthday is in 2 days', 'Turns 36', '2026-08-15T03:30:00.000Z', 'PENDING'],
			['BIRTHDAY', 'Ada Lovelace’s birthday is today', 'Turns 36', '2026-08-17T03:30:00.000Z', 'PENDING'],
		])
		const upcoming = await listUpcomingReminders(m, { now: NOW, timeZone: 'Asia/Kolkata' })
		expect(upcoming.days.map((d) => [d.date, d.inDays, d.rows.length])).toEqual([
			['2026-08-15', 0, 1],
			['2026-08-17', 2, 1],
		])
		expect((await remindersDueToday(m, NOW)).map((r) => r.title)).toEqual(['Ada Lovelace’s birthday is in 2 days'])
	})

	it('changing the birthday reschedules the pending reminders; removing it cancels them', async () => {
		const m = await member()
		const c = await contact(m, { birthdayMonth: '9', birthdayDay: '1' })
		await syncContactReminders(c.id, { now: NOW })
		expect((await prisma.reminder.findMany({ where: { contactId: c.id } })).map((r) => r.occursOn)).toEqual(['2026-09-01', '2026-09-01'])
		await updateContact(m, c.id, contactFormSchema().parse({ firstName: 'Ada', lastName: 'Lovelace', birthdayMonth: '9', birthdayDay: '3' }), { defaultCountry: 'US' })
		await syncContactReminders(c.id, { now: NOW })
		expect((await prisma.reminder.findMany({ where: { contactId: c.id }, orderBy: { scheduledAt: 'asc' } })).map((r) => [r.occursOn, r.scheduledAt.toISOString()])).toEqual([
			['2026-09-03', '2026-09-01T03:30:00.000Z'],
			['2026-09-03', '2026-09-03T03:30:00.000Z'],
		])
		await updateContact(m, c.id, contactFormSchema().parse({ firstName: 'Ada', lastName: 'Lovelace' }), { defaultCountry: 'US' })
		expect(await prisma.reminder.count({ where: { contactId: c.id } })).toBe(0)
	})

	it('a follow-up completed before its reminder fired never fires; one completed after is done', async () => {
		const m = await member({ timezone: 'America/New_York' })
		const c = await contact(m)
		const due = new Date(NOW.getTime() + 2 * 3600_000)
		const early = await createFollowUp(m, { type: 'CALL', dueAt: due, notes: null, assigneeId: null, contactId: c.id, companyId: null }, { now: NOW })
		await syncFollowUpReminders(early.id, { now: NOW })
		expect(await prisma.reminder.count({ where: { followUpId: early.id, status: 'PENDING' } })).toBe(1)
		await completeFollowUp(m, early.id, { outcome: 'Talked', notes: null, logInteraction: false }, { now: NOW })
		expect(await prisma.reminder.count({ where: { followUpId: early.id } })).toBe(0)
		expect(await claimDueReminders(new Date(due.getTime() + 60_000))).toEqual([])

		const late = await createFollowUp(m, { type: 'EMAIL', dueAt: due, notes: 'Send the deck', assigneeId: null, contactId: c.id, companyId: null }, { now: NOW })
		const claims = await claimDueReminders(new Date(due.getTime() + 60_000))
		expect(claims.map((x) => x.reminderId)).toHaveLength(1)
		const fired = await prisma.reminder.findFirstOrThrow({ where: { followUpId: late.id } })
		expect([fired.title, fired.status]).toEqual(['Email Ada Lovelace', 'SENT'])
		await completeFollowUp(m, late.id, { outcome: 'Sent', notes: null, logInteraction: true }, { now: new Date(due.getTime() + 120_000) })
		expect((await prisma.reminder.findUniqueOrThrow({ where: { id: fired.id } })).status).toBe('DONE')
	})

	it('keep in touch: reminds when the interval runs out; logging a conversation moves it', async () => {
		const m = await member()
		const c = await contact(m)
		await prisma.contact.update({ where: { id: c.id }, data: { createdAt: new Date('2026-06-01T00:00:00Z') } })
		await setKeepInTouch(m, c.id, { on: true, days: null }, { now: NOW })
		await syncContactReminders(c.id, { now: NOW })
		// Default 30 days, never talked, added in June: overdue, so today.
		const first = await prisma.reminder.findFirstOrThrow({ where: { contactId: c.id, type: 'NO_CONTACT' } })
		expect([first.title, first.occursOn]).toEqual(['Get in touch with Ada Lovelace', '2026-08-15'])
		const logged = await logInteraction(m, { contactId: c.id, companyId: null, medium: 'CALL', occurredAt: null, subject: null, notes: null, outcome: null, durationMinutes: null, nextSteps: null, scheduleFollowUp: false, followUpDueAt: null, followUpType: undefined }, { now: NOW })
		expect(logged.ok).toBe(true)
		await syncContactReminders(c.id, { now: NOW })
		const rows = await prisma.reminder.findMany({ where: { contactId: c.id, type: 'NO_CONTACT' } })
		expect(rows.map((r) => [r.title, r.occursOn])).toEqual([['You haven’t talked to Ada Lovelace in 30 days', '2026-09-14']])
	})
})

describe('dispatch', () => {
	it('running the dispatch twice for the same moment sends each reminder once, per channel', async () => {
		const m = await member({ notifyEmail: true })
		const c = await contact(m, { birthdayMonth: '8', birthdayDay: '17' })
		await syncContactReminders(c.id, { now: NOW })
		const [first, second] = await Promise.all([dispatchReminders(NOW), dispatchReminders(NOW)])
		expect(first.claimed + second.claimed).toBe(1)
		expect((await dispatchReminders(NOW)).claimed).toBe(0)
		const notes = await prisma.notification.findMany({ where: { userId: m.userId }, orderBy: { channel: 'asc' } })
		expect(notes.map((n) => [n.channel, n.status])).toEqual([
			['EMAIL', 'SENT'],
			['IN_APP', 'SENT'],
		])
		expect(await readOutbox({ to: m.email })).toHaveLength(1)
		// Delivering the same channel of the same firing again is a no-op.
		const r = await prisma.reminder.findFirstOrThrow({ where: { contactId: c.id, status: 'SENT' } })
		expect(await deliverReminderChannel(r.id, r.scheduledAt.toISOString(), 'EMAIL')).toEqual({ status: 'already-sent' })
		expect(await readOutbox({ to: m.email })).toHaveLength(1)
		expect(await countUnreadNotifications(m.userId)).toBe(1)
	})

	it('snooze fires again later; done and dismiss stop it; mark all read clears the badge', async () => {
		const m = await member()
		const c = await contact(m, { birthdayMonth: '8', birthdayDay: '17' })
		await syncContactReminders(c.id, { now: NOW })
		await dispatchReminders(NOW)
		const r = await prisma.reminder.findFirstOrThrow({ where: { contactId: c.id, status: 'SENT' } })
		const later = new Date(NOW.getTime() + 3600_000)
		await snoozeReminder(m.userId, r.id, later, { now: NOW })
		expect(await countUnreadNotifications(m.userId)).toBe(0)
		expect((await dispatchReminders(new Date(later.getTime() - 1000))).claimed).toBe(0)
		expect((await dispatchReminders(later)).claimed).toBe(1)
		expect(await countUnreadNotifications(m.userId)).toBe(1)
		await markReminderDone(m.userId, r.id, { now: later })
		expect((await prisma.reminder.findUniqueOrThrow({ where: { id: r.id } })).status).toBe('DONE')
		expect(await countUnreadNotifications(m.userId)).toBe(0)

		const dayOne = await prisma.reminder.findFirstOrThrow({ where: { contactId: c.id, status: 'PENDING' } })
		await dismissReminder(m.userId, dayOne.id)
		expect((await listUpcomingReminders(m, { now: NOW, timeZone: 'Asia/Kolkata' })).days).toEqual([])
		// Another user cannot touch it.
		const other = await member()
		await expect(markReminderDone(other.userId, dayOne.id)).rejects.toMatchObject({ status: 404 })
		await markAllNotificationsRead(m.userId)
		expect((await listNotifications(m.userId)).unread).toBe(0)
	})

	it('the on-the-day reminder supersedes the lead one still waiting', async () => {
		const m = await member()
		const c = await contact(m, { birthdayMonth: '8', birthdayDay: '17' })
		await syncContactReminders(c.id, { now: NOW })
		await dispatchReminders(NOW)
		expect(await countUnreadNotifications(m.userId)).toBe(1)
		await dispatchReminders(new Date('2026-08-17T04:00:00Z'))
		const rows = await prisma.reminder.findMany({ where: { contactId: c.id }, orderBy: { scheduledAt: 'asc' }, select: { status: true } })
		expect(rows.map((r) => r.status)).toEqual(['DISMISSED', 'SENT'])
		expect(await countUnreadNotifications(m.userId)).toBe(1)
	})

	it('a monthly custom reminder fires and plans its next occurrence', async () => {
		const m = await member({ timezone: 'UTC' })
		const c = await contact(m)
		const r = await createCustomReminder(m, c.id, { title: 'Send the invoice', date: '2026-08-31', time: '10:00', recurrence: 'MONTHLY' }, { now: NOW })
		expect(r.scheduledAt.toISOString()).toBe('2026-08-31T10:00:00.000Z')
		await dispatchReminders(new Date('2026-08-31T10:00:00Z'))
		const series = await prisma.reminder.findMany({ where: { seriesId: r.seriesId }, orderBy: { scheduledAt: 'asc' } })
		expect(series.map((x) => [x.status, x.occursOn])).toEqual([
			['SENT', '2026-08-31'],
			['PENDING', '2026-09-30'],
		])
		await expect(createCustomReminder(m, c.id, { title: 'Past', date: '2026-08-01', time: null, recurrence: 'NONE' }, { now: NOW })).rejects.toThrow('future')
	})

	it('a deleted contact’s reminders do not fire', async () => {
		const m = await member()
		const c = await contact(m, { birthdayMonth: '8', birthdayDay: '17' })
		await syncContactReminders(c.id, { now: NOW })
		await prisma.contact.update({ where: { id: c.id }, data: { deletedAt: NOW } })
		expect(await claimDueReminders(NOW)).toEqual([])
	})
})

describe('delivery over the network', () => {
	let postmark: Awaited<ReturnType<typeof startFakePostmark>>
	let push: Awaited<ReturnType<typeof startFakePushService>>
	beforeAll(async () => {
		postmark = await startFakePostmark()
		push = await startFakePushService()
		setEnv({ POSTMARK_SERVER_TOKEN: 'fake-postmark-token', POSTMARK_API_URL: postmark.url, APP_URL: 'https://crm.example.com', ...VAPID })
	})
	afterAll(async () => {
		setEnv({ POSTMARK_SERVER_TOKEN: undefined, POSTMARK_API_URL: undefined, APP_URL: undefined, VAPID_PUBLIC_KEY: undefined, VAPID_PRIVATE_KEY: undefined, VAPID_SUBJECT: undefined })
		await postmark.close()
		await push.close()
	})

	it('emails the reminder through Postmark with Mark done and Snooze links that carry signed tokens', async () => {
		const m = await member({ notifyEmail: true })
		const c = await contact(m, { birthdayMonth: '8', birthdayDay: '17' })
		await syncContactReminders(c.id, { now: NOW })
		const before = postmark.received.length
		await dispatchReminders(NOW)
		const mail = postmark.received.slice(before).find((e) => e.body.To === m.email)!
		expect(mail.body.Subject).toBe('Ada Lovelace’s birthday is in 2 days')
		const html = String(mail.body.HtmlBody)
		const text = String(mail.body.TextBody)
		expect(html).toContain(`href="https://crm.example.com/contacts/${c.id}"`)
		const done = /Mark done: (https:\/\/crm\.example\.com\/reminders\/action\?token=(\S+))/.exec(text)!
		const snooze = /Snooze: (https:\/\/crm\.example\.com\/reminders\/action\?token=(\S+))/.exec(text)!
		expect(html).toContain(done[1]!.replaceAll('&', '&amp;'))
		const r = await prisma.reminder.findFirstOrThrow({ where: { contactId: c.id, status: 'SENT' } })
		expect(verifyReminderToken(decodeURIComponent(done[2]!), { action: 'done' })).toMatchObject({ r: r.id, a: 'done' })
		expect(verifyReminderToken(decodeURIComponent(snooze[2]!), { action: 'snooze' })).toMatchObject({ r: r.id, a: 'snooze' })
		// Single-purpose: the Snooze token does not mark done.
		expect(verifyReminderToken(decodeURIComponent(snooze[2]!), { action: 'done' })).toBeNull()
	})

	it('pushes an encrypted payload the subscription’s keys decrypt; removes a gone subscription; a failing email does not stop the push', async () => {
		// Postmark refuses "inactive-…" addresses: the email channel fails.
		const m = await member({ notifyEmail: true, notifyPush: true, emailPrefix: 'inactive' })
		const c = await contact(m, { birthdayMonth: '8', birthdayDay: '17' })
		const live = push.subscription()
		const gone = push.subscription(`/gone/${crypto.randomUUID()}`)
		await savePushSubscription(m.userId, { ...live, userAgent: 'Chrome on Linux' })
		await savePushSubscription(m.userId, gone)
		await syncContactReminders(c.id, { now: NOW })
		const result = await dispatchReminders(NOW, { retries: 2, backoffMs: 1 })
		expect(result).toMatchObject({ claimed: 1, delivered: 1, failed: 1 })

		const received = push.received.filter((p) => `${push.url}${p.path}` === live.endpoint)
		expect(received).toHaveLength(1)
		expect(received[0]!.headers['content-encoding']).toBe('aes128gcm')
		const payload = JSON.parse(push.decrypt(received[0]!)) as { title: string; url: string; actions: Record<string, string> }
		expect(payload.title).toBe('Ada Lovelace’s birthday is in 2 days')
		expect(payload.url).toBe(`/contacts/${c.id}`)
		expect(verifyReminderToken(payload.actions.snooze, { action: 'snooze' })).not.toBeNull()
		expect(await prisma.pushSubscription.findMany({ where: { userId: m.userId }, select: { endpoint: true } })).toEqual([{ endpoint: live.endpoint }])
		const notes = await prisma.notification.findMany({ where: { userId: m.userId }, select: { channel: true, status: true } })
		expect(notes).toEqual(expect.arrayContaining([{ channel: 'PUSH', status: 'SENT' }, { channel: 'EMAIL', status: 'FAILED' }, { channel: 'IN_APP', status: 'SENT' }]))
	})

	it('sends one daily digest after the morning time, none when there is nothing to say', async () => {
		const m = await member({ notifyEmail: true, timezone: 'America/New_York' })
		const quiet = await member({ notifyEmail: true, timezone: 'America/New_York' })
		await contact(m, { firstName: 'Grace', lastName: 'Hopper', birthdayMonth: '8', birthdayDay: '15', birthdayYear: '1980' })
		const c = await contact(m, { firstName: 'Alan', lastName: 'Turing' })
		await createFollowUp(m, { type: 'CALL', dueAt: new Date('2026-08-15T18:00:00Z'), notes: null, assigneeId: null, contactId: c.id, companyId: null }, { now: new Date('2026-08-10T00:00:00Z') })
		// 08:00 in New York: not yet.
		const early = new Date('2026-08-15T12:00:00Z')
		expect((await usersDueForDigest(early)).map((d) => d.userId)).not.toContain(m.userId)
		const morning = new Date('2026-08-15T13:05:00Z')
		const due = (await usersDueForDigest(morning)).filter((d) => [m.userId, quiet.userId].includes(d.userId))
		expect(due).toEqual([
			{ userId: m.userId, date: '2026-08-15' },
			{ userId: quiet.userId, date: '2026-08-15' },
		])
		expect((await buildDigest(m.userId, morning))!.sections.map((s) => [s.title, s.items])).toEqual([
			['Birthdays', ['Grace Hopper (turns 46)']],
			['Follow-ups due', ['Call Alan Turing (at 14:00)']],
		])
		const before = postmark.received.length
		expect((await sendDigest(m.userId, '2026-08-15', morning)).status).toBe('sent')
		expect((await sendDigest(m.userId, '2026-08-15', morning)).status).toBe('already-sent')
		expect((await sendDigest(quiet.userId, '2026-08-15', morning)).status).toBe('empty')
		const sent = postmark.received.slice(before)
		expect(sent.map((e) => [e.body.To, e.body.Subject])).toEqual([[m.email, 'Your day in Rapport: 2 things for Saturday 15 August']])
		expect((await usersDueForDigest(morning)).map((d) => d.userId)).not.toContain(m.userId)
	})
})

describe('action tokens', () => {
	it('are signed, single-purpose and expire', () => {
		const now = new Date('2026-08-15T12:00:00Z')
		const token = signReminderToken('rem_1', 'snooze', { now })
		expect(verifyReminderToken(token, { now })).toMatchObject({ r: 'rem_1', a: 'snooze' })
		expect(verifyReminderToken(token, { now, action: 'done' })).toBeNull()
		expect(verifyReminderToken(token, { now: new Date(now.getTime() + 8 * 86_400_000) })).toBeNull()
		const [body, sig] = token.split('.')
		const forged = Buffer.from(JSON.stringify({ r: 'rem_2', a: 'snooze', exp: now.getTime() + 1e9 })).toString('base64url')
		expect(verifyReminderToken(`${forged}.${sig}`, { now })).toBeNull()
		expect(verifyReminderToken(`${body}.x${sig!.slice(1)}`, { now })).toBeNull()
	})
})

// The endpoints that act on a reminder without a session: the service worker's
// POST /api/reminders/action (push actions), the email links' /reminders/action,
// and the guarded POST /api/reminders/dispatch.
import { afterEach, describe, expect, it } from 'vitest'
import { createContact } from '#app/models/contact.server.ts'
import { syncContactReminders } from '#app/models/reminder.server.ts'
import { createUser } from '#app/models/user.server.ts'
import { signReminderToken } from '#app/utils/action-token.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { contactFormSchema } from '#app/validation/contact.ts'
import { action as emailLinkAction, loader as emailLinkLoader } from './_auth.reminders.action.tsx'
import { action as pushAction } from './api.reminders.action.ts'
import { action as dispatchAction } from './api.reminders.dispatch.ts'

type Args = Parameters<typeof pushAction>[0]
const args = (request: Request) => ({ request, params: {}, context: {} }) as unknown as Args

async function firedReminder() {
	const user = await createUser({ email: `e-${Math.random().toString(36).slice(2)}@example.com`, name: 'E', timezone: 'UTC' })
	const { workspaceId } = await prisma.membership.findFirstOrThrow({ where: { userId: user.id } })
	const m = { userId: user.id, workspaceId, role: 'OWNER' as const, personal: true, hideOthersRecords: false }
	const now = new Date()
	const c = await createContact(m, contactFormSchema().parse({ firstName: 'Ada', lastName: 'Lovelace', birthdayMonth: String(now.getUTCMonth() + 1), birthdayDay: String(now.getUTCDate()) }), { defaultCountry: 'US' })
	await syncContactReminders(c.id, { now })
	const r = await prisma.reminder.findFirstOrThrow({ where: { contactId: c.id } })
	await prisma.reminder.update({ where: { id: r.id }, data: { status: 'SENT', sentAt: now } })
	return { ...r, userId: user.id }
}

const json = (body: unknown) => new Request('http://localhost/api/reminders/action', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
const status = async (id: string) => prisma.reminder.findUniqueOrThrow({ where: { id }, select: { status: true, scheduledAt: true, snoozedUntil: true } })

describe('POST /api/reminders/action (push notification actions)', () => {
	it('Snooze reschedules the reminder (an hour by default, or the chosen length)', async () => {
		const r = await firedReminder()
		const before = Date.now()
		const res = (await pushAction(args(json({ token: signReminderToken(r.id, 'snooze') })))) as Response
		expect(res.status).toBe(200)
		expect(await res.json()).toMatchObject({ ok: true, action: 'snooze', reminderId: r.id })
		const after = await status(r.id)
		expect(after.status).toBe('SNOOZED')
		expect(after.scheduledAt.getTime()).toBeGreaterThanOrEqual(before + 3600_000 - 1000)
		expect(after.snoozedUntil?.getTime()).toBe(after.scheduledAt.getTime())
		await pushAction(args(json({ token: signReminderToken(r.id, 'snooze'), choice: '1w' })))
		expect((await status(r.id)).scheduledAt.getTime()).toBeGreaterThanOrEqual(before + 7 * 86_400_000 - 1000)
	})

	it('Mark done marks it done; Dismiss hides it', async () => {
		const a = await firedReminder()
		await pushAction(args(json({ token: signReminderToken(a.id, 'done') })))
		expect((await status(a.id)).status).toBe('DONE')
		const b = await firedReminder()
		await pushAction(args(json({ token: signReminderToken(b.id, 'dismiss') })))
		expect((await status(b.id)).status).toBe('DISMISSED')
	})

	it('refuses a forged or expired token', async () => {
		const r = await firedReminder()
		const expired = signReminderToken(r.id, 'done', { now: new Date(Date.now() - 8 * 86_400_000) })
		for (const token of [expired, 'abc.def', '']) {
			const res = (await pushAction(args(json({ token })))) as Response
			expect(res.status).toBe(401)
		}
		expect((await status(r.id)).status).toBe('SENT')
	})
})

describe('/reminders/action (email links, no sign-in)', () => {
	const form = (fields: Record<string, string>) => new Request('http://localhost/reminders/action', { method: 'POST', body: new URLSearchParams(fields) })

	it('shows the reminder for a valid link and nothing for a bad one', async () => {
		const r = await firedReminder()
		const token = signReminderToken(r.id, 'snooze')
		const shown = await emailLinkLoader(args(new Request(`http://localhost/reminders/action?token=${encodeURIComponent(token)}`)))
		expect(shown).toMatchObject({ ok: true, action: 'snooze', title: r.title })
		expect(await emailLinkLoader(args(new Request('http://localhost/reminders/action?token=nope')))).toMatchObject({ ok: false })
	})

	it('a Snooze link snoozes (to a picked date too) but cannot mark done', async () => {
		const r = await firedReminder()
		const token = signReminderToken(r.id, 'snooze')
		const refused = (await emailLinkAction(args(form({ token, intent: 'done' })))) as unknown as { init: { status?: number } | null }
		expect(refused.init?.status).toBe(400)
		expect((await status(r.id)).status).toBe('SENT')
		const ok = (await emailLinkAction(args(form({ token, intent: 'snooze:1d' })))) as unknown as { data: { ok: boolean } }
		expect(ok.data.ok).toBe(true)
		expect((await status(r.id)).status).toBe('SNOOZED')
		const nextWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10)
		await emailLinkAction(args(form({ token, intent: 'snooze:date', date: nextWeek })))
		expect((await status(r.id)).scheduledAt.toISOString()).toBe(`${nextWeek}T09:00:00.000Z`)
	})

	it('a Mark done link marks it done', async () => {
		const r = await firedReminder()
		await emailLinkAction(args(form({ token: signReminderToken(r.id, 'done'), intent: 'done' })))
		expect((await status(r.id)).status).toBe('DONE')
	})
})

describe('POST /api/reminders/dispatch', () => {
	afterEach(() => {
		delete process.env.REMINDERS_DISPATCH_SECRET
		globalThis.__rapportEnv = undefined
	})
	const post = (auth?: string) => new Request('http://localhost/api/reminders/dispatch', { method: 'POST', headers: auth ? { authorization: auth } : {} })

	it('does not exist without a secret, refuses a wrong one, and runs a pass with the right one', async () => {
		const off = (await dispatchAction(args(post('Bearer x')))) as Response
		expect(off.status).toBe(404)
		process.env.REMINDERS_DISPATCH_SECRET = 'a-long-dispatch-secret'
		globalThis.__rapportEnv = undefined
		const wrong = (await dispatchAction(args(post('Bearer a-long-dispatch-secreT')))) as Response
		expect(wrong.status).toBe(401)
		const ok = (await dispatchAction(args(post('Bearer a-long-dispatch-secret')))) as Response
		expect(ok.status).toBe(200)
		expect(await ok.json()).toMatchObject({ claimed: expect.any(Number), delivered: expect.any(Number), failed: 0 })
	})
})

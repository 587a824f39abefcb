// Signed, single-purpose, expiring links for acting on one reminder without
// signing in (from an email or a push notification). The token names the reminder,
// the one action it allows and when it stops working; it is signed with a key
// derived from ENCRYPTION_KEY, so it cannot be forged or repurposed.
import crypto from 'node:crypto'
import { getEnv } from './env.server.ts'

export const REMINDER_ACTIONS = ['done', 'snooze', 'dismiss'] as const
export type ReminderAction = (typeof REMINDER_ACTIONS)[number]
export type ReminderTokenPayload = { r: string; a: ReminderAction; exp: number }

/** Links in an email or a push keep working for a week. */
export const ACTION_TOKEN_TTL_MS = 7 * 24 * 60 * 60 * 1000

function key() {
	return crypto.createHash('sha256').update(`reminder-action:${getEnv().ENCRYPTION_KEY}`).digest()
}

function sign(body: string) {
	return crypto.createHmac('sha256', key()).update(body).digest('base64url')
}

export function signReminderToken(reminderId: string, action: ReminderAction, { now = new Date(), ttlMs = ACTION_TOKEN_TTL_MS } = {}) {
	const payload: ReminderTokenPayload = { r: reminderId, a: action, exp: now.getTime() + ttlMs }
	const body = Buffer.from(JSON.stringify(payload)).toString('base64url')
	return `${body}.${sign(body)}`
}

/** The payload when the token is genuine, unexpired and (if given) for `action`; otherwise null. */
export function verifyReminderToken(token: string | null | undefined, { action, now = new Date() }: { action?: ReminderAction; now?: Date } = {}): ReminderTokenPayload | null {
	if (!token || token.length > 1000) return null
	const [body, sig] = token.split('.')
	if (!body || !sig) return null
	const expected = Buffer.from(sign(body))
	const given = Buffer.from(sig)
	if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null
	try {
		const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as ReminderTokenPayload
		if (typeof payload.r !== 'string' || !(REMINDER_ACTIONS as readonly string[]).includes(payload.a) || typeof payload.exp !== 'number') return null
		if (payload.exp <= now.getTime()) return null
		if (action && payload.a !== action) return null
		return payload
	} catch {
		return null
	}
}

// The daily digest: one email each morning (the user's morning time, in their
// zone) listing today's birthdays and anniversaries, follow-ups due today or
// overdue, and people to reconnect with. Nothing to say: no email. One per user
// per local date, recorded as a Notification with a dedupe key.
import type { Prisma } from '#app/generated/prisma/client.ts'
import { digestEmailMessage } from '#app/services/email-templates.ts'
import { sendEmail } from '#app/services/email.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { FOLLOW_UP_TYPE_LABELS } from '#app/validation/follow-up.ts'
import { addLocalDays, annualDateIn, keepInTouchInterval, localDateOf, morningOf, zonedInstant } from './reminder-rules.ts'

const DAY = 86_400_000

export type Digest = { date: string; sections: Array<{ title: string; items: string[] }> }

/** Contacts a user is reminded about: assigned to them, or owned by them and unassigned. */
function theirContacts(userId: string): Prisma.ContactWhereInput {
	return { deletedAt: null, OR: [{ assigneeId: userId }, { assigneeId: null, ownerId: userId }] }
}

/** What today's digest would say (empty sections are left out). */
export async function buildDigest(userId: string, now = new Date()): Promise<Digest | null> {
	const user = await prisma.user.findUnique({ where: { id: userId }, select: { id: true, timezone: true, noContactDays: true } })
	if (!user) return null
	const tz = user.timezone || 'UTC'
	const today = localDateOf(now, tz)
	const [y, mo, d] = today.split('-').map(Number) as [number, number, number]
	const endOfToday = zonedInstant(addLocalDays(today, 1), '00:00', tz)
	// 28 February also shows 29 February birthdays in a year without one.
	const dates = [{ month: mo, day: d }]
	if (mo === 2 && d === 28 && annualDateIn(y, 2, 29) === today) dates.push({ month: 2, day: 29 })
	const [birthdays, anniversaries, followUps, keepers] = await Promise.all([
		prisma.contact.findMany({ where: { AND: [theirContacts(userId), { OR: dates.map((x) => ({ birthdayMonth: x.month, birthdayDay: x.day })) }] }, select: { displayName: true, birthdayYear: true }, orderBy: { displayName: 'asc' }, take: 50 }),
		prisma.contact.findMany({ where: { AND: [theirContacts(userId), { OR: dates.map((x) => ({ anniversaryMonth: x.month, anniversaryDay: x.day })) }] }, select: { displayName: true }, orderBy: { displayName: 'asc' }, take: 50 }),
		prisma.followUp.findMany({
			where: {
				status: { in: ['PENDING', 'MISSED'] },
				dueAt: { lt: endOfToday },
				OR: [{ assigneeId: userId }, { assigneeId: null, createdById: userId }],
				AND: [{ OR: [{ contactId: null }, { contact: { deletedAt: null } }] }],
			},
			select: { type: true, dueAt: true, contact: { select: { displayName: true } }, company: { select: { name: true } } },
			orderBy: { dueAt: 'asc' },
			take: 50,
		}),
		prisma.contact.findMany({
			where: { AND: [theirContacts(userId), { OR: [{ keepInTouch: true }, { keepInTouchDays: { not: null } }] }] },
			select: { displayName: true, keepInTouch: true, keepInTouchDays: true, lastContactedAt: true, createdAt: true },
			take: 2000,
		}),
	])
	const reconnect = keepers
		.map((c) => {
			const interval = keepInTouchInterval(c, user.noContactDays)
			const since = c.lastContactedAt ?? c.createdAt
			const silent = Math.floor((now.getTime() - since.getTime()) / DAY)
			return interval && silent >= interval ? { name: c.displayName, silent, talked: Boolean(c.lastContactedAt) } : null
		})
		.filter((x) => x !== null)
		.sort((a, b) => b.silent - a.silent)
		.slice(0, 20)
	const sections: Digest['sections'] = []
	if (birthdays.length) sections.push({ title: 'Birthdays', items: birthdays.map((c) => (c.birthdayYear ? `${c.displayName} (turns ${y - c.birthdayYear})` : c.displayName)) })
	if (anniversaries.length) sections.push({ title: 'Anniversaries', items: anniversaries.map((c) => c.displayName) })
	if (followUps.length) {
		const due = followUps.map((f) => {
			const who = f.contact?.displayName ?? f.company?.name ?? 'someone'
			const when = localDateOf(f.dueAt, tz) < today ? 'overdue' : `at ${new Intl.DateTimeFormat('en-GB', { timeZone: tz, timeStyle: 'short' }).format(f.dueAt)}`
			return `${FOLLOW_UP_TYPE_LABELS[f.type]} ${who} (${when})`
		})
		sections.push({ title: 'Follow-ups due', items: due })
	}
	if (reconnect.length) sections.push({ title: 'Reconnect with', items: reconnect.map((r) => (r.talked ? `${r.name} (${r.silent} days since you talked)` : `${r.name} (no conversation logged yet)`)) })
	return { date: today, sections }
}

/** Users whose morning has come today and who have not had today's digest. */
export async function usersDueForDigest(now = new Date()) {
	const users = await prisma.user.findMany({ where: { notifyEmail: true, emailVerifiedAt: { not: null } }, select: { id: true, timezone: true, morningTime: true }, take: 10_000 })
	const due: Array<{ userId: string; date: string }> = []
	for (const u of users) {
		const tz = u.timezone || 'UTC'
		const date = localDateOf(now, tz)
		if (now.getTime() < zonedInstant(date, morningOf(u.morningTime), tz).getTime()) continue
		due.push({ userId: u.id, date })
	}
	if (!due.length) return due
	const sent = await prisma.notification.findMany({ where: { dedupeKey: { in: due.map((d) => digestKey(d.userId, d.date)) } }, select: { dedupeKey: true, status: true } })
	// A failed one is tried again on the next run.
	const done = new Set(sent.filter((s) => s.status === 'SENT').map((s) => s.dedupeKey))
	return due.filter((d) => !done.has(digestKey(d.userId, d.date)))
}

export const digestKey = (userId: string, date: string) => `digest:${userId}:${date}`

/**
 * Sends one user's digest for `date` (their local date) once. Records a row even
 * when there was nothing to say, so the user is not looked at again today.
 */
export async function sendDigest(userId: string, date: string, now = new Date()) {
	const key = digestKey(userId, date)
	const existing = await prisma.notification.findUnique({ where: { dedupeKey: key }, select: { id: true, status: true } })
	if (existing?.status === 'SENT') return { status: 'already-sent' as const }
	const user = await prisma.user.findUnique({ where: { id: userId }, select: { email: true, timezone: true, notifyEmail: true } })
	if (!user?.notifyEmail) return { status: 'skipped' as const }
	// Only today's digest: a retry that runs tomorrow does not send yesterday's.
	if (localDateOf(now, user.timezone || 'UTC') !== date) return { status: 'skipped' as const }
	const digest = await buildDigest(userId, now)
	const row = existing ?? (await prisma.notification.create({ data: { userId, channel: 'EMAIL', title: `Daily digest ${date}`, url: '/reminders', dedupeKey: key }, select: { id: true, status: true } }))
	if (!digest?.sections.length) {
		await prisma.notification.update({ where: { id: row.id }, data: { status: 'SENT', body: 'Nothing to say: not sent', deliveredAt: now } })
		return { status: 'empty' as const }
	}
	const appUrl = getEnv().APP_URL
	const dateLabel = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(`${date}T12:00:00Z`))
	try {
		await sendEmail({ to: user.email, tag: 'digest', ...digestEmailMessage({ dateLabel, sections: digest.sections, openUrl: `${appUrl}/reminders`, settingsUrl: `${appUrl}/settings/notifications` }) })
		await prisma.notification.update({ where: { id: row.id }, data: { status: 'SENT', deliveredAt: new Date(), error: null } })
		return { status: 'sent' as const, sections: digest.sections }
	} catch (error) {
		await prisma.notification.update({ where: { id: row.id }, data: { status: 'FAILED', error: (error instanceof Error ? error.message : String(error)).slice(0, 500) } })
		throw error
	}
}

/** Without a job runner: every due digest, here and now (failures logged, retried on the next run). */
export async function sendDueDigests(now = new Date()) {
	let sent = 0
	for (const d of await usersDueForDigest(now)) {
		try {
			const r = await sendDigest(d.userId, d.date, now)
			if (r.status === 'sent') sent += 1
		} catch (error) {
			console.error(`Digest for ${d.userId} failed`, error instanceof Error ? error.message : error)
		}
	}
	return { sent }
}

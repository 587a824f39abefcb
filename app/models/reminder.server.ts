// Reminders: turning contacts, follow-ups and custom reminders into Reminder rows
// (planning, with dedupe keys), claiming the due ones exactly once (dispatch), and
// delivering each firing per channel (in-app, email, push) with a Notification row
// per channel. The rules themselves are plain functions in reminder-rules.ts.
//
// Who is reminded: for a contact, its assignee, else its owner; for a follow-up,
// its assignee, else whoever made it; a custom reminder, whoever set it.
import crypto from 'node:crypto'
import type { Prisma, ReminderType } from '#app/generated/prisma/client.ts'
import { contactChanged, followUpChanged, interactionLogged, userSettingsChanged } from '#app/jobs/events.ts'
import { emit } from '#app/jobs/emit.server.ts'
import { reminderEmailMessage } from '#app/services/email-templates.ts'
import { sendEmail } from '#app/services/email.server.ts'
import { sendPush } from '#app/services/push.server.ts'
import { signReminderToken } from '#app/utils/action-token.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { sqlGet } from '#app/utils/sql.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { FOLLOW_UP_TYPE_LABELS } from '#app/validation/follow-up.ts'
import {
	addLocalDays,
	daysBetween,
	keepInTouchInterval,
	localDateOf,
	morningOf,
	nextCustomOccurrence,
	planAnnual,
	planFollowUp,
	planNoContact,
	snoozeUntil,
	zonedInstant,
	type Recurrence,
} from './reminder-rules.ts'
import { visibleTo, type Membership } from './workspace.server.ts'
import { notFound } from '#app/utils/misc.ts'

const DAY = 24 * 60 * 60 * 1000
/** A firing more than this late (the dispatcher was down) only shows in the app: no stale emails or pushes. */
export const STALE_AFTER_MS = 36 * 60 * 60 * 1000
/** Reminders still to fire or to act on. */
const OPEN_STATUSES = ['PENDING', 'SNOOZED', 'SENT'] as const

type UserPrefs = {
	id: string
	timezone: string
	morningTime: string
	birthdayLeadDays: number
	anniversaryLeadDays: number
	noContactDays: number
}
const USER_PREFS = { id: true, timezone: true, morningTime: true, birthdayLeadDays: true, anniversaryLeadDays: true, noContactDays: true } as const

type Desired = {
	dedupeKey: string
	type: ReminderType
	userId: string
	title: string
	note: string | null
	scheduledAt: Date
	occursOn: string
}

function possessive(name: string) {
	return name.endsWith('s') ? `${name}’` : `${name}’s`
}

function whenWords(days: number) {
	return days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`
}

/**
 * Makes the open (not yet fired) reminders of one scope match `desired`: new keys
 * are created, changed times moved, and keys no longer wanted deleted. Rows that
 * already fired or were acted on are never touched, so nothing fires twice.
 */
async function reconcile(scope: Prisma.ReminderWhereInput, base: { workspaceId: string; contactId: string | null; followUpId?: string | null }, desired: Desired[]) {
	const existing = await prisma.reminder.findMany({ where: scope, select: { id: true, dedupeKey: true, status: true, scheduledAt: true, title: true, userId: true, note: true } })
	const byKey = new Map(existing.map((r) => [r.dedupeKey, r]))
	const wanted = new Set(desired.map((d) => d.dedupeKey))
	const stale = existing.filter((r) => r.status === 'PENDING' && !wanted.has(r.dedupeKey)).map((r) => r.id)
	if (stale.length) await prisma.reminder.deleteMany({ where: { id: { in: stale }, status: 'PENDING' } })
	const changed: string[] = []
	for (const d of desired) {
		const row = byKey.get(d.dedupeKey)
		if (!row) {
			// Another run may have created it a moment ago: the unique key keeps one.
			const created = await prisma.reminder
				.create({ data: { ...base, ...d }, select: { id: true } })
				.catch(async (error: unknown) => {
					if ((error as { code?: string }).code === 'P2002') return null
					throw error
				})
			if (created) changed.push(created.id)
		} else if (row.status === 'PENDING' && (row.scheduledAt.getTime() !== d.scheduledAt.getTime() || row.title !== d.title || row.userId !== d.userId || row.note !== d.note)) {
			await prisma.reminder.updateMany({ where: { id: row.id, status: 'PENDING' }, data: { scheduledAt: d.scheduledAt, title: d.title, userId: d.userId, note: d.note, occursOn: d.occursOn } })
			changed.push(row.id)
		}
	}
	return changed
}

const CONTACT_SELECT = {
	id: true,
	workspaceId: true,
	displayName: true,
	deletedAt: true,
	ownerId: true,
	assigneeId: true,
	birthdayMonth: true,
	birthdayDay: true,
	birthdayYear: true,
	anniversaryMonth: true,
	anniversaryDay: true,
	anniversaryYear: true,
	keepInTouch: true,
	keepInTouchDays: true,
	lastContactedAt: true,
	createdAt: true,
} as const
type ContactForPlan = Prisma.ContactGetPayload<{ select: typeof CONTACT_SELECT }>

/** The reminders a contact should have right now (birthday, anniversary, no contact). */
export function desiredContactReminders(c: ContactForPlan, user: UserPrefs | null, now: Date): Desired[] {
	if (!user || c.deletedAt) return []
	const opts = { timeZone: user.timezone, morning: morningOf(user.morningTime), now }
	const out: Desired[] = []
	const today = localDateOf(now, user.timezone)
	if (c.birthdayMonth && c.birthdayDay) {
		for (const p of planAnnual('birthday', { month: c.birthdayMonth, day: c.birthdayDay }, { ...opts, leadDays: user.birthdayLeadDays })) {
			const age = c.birthdayYear ? Number(p.occursOn.slice(0, 4)) - c.birthdayYear : null
			const days = p.daysBefore || Math.max(0, daysBetween(today, p.occursOn))
			out.push({
				dedupeKey: `contact:${c.id}:${p.key}`,
				type: 'BIRTHDAY',
				userId: user.id,
				title: `${possessive(c.displayName)} birthday is ${whenWords(p.daysBefore ? days : 0)}`,
				note: age && age > 0 && age < 150 ? `Turns ${age}` : null,
				scheduledAt: p.scheduledAt,
				occursOn: p.occursOn,
			})
		}
	}
	if (c.anniversaryMonth && c.anniversaryDay) {
		for (const p of planAnnual('anniversary', { month: c.anniversaryMonth, day: c.anniversaryDay }, { ...opts, leadDays: user.anniversaryLeadDays })) {
			const years = c.anniversaryYear ? Number(p.occursOn.slice(0, 4)) - c.anniversaryYear : null
			out.push({
				dedupeKey: `contact:${c.id}:${p.key}`,
				type: 'ANNIVERSARY',
				userId: user.id,
				title: `${possessive(c.displayName)} anniversary is ${whenWords(p.daysBefore)}`,
				note: years && years > 0 && years < 150 ? `${years} ${years === 1 ? 'year' : 'years'}` : null,
				scheduledAt: p.scheduledAt,
				occursOn: p.occursOn,
			})
		}
	}
	const interval = keepInTouchInterval(c, user.noContactDays)
	if (interval) {
		const p = planNoContact(c, { ...opts, intervalDays: interval })
		out.push({
			dedupeKey: `contact:${c.id}:no-contact:${p.key}`,
			type: 'NO_CONTACT',
			userId: user.id,
			title: c.lastContactedAt ? `You haven’t talked to ${c.displayName} in ${interval} days` : `Get in touch with ${c.displayName}`,
			note: c.lastContactedAt ? null : 'No conversation logged since you added them',
			scheduledAt: p.scheduledAt,
			occursOn: p.occursOn,
		})
	}
	return out
}

type PrefsCache = Map<string, Promise<UserPrefs | null>>

async function recipientPrefs(userId: string | null, cache?: PrefsCache) {
	if (!userId) return null
	const load = () => prisma.user.findUnique({ where: { id: userId }, select: USER_PREFS })
	if (!cache) return load()
	if (!cache.has(userId)) cache.set(userId, load())
	return cache.get(userId)!
}

/** Brings one contact's automatic reminders up to date. Returns the ids created or moved. */
export async function syncContactReminders(contactId: string, { now = new Date(), cache }: { now?: Date; cache?: PrefsCache } = {}) {
	const c = await prisma.contact.findUnique({ where: { id: contactId }, select: CONTACT_SELECT })
	if (!c) return []
	const user = await recipientPrefs(c.assigneeId ?? c.ownerId, cache)
	const desired = desiredContactReminders(c, user, now)
	return reconcile({ contactId, type: { in: ['BIRTHDAY', 'ANNIVERSARY', 'NO_CONTACT'] } }, { workspaceId: c.workspaceId, contactId }, desired)
}

/** Brings one follow-up's reminder up to date; a closed follow-up's fired reminder counts as done. */
export async function syncFollowUpReminders(followUpId: string, { now = new Date(), cache }: { now?: Date; cache?: PrefsCache } = {}) {
	const f = await prisma.followUp.findUnique({
		where: { id: followUpId },
		select: {
			id: true,
			workspaceId: true,
			dueAt: true,
			status: true,
			type: true,
			notes: true,
			contactId: true,
			assigneeId: true,
			createdById: true,
			contact: { select: { displayName: true, deletedAt: true } },
			company: { select: { name: true, deletedAt: true } },
		},
	})
	if (!f) return []
	if (f.status === 'COMPLETED' || f.status === 'CANCELLED') {
		await prisma.reminder.updateMany({ where: { followUpId, status: { in: ['SENT', 'SNOOZED'] } }, data: { status: 'DONE', doneAt: now, snoozedUntil: null } })
	}
	const user = await recipientPrefs(f.assigneeId ?? f.createdById, cache)
	const gone = f.contact?.deletedAt || (!f.contact && f.company?.deletedAt)
	const plan = user && !gone ? planFollowUp(f, { timeZone: user.timezone }) : null
	const who = f.contact?.displayName ?? f.company?.name ?? 'someone'
	const desired: Desired[] = plan
		? [{ dedupeKey: `follow-up:${f.id}:${plan.key}`, type: 'FOLLOW_UP', userId: user!.id, title: `${FOLLOW_UP_TYPE_LABELS[f.type]} ${who}`, note: f.notes?.slice(0, 200) || null, scheduledAt: plan.scheduledAt, occursOn: plan.occursOn }]
		: []
	return reconcile({ followUpId, type: 'FOLLOW_UP' }, { workspaceId: f.workspaceId, contactId: f.contactId, followUpId }, desired)
}

/**
 * Re-plans everything for one user (after a settings change) or for everyone (the
 * hourly planner, which also rolls yearly reminders into the next year once one
 * has passed). Bounded batches; idempotent.
 */
export async function planReminders({ now = new Date(), userId }: { now?: Date; userId?: string } = {}) {
	let contacts = 0
	let followUps = 0
	const BATCH = 500
	// Users' settings are read once per run, not once per contact.
	const cache: PrefsCache = new Map()
	const who: Prisma.ContactWhereInput = userId ? { OR: [{ assigneeId: userId }, { assigneeId: null, ownerId: userId }] } : {}
	const contactWhere: Prisma.ContactWhereInput = {
		AND: [who, { OR: [{ birthdayMonth: { not: null } }, { anniversaryMonth: { not: null } }, { keepInTouch: true }, { keepInTouchDays: { not: null } }, { reminders: { some: { status: 'PENDING' } } }] }],
	}
	let cursor: string | undefined
	for (;;) {
		const batch: Array<{ id: string }> = await prisma.contact.findMany({ where: contactWhere, select: { id: true }, orderBy: { id: 'asc' }, take: BATCH, ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}) })
		for (const c of batch) await syncContactReminders(c.id, { now, cache })
		contacts += batch.length
		if (batch.length < BATCH) break
		cursor = batch.at(-1)!.id
	}
	const followUpWhere: Prisma.FollowUpWhereInput = {
		status: 'PENDING',
		dueAt: { gte: new Date(now.getTime() - DAY) },
		...(userId ? { OR: [{ assigneeId: userId }, { assigneeId: null, createdById: userId }] } : {}),
	}
	cursor = undefined
	for (;;) {
		const batch: Array<{ id: string }> = await prisma.followUp.findMany({ where: followUpWhere, select: { id: true }, orderBy: { id: 'asc' }, take: BATCH, ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}) })
		for (const f of batch) await syncFollowUpReminders(f.id, { now, cache })
		followUps += batch.length
		if (batch.length < BATCH) break
		cursor = batch.at(-1)!.id
	}
	if (userId) await reanchorCustomReminders(userId, now)
	return { contacts, followUps }
}

/** A new time zone moves the pending custom reminders of a user to the same wall time there. */
async function reanchorCustomReminders(userId: string, now: Date) {
	const user = await recipientPrefs(userId)
	if (!user) return
	const rows = await prisma.reminder.findMany({ where: { userId, type: 'CUSTOM', status: 'PENDING', anchor: { not: null }, occursOn: { not: null } }, select: { id: true, anchor: true, occursOn: true, scheduledAt: true } })
	for (const r of rows) {
		const at = zonedInstant(r.occursOn!, r.anchor!.slice(11), user.timezone)
		if (at.getTime() !== r.scheduledAt.getTime() && at.getTime() > now.getTime() - DAY) await prisma.reminder.update({ where: { id: r.id }, data: { scheduledAt: at } })
	}
}

// ───────────────────────── hooks the other models call ─────────────────────────

function quietly(what: string, run: () => Promise<unknown>) {
	return run().catch((error: unknown) => console.error(`Reminders: could not ${what}`, error))
}

/**
 * After contacts changed: re-plan their reminders now (so every page is right
 * without a job runner) and tell the job runner. Never throws.
 */
export async function contactsChanged(workspaceId: string, contactIds: string[], { now = new Date() }: { now?: Date } = {}) {
	if (!contactIds.length) return
	await quietly('re-plan contact reminders', async () => {
		for (const id of contactIds.slice(0, 1000)) await syncContactReminders(id, { now })
	})
	emit(contactChanged.create({ workspaceId, contactIds: contactIds.slice(0, 1000) }))
}

/** After an interaction was logged, edited or deleted. Never throws. */
export async function interactionChanged(workspaceId: string, contactId: string | null, { now = new Date() }: { now?: Date } = {}) {
	if (!contactId) return
	await quietly('re-plan no-contact reminders', () => syncContactReminders(contactId, { now }))
	emit(interactionLogged.create({ workspaceId, contactId }))
}

/** After a follow-up was created, moved, completed or cancelled. Never throws. */
export async function followUpUpdated(workspaceId: string, followUpId: string, { now = new Date() }: { now?: Date } = {}) {
	await quietly('re-plan a follow-up reminder', () => syncFollowUpReminders(followUpId, { now }))
	emit(followUpChanged.create({ workspaceId, followUpId }))
}

/** After a user changed zone, lead days, morning time or intervals. Never throws. */
export async function userRemindersChanged(userId: string, { now = new Date() }: { now?: Date } = {}) {
	await quietly('re-plan a user’s reminders', () => planReminders({ now, userId }))
	emit(userSettingsChanged.create({ userId }))
}

// ───────────────────────── custom reminders ─────────────────────────


export class ReminderFieldError extends Error {
	constructor(
		public field: string,
		message: string,
	) {
		super(message)
	}
}

/** A reminder the user sets on a contact: once, monthly or yearly, at a date (and time, else their morning time). */
export async function createCustomReminder(
	m: Membership,
	contactId: string,
	input: { title: string; date: string; time?: string | null; recurrence: Recurrence },
	{ now = new Date() }: { now?: Date } = {},
) {
	const contact = await prisma.contact.findFirst({ where: { id: contactId, deletedAt: null, ...visibleTo(m) }, select: { id: true } })
	if (!contact) throw notFound()
	const user = await prisma.user.findUniqueOrThrow({ where: { id: m.userId }, select: USER_PREFS })
	const anchor = `${input.date}T${input.time || morningOf(user.morningTime)}`
	let next = nextCustomOccurrence(anchor, input.recurrence, { after: null, timeZone: user.timezone })
	// A repeating reminder that starts in the past begins at its next occurrence.
	const today = localDateOf(now, user.timezone)
	while (next && input.recurrence !== 'NONE' && next.occursOn < today) next = nextCustomOccurrence(anchor, input.recurrence, { after: next.occursOn, timeZone: user.timezone })
	if (!next || next.scheduledAt.getTime() <= now.getTime()) throw new ReminderFieldError('date', 'Choose a date and time in the future')
	const seriesId = crypto.randomUUID()
	return prisma.reminder.create({
		data: {
			workspaceId: m.workspaceId,
			userId: m.userId,
			contactId,
			type: 'CUSTOM',
			title: input.title.trim().slice(0, 200),
			scheduledAt: next.scheduledAt,
			occursOn: next.occursOn,
			recurrence: input.recurrence,
			anchor,
			seriesId,
			dedupeKey: `custom:${seriesId}:${next.key}`,
		},
		select: { id: true, seriesId: true, scheduledAt: true },
	})
}

/** Stops a custom reminder (its series): what has not been acted on is removed. */
export async function deleteCustomReminder(m: Membership, seriesId: string) {
	const { count } = await prisma.reminder.deleteMany({ where: { seriesId, userId: m.userId, workspaceId: m.workspaceId, type: 'CUSTOM', status: { in: ['PENDING', 'SNOOZED', 'SENT'] } } })
	if (!count) throw notFound()
	return count
}

/** What the contact page shows: the next automatic reminders and my custom ones. */
export async function listContactReminders(m: Membership, contactId: string) {
	return prisma.reminder.findMany({
		where: { contactId, workspaceId: m.workspaceId, userId: m.userId, status: { in: [...OPEN_STATUSES] } },
		select: { id: true, type: true, title: true, note: true, scheduledAt: true, status: true, recurrence: true, seriesId: true, occursOn: true },
		orderBy: { scheduledAt: 'asc' },
		take: 20,
	})
}

/** Turns "keep in touch" on (with the user's default or an interval in days) or off. */
export async function setKeepInTouch(m: Membership, contactId: string, value: { on: boolean; days: number | null }, { now = new Date() }: { now?: Date } = {}) {
	const c = await prisma.contact.findFirst({ where: { id: contactId, deletedAt: null, ...visibleTo(m) }, select: { id: true, ownerId: true, assigneeId: true } })
	if (!c) throw notFound()
	await prisma.contact.update({ where: { id: c.id }, data: { keepInTouch: value.on, keepInTouchDays: value.on ? value.days : null } })
	await contactsChanged(m.workspaceId, [c.id], { now })
}

// ───────────────────────── dispatch ─────────────────────────

export type Claim = { reminderId: string; userId: string; fireKey: string; channels: Array<'EMAIL' | 'PUSH'> }

const DUE_WHERE = (now: Date): Prisma.ReminderWhereInput => ({
	status: { in: ['PENDING', 'SNOOZED'] },
	scheduledAt: { lte: now },
	OR: [{ contactId: null }, { contact: { deletedAt: null } }],
})

/**
 * Claims due reminders exactly once: each row moves PENDING/SNOOZED → SENT guarded
 * on its status and time, so two dispatchers (or one run twice) never both win.
 * The in-app notification is written in the same step; email and push are
 * returned for delivery (skipped when the firing is stale). A repeating custom
 * reminder gets its next occurrence.
 */
export async function claimDueReminders(now = new Date(), { limit = 500, ids }: { limit?: number; ids?: string[] } = {}): Promise<Claim[]> {
	const due = await prisma.reminder.findMany({
		where: { ...DUE_WHERE(now), ...(ids ? { id: { in: ids } } : {}) },
		select: {
			id: true,
			userId: true,
			workspaceId: true,
			contactId: true,
			followUpId: true,
			type: true,
			title: true,
			note: true,
			scheduledAt: true,
			recurrence: true,
			anchor: true,
			seriesId: true,
			occursOn: true,
			user: { select: { notifyInApp: true, notifyEmail: true, notifyPush: true, timezone: true } },
		},
		orderBy: { scheduledAt: 'asc' },
		take: limit,
	})
	const claims: Claim[] = []
	for (const r of due) {
		const fireKey = r.scheduledAt.toISOString()
		const claimed = await prisma.$transaction(async (tx) => {
			const { count } = await tx.reminder.updateMany({
				where: { id: r.id, status: { in: ['PENDING', 'SNOOZED'] }, scheduledAt: r.scheduledAt },
				data: { status: 'SENT', sentAt: now, snoozedUntil: null },
			})
			if (count !== 1) return false
			// A newer firing about the same contact and occasion supersedes one still waiting
			// ("birthday in 2 days" once "birthday is today" fires; the last keep-in-touch nudge).
			if (r.contactId && ['BIRTHDAY', 'ANNIVERSARY', 'NO_CONTACT'].includes(r.type)) {
				const older = await tx.reminder.findMany({ where: { contactId: r.contactId, type: r.type, status: 'SENT', id: { not: r.id }, scheduledAt: { lt: r.scheduledAt } }, select: { id: true } })
				if (older.length) {
					const ids = older.map((o) => o.id)
					await tx.reminder.updateMany({ where: { id: { in: ids } }, data: { status: 'DISMISSED' } })
					await tx.notification.updateMany({ where: { reminderId: { in: ids }, channel: 'IN_APP', readAt: null }, data: { readAt: now } })
				}
			}
			if (r.user.notifyInApp) {
				await tx.notification.create({
					data: {
						userId: r.userId,
						workspaceId: r.workspaceId,
						reminderId: r.id,
						channel: 'IN_APP',
						title: r.title,
						body: r.note,
						url: reminderUrl(r),
						status: 'SENT',
						deliveredAt: now,
						dedupeKey: `${r.id}:${fireKey}:IN_APP`,
					},
				})
			}
			if (r.type === 'CUSTOM' && r.recurrence !== 'NONE' && r.anchor && r.seriesId) {
				const next = nextCustomOccurrence(r.anchor, r.recurrence, { after: r.occursOn ?? localDateOf(r.scheduledAt, r.user.timezone), timeZone: r.user.timezone })
				if (next) {
					await tx.reminder.upsert({
						where: { dedupeKey: `custom:${r.seriesId}:${next.key}` },
						update: {},
						create: {
							workspaceId: r.workspaceId,
							userId: r.userId,
							contactId: r.contactId,
							type: 'CUSTOM',
							title: r.title,
							note: r.note,
							scheduledAt: next.scheduledAt,
							occursOn: next.occursOn,
							recurrence: r.recurrence,
							anchor: r.anchor,
							seriesId: r.seriesId,
							dedupeKey: `custom:${r.seriesId}:${next.key}`,
						},
					})
				}
			}
			return true
		})
		if (!claimed) continue
		const fresh = now.getTime() - r.scheduledAt.getTime() < STALE_AFTER_MS
		const channels: Claim['channels'] = []
		if (fresh && r.user.notifyEmail) channels.push('EMAIL')
		if (fresh && r.user.notifyPush) channels.push('PUSH')
		claims.push({ reminderId: r.id, userId: r.userId, fireKey, channels })
	}
	return claims
}

/** Where a reminder takes you: the contact, else the follow-up, else /reminders. */
export function reminderUrl(r: { contactId: string | null; followUpId: string | null }) {
	if (r.contactId) return `/contacts/${r.contactId}`
	if (r.followUpId) return `/follow-ups/${r.followUpId}`
	return '/reminders'
}

/**
 * Delivers one channel of one firing, recorded as a Notification (its dedupe key
 * makes a repeat a no-op). Throws when the channel failed, so the caller retries
 * (Inngest with backoff); a push subscription the service says is gone is removed.
 */
export async function deliverReminderChannel(reminderId: string, fireKey: string, channel: 'EMAIL' | 'PUSH', { now = new Date() }: { now?: Date } = {}) {
	const dedupeKey = `${reminderId}:${fireKey}:${channel}`
	const existing = await prisma.notification.findUnique({ where: { dedupeKey }, select: { id: true, status: true } })
	if (existing?.status === 'SENT') return { status: 'already-sent' as const }
	const r = await prisma.reminder.findUnique({
		where: { id: reminderId },
		select: {
			id: true,
			status: true,
			title: true,
			note: true,
			type: true,
			workspaceId: true,
			contactId: true,
			followUpId: true,
			scheduledAt: true,
			occursOn: true,
			user: { select: { id: true, email: true, name: true, timezone: true, notifyEmail: true, notifyPush: true } },
			contact: { select: { displayName: true } },
		},
	})
	// Acted on (done, dismissed, snoozed again) before this channel got its turn: say nothing.
	if (!r || r.status !== 'SENT') return { status: 'skipped' as const }
	if ((channel === 'EMAIL' && !r.user.notifyEmail) || (channel === 'PUSH' && !r.user.notifyPush)) return { status: 'skipped' as const }
	const subscriptions = channel === 'PUSH' ? await prisma.pushSubscription.findMany({ where: { userId: r.user.id }, select: { id: true, endpoint: true, p256dh: true, auth: true } }) : []
	if (channel === 'PUSH' && !subscriptions.length) return { status: 'no-devices' as const }

	const url = reminderUrl(r)
	const row =
		existing ??
		(await prisma.notification.create({
			data: { userId: r.user.id, workspaceId: r.workspaceId, reminderId: r.id, channel, title: r.title, body: r.note, url, dedupeKey },
			select: { id: true, status: true },
		}))
	const appUrl = getEnv().APP_URL
	try {
		if (channel === 'EMAIL') {
			// Links live a week from when they are sent (not from when the reminder was due).
			const link = (action: 'done' | 'snooze') => `${appUrl}/reminders/action?token=${encodeURIComponent(signReminderToken(r.id, action))}`
			await sendEmail({
				to: r.user.email,
				tag: 'reminder',
				...reminderEmailMessage({ title: r.title, note: r.note, openUrl: `${appUrl}${url}`, doneUrl: link('done'), snoozeUrl: link('snooze'), settingsUrl: `${appUrl}/settings/notifications` }),
			})
		} else {
			const payload = {
				title: r.title,
				body: r.note ?? (r.contact ? `Open ${r.contact.displayName} in Rapport` : 'Open Rapport'),
				url,
				tag: `reminder-${r.id}`,
				actions: { done: signReminderToken(r.id, 'done'), snooze: signReminderToken(r.id, 'snooze'), dismiss: signReminderToken(r.id, 'dismiss') },
			}
			const errors: string[] = []
			let delivered = 0
			for (const s of subscriptions) {
				const result = await sendPush(s, payload)
				if (result.ok) delivered += 1
				else if (result.expired) await prisma.pushSubscription.deleteMany({ where: { id: s.id } })
				else errors.push(result.error)
			}
			if (!delivered && errors.length) throw new Error(errors.join('; '))
		}
		await prisma.notification.update({ where: { id: row.id }, data: { status: 'SENT', deliveredAt: new Date(), error: null } })
		return { status: 'sent' as const }
	} catch (error) {
		await prisma.notification.update({ where: { id: row.id }, data: { status: 'FAILED', error: (error instanceof Error ? error.message : String(error)).slice(0, 500) } })
		throw error
	}
}

async function withRetries<T>(run: () => Promise<T>, attempts: number, backoffMs: number) {
	for (let i = 1; ; i++) {
		try {
			return await run()
		} catch (error) {
			if (i >= attempts) throw error
			await new Promise((resolve) => setTimeout(resolve, backoffMs * 4 ** (i - 1)))
		}
	}
}

/**
 * The dispatch without a job runner (the in-process timer, `npm run
 * reminders:dispatch`, the guarded endpoint): claim what is due and deliver each
 * channel here, a failing channel retried a few times without holding up the others.
 */
export async function dispatchReminders(now = new Date(), { retries = 3, backoffMs = 1000 }: { retries?: number; backoffMs?: number } = {}) {
	const claims = await claimDueReminders(now)
	let delivered = 0
	let failed = 0
	await Promise.all(
		claims.flatMap((c) =>
			c.channels.map((channel) =>
				withRetries(() => deliverReminderChannel(c.reminderId, c.fireKey, channel, { now }), retries, backoffMs).then(
					() => (delivered += 1),
					(error: unknown) => {
						failed += 1
						console.error(`Reminder ${c.reminderId}: ${channel} failed`, error instanceof Error ? error.message : error)
					},
				),
			),
		),
	)
	return { claimed: claims.length, delivered, failed }
}

// ───────────────────────── acting on a reminder ─────────────────────────

async function ownReminder(userId: string, id: string) {
	const r = await prisma.reminder.findFirst({ where: { id, userId }, select: { id: true, status: true, user: { select: { timezone: true, morningTime: true } } } })
	if (!r) throw notFound()
	return r
}

export async function markReminderDone(userId: string, id: string, { now = new Date() }: { now?: Date } = {}) {
	await ownReminder(userId, id)
	await prisma.$transaction([
		prisma.reminder.update({ where: { id }, data: { status: 'DONE', doneAt: now, snoozedUntil: null } }),
		prisma.notification.updateMany({ where: { reminderId: id, channel: 'IN_APP', readAt: null }, data: { readAt: now } }),
	])
}

export async function dismissReminder(userId: string, id: string, { now = new Date() }: { now?: Date } = {}) {
	await ownReminder(userId, id)
	await prisma.$transaction([
		prisma.reminder.update({ where: { id }, data: { status: 'DISMISSED', snoozedUntil: null } }),
		prisma.notification.updateMany({ where: { reminderId: id, channel: 'IN_APP', readAt: null }, data: { readAt: now } }),
	])
}

/** Fires again at `until`: back in the queue as SNOOZED, its current notifications read. */
export async function snoozeReminder(userId: string, id: string, until: Date, { now = new Date() }: { now?: Date } = {}) {
	await ownReminder(userId, id)
	if (until.getTime() <= now.getTime()) throw new ReminderFieldError('until', 'Choose a time in the future')
	await prisma.$transaction([
		prisma.reminder.update({ where: { id }, data: { status: 'SNOOZED', snoozedUntil: until, scheduledAt: until } }),
		prisma.notification.updateMany({ where: { reminderId: id, channel: 'IN_APP', readAt: null }, data: { readAt: now } }),
	])
}

/** The zone and morning time a snooze to "a date" is read in. */
export async function reminderOwnerPrefs(userId: string) {
	const u = await prisma.user.findUnique({ where: { id: userId }, select: { timezone: true, morningTime: true } })
	return { timeZone: u?.timezone || 'UTC', morning: morningOf(u?.morningTime) }
}

/** For the action links: the reminder, its owner and whether it can still be acted on. */
export async function getReminderForAction(id: string) {
	return prisma.reminder.findUnique({
		where: { id },
		select: { id: true, userId: true, title: true, note: true, status: true, scheduledAt: true, contact: { select: { id: true, displayName: true } } },
	})
}

// ───────────────────────── reads ─────────────────────────

const ROW_SELECT = {
	id: true,
	type: true,
	title: true,
	note: true,
	status: true,
	scheduledAt: true,
	snoozedUntil: true,
	occursOn: true,
	recurrence: true,
	contact: { select: { id: true, displayName: true } },
	followUp: { select: { id: true } },
} satisfies Prisma.ReminderSelect
export type ReminderRow = Prisma.ReminderGetPayload<{ select: typeof ROW_SELECT }>

function mine(m: Membership): Prisma.ReminderWhereInput {
	return { userId: m.userId, workspaceId: m.workspaceId, OR: [{ contactId: null }, { contact: { deletedAt: null } }] }
}

/**
 * /reminders: what fired and waits for me (due now), then what will fire in the
 * next `days` days, grouped by the local day it fires.
 */
export async function listUpcomingReminders(m: Membership, { now = new Date(), timeZone, days = 30 }: { now?: Date; timeZone: string; days?: number }) {
	const today = localDateOf(now, timeZone)
	const end = zonedInstant(addLocalDays(today, days + 1), '00:00', timeZone)
	const [due, upcoming] = await Promise.all([
		prisma.reminder.findMany({ where: { AND: [mine(m), { status: 'SENT' }] }, select: ROW_SELECT, orderBy: { scheduledAt: 'asc' }, take: 200 }),
		prisma.reminder.findMany({ where: { AND: [mine(m), { status: { in: ['PENDING', 'SNOOZED'] }, scheduledAt: { lt: end } }] }, select: ROW_SELECT, orderBy: { scheduledAt: 'asc' }, take: 500 }),
	])
	const groups = new Map<string, ReminderRow[]>()
	for (const r of upcoming) {
		const day = localDateOf(r.scheduledAt, timeZone)
		const key = day < today ? today : day
		groups.set(key, [...(groups.get(key) ?? []), r])
	}
	return { today, due, days: [...groups].map(([date, rows]) => ({ date, inDays: daysBetween(today, date), rows })) }
}

/**
 * Today's reminders for a member: fired and not acted on, or due before the end of
 * their day. For the dashboard (which reads only the Reminder table).
 */
export async function remindersDueToday(m: Membership, now = new Date()) {
	const user = await prisma.user.findUnique({ where: { id: m.userId }, select: { timezone: true } })
	const timeZone = user?.timezone || 'UTC'
	const endOfToday = zonedInstant(addLocalDays(localDateOf(now, timeZone), 1), '00:00', timeZone)
	return prisma.reminder.findMany({
		where: { AND: [mine(m), { OR: [{ status: 'SENT' }, { status: { in: ['PENDING', 'SNOOZED'] }, scheduledAt: { lt: endOfToday } }] }] },
		select: ROW_SELECT,
		orderBy: { scheduledAt: 'asc' },
		take: 100,
	})
}

// ───────────────────────── in-app notifications ─────────────────────────

export const NOTIFICATIONS_PAGE_SIZE = 30

export function countUnreadNotifications(userId: string) {
	// On every page (the bell): SQL (ADR 0013).
	return sqlGet<{ n: number }>("SELECT COUNT(*) AS n FROM Notification WHERE userId = ? AND channel = 'IN_APP' AND readAt IS NULL", userId)!.n
}

export async function listNotifications(userId: string, { page = 1 }: { page?: number } = {}) {
	const where: Prisma.NotificationWhereInput = { userId, channel: 'IN_APP' }
	const [rows, total, unread] = await Promise.all([
		prisma.notification.findMany({
			where,
			orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
			skip: (page - 1) * NOTIFICATIONS_PAGE_SIZE,
			take: NOTIFICATIONS_PAGE_SIZE,
			select: { id: true, title: true, body: true, url: true, readAt: true, createdAt: true, reminder: { select: { id: true, status: true, type: true } } },
		}),
		prisma.notification.count({ where }),
		prisma.notification.count({ where: { ...where, readAt: null } }),
	])
	return { rows, total, unread, page, pages: Math.max(1, Math.ceil(total / NOTIFICATIONS_PAGE_SIZE)) }
}

export async function markNotificationRead(userId: string, id: string, now = new Date()) {
	const { count } = await prisma.notification.updateMany({ where: { id, userId, channel: 'IN_APP' }, data: { readAt: now } })
	if (!count) throw notFound()
}

export function markAllNotificationsRead(userId: string, now = new Date()) {
	return prisma.notification.updateMany({ where: { userId, channel: 'IN_APP', readAt: null }, data: { readAt: now } })
}

// ───────────────────────── push subscriptions ─────────────────────────

export async function savePushSubscription(userId: string, sub: { endpoint: string; p256dh: string; auth: string; userAgent?: string | null }) {
	// An endpoint belongs to one browser: if another account had it, it moves here.
	return prisma.pushSubscription.upsert({
		where: { endpoint: sub.endpoint },
		update: { userId, p256dh: sub.p256dh, auth: sub.auth, userAgent: sub.userAgent ?? null },
		create: { userId, endpoint: sub.endpoint, p256dh: sub.p256dh, auth: sub.auth, userAgent: sub.userAgent ?? null },
		select: { id: true },
	})
}

export async function removePushSubscription(userId: string, by: { id?: string; endpoint?: string }) {
	const { count } = await prisma.pushSubscription.deleteMany({ where: { userId, ...(by.id ? { id: by.id } : { endpoint: by.endpoint ?? '' }) } })
	return count
}

export function listPushSubscriptions(userId: string) {
	return prisma.pushSubscription.findMany({ where: { userId }, select: { id: true, endpoint: true, userAgent: true, createdAt: true }, orderBy: { createdAt: 'desc' } })
}

// ───────────────────────── one place that reads an action from a form ─────────────────────────

/**
 * "done", "dismiss", "snooze:1h|1d|1w|date" (with `date` = YYYY-MM-DD) on one of
 * the user's reminders, from /reminders, /notifications or a signed link.
 */
export async function applyReminderIntent(userId: string, reminderId: string, intent: string, { date, now = new Date() }: { date?: string | null; now?: Date } = {}) {
	if (intent === 'done') {
		await markReminderDone(userId, reminderId, { now })
		return { message: 'Marked done' }
	}
	if (intent === 'dismiss') {
		await dismissReminder(userId, reminderId, { now })
		return { message: 'Dismissed' }
	}
	if (intent.startsWith('snooze:')) {
		const prefs = await reminderOwnerPrefs(userId)
		const until = snoozeUntil(intent.slice(7), { now, timeZone: prefs.timeZone, morning: prefs.morning, date })
		if (!until) throw new ReminderFieldError('date', intent === 'snooze:date' ? 'Choose a date after today' : 'Choose how long to snooze')
		await snoozeReminder(userId, reminderId, until, { now })
		return { message: 'Snoozed', until }
	}
	throw new ReminderFieldError('', 'Choose Done, Snooze or Dismiss')
}

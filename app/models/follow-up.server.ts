// Follow-ups: the next step with a contact or company, due at a moment in time.
// Create, edit, reschedule, cancel, complete (optionally logging an interaction
// in the same transaction), the lazy PENDING → MISSED sweep, and the reads behind
// /follow-ups, its calendar and the cards on record pages. Every read and write is
// scoped by workspace; another workspace's ids are "not found".
import { TZDate } from '@date-fns/tz'
import { addDays, addMonths, eachDayOfInterval, endOfMonth, endOfWeek, format, startOfDay, startOfMonth, startOfWeek } from 'date-fns'
import type { Prisma } from '#app/generated/prisma/client.ts'
import { prisma } from '#app/utils/db.server.ts'
import { sqlDate, sqlGet } from '#app/utils/sql.server.ts'
import { utcToWallTime, wallTimeToUtc } from '#app/utils/time.ts'
import {
	COMPLETED_PAGE_SIZE,
	DUE_IN_PAST,
	FOLLOW_UP_TYPE_LABELS,
	MEDIUM_FOR_TYPE,
	MISSED_AFTER_MS,
	type CompleteFollowUpInput,
	type FollowUpFilters,
	type FollowUpType,
} from '#app/validation/follow-up.ts'
import { diffFields, logActivity } from './activity.server.ts'
import { companyVisibleTo } from './company.server.ts'
import { recomputeLastContacted } from './interaction.server.ts'
import { followUpUpdated, interactionChanged } from './reminder.server.ts'
import { canCreate, canEdit, visibleTo, type Membership } from './workspace.server.ts'
import { notFound } from '#app/utils/misc.ts'

type Tx = Prisma.TransactionClient


/** A problem with one field of a form (or the whole form, field ''), shown beside it. */
export class FollowUpFieldError extends Error {
	constructor(
		public field: string,
		message: string,
	) {
		super(message)
	}
}

/**
 * Follow-ups this member may see: of the workspace, about a contact or company that
 * is not deleted, and, for REPs limited to their own records, assigned to or made by them.
 */
export function followUpVisibleTo(m: Membership): Prisma.FollowUpWhereInput {
	const and: Prisma.FollowUpWhereInput[] = [
		{ OR: [{ contact: { deletedAt: null } }, { contactId: null, company: { deletedAt: null } }, { contactId: null, companyId: null }] },
	]
	if (m.role === 'REP' && m.hideOthersRecords) and.push({ OR: [{ assigneeId: m.userId }, { createdById: m.userId }] })
	return { workspaceId: m.workspaceId, AND: and }
}

/** Whoever made it or is assigned to it may change it; admins anything; viewers nothing. */
export function canEditFollowUp(m: Membership, f: { createdById: string | null; assigneeId: string | null }) {
	return canEdit(m, { ownerId: f.createdById, assigneeId: f.assigneeId })
}

const ROW_SELECT = {
	id: true,
	type: true,
	status: true,
	dueAt: true,
	notes: true,
	outcome: true,
	completedAt: true,
	updatedAt: true,
	assigneeId: true,
	createdById: true,
	interactionId: true,
	contact: { select: { id: true, displayName: true } },
	company: { select: { id: true, name: true } },
	assignee: { select: { id: true, name: true } },
} satisfies Prisma.FollowUpSelect

export type FollowUpRow = Prisma.FollowUpGetPayload<{ select: typeof ROW_SELECT }>

const OPEN = ['PENDING', 'MISSED'] as const

/** The audit entry goes on the contact when there is one, else on the company. */
function auditEntity(f: { id: string; contactId: string | null; companyId: string | null }) {
	if (f.contactId) return { entityType: 'Contact' as const, entityId: f.contactId }
	if (f.companyId) return { entityType: 'Company' as const, entityId: f.companyId }
	return null
}

type Audited = { id: string; type: FollowUpType; contactId: string | null; companyId: string | null }

async function audit(tx: Tx, actor: { workspaceId: string; userId: string | null }, f: Audited, action: string, diff: Record<string, unknown>) {
	const entity = auditEntity(f)
	if (!entity) return
	// `followUp` (hidden in the log's wording) names the follow-up itself and its type.
	await logActivity(tx, actor, { ...entity, action, diff: { ...diff, followUp: [null, { id: f.id, type: f.type }] } })
}

async function assertAssignee(db: Tx | typeof prisma, workspaceId: string, userId: string) {
	const member = await db.membership.findFirst({ where: { workspaceId, userId }, select: { id: true } })
	if (!member) throw new FollowUpFieldError('assigneeId', 'Choose someone in this workspace')
}

/** Who a follow-up can be assigned to: the workspace's members. */
export async function listAssignees(m: Membership) {
	const members = await prisma.membership.findMany({
		where: { workspaceId: m.workspaceId },
		select: { user: { select: { id: true, name: true } } },
		orderBy: { user: { name: 'asc' } },
		take: 500,
	})
	return members.map((x) => x.user)
}

// ───────────────────────── writes ─────────────────────────

type NewFollowUp = {
	type: FollowUpType
	dueAt: Date
	notes: string | null
	assigneeId: string | null
	contactId: string | null
	companyId: string | null
	interactionId?: string | null
	dealId?: string | null
}

/**
 * Schedules a follow-up for a contact, a company or an interaction (whose contact
 * and company it takes). The due time must be in the future. Pass `tx` to create it
 * inside another transaction (logging an interaction with its next step).
 */
export async function createFollowUp(m: Membership, input: NewFollowUp, { now = new Date(), tx }: { now?: Date; tx?: Tx } = {}) {
	if (!canCreate(m)) throw new Response('You can view follow-ups but not add them. Ask a workspace admin.', { status: 403 })
	if (input.dueAt.getTime() <= now.getTime()) throw new FollowUpFieldError('dueAt', DUE_IN_PAST)
	const run = async (db: Tx) => {
		let { contactId, companyId } = input
		let dealId = input.dealId ?? null
		if (input.interactionId) {
			const interaction = await db.interaction.findFirst({ where: { id: input.interactionId, workspaceId: m.workspaceId }, select: { contactId: true, companyId: true, dealId: true } })
			if (!interaction) throw notFound()
			contactId ??= interaction.contactId
			companyId ??= interaction.companyId
			dealId ??= interaction.dealId
		}
		if (contactId && !(await db.contact.findFirst({ where: { id: contactId, deletedAt: null, ...visibleTo(m) }, select: { id: true } }))) throw notFound()
		if (companyId && !(await db.company.findFirst({ where: { id: companyId, deletedAt: null, ...companyVisibleTo(m) }, select: { id: true } }))) throw notFound()
		if (!contactId && !companyId) throw new FollowUpFieldError('', 'Choose the contact or company this follow-up is for')
		if (dealId && !(await db.deal.findFirst({ where: { id: dealId, workspaceId: m.workspaceId, deletedAt: null }, select: { id: true } }))) throw notFound()
		const assigneeId = input.assigneeId ?? m.userId
		if (assigneeId !== m.userId) await assertAssignee(db, m.workspaceId, assigneeId)
		const created = await db.followUp.create({
			data: {
				workspaceId: m.workspaceId,
				contactId,
				companyId,
				dealId,
				dueAt: input.dueAt,
				type: input.type,
				notes: input.notes,
				assigneeId,
				createdById: m.userId,
			},
			select: { id: true, type: true, contactId: true, companyId: true },
		})
		await audit(db, m, created, 'follow_up_created', { dueAt: [null, input.dueAt.toISOString()] })
		return created
	}
	if (tx) return run(tx)
	const created = await prisma.$transaction(run)
	await followUpUpdated(m.workspaceId, created.id, { now })
	return created
}

/** One follow-up this member may see, or null. */
export async function getFollowUp(m: Membership, id: string) {
	const f = await prisma.followUp.findFirst({
		where: { id, ...followUpVisibleTo(m) },
		select: {
			...ROW_SELECT,
			contactId: true,
			companyId: true,
			createdAt: true,
			createdBy: { select: { id: true, name: true } },
			interaction: { select: { id: true, occurredAt: true, medium: true } },
			contact: { select: { id: true, displayName: true, company: { select: { id: true, name: true } } } },
		},
	})
	return f ? { ...f, canEdit: canEditFollowUp(m, f) } : null
}

/** The follow-up, if this member may change it; otherwise 404 (hidden) or 403 (read-only). */
async function findEditable(db: Tx | typeof prisma, m: Membership, id: string) {
	const f = await db.followUp.findFirst({
		where: { id, ...followUpVisibleTo(m) },
		select: { id: true, status: true, type: true, dueAt: true, notes: true, assigneeId: true, createdById: true, contactId: true, companyId: true, dealId: true },
	})
	if (!f) throw notFound()
	if (!canEditFollowUp(m, f)) throw new Response('You can view this follow-up but not change it. Ask a workspace admin.', { status: 403 })
	return f
}

function requireOpen(f: { status: string }) {
	if (f.status === 'COMPLETED') throw new FollowUpFieldError('', 'This follow-up is already completed.')
	if (f.status === 'CANCELLED') throw new FollowUpFieldError('', 'This follow-up was cancelled.')
}

const sameMinute = (a: Date, b: Date) => Math.floor(a.getTime() / 60_000) === Math.floor(b.getTime() / 60_000)

/**
 * Changes what, when, who and notes. A new due time must be in the future (the
 * same one, to the minute, may stay in the past); a missed one moved ahead is
 * pending again.
 */
export async function updateFollowUp(
	m: Membership,
	id: string,
	input: { type: FollowUpType; dueAt: Date; notes: string | null; assigneeId: string | null },
	{ now = new Date() }: { now?: Date } = {},
) {
	const result = await prisma.$transaction(async (tx) => {
		const f = await findEditable(tx, m, id)
		requireOpen(f)
		const dueAt = sameMinute(input.dueAt, f.dueAt) ? f.dueAt : input.dueAt
		if (dueAt !== f.dueAt && dueAt.getTime() <= now.getTime()) throw new FollowUpFieldError('dueAt', DUE_IN_PAST)
		const assigneeId = input.assigneeId ?? f.assigneeId ?? m.userId
		if (assigneeId !== f.assigneeId && assigneeId !== m.userId) await assertAssignee(tx, m.workspaceId, assigneeId)
		const status = f.status === 'MISSED' && dueAt.getTime() > now.getTime() ? 'PENDING' : f.status
		const before = { type: f.type, dueAt: f.dueAt.toISOString(), notes: f.notes, assigneeId: f.assigneeId, status: f.status }
		const after = { type: input.type, dueAt: dueAt.toISOString(), notes: input.notes, assigneeId, status }
		const diff = diffFields(before, after)
		if (!Object.keys(diff).length) return f
		await tx.followUp.update({ where: { id: f.id }, data: { type: input.type, dueAt, notes: input.notes, assigneeId, status } })
		const action = diff.dueAt && Object.keys(diff).every((k) => k === 'dueAt' || k === 'status') ? 'follow_up_rescheduled' : 'follow_up_updated'
		await audit(tx, m, { ...f, type: input.type }, action, diff)
		return f
	})
	await followUpUpdated(m.workspaceId, id, { now })
	return result
}

/** Moves the due time (into the future); a missed follow-up becomes pending again. */
export async function rescheduleFollowUp(m: Membership, id: string, dueAt: Date, { now = new Date() }: { now?: Date } = {}) {
	if (dueAt.getTime() <= now.getTime()) throw new FollowUpFieldError('dueAt', DUE_IN_PAST)
	const result = await prisma.$transaction(async (tx) => {
		const f = await findEditable(tx, m, id)
		requireOpen(f)
		await tx.followUp.update({ where: { id: f.id }, data: { dueAt, status: 'PENDING' } })
		const diff: Record<string, unknown> = { dueAt: [f.dueAt.toISOString(), dueAt.toISOString()] }
		if (f.status !== 'PENDING') diff.status = [f.status, 'PENDING']
		await audit(tx, m, f, 'follow_up_rescheduled', diff)
		return f
	})
	await followUpUpdated(m.workspaceId, id, { now })
	return result
}

/**
 * Completes a pending (or missed) follow-up with an outcome. With logInteraction,
 * the conversation is logged as an Interaction (medium from the type, now) and
 * linked, in the same transaction, and the contact's "last contacted" moves.
 */
export async function completeFollowUp(m: Membership, id: string, input: CompleteFollowUpInput, { now = new Date() }: { now?: Date } = {}) {
	const result = await prisma.$transaction(async (tx) => {
		const f = await findEditable(tx, m, id)
		requireOpen(f)
		let interactionId: string | null = null
		if (input.logInteraction && (f.contactId || f.companyId)) {
			const interaction = await tx.interaction.create({
				data: {
					workspaceId: m.workspaceId,
					contactId: f.contactId,
					companyId: f.companyId,
					dealId: f.dealId,
					userId: m.userId,
					occurredAt: now,
					medium: MEDIUM_FOR_TYPE[f.type],
					subject: `${FOLLOW_UP_TYPE_LABELS[f.type]} (follow-up)`,
					outcome: input.outcome,
					notes: input.notes,
				},
				select: { id: true },
			})
			interactionId = interaction.id
		}
		// Guarded on the status, so a double submit cannot complete it (or log it) twice.
		const { count } = await tx.followUp.updateMany({
			where: { id: f.id, status: { in: [...OPEN] } },
			data: { status: 'COMPLETED', outcome: input.outcome, notes: input.notes ?? f.notes, completedAt: now, interactionId },
		})
		if (count !== 1) throw new FollowUpFieldError('', 'This follow-up was just closed by someone else.')
		if (interactionId && f.contactId) await recomputeLastContacted(f.contactId, tx)
		const diff: Record<string, unknown> = { status: [f.status, 'COMPLETED'], outcome: [null, input.outcome] }
		if (interactionId) diff.interactionId = [null, interactionId]
		await audit(tx, m, f, 'follow_up_completed', diff)
		return { id: f.id, interactionId, contactId: f.contactId }
	})
	// Completed before its reminder fired: the reminder goes; fired already: it is done.
	await followUpUpdated(m.workspaceId, id, { now })
	if (result.interactionId) await interactionChanged(m.workspaceId, result.contactId, { now })
	return { id: result.id, interactionId: result.interactionId }
}

/** Cancels a pending (or missed) follow-up; the optional reason is kept as its outcome. */
export async function cancelFollowUp(m: Membership, id: string, { reason }: { reason: string | null }, { now = new Date() }: { now?: Date } = {}) {
	const result = await prisma.$transaction(async (tx) => {
		const f = await findEditable(tx, m, id)
		requireOpen(f)
		const { count } = await tx.followUp.updateMany({ where: { id: f.id, status: { in: [...OPEN] } }, data: { status: 'CANCELLED', outcome: reason, updatedAt: now } })
		if (count !== 1) throw new FollowUpFieldError('', 'This follow-up was just closed by someone else.')
		const diff: Record<string, unknown> = { status: [f.status, 'CANCELLED'] }
		if (reason) diff.outcome = [null, reason]
		await audit(tx, m, f, 'follow_up_cancelled', diff)
		return { id: f.id }
	})
	await followUpUpdated(m.workspaceId, id, { now })
	return result
}

/**
 * Marks follow-ups still PENDING a day after their due time as MISSED, and logs each
 * (with no actor: the system did it). Idempotent: each row changes at most once,
 * guarded on its status. Pages call it lazily for their workspace, so the app is
 * right without a job runner; a background job may call it for all workspaces.
 */
export async function markMissedFollowUps(now: Date = new Date(), { workspaceId }: { workspaceId?: string } = {}) {
	const cutoff = new Date(now.getTime() - MISSED_AFTER_MS)
	const BATCH = 200
	let marked = 0
	for (;;) {
		const due = await prisma.followUp.findMany({
			where: { status: 'PENDING', dueAt: { lt: cutoff }, ...(workspaceId ? { workspaceId } : {}) },
			select: { id: true, workspaceId: true, type: true, contactId: true, companyId: true },
			orderBy: { dueAt: 'asc' },
			take: BATCH,
		})
		if (!due.length) return marked
		await prisma.$transaction(async (tx) => {
			for (const f of due) {
				const { count } = await tx.followUp.updateMany({ where: { id: f.id, status: 'PENDING' }, data: { status: 'MISSED' } })
				if (!count) continue
				marked += 1
				await audit(tx, { workspaceId: f.workspaceId, userId: null }, f, 'follow_up_missed', { status: ['PENDING', 'MISSED'] })
			}
		})
		if (due.length < BATCH) return marked
	}
}

// ───────────────────────── reads ─────────────────────────

/** 00:00 of the day after `date`, in `timeZone` (DST-safe). */
function startOfNextZonedDay(date: Date, timeZone: string) {
	return new Date(startOfDay(addDays(new TZDate(date.getTime(), timeZone), 1)).getTime())
}

/** The where clause for the list's filters (type, dates in the user's zone, contact, company, assignee). */
function filterWhere(m: Membership, filters: Partial<FollowUpFilters>, timeZone: string): Prisma.FollowUpWhereInput[] {
	const and: Prisma.FollowUpWhereInput[] = [followUpVisibleTo(m)]
	if (filters.type) and.push({ type: filters.type })
	if (filters.contactId) and.push({ contactId: filters.contactId })
	// A company's follow-ups include those of its people.
	if (filters.companyId) and.push({ OR: [{ companyId: filters.companyId }, { contact: { companyId: filters.companyId } }] })
	if (filters.assignee === 'me') and.push({ assigneeId: m.userId })
	const from = filters.from ? wallTimeToUtc(filters.from, timeZone) : null
	const toDay = filters.to ? wallTimeToUtc(filters.to, timeZone) : null
	if (from) and.push({ dueAt: { gte: from } })
	if (toDay) and.push({ dueAt: { lt: startOfNextZonedDay(toDay, timeZone) } })
	return and
}

/** Where "today" begins and ends for this user right now. */
export function dayBounds(now: Date, timeZone: string) {
	const startOfToday = new Date(startOfDay(new TZDate(now.getTime(), timeZone)).getTime())
	return { startOfToday, startOfTomorrow: startOfNextZonedDay(now, timeZone) }
}

const SECTION_LIMIT = 100

/**
 * The /follow-ups page: Overdue (pending, due before now), Today (due later today
 * in the user's zone), Upcoming (from tomorrow), Missed, Completed (most recent
 * first, paginated) and the latest Cancelled.
 */
export async function listFollowUpSections(m: Membership, { timeZone, filters, now = new Date() }: { timeZone: string; filters: FollowUpFilters; now?: Date }) {
	const base = filterWhere(m, filters, timeZone)
	const { startOfTomorrow } = dayBounds(now, timeZone)
	const where = (extra: Prisma.FollowUpWhereInput): Prisma.FollowUpWhereInput => ({ AND: [...base, extra] })
	const overdueWhere = where({ status: 'PENDING', dueAt: { lt: now } })
	const todayWhere = where({ status: 'PENDING', dueAt: { gte: now, lt: startOfTomorrow } })
	const upcomingWhere = where({ status: 'PENDING', dueAt: { gte: startOfTomorrow } })
	const missedWhere = where({ status: 'MISSED' })
	const doneWhere = where({ status: 'COMPLETED' })
	const cancelledWhere = where({ status: 'CANCELLED' })
	const donePage = filters.done
	const [overdue, today, upcoming, upcomingCount, missed, missedCount, done, doneCount, cancelled, cancelledCount] = await Promise.all([
		prisma.followUp.findMany({ where: overdueWhere, select: ROW_SELECT, orderBy: { dueAt: 'asc' }, take: SECTION_LIMIT }),
		prisma.followUp.findMany({ where: todayWhere, select: ROW_SELECT, orderBy: { dueAt: 'asc' }, take: SECTION_LIMIT }),
		prisma.followUp.findMany({ where: upcomingWhere, select: ROW_SELECT, orderBy: { dueAt: 'asc' }, take: SECTION_LIMIT }),
		prisma.followUp.count({ where: upcomingWhere }),
		prisma.followUp.findMany({ where: missedWhere, select: ROW_SELECT, orderBy: { dueAt: 'desc' }, take: 20 }),
		prisma.followUp.count({ where: missedWhere }),
		prisma.followUp.findMany({ where: doneWhere, select: ROW_SELECT, orderBy: [{ completedAt: 'desc' }, { id: 'asc' }], skip: (donePage - 1) * COMPLETED_PAGE_SIZE, take: COMPLETED_PAGE_SIZE }),
		prisma.followUp.count({ where: doneWhere }),
		// Closed rows are never edited again, so updatedAt is when they were cancelled.
		prisma.followUp.findMany({ where: cancelledWhere, select: ROW_SELECT, orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }], take: 10 }),
		prisma.followUp.count({ where: cancelledWhere }),
	])
	return {
		overdue,
		today,
		upcoming,
		upcomingCount,
		missed,
		missedCount,
		completed: { rows: done, total: doneCount, page: donePage, pages: Math.max(1, Math.ceil(doneCount / COMPLETED_PAGE_SIZE)) },
		cancelled,
		cancelledCount,
	}
}

/** The open follow-ups of one contact or company (a company's include its people's), soonest first. */
export async function listRecordFollowUps(m: Membership, record: { contactId: string } | { companyId: string }, take = 5) {
	const where: Prisma.FollowUpWhereInput = {
		AND: [
			followUpVisibleTo(m),
			{ status: { in: [...OPEN] } },
			'contactId' in record ? { contactId: record.contactId } : { OR: [{ companyId: record.companyId }, { contact: { companyId: record.companyId } }] },
		],
	}
	const [rows, total] = await Promise.all([prisma.followUp.findMany({ where, select: ROW_SELECT, orderBy: { dueAt: 'asc' }, take }), prisma.followUp.count({ where })])
	return { rows, total, now: new Date(), canCreate: canCreate(m) }
}

/** Pending follow-ups assigned to me that are past due but not yet missed (the sidebar badge). */
export function countOverdueFollowUps(m: Membership, now = new Date()) {
	// On every page (the sidebar badge): SQL, with followUpVisibleTo's rule (ADR 0013).
	// Assigned to me, so a REP limited to their own records sees them all.
	return sqlGet<{ n: number }>(
		`SELECT COUNT(*) AS n FROM FollowUp f
		LEFT JOIN Contact c ON c.id = f.contactId
		LEFT JOIN Company co ON co.id = f.companyId
		WHERE f.assigneeId = ? AND f.status = 'PENDING' AND f.dueAt < ? AND f.dueAt >= ? AND f.workspaceId = ?
			AND (c.deletedAt IS NULL AND f.contactId IS NOT NULL OR f.contactId IS NULL AND (f.companyId IS NULL OR co.deletedAt IS NULL))`,
		m.userId,
		sqlDate(now),
		sqlDate(new Date(now.getTime() - MISSED_AFTER_MS)),
		m.workspaceId,
	)!.n
}

/** Contacts that have follow-ups, for the list's contact filter (bounded). */
export function listFollowUpContacts(m: Membership) {
	return prisma.contact.findMany({
		where: { ...visibleTo(m), deletedAt: null, followUps: { some: {} } },
		select: { id: true, displayName: true },
		orderBy: { displayName: 'asc' },
		take: 300,
	})
}

/** "2026-03" → that month in the user's zone; anything else → the current month. */
export function parseMonth(value: string | null | undefined, now: Date, timeZone: string) {
	const match = /^(\d{4})-(\d{2})$/.exec(value ?? '')
	const year = match ? Number(match[1]) : Number(utcToWallTime(now, timeZone).slice(0, 4))
	const month = match ? Number(match[2]) : Number(utcToWallTime(now, timeZone).slice(5, 7))
	if (year < 1970 || year > 9999 || month < 1 || month > 12) return parseMonth(null, now, timeZone)
	return new TZDate(year, month - 1, 1, timeZone)
}

/**
 * A month grid (weeks Monday to Sunday) in the user's zone with each day's
 * follow-ups (cancelled ones left out), plus the neighbouring months' keys.
 */
export async function listMonthFollowUps(m: Membership, { timeZone, month, filters, now = new Date() }: { timeZone: string; month: TZDate; filters: Partial<FollowUpFilters>; now?: Date }) {
	const first = startOfMonth(month)
	const gridStart = startOfWeek(first, { weekStartsOn: 1 })
	const gridEnd = endOfWeek(endOfMonth(first), { weekStartsOn: 1 })
	const rows = await prisma.followUp.findMany({
		where: { AND: [...filterWhere(m, { ...filters, from: undefined, to: undefined }, timeZone), { status: { not: 'CANCELLED' }, dueAt: { gte: new Date(gridStart.getTime()), lt: new Date(startOfDay(addDays(gridEnd, 1)).getTime()) } }] },
		select: ROW_SELECT,
		orderBy: { dueAt: 'asc' },
		take: 2000,
	})
	const byDay = new Map<string, FollowUpRow[]>()
	for (const row of rows) {
		const key = utcToWallTime(row.dueAt, timeZone).slice(0, 10)
		byDay.set(key, [...(byDay.get(key) ?? []), row])
	}
	const today = utcToWallTime(now, timeZone).slice(0, 10)
	const days = eachDayOfInterval({ start: gridStart, end: gridEnd }).map((d) => {
		const key = format(d, 'yyyy-MM-dd')
		return { key, day: d.getDate(), inMonth: d.getMonth() === first.getMonth(), isToday: key === today, items: byDay.get(key) ?? [] }
	})
	return {
		days,
		month: format(first, 'yyyy-MM'),
		label: format(first, 'MMMM yyyy'),
		prev: format(addMonths(first, -1), 'yyyy-MM'),
		next: format(addMonths(first, 1), 'yyyy-MM'),
		current: today.slice(0, 7),
		total: rows.length,
	}
}

/** Contacts and companies matching a search, to pick whom a new follow-up is for. */
export async function searchFollowUpTargets(m: Membership, q: string) {
	const term = q.trim().slice(0, 100)
	if (!term) return { contacts: [], companies: [] }
	const [contacts, companies] = await Promise.all([
		prisma.contact.findMany({
			where: { ...visibleTo(m), deletedAt: null, OR: [{ displayName: { contains: term } }, { emails: { some: { email: { contains: term.toLowerCase() } } } }] },
			select: { id: true, displayName: true, company: { select: { name: true } } },
			orderBy: { displayName: 'asc' },
			take: 10,
		}),
		prisma.company.findMany({ where: { ...companyVisibleTo(m), deletedAt: null, name: { contains: term } }, select: { id: true, name: true }, orderBy: { name: 'asc' }, take: 5 }),
	])
	return { contacts, companies }
}

/** Whom a new follow-up is for, from ?contactId= / ?companyId= / ?interactionId= (404 if not visible). */
export async function resolveFollowUpTarget(m: Membership, ids: { contactId?: string | null; companyId?: string | null; interactionId?: string | null; dealId?: string | null }) {
	if (ids.dealId) {
		// For a deal: with its contact (or, without one, its company).
		const deal = await prisma.deal.findFirst({
			where: { id: ids.dealId, workspaceId: m.workspaceId, deletedAt: null, ...(m.role === 'REP' && m.hideOthersRecords ? { ownerId: m.userId } : {}) },
			select: { id: true, name: true, contact: { select: { id: true, displayName: true, deletedAt: true } }, company: { select: { id: true, name: true, deletedAt: true } } },
		})
		if (!deal) throw notFound()
		const contact = deal.contact && !deal.contact.deletedAt ? { id: deal.contact.id, displayName: deal.contact.displayName } : null
		const company = !contact && deal.company && !deal.company.deletedAt ? { id: deal.company.id, name: deal.company.name } : null
		if (!contact && !company) return null
		return { contact, company, interaction: null, deal: { id: deal.id, name: deal.name } }
	}
	if (ids.interactionId) {
		const interaction = await prisma.interaction.findFirst({
			where: { id: ids.interactionId, workspaceId: m.workspaceId, OR: [{ contactId: null }, { contact: visibleTo(m) }] },
			select: { id: true, medium: true, occurredAt: true, subject: true, nextSteps: true, contact: { select: { id: true, displayName: true } }, company: { select: { id: true, name: true } } },
		})
		if (!interaction) throw notFound()
		return { contact: interaction.contact, company: interaction.contact ? null : interaction.company, interaction }
	}
	if (ids.contactId) {
		const contact = await prisma.contact.findFirst({ where: { id: ids.contactId, deletedAt: null, ...visibleTo(m) }, select: { id: true, displayName: true } })
		if (!contact) throw notFound()
		return { contact, company: null, interaction: null }
	}
	if (ids.companyId) {
		const company = await prisma.company.findFirst({ where: { id: ids.companyId, deletedAt: null, ...companyVisibleTo(m) }, select: { id: true, name: true } })
		if (!company) throw notFound()
		return { contact: null, company, interaction: null }
	}
	return null
}

/** The user's zone and default follow-up interval. */
export async function followUpUserSettings(userId: string) {
	const user = await prisma.user.findUnique({ where: { id: userId }, select: { timezone: true, followUpDays: true } })
	return { timeZone: user?.timezone || 'UTC', followUpDays: user?.followUpDays ?? 7 }
}

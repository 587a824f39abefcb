// Interactions: what happened with a contact or company (a call, a meeting, a
// message), logged, edited and deleted. Each change keeps Contact.lastContactedAt
// right and leaves a trace in the activity log of the contact (or, for an
// interaction with a company alone, of the company).
import type { Prisma } from '#app/generated/prisma/client.ts'
import { prisma } from '#app/utils/db.server.ts'
import { utcToWallTime, wallTimeToUtc } from '#app/utils/time.ts'
import { FOLLOW_UP_TYPE_FOR, MAX_FUTURE_MS, MEDIUMS, MESSAGES, type FollowUpType, type InteractionInput, type Medium } from '#app/validation/interaction.ts'
import { diffFields, logActivity } from './activity.server.ts'
import { companyVisibleTo } from './company.server.ts'
import { canCreate, canEdit, requireEdit, visibleTo, type Membership } from './workspace.server.ts'
import { followUpUpdated, interactionChanged } from './reminder.server.ts'
import { notFound } from '#app/utils/misc.ts'

type Tx = Prisma.TransactionClient
type FieldErrors = Record<string, string[]>
export type InteractionResult =
	| { ok: true; interaction: { id: string; contactId: string | null; companyId: string | null }; followUpId: string | null }
	| { ok: false; fieldErrors: FieldErrors }


/**
 * Sets Contact.lastContactedAt to the latest interaction's occurredAt (null when
 * none is left). NOTE entries do not count: a note is something written down
 * about the person, not being in touch with them, and counting it would silence
 * the "haven't talked in N days" reminder.
 */
export async function recomputeLastContacted(contactId: string, db: Pick<Tx, 'interaction' | 'contact'> = prisma) {
	const latest = await db.interaction.findFirst({
		where: { contactId, medium: { not: 'NOTE' } },
		orderBy: { occurredAt: 'desc' },
		select: { occurredAt: true },
	})
	const lastContactedAt = latest?.occurredAt ?? null
	await db.contact.updateMany({ where: { id: contactId }, data: { lastContactedAt } })
	return lastContactedAt
}

/** Today + `days` in the user's zone, at 09:00 there (or an hour from now if that has passed), as datetime-local wall time. */
export function defaultFollowUpWall(timezone: string, days: number, now = new Date()) {
	const [y, mo, d] = utcToWallTime(now, timezone).slice(0, 10).split('-').map(Number)
	const wall = `${new Date(Date.UTC(y!, mo! - 1, d! + days)).toISOString().slice(0, 10)}T09:00`
	const due = wallTimeToUtc(wall, timezone)
	return due && due > now ? wall : utcToWallTime(new Date(now.getTime() + 3_600_000), timezone)
}

/** What a new interaction form starts with: now, and a follow-up after the user's usual interval. */
export async function interactionDefaults(m: Membership, now = new Date()) {
	const user = await prisma.user.findUniqueOrThrow({ where: { id: m.userId }, select: { timezone: true, followUpDays: true } })
	return {
		timezone: user.timezone,
		followUpDays: user.followUpDays,
		occurredAt: utcToWallTime(now, user.timezone),
		followUpDueAt: defaultFollowUpWall(user.timezone, user.followUpDays, now),
	}
}

/** Interactions this member may see: on a contact they see, or with a company they see. */
function visibleInteraction(m: Membership): Prisma.InteractionWhereInput {
	return {
		workspaceId: m.workspaceId,
		OR: [
			{ contactId: { not: null }, contact: { deletedAt: null, ...visibleTo(m) } },
			{ contactId: null, company: { deletedAt: null, ...companyVisibleTo(m) } },
		],
	}
}

const DETAIL_SELECT = {
	id: true,
	contactId: true,
	companyId: true,
	userId: true,
	occurredAt: true,
	medium: true,
	subject: true,
	notes: true,
	outcome: true,
	durationMinutes: true,
	nextSteps: true,
} satisfies Prisma.InteractionSelect
type Detail = Prisma.InteractionGetPayload<{ select: typeof DETAIL_SELECT }>

/** One interaction for its edit page, with whom it was; null when the member may not see it. */
export async function getInteraction(m: Membership, id: string) {
	const found = await prisma.interaction.findFirst({
		where: { id, ...visibleInteraction(m) },
		select: {
			...DETAIL_SELECT,
			contact: { select: { id: true, displayName: true } },
			company: { select: { id: true, name: true } },
			user: { select: { name: true } },
		},
	})
	if (!found) return null
	return { ...found, canEdit: canEdit(m, { ownerId: found.userId }) }
}

/** The contact and/or company an interaction is with, checked against what the member may see. */
async function resolveTarget(db: Tx, m: Membership, input: { contactId: string | null; companyId: string | null }, errors: FieldErrors) {
	const contact = input.contactId
		? await db.contact.findFirst({ where: { id: input.contactId, deletedAt: null, ...visibleTo(m) }, select: { id: true, companyId: true } })
		: null
	if (input.contactId && !contact) errors.contactId = [MESSAGES.contactMissing]
	const company = input.companyId
		? await db.company.findFirst({ where: { id: input.companyId, deletedAt: null, ...companyVisibleTo(m) }, select: { id: true } })
		: null
	if (input.companyId && !company) errors.companyId = [MESSAGES.companyMissing]
	if (!input.contactId && !input.companyId) errors.contactId = [MESSAGES.target]
	// An interaction with a contact also belongs to the contact's company, so it shows there too.
	return { contactId: contact?.id ?? null, companyId: company?.id ?? contact?.companyId ?? null }
}

/** occurredAt (empty: `fallback`) and the follow-up's due time, in UTC, or the field errors. */
function readTimes(input: InteractionInput, user: { timezone: string; followUpDays: number }, now: Date, fallback: Date, errors: FieldErrors) {
	let occurredAt = fallback
	if (input.occurredAt) {
		const at = wallTimeToUtc(input.occurredAt, user.timezone)
		if (!at) errors.occurredAt = [MESSAGES.occurredAt]
		else if (at.getTime() > now.getTime() + MAX_FUTURE_MS) errors.occurredAt = [MESSAGES.tooFarAhead]
		else if (at.getUTCFullYear() < 1900) errors.occurredAt = [MESSAGES.tooOld]
		else occurredAt = at
	}
	let followUp: { dueAt: Date; type: FollowUpType } | null = null
	if (input.scheduleFollowUp) {
		const dueAt = wallTimeToUtc(input.followUpDueAt ?? defaultFollowUpWall(user.timezone, user.followUpDays, now), user.timezone)
		if (!dueAt) errors.followUpDueAt = [MESSAGES.occurredAt]
		else if (dueAt <= now) errors.followUpDueAt = [MESSAGES.followUpPast]
		else followUp = { dueAt, type: input.followUpType ?? FOLLOW_UP_TYPE_FOR[input.medium] ?? 'CALL' }
	}
	return { occurredAt, followUp }
}

function content(input: InteractionInput) {
	return {
		medium: input.medium as Medium,
		subject: input.subject ?? null,
		notes: input.notes ?? null,
		outcome: input.outcome ?? null,
		durationMinutes: input.durationMinutes ?? null,
		nextSteps: input.nextSteps ?? null,
	}
}

/** What the activity log keeps of an interaction: enough to say what it was (and, once deleted, to recover it). */
function auditView({ contactId: _c, companyId: _co, userId: _u, id: _id, ...fields }: Detail) {
	return { ...fields, occurredAt: fields.occurredAt.toISOString() }
}
const summary = (i: { id: string; medium: string; subject: string | null; occurredAt: Date }) => ({ id: i.id, medium: i.medium, subject: i.subject, occurredAt: i.occurredAt.toISOString() })

function logFor(tx: Tx, m: Membership, target: { contactId: string | null; companyId: string | null }, action: string, diff: Record<string, unknown>) {
	if (target.contactId) return logActivity(tx, m, { entityType: 'Contact', entityId: target.contactId, action, diff })
	return logActivity(tx, m, { entityType: 'Company', entityId: target.companyId!, action, diff })
}

async function createFollowUp(tx: Tx, m: Membership, target: { contactId: string | null; companyId: string | null; dealId?: string | null }, followUp: { dueAt: Date; type: FollowUpType }, notes: string | null) {
	const created = await tx.followUp.create({
		data: {
			workspaceId: m.workspaceId,
			contactId: target.contactId,
			companyId: target.companyId,
			dealId: target.dealId ?? null,
			dueAt: followUp.dueAt,
			type: followUp.type,
			status: 'PENDING',
			assigneeId: m.userId,
			createdById: m.userId,
			notes,
		},
		select: { id: true, dueAt: true, type: true },
	})
	return created
}

function inTransaction<T>(db: Tx | undefined, run: (tx: Tx) => Promise<T>) {
	return db ? run(db) : prisma.$transaction(run)
}

/**
 * Logs an interaction with a contact and/or company the member can see, with an
 * optional follow-up (assigned to the member) in the same transaction. Pass `db`
 * to run inside a caller's transaction (completing a follow-up, say).
 */
export async function logInteraction(m: Membership, input: InteractionInput, opts: { now?: Date; db?: Tx } = {}): Promise<InteractionResult> {
	if (!canCreate(m)) throw new Response('You can read this workspace but not log interactions. Ask a workspace admin.', { status: 403 })
	const now = opts.now ?? new Date()
	const result = await inTransaction(opts.db, async (tx): Promise<InteractionResult> => {
		const errors: FieldErrors = {}
		if (!(MEDIUMS as readonly string[]).includes(input.medium)) errors.medium = [MESSAGES.medium]
		const user = await tx.user.findUniqueOrThrow({ where: { id: m.userId }, select: { timezone: true, followUpDays: true } })
		const target = await resolveTarget(tx, m, { contactId: input.contactId ?? null, companyId: input.companyId ?? null }, errors)
		const { occurredAt, followUp } = readTimes(input, user, now, now, errors)
		// A deal of this workspace that the member can see (else the deal page would be a 404 too).
		const dealId = input.dealId
			? ((await tx.deal.findFirst({ where: { id: input.dealId, workspaceId: m.workspaceId, deletedAt: null, ...(m.role === 'REP' && m.hideOthersRecords ? { ownerId: m.userId } : {}) }, select: { id: true } }))?.id ?? null)
			: null
		if (input.dealId && !dealId) errors.dealId = ['That deal no longer exists']
		if (Object.keys(errors).length) return { ok: false, fieldErrors: errors }

		const interaction = await tx.interaction.create({
			data: { ...content(input), ...target, dealId, workspaceId: m.workspaceId, userId: m.userId, occurredAt },
			select: { id: true, contactId: true, companyId: true, medium: true, subject: true, occurredAt: true },
		})
		const created = followUp ? await createFollowUp(tx, m, { ...target, dealId }, followUp, input.nextSteps ?? null) : null
		if (target.contactId) await recomputeLastContacted(target.contactId, tx)
		await logFor(tx, m, target, 'interaction_logged', {
			interaction: [null, summary(interaction)],
			...(created ? { followUp: [null, { id: created.id, dueAt: created.dueAt.toISOString(), type: created.type }] } : {}),
		})
		return { ok: true, interaction: { id: interaction.id, contactId: interaction.contactId, companyId: interaction.companyId }, followUpId: created?.id ?? null }
	})
	// Inside a caller's transaction nothing is committed yet: the caller re-plans.
	if (result.ok && !opts.db) await afterInteraction(m, result, now)
	return result
}

/** Reminders move when a conversation is logged ("haven't talked") or a follow-up is added with it. */
async function afterInteraction(m: Membership, result: Extract<InteractionResult, { ok: true }>, now: Date) {
	await interactionChanged(m.workspaceId, result.interaction.contactId, { now })
	if (result.followUpId) await followUpUpdated(m.workspaceId, result.followUpId, { now })
}

async function findEditable(tx: Tx, m: Membership, id: string) {
	const existing = await tx.interaction.findFirst({ where: { id, ...visibleInteraction(m) }, select: DETAIL_SELECT })
	if (!existing) throw notFound()
	// The author edits their own entries; OWNER/ADMIN edit all; a VIEWER none.
	requireEdit(m, { ownerId: existing.userId })
	return existing
}

/** Edits what happened; whom it was with stays. An empty occurredAt keeps the old time. */
export async function updateInteraction(m: Membership, id: string, input: InteractionInput, opts: { now?: Date } = {}): Promise<InteractionResult> {
	const now = opts.now ?? new Date()
	const result = await prisma.$transaction(async (tx): Promise<InteractionResult> => {
		const before = await findEditable(tx, m, id)
		const errors: FieldErrors = {}
		if (!(MEDIUMS as readonly string[]).includes(input.medium)) errors.medium = [MESSAGES.medium]
		const user = await tx.user.findUniqueOrThrow({ where: { id: m.userId }, select: { timezone: true, followUpDays: true } })
		const { occurredAt, followUp } = readTimes(input, user, now, before.occurredAt, errors)
		if (Object.keys(errors).length) return { ok: false, fieldErrors: errors }

		const target = { contactId: before.contactId, companyId: before.companyId }
		const after = await tx.interaction.update({ where: { id }, data: { ...content(input), occurredAt }, select: DETAIL_SELECT })
		const created = followUp ? await createFollowUp(tx, m, target, followUp, input.nextSteps ?? null) : null
		// The time or the medium (a NOTE does not count) may have changed which one is latest.
		if (before.contactId) await recomputeLastContacted(before.contactId, tx)
		const diff = diffFields(auditView(before), auditView(after))
		if (Object.keys(diff).length || created) {
			await logFor(tx, m, target, 'interaction_edited', {
				interaction: [summary(before), summary(after)],
				...diff,
				...(created ? { followUp: [null, { id: created.id, dueAt: created.dueAt.toISOString(), type: created.type }] } : {}),
			})
		}
		return { ok: true, interaction: { id, ...target }, followUpId: created?.id ?? null }
	})
	if (result.ok) await afterInteraction(m, result, now)
	return result
}

/** Deletes for good; the activity entry keeps everything it said. Follow-ups stay. */
export async function deleteInteraction(m: Membership, id: string) {
	const target = await prisma.$transaction(async (tx) => {
		const before = await findEditable(tx, m, id)
		await tx.interaction.delete({ where: { id } })
		if (before.contactId) await recomputeLastContacted(before.contactId, tx)
		const target = { contactId: before.contactId, companyId: before.companyId }
		await logFor(tx, m, target, 'interaction_deleted', { interaction: [{ id, ...auditView(before) }, null] })
		return target
	})
	await interactionChanged(m.workspaceId, target.contactId)
	return target
}

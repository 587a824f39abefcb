// Deals and the pipeline board: create, edit, move (between and within stages, with
// fractional positions), win or lose with a reason, soft delete; the board (first N
// cards per stage plus grouped totals), the list with filters and totals, the deal
// page; and managing a workspace's stages (rename, reorder, add, remove-and-move).
// Every query is scoped by workspace; a REP who only sees their own records sees
// only deals they own.
import { Prisma } from '#app/generated/prisma/client.ts'
import { prisma } from '#app/utils/db.server.ts'
import {
	BOARD_COLUMN_LIMIT,
	DEAL_PAGE_SIZES,
	type DealInput,
	type DealListQuery,
	type StageInput,
	type StageOutcome,
} from '#app/validation/deal.ts'
import { diffFields, logActivity } from './activity.server.ts'
import { companyVisibleTo } from './company.server.ts'
import { canManageWorkspace } from './taxonomy.server.ts'
import { canCreate, canEdit, requireEdit, visibleTo, type Membership } from './workspace.server.ts'
import { notFound } from '#app/utils/misc.ts'

type Tx = Prisma.TransactionClient
/** Gap between neighbours when a card goes to either end of a column. */
export const POSITION_STEP = 1024

/** A rule the form can show next to a field. */
export class DealFieldError extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(message)
	}
}

/** Deals this member may see. Deals have an owner but no assignee. */
export function dealVisibleTo(m: Membership): Prisma.DealWhereInput {
	if (m.role === 'REP' && m.hideOthersRecords) return { workspaceId: m.workspaceId, ownerId: m.userId }
	return { workspaceId: m.workspaceId }
}

const live = (m: Membership): Prisma.DealWhereInput => ({ ...dealVisibleTo(m), deletedAt: null })

// ───────────────────────── stages ─────────────────────────

export function listStages(workspaceId: string, db: Pick<Tx, 'pipelineStage'> = prisma) {
	return db.pipelineStage.findMany({
		where: { workspaceId },
		orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
		select: { id: true, name: true, position: true, probability: true, outcome: true },
	})
}
export type Stage = Awaited<ReturnType<typeof listStages>>[number]

async function requireStage(db: Tx, workspaceId: string, stageId: string) {
	const stage = await db.pipelineStage.findFirst({ where: { id: stageId, workspaceId }, select: { id: true, name: true, probability: true, outcome: true } })
	if (!stage) throw new DealFieldError('stageId', 'Choose a stage of this pipeline')
	return stage
}

// ───────────────────────── positions ─────────────────────────

/** A position between two neighbours (either may be missing: an end of the column). */
export function positionBetween(before: number | null, after: number | null) {
	if (before === null && after === null) return 0
	if (before === null) return after! - POSITION_STEP
	if (after === null) return before + POSITION_STEP
	return (before + after) / 2
}

/** Rewrites a column's positions evenly (when two neighbours have grown too close to split). */
async function respaceStage(db: Tx, workspaceId: string, stageId: string) {
	const ids = await db.deal.findMany({ where: { workspaceId, stageId, deletedAt: null }, orderBy: [{ position: 'asc' }, { id: 'asc' }], select: { id: true } })
	for (const [i, { id }] of ids.entries()) await db.deal.update({ where: { id }, data: { position: (i + 1) * POSITION_STEP } })
}

async function topPosition(db: Tx, workspaceId: string, stageId: string) {
	const first = await db.deal.findFirst({ where: { workspaceId, deletedAt: null, stageId }, orderBy: { position: 'asc' }, select: { position: true } })
	return positionBetween(null, first?.position ?? null)
}

// ───────────────────────── writes ─────────────────────────

async function checkLinks(db: Tx, m: Membership, input: Pick<DealInput, 'companyId' | 'contactId' | 'ownerId'>) {
	if (input.companyId) {
		const company = await db.company.findFirst({ where: { id: input.companyId, deletedAt: null, ...companyVisibleTo(m) }, select: { id: true } })
		if (!company) throw new DealFieldError('companyId', 'Choose a company from this workspace')
	}
	if (input.contactId) {
		const contact = await db.contact.findFirst({ where: { id: input.contactId, deletedAt: null, ...visibleTo(m) }, select: { id: true } })
		if (!contact) throw new DealFieldError('contactId', 'Choose a contact from this workspace')
	}
	if (input.ownerId) {
		const member = await db.membership.findFirst({ where: { workspaceId: m.workspaceId, userId: input.ownerId }, select: { id: true } })
		if (!member) throw new DealFieldError('ownerId', 'Choose someone in this workspace')
	}
}

function recordChange(db: Tx, m: Membership, dealId: string, from: { id: string; name: string } | null, to: { id: string; name: string }, at: Date) {
	return db.dealStageChange.create({
		data: { workspaceId: m.workspaceId, dealId, fromStageId: from?.id ?? null, fromName: from?.name ?? null, toStageId: to.id, toName: to.name, changedById: m.userId, changedAt: at },
	})
}

/** closedAt and closeReason for a deal entering `outcome` (kept when it stays closed the same way). */
function closing(outcome: StageOutcome, before: { closedAt: Date | null; outcome: StageOutcome } | null, now: Date) {
	if (outcome === 'OPEN') return { closedAt: null, closeReason: null }
	return { closedAt: before && before.outcome === outcome && before.closedAt ? before.closedAt : now }
}

export async function createDeal(m: Membership, input: DealInput, { now = new Date() }: { now?: Date } = {}) {
	if (!canCreate(m)) throw new Response('You can view deals but not add them. Ask a workspace admin.', { status: 403 })
	return prisma.$transaction(async (tx) => {
		const stage = await requireStage(tx, m.workspaceId, input.stageId)
		await checkLinks(tx, m, input)
		// A REP's deals are their own; OWNER/ADMIN may give one to someone else.
		const ownerId = m.role === 'REP' ? m.userId : (input.ownerId ?? m.userId)
		const deal = await tx.deal.create({
			data: {
				workspaceId: m.workspaceId,
				name: input.name,
				valueCents: input.valueCents,
				currency: input.currency,
				stageId: stage.id,
				probability: input.probability ?? stage.probability,
				expectedCloseAt: input.expectedCloseAt,
				companyId: input.companyId,
				contactId: input.contactId,
				ownerId,
				notes: input.notes,
				// New deals go to the top of their column, where they are seen.
				position: await topPosition(tx, m.workspaceId, stage.id),
				...(stage.outcome === 'OPEN' ? {} : { closedAt: now, closeReason: input.closeReason }),
			},
			select: { id: true, name: true },
		})
		await recordChange(tx, m, deal.id, null, stage, now)
		await logActivity(tx, m, { entityType: 'Deal', entityId: deal.id, action: 'created', diff: { name: [null, deal.name], stage: [null, stage.name] } })
		return deal
	})
}

const AUDIT_SELECT = {
	name: true,
	valueCents: true,
	currency: true,
	probability: true,
	expectedCloseAt: true,
	companyId: true,
	contactId: true,
	ownerId: true,
	notes: true,
	closeReason: true,
	closedAt: true,
	stageId: true,
	stage: { select: { id: true, name: true, outcome: true } },
} as const
type Audited = Prisma.DealGetPayload<{ select: typeof AUDIT_SELECT }>
const auditView = ({ stage, stageId: _s, closedAt: _c, ...rest }: Audited) => ({ ...rest, stage: stage.name })

async function findEditable(tx: Tx, m: Membership, id: string) {
	const before = await tx.deal.findFirst({ where: { id, ...live(m) }, select: AUDIT_SELECT })
	if (!before) throw notFound()
	requireEdit(m, before)
	return before
}

export async function updateDeal(m: Membership, id: string, input: DealInput, { now = new Date() }: { now?: Date } = {}) {
	return prisma.$transaction(async (tx) => {
		const before = await findEditable(tx, m, id)
		const stage = await requireStage(tx, m.workspaceId, input.stageId)
		await checkLinks(tx, m, input)
		const moved = stage.id !== before.stageId
		const after = await tx.deal.update({
			where: { id },
			data: {
				name: input.name,
				valueCents: input.valueCents,
				currency: input.currency,
				stageId: stage.id,
				// A new stage brings its own probability unless one was typed in.
				probability: input.probability ?? (moved ? stage.probability : before.probability),
				expectedCloseAt: input.expectedCloseAt,
				companyId: input.companyId,
				contactId: input.contactId,
				// Only OWNER/ADMIN hand a deal over.
				ownerId: m.role === 'REP' ? before.ownerId : (input.ownerId ?? before.ownerId),
				notes: input.notes,
				...(moved ? { position: await topPosition(tx, m.workspaceId, stage.id) } : {}),
				...closing(stage.outcome, { closedAt: before.closedAt, outcome: before.stage.outcome }, now),
				closeReason: stage.outcome === 'OPEN' ? null : input.closeReason,
			},
			select: AUDIT_SELECT,
		})
		if (moved) await recordChange(tx, m, id, before.stage, stage, now)
		const diff = diffFields(auditView(before), auditView(after))
		if (Object.keys(diff).length) await logActivity(tx, m, { entityType: 'Deal', entityId: id, action: moved ? 'stage_changed' : 'updated', diff })
		return { id }
	})
}

export type MoveInput = { stageId: string; beforeId?: string | null; afterId?: string | null }

/**
 * Moves a deal to a stage, between two neighbours (the cards above and below where
 * it was dropped; without them, to the top). One row is rewritten, unless the
 * neighbours are too close to split, when the column is re-spaced first.
 */
export async function moveDeal(m: Membership, id: string, input: MoveInput, { now = new Date() }: { now?: Date } = {}) {
	return prisma.$transaction(async (tx) => {
		const before = await findEditable(tx, m, id)
		const stage = await tx.pipelineStage.findFirst({ where: { id: input.stageId, workspaceId: m.workspaceId }, select: { id: true, name: true, probability: true, outcome: true } })
		if (!stage) throw notFound()
		const neighbour = async (nid: string | null | undefined) => {
			if (!nid || nid === id) return null
			const n = await tx.deal.findFirst({ where: { id: nid, workspaceId: m.workspaceId, deletedAt: null, stageId: stage.id }, select: { position: true } })
			return n?.position ?? null
		}
		let position: number
		if (!input.beforeId && !input.afterId) position = await topPosition(tx, m.workspaceId, stage.id)
		else {
			let [above, below] = await Promise.all([neighbour(input.beforeId), neighbour(input.afterId)])
			if (above !== null && below !== null && !(below - above > 1e-6)) {
				await respaceStage(tx, m.workspaceId, stage.id)
				;[above, below] = await Promise.all([neighbour(input.beforeId), neighbour(input.afterId)])
			}
			position = positionBetween(above, below)
		}
		const moved = stage.id !== before.stageId
		await tx.deal.update({
			where: { id },
			data: {
				stageId: stage.id,
				position,
				...(moved ? { probability: stage.probability, ...closing(stage.outcome, { closedAt: before.closedAt, outcome: before.stage.outcome }, now) } : {}),
			},
		})
		if (moved) {
			await recordChange(tx, m, id, before.stage, stage, now)
			await logActivity(tx, m, { entityType: 'Deal', entityId: id, action: 'stage_changed', diff: { stage: [before.stage.name, stage.name] } })
		}
		return { id, stageId: stage.id, position, moved }
	})
}

/** Won or lost with a reason: the deal goes to the pipeline's first stage of that outcome. */
export async function closeDeal(m: Membership, id: string, { outcome, reason }: { outcome: 'WON' | 'LOST'; reason: string | null }, { now = new Date() }: { now?: Date } = {}) {
	return prisma.$transaction(async (tx) => {
		const before = await findEditable(tx, m, id)
		const stage =
			before.stage.outcome === outcome
				? { ...before.stage, probability: before.probability }
				: await tx.pipelineStage.findFirstOrThrow({ where: { workspaceId: m.workspaceId, outcome }, orderBy: { position: 'asc' }, select: { id: true, name: true, probability: true, outcome: true } })
		const moved = stage.id !== before.stageId
		await tx.deal.update({
			where: { id },
			data: {
				stageId: stage.id,
				probability: outcome === 'WON' ? 100 : 0,
				closedAt: before.closedAt && !moved ? before.closedAt : now,
				closeReason: reason,
				...(moved ? { position: await topPosition(tx, m.workspaceId, stage.id) } : {}),
			},
		})
		if (moved) await recordChange(tx, m, id, before.stage, stage, now)
		await logActivity(tx, m, { entityType: 'Deal', entityId: id, action: outcome === 'WON' ? 'won' : 'lost', diff: { stage: [before.stage.name, stage.name], closeReason: [before.closeReason, reason] } })
		return { id, stageId: stage.id }
	})
}

/** Back into the pipeline: to the first open stage. */
export async function reopenDeal(m: Membership, id: string, { now = new Date() }: { now?: Date } = {}) {
	const first = await prisma.pipelineStage.findFirst({ where: { workspaceId: m.workspaceId, outcome: 'OPEN' }, orderBy: { position: 'asc' }, select: { id: true } })
	if (!first) throw notFound()
	return moveDeal(m, id, { stageId: first.id }, { now })
}

export async function deleteDeal(m: Membership, id: string, { now = new Date() }: { now?: Date } = {}) {
	await prisma.$transaction(async (tx) => {
		const before = await findEditable(tx, m, id)
		await tx.deal.update({ where: { id }, data: { deletedAt: now } })
		await logActivity(tx, m, { entityType: 'Deal', entityId: id, action: 'deleted', diff: { name: [before.name, null] } })
	})
}

// ───────────────────────── reads ─────────────────────────

const CARD_SELECT = {
	id: true,
	name: true,
	valueCents: true,
	currency: true,
	probability: true,
	expectedCloseAt: true,
	position: true,
	stageId: true,
	ownerId: true,
	company: { select: { id: true, name: true } },
	owner: { select: { id: true, name: true } },
} as const
export type DealCard = Prisma.DealGetPayload<{ select: typeof CARD_SELECT }>

type TotalRow = { stageId: string; currency: string; count: number | bigint; cents: number | bigint | null; weighted: number | bigint | null }

/** Count, value and probability-weighted value per stage and currency: one grouped query over the board index. */
async function stageTotals(m: Membership) {
	const owner = m.role === 'REP' && m.hideOthersRecords ? Prisma.sql`AND "ownerId" = ${m.userId}` : Prisma.empty
	const rows = await prisma.$queryRaw<TotalRow[]>`
		SELECT "stageId", "currency", COUNT(*) AS count, SUM("valueCents") AS cents, SUM("valueCents" * "probability") AS weighted
		FROM "Deal"
		WHERE "workspaceId" = ${m.workspaceId} AND "deletedAt" IS NULL ${owner}
		GROUP BY "stageId", "currency"`
	return rows.map((r) => ({ stageId: r.stageId, currency: r.currency, count: Number(r.count), cents: Number(r.cents ?? 0), weighted: Math.round(Number(r.weighted ?? 0) / 100) }))
}

export type MoneyTotal = { currency: string; cents: number }
export function addTotal(list: MoneyTotal[], currency: string, cents: number) {
	const t = list.find((x) => x.currency === currency)
	if (t) t.cents += cents
	else list.push({ currency, cents })
}
/** Largest first, so the workspace's main currency leads. */
export const sortTotals = (list: MoneyTotal[]) => list.sort((a, b) => b.cents - a.cents)

type CardRow = {
	id: string
	name: string
	valueCents: number | bigint
	currency: string
	probability: number | bigint
	expectedCloseAt: Date | string | null
	position: number
	stageId: string
	ownerId: string | null
	companyId: string | null
	companyName: string | null
	ownerName: string | null
}

/**
 * The first `limit` cards of every stage in one statement: one index-ordered LIMIT per
 * stage (UNION ALL), joined to company and owner names. Six Prisma findMany calls with
 * their relation queries cost several times more than the SQL itself.
 */
async function boardCards(m: Membership, stageIds: string[], limit: number) {
	if (!stageIds.length) return []
	const owner = m.role === 'REP' && m.hideOthersRecords ? Prisma.sql`AND "ownerId" = ${m.userId}` : Prisma.empty
	const arms = stageIds.map(
		(stageId) => Prisma.sql`SELECT * FROM (SELECT "id", "name", "valueCents", "currency", "probability", "expectedCloseAt", "position", "stageId", "ownerId", "companyId"
			FROM "Deal" WHERE "workspaceId" = ${m.workspaceId} AND "deletedAt" IS NULL AND "stageId" = ${stageId} ${owner}
			ORDER BY "position", "id" LIMIT ${limit})`,
	)
	const rows = await prisma.$queryRaw<CardRow[]>`
		SELECT d.*, c."name" AS "companyName", u."name" AS "ownerName"
		FROM (${Prisma.join(arms, ' UNION ALL ')}) d
		LEFT JOIN "Company" c ON c."id" = d."companyId"
		LEFT JOIN "User" u ON u."id" = d."ownerId"`
	return rows
		.map((r) => ({
			id: r.id,
			name: r.name,
			valueCents: Number(r.valueCents),
			currency: r.currency,
			probability: Number(r.probability),
			expectedCloseAt: r.expectedCloseAt ? new Date(r.expectedCloseAt) : null,
			position: Number(r.position),
			stageId: r.stageId,
			ownerId: r.ownerId,
			company: r.companyId && r.companyName !== null ? { id: r.companyId, name: r.companyName } : null,
			owner: r.ownerId && r.ownerName !== null ? { id: r.ownerId, name: r.ownerName } : null,
		}))
		.sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1))
}

/** The board: every stage with its first `limit` cards by position and its totals. */
export async function getBoard(m: Membership, { limit = BOARD_COLUMN_LIMIT }: { limit?: number } = {}) {
	const stages = await listStages(m.workspaceId)
	const [totals, cards] = await Promise.all([stageTotals(m), boardCards(m, stages.map((s) => s.id), limit)])
	return {
		canCreate: canCreate(m),
		columns: stages.map((s) => {
			const mine = totals.filter((t) => t.stageId === s.id)
			const value: MoneyTotal[] = []
			const weighted: MoneyTotal[] = []
			for (const t of mine) {
				addTotal(value, t.currency, t.cents)
				addTotal(weighted, t.currency, t.weighted)
			}
			const count = mine.reduce((n, t) => n + t.count, 0)
			const own = cards.filter((c) => c.stageId === s.id)
			return {
				stage: s,
				count,
				value: sortTotals(value),
				weighted: sortTotals(weighted),
				cards: own.map((c) => ({ ...c, canEdit: canEdit(m, c) })),
				more: Math.max(0, count - own.length),
			}
		}),
	}
}
export type Board = Awaited<ReturnType<typeof getBoard>>



/** Everything the deal page shows; null when the member may not see it. */
export async function getDeal(m: Membership, id: string) {
	const deal = await prisma.deal.findFirst({
		where: { id, ...live(m) },
		include: {
			stage: { select: { id: true, name: true, outcome: true, probability: true } },
			company: { select: { id: true, name: true, deletedAt: true } },
			contact: { select: { id: true, displayName: true, deletedAt: true, jobTitle: true } },
			owner: { select: { id: true, name: true } },
			stageChanges: {
				orderBy: [{ changedAt: 'desc' }, { id: 'desc' }],
				take: 50,
				select: { id: true, fromName: true, toName: true, changedAt: true, changedBy: { select: { name: true } } },
			},
		},
	})
	if (!deal) return null
	return {
		...deal,
		company: deal.company && !deal.company.deletedAt ? { id: deal.company.id, name: deal.company.name } : null,
		contact: deal.contact && !deal.contact.deletedAt ? { id: deal.contact.id, displayName: deal.contact.displayName, jobTitle: deal.contact.jobTitle } : null,
		canEdit: canEdit(m, deal),
	}
}

/** A deal's interactions and follow-ups, newest first. */
export async function listDealActivity(m: Membership, dealId: string) {
	const [interactions, followUps] = await Promise.all([
		prisma.interaction.findMany({
			where: { workspaceId: m.workspaceId, dealId },
			orderBy: { occurredAt: 'desc' },
			take: 50,
			select: { id: true, medium: true, subject: true, notes: true, outcome: true, occurredAt: true, user: { select: { name: true } }, contact: { select: { id: true, displayName: true } } },
		}),
		prisma.followUp.findMany({
			where: { workspaceId: m.workspaceId, dealId },
			orderBy: { dueAt: 'asc' },
			take: 50,
			select: { id: true, type: true, status: true, dueAt: true, notes: true, assignee: { select: { name: true } } },
		}),
	])
	return { interactions, followUps }
}

/** A company's or a contact's deals (a small section on its page). */
export function listRecordDeals(m: Membership, record: { companyId: string } | { contactId: string }, take = 20) {
	return prisma.deal.findMany({
		where: { ...live(m), ...record },
		orderBy: [{ stage: { position: 'asc' } }, { position: 'asc' }],
		take,
		select: { id: true, name: true, valueCents: true, currency: true, expectedCloseAt: true, stage: { select: { name: true, outcome: true } } },
	})
}

/** Companies, contacts and members the deal form offers (the first 1,000 by name, plus the chosen ones). */
export async function dealFormOptions(m: Membership, chosen: { companyId?: string | null; contactId?: string | null } = {}) {
	const [stages, companies, contacts, members, company, contact] = await Promise.all([
		listStages(m.workspaceId),
		prisma.company.findMany({ where: { deletedAt: null, ...companyVisibleTo(m) }, orderBy: { name: 'asc' }, take: 1000, select: { id: true, name: true } }),
		prisma.contact.findMany({ where: { deletedAt: null, ...visibleTo(m) }, orderBy: { displayName: 'asc' }, take: 1000, select: { id: true, displayName: true } }),
		prisma.membership.findMany({ where: { workspaceId: m.workspaceId }, orderBy: { user: { name: 'asc' } }, take: 500, select: { user: { select: { id: true, name: true } } } }),
		chosen.companyId ? prisma.company.findFirst({ where: { id: chosen.companyId, deletedAt: null, ...companyVisibleTo(m) }, select: { id: true, name: true } }) : null,
		chosen.contactId ? prisma.contact.findFirst({ where: { id: chosen.contactId, deletedAt: null, ...visibleTo(m) }, select: { id: true, displayName: true, companyId: true } }) : null,
	])
	if (company && !companies.some((c) => c.id === company.id)) companies.unshift(company)
	if (contact && !contacts.some((c) => c.id === contact.id)) contacts.unshift({ id: contact.id, displayName: contact.displayName })
	return {
		stages,
		companies,
		contacts,
		members: members.map((x) => x.user),
		canAssign: m.role === 'OWNER' || m.role === 'ADMIN',
		chosen: { companyId: company?.id ?? contact?.companyId ?? null, contactId: contact?.id ?? null },
	}
}

// ───────────────────────── managing stages (/settings/pipeline) ─────────────────────────

function requireManager(m: Membership) {
	if (!canManageWorkspace(m)) throw new Response('Only workspace owners and admins change the pipeline.', { status: 403 })
}

/** The rule every change keeps: at least one open, one won and one lost stage. */
function assertOutcomes(stages: Array<{ outcome: StageOutcome }>) {
	for (const outcome of ['OPEN', 'WON', 'LOST'] as const) {
		if (!stages.some((s) => s.outcome === outcome)) {
			throw new DealFieldError('outcome', `Keep at least one ${outcome === 'OPEN' ? 'open' : outcome === 'WON' ? 'won' : 'lost'} stage.`)
		}
	}
}

async function nameTaken(tx: Tx, workspaceId: string, name: string, exceptId?: string) {
	const all = await tx.pipelineStage.findMany({ where: { workspaceId }, select: { id: true, name: true } })
	return all.some((s) => s.id !== exceptId && s.name.toLowerCase() === name.toLowerCase())
}

/** Stages with how many live deals each holds. */
export async function listStagesWithCounts(m: Membership) {
	const [stages, counts] = await Promise.all([
		listStages(m.workspaceId),
		prisma.deal.groupBy({ by: ['stageId'], where: { workspaceId: m.workspaceId, deletedAt: null }, _count: { _all: true } }),
	])
	return stages.map((s) => ({ ...s, deals: counts.find((c) => c.stageId === s.id)?._count._all ?? 0 }))
}

export async function addStage(m: Membership, input: StageInput) {
	requireManager(m)
	return prisma.$transaction(async (tx) => {
		if (await nameTaken(tx, m.workspaceId, input.name)) throw new DealFieldError('name', 'A stage with this name already exists')
		const stages = await listStages(m.workspaceId, tx)
		// Open stages go before the first closed one; won/lost ones at the end.
		const firstClosed = stages.findIndex((s) => s.outcome !== 'OPEN')
		const index = input.outcome === 'OPEN' && firstClosed >= 0 ? firstClosed : stages.length
		const stage = await tx.pipelineStage.create({ data: { workspaceId: m.workspaceId, name: input.name, probability: input.probability, outcome: input.outcome, position: index } })
		const order = [...stages.map((s) => s.id)]
		order.splice(index, 0, stage.id)
		for (const [i, sid] of order.entries()) await tx.pipelineStage.update({ where: { id: sid }, data: { position: i } })
		await logActivity(tx, m, { entityType: 'Pipeline', entityId: stage.id, action: 'stage_added', diff: { name: [null, stage.name] } })
		return stage
	})
}

export async function updateStage(m: Membership, id: string, input: StageInput) {
	requireManager(m)
	return prisma.$transaction(async (tx) => {
		const stages = await listStages(m.workspaceId, tx)
		const before = stages.find((s) => s.id === id)
		if (!before) throw notFound()
		if (await nameTaken(tx, m.workspaceId, input.name, id)) throw new DealFieldError('name', 'A stage with this name already exists')
		assertOutcomes(stages.map((s) => (s.id === id ? { outcome: input.outcome } : s)))
		await tx.pipelineStage.update({ where: { id }, data: { name: input.name, probability: input.probability, outcome: input.outcome } })
		if (before.outcome !== input.outcome) {
			// The deals in it open or close with it.
			await tx.deal.updateMany({ where: { workspaceId: m.workspaceId, stageId: id }, data: input.outcome === 'OPEN' ? { closedAt: null, closeReason: null } : { closedAt: new Date() } })
		}
		const diff = diffFields({ name: before.name, probability: before.probability, outcome: before.outcome }, input)
		if (Object.keys(diff).length) await logActivity(tx, m, { entityType: 'Pipeline', entityId: id, action: 'stage_updated', diff })
	})
}

/** Moves a stage one place left (-1) or right (+1) on the board. */
export async function moveStage(m: Membership, id: string, by: -1 | 1) {
	requireManager(m)
	await prisma.$transaction(async (tx) => {
		const order = (await listStages(m.workspaceId, tx)).map((s) => s.id)
		const from = order.indexOf(id)
		if (from < 0) throw notFound()
		const to = from + by
		if (to < 0 || to >= order.length) return
		order.splice(from, 1)
		order.splice(to, 0, id)
		for (const [i, sid] of order.entries()) await tx.pipelineStage.update({ where: { id: sid }, data: { position: i } })
		await logActivity(tx, m, { entityType: 'Pipeline', entityId: id, action: 'stages_reordered' })
	})
}

/** Sets the whole order at once (drag and drop); ids not of this workspace are a 404. */
export async function reorderStages(m: Membership, ids: string[]) {
	requireManager(m)
	await prisma.$transaction(async (tx) => {
		const current = (await listStages(m.workspaceId, tx)).map((s) => s.id)
		if (ids.length !== current.length || !ids.every((id) => current.includes(id))) throw notFound()
		for (const [i, sid] of ids.entries()) await tx.pipelineStage.update({ where: { id: sid }, data: { position: i } })
		await logActivity(tx, m, { entityType: 'Pipeline', entityId: ids[0]!, action: 'stages_reordered' })
	})
}

/** Removes a stage; its deals (deleted ones too) go to the end of `moveToId`. */
export async function removeStage(m: Membership, id: string, moveToId: string | null, { now = new Date() }: { now?: Date } = {}) {
	requireManager(m)
	return prisma.$transaction(async (tx) => {
		const stages = await listStages(m.workspaceId, tx)
		const stage = stages.find((s) => s.id === id)
		if (!stage) throw notFound()
		assertOutcomes(stages.filter((s) => s.id !== id))
		const held = await tx.deal.aggregate({ where: { workspaceId: m.workspaceId, stageId: id }, _count: true, _min: { position: true } })
		let moved = 0
		if (held._count) {
			const target = stages.find((s) => s.id === moveToId && s.id !== id)
			if (!target) throw new DealFieldError('moveTo', 'Choose where this stage’s deals go')
			const last = await tx.deal.aggregate({ where: { workspaceId: m.workspaceId, stageId: target.id }, _max: { position: true } })
			const shift = (last._max.position ?? 0) - (held._min.position ?? 0) + POSITION_STEP
			const outcomeChanges = target.outcome !== stage.outcome
			const dealIds = (await tx.deal.findMany({ where: { workspaceId: m.workspaceId, stageId: id, deletedAt: null }, select: { id: true } })).map((d) => d.id)
			moved = (
				await tx.deal.updateMany({
					where: { workspaceId: m.workspaceId, stageId: id },
					data: {
						stageId: target.id,
						position: { increment: shift },
						probability: target.probability,
						...(outcomeChanges ? (target.outcome === 'OPEN' ? { closedAt: null, closeReason: null } : { closedAt: now }) : {}),
					},
				})
			).count
			await tx.dealStageChange.createMany({
				data: dealIds.map((dealId) => ({ workspaceId: m.workspaceId, dealId, fromStageId: id, fromName: stage.name, toStageId: target.id, toName: target.name, changedById: m.userId, changedAt: now })),
			})
		}
		await tx.pipelineStage.delete({ where: { id } })
		const rest = stages.filter((s) => s.id !== id)
		for (const [i, s] of rest.entries()) if (s.position !== i) await tx.pipelineStage.update({ where: { id: s.id }, data: { position: i } })
		await logActivity(tx, m, { entityType: 'Pipeline', entityId: id, action: 'stage_removed', diff: { name: [stage.name, null], ...(moved ? { moved: [null, moved] } : {}) } })
		return { moved }
	})
}

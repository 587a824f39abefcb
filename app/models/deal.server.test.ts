import { describe, expect, it } from 'vitest'
import { prisma } from '#app/utils/db.server.ts'
import { dealFormSchema, formatMoney, parseAmount, parseDealListQuery, type DealInput } from '#app/validation/deal.ts'
import { listActivity } from './activity.server.ts'
import {
	addStage,
	closeDeal,
	createDeal,
	deleteDeal,
	getBoard,
	getDeal,
	listStages,
	listStagesWithCounts,
	moveDeal,
	moveStage,
	positionBetween,
	removeStage,
	reopenDeal,
	updateDeal,
	updateStage,
	DealFieldError,
} from './deal.server.ts'
import { listDeals } from './deal-list.server.ts'
import { createUser } from './user.server.ts'
import type { Membership } from './workspace.server.ts'

async function member(role: Membership['role'] = 'OWNER'): Promise<Membership> {
	const user = await createUser({ email: `deal-${Math.random().toString(36).slice(2)}@example.com`, name: 'Owner' })
	const { workspaceId } = await prisma.membership.findFirstOrThrow({ where: { userId: user.id } })
	return { userId: user.id, workspaceId, role, personal: true, hideOthersRecords: false }
}

async function colleague(of: Membership, role: Membership['role'], hideOthersRecords = false): Promise<Membership> {
	const user = await createUser({ email: `dcol-${Math.random().toString(36).slice(2)}@example.com`, name: `A ${role}` })
	await prisma.membership.create({ data: { userId: user.id, workspaceId: of.workspaceId, role } })
	return { userId: user.id, workspaceId: of.workspaceId, role, personal: false, hideOthersRecords }
}

function input(values: Record<string, unknown>): DealInput {
	const parsed = dealFormSchema.safeParse(values)
	if (!parsed.success) throw new Error(JSON.stringify(parsed.error.flatten()))
	return parsed.data
}

async function stagesOf(m: Membership) {
	const stages = await listStages(m.workspaceId)
	const byName = (name: string) => stages.find((s) => s.name === name)!
	return { stages, byName }
}

async function column(m: Membership, stageId: string) {
	return (await prisma.deal.findMany({ where: { workspaceId: m.workspaceId, stageId, deletedAt: null }, orderBy: { position: 'asc' }, select: { name: true } })).map((d) => d.name)
}

async function status(p: Promise<unknown>) {
	try {
		await p
		return 'ok'
	} catch (e) {
		if (e instanceof Response) return e.status
		if (e instanceof DealFieldError) return `field:${e.field}`
		throw e
	}
}

describe('deal form and money', () => {
	it('parses amounts into minor units and validates', () => {
		expect(parseAmount('12,500.50')).toBe(1_250_050)
		expect(parseAmount('$3')).toBe(300)
		expect(parseAmount('1.234')).toBeNull()
		expect(parseAmount('1500', 'JPY')).toBe(1500)
		expect(parseAmount('abc')).toBeNull()
		expect(formatMoney(1_250_000, 'USD')).toBe('$12,500')
		expect(formatMoney(1_250_050, 'EUR')).toBe('€12,500.50')
		// Compact amounts are written by us, the same in Node and in every browser.
		expect(formatMoney(2_400_000, 'EUR', { compact: true })).toBe('€24K')
		expect(formatMoney(2_450_000, 'USD', { compact: true })).toBe('$24.5K')
		expect(formatMoney(312_000_000, 'GBP', { compact: true })).toBe('£3.1M')
		expect(formatMoney(98_000, 'USD', { compact: true })).toBe('$980')
		expect(formatMoney(2_500_000, 'JPY', { compact: true })).toBe('¥2.5M')
		expect(formatMoney(-150_000, 'USD', { compact: true })).toBe('-$1.5K')
		const bad = dealFormSchema.safeParse({ name: ' ', value: 'lots', stageId: 'x', probability: '120' })
		expect(bad.success).toBe(false)
		const errors = bad.error!.flatten().fieldErrors
		expect(Object.keys(errors).sort()).toEqual(['name', 'probability', 'value'])
		expect(input({ name: 'A', stageId: 's', value: '10' })).toMatchObject({ valueCents: 1000, probability: null, currency: 'USD' })
	})

	it('reads list filters from the URL and ignores junk', () => {
		expect(parseDealListQuery(new URLSearchParams('stage=s1&min=1,000&max=x&closeFrom=2026-01-01&closeTo=nope&sort=value&page=0'))).toEqual({
			stage: 's1',
			min: 100_000,
			closeFrom: '2026-01-01',
			sort: 'value',
		})
	})

	it('splits positions between neighbours', () => {
		expect(positionBetween(null, null)).toBe(0)
		expect(positionBetween(null, 100)).toBe(100 - 1024)
		expect(positionBetween(100, null)).toBe(100 + 1024)
		expect(positionBetween(100, 200)).toBe(150)
	})
})

describe('deals', () => {
	it('a new workspace has the default pipeline', async () => {
		const m = await member()
		const { stages } = await stagesOf(m)
		expect(stages.map((s) => [s.name, s.probability, s.outcome])).toEqual([
			['Prospecting', 10, 'OPEN'],
			['Qualification', 25, 'OPEN'],
			['Proposal', 50, 'OPEN'],
			['Negotiation', 75, 'OPEN'],
			['Closed won', 100, 'WON'],
			['Closed lost', 0, 'LOST'],
		])
	})

	it('creates and updates a deal; probability defaults from the stage; changes are logged with history', async () => {
		const m = await member()
		const { byName } = await stagesOf(m)
		const company = await prisma.company.create({ data: { workspaceId: m.workspaceId, name: 'Acme' } })
		const deal = await createDeal(m, input({ name: 'Big one', value: '12,000', currency: 'EUR', stageId: byName('Proposal').id, companyId: company.id, expectedCloseAt: '2026-12-01' }))
		let d = (await getDeal(m, deal.id))!
		expect(d).toMatchObject({ name: 'Big one', valueCents: 1_200_000, currency: 'EUR', probability: 50, ownerId: m.userId, closedAt: null, canEdit: true })
		expect(d.company?.name).toBe('Acme')
		expect(d.expectedCloseAt?.toISOString()).toBe('2026-12-01T00:00:00.000Z')

		// An explicit probability is kept; a stage change without one takes the new stage's.
		await updateDeal(m, deal.id, input({ name: 'Big one', value: '12000', currency: 'EUR', stageId: byName('Proposal').id, probability: '60' }))
		expect((await getDeal(m, deal.id))!.probability).toBe(60)
		await updateDeal(m, deal.id, input({ name: 'Bigger one', value: '12000', currency: 'EUR', stageId: byName('Negotiation').id }))
		d = (await getDeal(m, deal.id))!
		expect(d.probability).toBe(75)
		expect(d.stage.name).toBe('Negotiation')
		expect(d.stageChanges.map((c) => [c.fromName, c.toName])).toEqual([
			['Proposal', 'Negotiation'],
			[null, 'Proposal'],
		])
		const log = await listActivity(m.workspaceId, 'Deal', deal.id)
		expect(log.map((l) => l.action)).toEqual(['stage_changed', 'updated', 'created'])

		// Links are checked against the workspace.
		const other = await member()
		const foreign = await prisma.company.create({ data: { workspaceId: other.workspaceId, name: 'Elsewhere' } })
		expect(await status(createDeal(m, input({ name: 'X', stageId: byName('Proposal').id, companyId: foreign.id })))).toBe('field:companyId')
		expect(await status(createDeal(m, input({ name: 'X', stageId: (await stagesOf(other)).stages[0]!.id })))).toBe('field:stageId')
	})

	it('moves between and within stages with fractional positions', async () => {
		const m = await member()
		const { byName } = await stagesOf(m)
		const p = byName('Prospecting').id
		const q = byName('Qualification').id
		const a = await createDeal(m, input({ name: 'A', stageId: p }))
		const b = await createDeal(m, input({ name: 'B', stageId: p }))
		const c = await createDeal(m, input({ name: 'C', stageId: p }))
		// Newest on top.
		expect(await column(m, p)).toEqual(['C', 'B', 'A'])
		// Within a column: A between C and B.
		const within = await moveDeal(m, a.id, { stageId: p, beforeId: c.id, afterId: b.id })
		expect(within.moved).toBe(false)
		expect(await column(m, p)).toEqual(['C', 'A', 'B'])
		// To another column, below nothing: top. Probability follows the stage.
		await moveDeal(m, b.id, { stageId: q })
		await moveDeal(m, c.id, { stageId: q, beforeId: b.id })
		expect(await column(m, q)).toEqual(['B', 'C'])
		expect(await column(m, p)).toEqual(['A'])
		expect((await getDeal(m, c.id))!.probability).toBe(25)
		// Repeated halving between the same two neighbours re-spaces the column instead of colliding.
		let top = b.id
		for (let i = 0; i < 60; i++) {
			const d = await createDeal(m, input({ name: `N${i}`, stageId: p }))
			await moveDeal(m, d.id, { stageId: q, beforeId: top, afterId: c.id })
			top = d.id
		}
		const names = await column(m, q)
		expect(names[0]).toBe('B')
		expect(names.at(-1)).toBe('C')
		expect(names[1]).toBe('N0')
		expect(names.at(-2)).toBe('N59')
		const positions = (await prisma.deal.findMany({ where: { stageId: q }, select: { position: true } })).map((x) => x.position)
		expect(new Set(positions).size).toBe(positions.length)
	})

	it('wins and loses with a reason and closedAt, and reopens', async () => {
		const m = await member()
		const { byName } = await stagesOf(m)
		const now = new Date('2026-11-20T10:00:00Z')
		const deal = await createDeal(m, input({ name: 'Pilot', stageId: byName('Proposal').id, value: '500' }))
		await closeDeal(m, deal.id, { outcome: 'WON', reason: 'Best price' }, { now })
		let d = (await getDeal(m, deal.id))!
		expect(d).toMatchObject({ closeReason: 'Best price', probability: 100, closedAt: now })
		expect(d.stage.name).toBe('Closed won')
		await closeDeal(m, deal.id, { outcome: 'LOST', reason: 'Budget cut' }, { now })
		d = (await getDeal(m, deal.id))!
		expect(d).toMatchObject({ closeReason: 'Budget cut', probability: 0 })
		expect(d.stage.name).toBe('Closed lost')
		await reopenDeal(m, deal.id)
		d = (await getDeal(m, deal.id))!
		expect(d).toMatchObject({ closeReason: null, closedAt: null, probability: 10 })
		expect(d.stage.name).toBe('Prospecting')
		// Dragging onto a won stage closes it too.
		await moveDeal(m, deal.id, { stageId: byName('Closed won').id }, { now })
		expect((await getDeal(m, deal.id))!.closedAt).toEqual(now)
		const log = await listActivity(m.workspaceId, 'Deal', deal.id)
		expect(log.map((l) => l.action)).toContain('won')
		expect(log.map((l) => l.action)).toContain('lost')
	})

	it('totals per stage: count, value and weighted value, and the first N cards', async () => {
		const m = await member()
		const { byName } = await stagesOf(m)
		const p = byName('Proposal')
		await createDeal(m, input({ name: 'A', stageId: p.id, value: '1000' }))
		await createDeal(m, input({ name: 'B', stageId: p.id, value: '3000', probability: '20' }))
		await createDeal(m, input({ name: 'C', stageId: p.id, value: '200', currency: 'EUR' }))
		const gone = await createDeal(m, input({ name: 'D', stageId: p.id, value: '99999' }))
		await deleteDeal(m, gone.id)
		const board = await getBoard(m, { limit: 2 })
		const col = board.columns.find((c) => c.stage.id === p.id)!
		expect(col.count).toBe(3)
		expect(col.value).toEqual([
			{ currency: 'USD', cents: 400_000 },
			{ currency: 'EUR', cents: 20_000 },
		])
		// 1000 × 50% + 3000 × 20% = 1100; 200 € × 50% = 100 €.
		expect(col.weighted).toEqual([
			{ currency: 'USD', cents: 110_000 },
			{ currency: 'EUR', cents: 10_000 },
		])
		expect(col.cards.map((c) => c.name)).toEqual(['C', 'B'])
		expect(col.more).toBe(1)
		expect(board.columns.find((c) => c.stage.name === 'Prospecting')!.count).toBe(0)

		const list = await listDeals(m, { stage: p.id, min: 50_000 })
		expect(list.rows.map((r) => r.name).sort()).toEqual(['A', 'B'])
		expect(list.totals).toEqual([{ currency: 'USD', cents: 400_000 }])
		expect(list.weighted).toEqual([{ currency: 'USD', cents: 110_000 }])
		const sorted = await listDeals(m, { sort: 'value', dir: 'asc' })
		expect(sorted.rows.map((r) => r.name)).toEqual(['C', 'A', 'B'])
	})

	it('filters the list by owner, company and expected close range', async () => {
		const m = await member()
		const rep = await colleague(m, 'REP')
		const { byName } = await stagesOf(m)
		const s = byName('Prospecting').id
		const acme = await prisma.company.create({ data: { workspaceId: m.workspaceId, name: 'Acme' } })
		await createDeal(m, input({ name: 'Mine', stageId: s, expectedCloseAt: '2026-01-10' }))
		await createDeal(rep, input({ name: 'Reps', stageId: s, companyId: acme.id, expectedCloseAt: '2026-02-10' }))
		expect((await listDeals(m, { owner: rep.userId })).rows.map((r) => r.name)).toEqual(['Reps'])
		expect((await listDeals(m, { company: acme.id })).rows.map((r) => r.name)).toEqual(['Reps'])
		expect((await listDeals(m, { closeFrom: '2026-01-10', closeTo: '2026-01-10' })).rows.map((r) => r.name)).toEqual(['Mine'])
		expect((await listDeals(m, { closeFrom: '2026-02-01' })).rows.map((r) => r.name)).toEqual(['Reps'])
	})

	it('pipeline order pages across stages, in board order, both directions; sorted pages put undated closes last', async () => {
		const m = await member()
		const { byName } = await stagesOf(m)
		const [prospecting, qualification] = [byName('Prospecting').id, byName('Qualification').id]
		for (let i = 1; i <= 27; i++) await createDeal(m, input({ name: `P${String(i).padStart(2, '0')}`, stageId: prospecting }))
		for (let i = 1; i <= 4; i++) await createDeal(m, input({ name: `Q${i}`, stageId: qualification, expectedCloseAt: `2026-03-0${i}` }))
		const page2 = await listDeals(m, { pageSize: 25, page: 2 })
		expect(page2.total).toBe(31)
		// A new deal goes to the top of its stage, as on the board.
		expect(page2.rows.map((r) => r.name)).toEqual(['P02', 'P01', 'Q4', 'Q3', 'Q2', 'Q1'])
		expect(page2.rows.map((r) => r.stage.name)).toEqual(['Prospecting', 'Prospecting', 'Qualification', 'Qualification', 'Qualification', 'Qualification'])
		const reversed = await listDeals(m, { pageSize: 25, dir: 'desc' })
		expect(reversed.rows.slice(0, 6).map((r) => r.name)).toEqual(['Q1', 'Q2', 'Q3', 'Q4', 'P01', 'P02'])
		const byClose = await listDeals(m, { sort: 'close', dir: 'desc', pageSize: 25 })
		expect(byClose.rows.slice(0, 4).map((r) => r.name)).toEqual(['Q4', 'Q3', 'Q2', 'Q1'])
		expect(byClose.rows[4]!.expectedCloseAt).toBeNull()
		// Every sort runs (each names its column twice: in the page and after the joins).
		for (const sort of ['name', 'value', 'probability', 'created'] as const) expect((await listDeals(m, { sort })).rows).toHaveLength(31)
		expect((await listDeals(m, { sort: 'name', dir: 'asc', pageSize: 25 })).rows[0]!.name).toBe('P01')
	})

	it('roles: VIEWER reads only, REP edits its own; another workspace’s deal is a 404', async () => {
		const m = await member()
		const rep = await colleague(m, 'REP')
		const viewer = await colleague(m, 'VIEWER')
		const { byName } = await stagesOf(m)
		const s = byName('Prospecting').id
		const q = byName('Qualification').id
		const owners = await createDeal(m, input({ name: 'Owner’s', stageId: s }))
		const reps = await createDeal(rep, input({ name: 'Rep’s', stageId: s, ownerId: m.userId }))
		// A REP's new deal is theirs, whatever the form said.
		expect((await getDeal(m, reps.id))!.ownerId).toBe(rep.userId)

		expect(await status(createDeal(viewer, input({ name: 'V', stageId: s })))).toBe(403)
		expect(await status(moveDeal(viewer, owners.id, { stageId: q }))).toBe(403)
		expect((await getDeal(viewer, owners.id))!.canEdit).toBe(false)
		expect(await status(moveDeal(rep, owners.id, { stageId: q }))).toBe(403)
		expect(await status(closeDeal(rep, owners.id, { outcome: 'WON', reason: null }))).toBe(403)
		expect(await status(moveDeal(rep, reps.id, { stageId: q }))).toBe('ok')
		expect(await status(moveDeal(m, reps.id, { stageId: s }))).toBe('ok')

		// A REP limited to their own records does not see the others'.
		const hidden = await colleague(m, 'REP', true)
		expect(await getDeal(hidden, owners.id)).toBeNull()
		expect((await getBoard(hidden)).columns.reduce((n, c) => n + c.count, 0)).toBe(0)

		const stranger = await member()
		expect(await getDeal(stranger, owners.id)).toBeNull()
		expect(await status(moveDeal(stranger, owners.id, { stageId: q }))).toBe(404)
		expect(await status(updateDeal(stranger, owners.id, input({ name: 'X', stageId: q })))).toBe(404)
		expect(await status(deleteDeal(stranger, owners.id))).toBe(404)
		// Moving into another workspace's stage is a 404 too.
		expect(await status(moveDeal(m, owners.id, { stageId: (await stagesOf(stranger)).stages[1]!.id }))).toBe(404)

		// A deleted deal cannot be moved.
		await deleteDeal(m, owners.id)
		expect(await status(moveDeal(m, owners.id, { stageId: q }))).toBe(404)
		expect(await getDeal(m, owners.id)).toBeNull()
	})
})

describe('pipeline stages', () => {
	it('renames, reorders, adds and removes stages, moving their deals', async () => {
		const m = await member()
		const { byName } = await stagesOf(m)
		await updateStage(m, byName('Proposal').id, { name: 'Quote sent', probability: 40, outcome: 'OPEN' })
		await moveStage(m, byName('Negotiation').id, -1)
		const added = await addStage(m, { name: 'Demo', probability: 30, outcome: 'OPEN' })
		expect((await listStages(m.workspaceId)).map((s) => s.name)).toEqual(['Prospecting', 'Qualification', 'Negotiation', 'Quote sent', 'Demo', 'Closed won', 'Closed lost'])
		expect(await status(addStage(m, { name: 'demo', probability: 1, outcome: 'OPEN' }))).toBe('field:name')

		const target = byName('Qualification').id
		const existing = await createDeal(m, input({ name: 'Already there', stageId: target }))
		const a = await createDeal(m, input({ name: 'A', stageId: added.id }))
		const b = await createDeal(m, input({ name: 'B', stageId: added.id }))
		// Deals must go somewhere.
		expect(await status(removeStage(m, added.id, null))).toBe('field:moveTo')
		const { moved } = await removeStage(m, added.id, target)
		expect(moved).toBe(2)
		// Appended after the target's own deals, in their order, with its probability.
		expect(await column(m, target)).toEqual(['Already there', 'B', 'A'])
		expect((await getDeal(m, a.id))!.probability).toBe(25)
		expect((await getDeal(m, b.id))!.stageChanges[0]).toMatchObject({ fromName: 'Demo', toName: 'Qualification' })
		expect(existing.id).toBeTruthy()
		const counts = await listStagesWithCounts(m)
		expect(counts.find((s) => s.id === target)!.deals).toBe(3)
		expect(counts.map((s) => s.position)).toEqual(counts.map((_, i) => i))

		// One open, one won and one lost stage always remain.
		expect(await status(removeStage(m, byName('Closed won').id, target))).toBe('field:outcome')
		expect(await status(updateStage(m, byName('Closed lost').id, { name: 'Closed lost', probability: 0, outcome: 'OPEN' }))).toBe('field:outcome')
		const log = await prisma.activityLog.findMany({ where: { workspaceId: m.workspaceId, entityType: 'Pipeline' }, select: { action: true } })
		expect(log.map((l) => l.action).sort()).toEqual(['stage_added', 'stage_removed', 'stage_updated', 'stages_reordered'])
	})

	it('only owners and admins change the pipeline; other workspaces’ stages are a 404', async () => {
		const m = await member()
		const rep = await colleague(m, 'REP')
		const { byName } = await stagesOf(m)
		expect(await status(addStage(rep, { name: 'X', probability: 5, outcome: 'OPEN' }))).toBe(403)
		expect(await status(moveStage(rep, byName('Proposal').id, 1))).toBe(403)
		const stranger = await member()
		expect(await status(updateStage(stranger, byName('Proposal').id, { name: 'Mine now', probability: 1, outcome: 'OPEN' }))).toBe(404)
		expect(await status(removeStage(stranger, byName('Proposal').id, null))).toBe(404)
	})
})

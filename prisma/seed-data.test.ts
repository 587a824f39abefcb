import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import bcrypt from 'bcryptjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PrismaClient } from '../app/generated/prisma/client.ts'
import { DEFAULT_STAGES } from '../app/validation/deal.ts'
import { createAdapterFactory, resolveDatabaseUrl } from '../app/utils/db-adapter.ts'
import { DEMO_EMAIL, DEMO_PASSWORD, buildDemoData, seedDemo } from './seed-data.ts'

const DAY = 86_400_000
const migrationsDir = path.join(import.meta.dirname, 'migrations')

/** A fresh SQLite file with every migration applied, as `migrate deploy` would leave it. */
function createDatabase(dir: string) {
	const file = path.join(dir, 'seed.db')
	const db = new Database(file)
	const migrations = fs
		.readdirSync(migrationsDir, { withFileTypes: true })
		.filter((d) => d.isDirectory())
		.map((d) => path.join(migrationsDir, d.name, 'migration.sql'))
		.filter((f) => fs.existsSync(f))
		.sort()
	if (migrations.length === 0) throw new Error(`no migrations found in ${migrationsDir}`)
	for (const f of migrations) db.exec(fs.readFileSync(f, 'utf8'))
	db.close()
	return new PrismaClient({ adapter: createAdapterFactory(resolveDatabaseUrl(`file:${file}`)) })
}

/** Written independently of the seed's own helper: days from now's UTC date to the next month/day. */
function daysUntil(now: Date, month: number, day: number) {
	const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
	for (const year of [now.getUTCFullYear(), now.getUTCFullYear() + 1]) {
		const d = new Date(Date.UTC(year, month - 1, day))
		// Feb 29 in a non-leap year rolls over to Mar 1: not a real occurrence.
		if (d.getUTCMonth() !== month - 1) continue
		if (d.getTime() >= today) return (d.getTime() - today) / DAY
	}
	return Infinity
}

const isRealDate = (year: number, month: number, day: number) => {
	const d = new Date(Date.UTC(year, month - 1, day))
	return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day
}

describe('seedDemo', () => {
	const now = new Date('2027-03-10T09:30:00.000Z')
	let dir: string
	let prisma: PrismaClient
	let first: Awaited<ReturnType<typeof seedDemo>>

	beforeAll(async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-seed-'))
		prisma = createDatabase(dir)
		first = await seedDemo(prisma, { now })
	})

	afterAll(async () => {
		await prisma?.$disconnect()
		if (dir) fs.rmSync(dir, { recursive: true, force: true })
	})

	it('creates a demo user who can log in with the documented password', async () => {
		expect(first.created).toBe(true)
		const user = await prisma.user.findUniqueOrThrow({
			where: { email: DEMO_EMAIL },
			include: { memberships: { include: { workspace: true } } },
		})
		expect(await bcrypt.compare(DEMO_PASSWORD, user.passwordHash!)).toBe(true)
		expect(await bcrypt.compare('wrong-password', user.passwordHash!)).toBe(false)
		expect(user.emailVerifiedAt).not.toBeNull()
		expect(user.timezone).toBe('Europe/London')
		expect(user.memberships).toHaveLength(1)
		expect(user.memberships[0]!.role).toBe('OWNER')
		expect(user.memberships[0]!.workspace.personal).toBe(true)
	})

	it('creates about fifty contacts with usable emails and phones', async () => {
		const contacts = await prisma.contact.findMany({ include: { emails: true, phones: true, company: true } })
		expect(contacts.length).toBeGreaterThanOrEqual(45)
		expect(contacts.length).toBeLessThanOrEqual(55)
		for (const c of contacts) {
			expect(c.displayName).toBe(`${c.firstName} ${c.lastName}`)
			expect(c.emails.length).toBeGreaterThanOrEqual(1)
			expect(c.emails.filter((e) => e.isPrimary)).toHaveLength(1)
			for (const p of c.phones) expect(p.phone).toMatch(/^\+[1-9]\d{7,14}$/)
		}
		const linked = contacts.filter((c) => c.company)
		expect(linked.length).toBeGreaterThanOrEqual(20)
		expect(linked.length).toBeLessThanOrEqual(30)
		expect(contacts.some((c) => c.leadStatus === null)).toBe(true)
		expect(new Set(contacts.map((c) => c.source)).size).toBeGreaterThanOrEqual(5)
		expect(contacts.some((c) => c.firstTouch && typeof c.firstTouch === 'object' && 'utm_source' in c.firstTouch)).toBe(
			true,
		)
		expect(await prisma.company.count()).toBe(10)
	})

	it('has birthdays and anniversaries coming up in the next week', async () => {
		const contacts = await prisma.contact.findMany()
		const birthdays = contacts.filter((c) => c.birthdayMonth !== null)
		const anniversaries = contacts.filter((c) => c.anniversaryMonth !== null)
		expect(birthdays.length).toBeGreaterThanOrEqual(15)
		expect(anniversaries.length).toBeGreaterThanOrEqual(6)
		expect(birthdays.filter((c) => daysUntil(now, c.birthdayMonth!, c.birthdayDay!) <= 7).length).toBeGreaterThanOrEqual(4)
		expect(
			anniversaries.filter((c) => daysUntil(now, c.anniversaryMonth!, c.anniversaryDay!) <= 7).length,
		).toBeGreaterThanOrEqual(2)
		for (const c of birthdays) {
			if (c.birthdayYear !== null) expect(isRealDate(c.birthdayYear, c.birthdayMonth!, c.birthdayDay!)).toBe(true)
		}
	})

	it('fills every pipeline stage with sensible deals', async () => {
		const stages = await prisma.pipelineStage.findMany({ orderBy: { position: 'asc' } })
		expect(stages.map((s) => [s.name, s.probability, s.outcome])).toEqual(DEFAULT_STAGES.map((s) => [s.name, s.probability, s.outcome]))
		const deals = await prisma.deal.findMany({
			include: { contact: true, stage: true, stageChanges: { orderBy: { changedAt: 'asc' } } },
			orderBy: [{ stageId: 'asc' }, { position: 'asc' }],
		})
		for (const stage of stages) {
			const inStage = deals.filter((d) => d.stageId === stage.id)
			expect(inStage.length, stage.name).toBeGreaterThan(0)
			const positions = inStage.map((d) => d.position)
			expect(new Set(positions).size).toBe(positions.length)
		}
		for (const d of deals) {
			expect(d.valueCents).toBeGreaterThanOrEqual(2_000_00)
			expect(d.valueCents).toBeLessThanOrEqual(80_000_00)
			expect(d.contact?.companyId).toBe(d.companyId)
			const closed = d.stage.outcome !== 'OPEN'
			expect(d.closedAt !== null).toBe(closed)
			expect(d.closeReason !== null).toBe(closed)
			if (d.stage.outcome === 'WON') expect(d.probability).toBe(100)
			if (d.stage.outcome === 'LOST') expect(d.probability).toBe(0)
			// History starts with no "from" and ends where the deal is.
			expect(d.stageChanges[0]!.fromStageId).toBeNull()
			expect(d.stageChanges.at(-1)!.toStageId).toBe(d.stageId)
		}
	})

	it('has follow-ups that are overdue, upcoming, done and cancelled', async () => {
		const followUps = await prisma.followUp.findMany()
		const pending = followUps.filter((f) => f.status === 'PENDING')
		const overdue = pending.filter((f) => f.dueAt < now)
		const upcoming = pending.filter((f) => f.dueAt >= now)
		expect(overdue.length).toBeGreaterThanOrEqual(3)
		expect(upcoming.length).toBeGreaterThanOrEqual(10)
		for (const f of upcoming) expect(f.dueAt.getTime() - now.getTime()).toBeLessThanOrEqual(15 * DAY)
		const completed = followUps.filter((f) => f.status === 'COMPLETED')
		expect(completed.length).toBeGreaterThanOrEqual(5)
		for (const f of completed) {
			expect(f.completedAt).not.toBeNull()
			expect(f.outcome).toBeTruthy()
		}
		expect(followUps.some((f) => f.status === 'CANCELLED')).toBe(true)
	})

	it("keeps lastContactedAt in step with each contact's latest interaction", async () => {
		const interactions = await prisma.interaction.findMany()
		expect(interactions.length).toBeGreaterThanOrEqual(200)
		expect(interactions.length).toBeLessThanOrEqual(300)
		for (const i of interactions) expect(i.occurredAt.getTime()).toBeLessThanOrEqual(now.getTime())

		const latest = new Map<string, number>()
		for (const i of interactions) {
			if (!i.contactId) continue
			latest.set(i.contactId, Math.max(latest.get(i.contactId) ?? 0, i.occurredAt.getTime()))
		}
		const contacts = await prisma.contact.findMany()
		for (const c of contacts) {
			expect(c.lastContactedAt?.getTime() ?? null, c.displayName).toBe(latest.get(c.id) ?? null)
		}
		// Some people have gone quiet, so "haven't talked in N days" has something to show.
		const quiet = contacts.filter((c) => c.lastContactedAt && now.getTime() - c.lastContactedAt.getTime() > 45 * DAY)
		expect(quiet.length).toBeGreaterThanOrEqual(3)
	})

	it('tags, groups and templates are in place', async () => {
		const tags = await prisma.tag.findMany({ include: { _count: { select: { contacts: true, companies: true } } } })
		expect(tags.map((t) => t.name)).toEqual(expect.arrayContaining(['VIP', 'Family', 'Hot lead']))
		for (const t of tags) expect(t._count.contacts).toBeGreaterThan(0)
		expect(tags.some((t) => t._count.companies > 0)).toBe(true)
		const groups = await prisma.group.findMany({ include: { _count: { select: { contacts: true } } } })
		expect(groups.length).toBeGreaterThanOrEqual(3)
		for (const g of groups) expect(g._count.contacts).toBeGreaterThan(0)
		const templates = await prisma.messageTemplate.findMany()
		expect(templates.map((t) => t.type).sort()).toEqual(['ANNIVERSARY', 'BIRTHDAY', 'FOLLOW_UP'])
		for (const t of templates) expect(t.body).toContain('{{firstName}}')
		expect(await prisma.activityLog.count()).toBeGreaterThan(0)
	})

	it('does nothing the second time', async () => {
		const before = await Promise.all([prisma.user.count(), prisma.contact.count(), prisma.interaction.count()])
		const again = await seedDemo(prisma, { now })
		expect(again.created).toBe(false)
		const after = await Promise.all([prisma.user.count(), prisma.contact.count(), prisma.interaction.count()])
		expect(after).toEqual(before)
	})
})

describe('buildDemoData around awkward dates', () => {
	// Year end (the window crosses into January) and a leap week (includes 29 February).
	for (const iso of ['2027-12-29T23:30:00.000Z', '2028-02-27T08:00:00.000Z', '2027-02-25T12:00:00.000Z']) {
		it(`keeps birthdays upcoming and real for now = ${iso}`, () => {
			const now = new Date(iso)
			const { contacts, interactions } = buildDemoData({ now, userId: 'u', workspaceId: 'w' })
			const soon = contacts.filter(
				(c) => c.birthdayMonth != null && daysUntil(now, c.birthdayMonth, c.birthdayDay!) <= 7,
			)
			expect(soon.length).toBeGreaterThanOrEqual(4)
			for (const c of contacts) {
				if (c.birthdayYear != null) expect(isRealDate(c.birthdayYear, c.birthdayMonth!, c.birthdayDay!)).toBe(true)
				if (c.anniversaryYear != null) {
					expect(isRealDate(c.anniversaryYear, c.anniversaryMonth!, c.anniversaryDay!)).toBe(true)
				}
			}
			for (const i of interactions) expect((i.occurredAt as Date).getTime()).toBeLessThanOrEqual(now.getTime())
		})
	}
})

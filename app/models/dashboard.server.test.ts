import { describe, expect, it } from 'vitest'
import { prisma } from '#app/utils/db.server.ts'
import { getDashboard, upcomingMonthDays } from './dashboard.server.ts'
import { createUser } from './user.server.ts'

describe('upcomingMonthDays', () => {
	it('counts days in the user’s zone, across month ends', () => {
		// 23:30 UTC on 30 April is already 1 May in Tokyo.
		const now = new Date('2026-04-30T23:30:00Z')
		expect(upcomingMonthDays(now, 'UTC', 2).map((d) => [d.month, d.day])).toEqual([[4, 30], [5, 1]])
		expect(upcomingMonthDays(now, 'Asia/Tokyo', 2).map((d) => [d.month, d.day])).toEqual([[5, 1], [5, 2]])
	})
})

describe('getDashboard', () => {
	it('shows only this workspace’s birthdays this week and overdue follow-ups', async () => {
		const now = new Date('2026-06-10T12:00:00Z')
		const mine = await createUser({ email: `d-${Math.random()}@example.com`, name: 'Mine' })
		const theirs = await createUser({ email: `d-${Math.random()}@example.com`, name: 'Theirs' })
		const ws = async (userId: string) => (await prisma.membership.findFirstOrThrow({ where: { userId } })).workspaceId
		const [a, b] = [await ws(mine.id), await ws(theirs.id)]
		const soon = await prisma.contact.create({ data: { workspaceId: a, displayName: 'Soon Birthday', birthdayMonth: 6, birthdayDay: 12 } })
		await prisma.contact.create({ data: { workspaceId: a, displayName: 'Later Birthday', birthdayMonth: 7, birthdayDay: 1 } })
		await prisma.contact.create({ data: { workspaceId: a, displayName: 'Deleted', birthdayMonth: 6, birthdayDay: 11, deletedAt: now } })
		await prisma.contact.create({ data: { workspaceId: b, displayName: 'Other Workspace', birthdayMonth: 6, birthdayDay: 11 } })
		await prisma.followUp.create({ data: { workspaceId: a, contactId: soon.id, dueAt: new Date('2026-06-09T09:00:00Z') } })
		await prisma.followUp.create({ data: { workspaceId: a, contactId: soon.id, dueAt: new Date('2026-06-11T09:00:00Z') } })
		await prisma.followUp.create({ data: { workspaceId: b, dueAt: new Date('2026-06-01T09:00:00Z') } })

		const dash = await getDashboard(a, 'UTC', now)
		expect(dash.occasions).toEqual([{ id: `b-${soon.id}`, contactId: soon.id, name: 'Soon Birthday', kind: 'Birthday', inDays: 2 }])
		expect(dash.overdue).toHaveLength(1)
		expect(dash.counts).toMatchObject({ contacts: 2, pendingFollowUps: 2 })
	})
})

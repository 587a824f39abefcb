// The "today" summary on the dashboard. All reads are scoped to one workspace.
import { prisma } from '#app/utils/db.server.ts'

/** Month/day pairs for the next `days` days as seen in `timeZone` (today first). */
export function upcomingMonthDays(now: Date, timeZone: string, days: number) {
	const fmt = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' })
	const out: Array<{ month: number; day: number; offset: number }> = []
	for (let offset = 0; offset < days; offset++) {
		const parts = fmt.formatToParts(new Date(now.getTime() + offset * 86_400_000))
		const get = (type: string) => Number(parts.find((p) => p.type === type)!.value)
		out.push({ month: get('month'), day: get('day'), offset })
	}
	return out
}

export async function getDashboard(workspaceId: string, timeZone: string, now = new Date()) {
	const window = upcomingMonthDays(now, timeZone, 7)
	const offsetOf = (month: number | null, day: number | null) => window.find((w) => w.month === month && w.day === day)?.offset ?? 99
	const live = { workspaceId, deletedAt: null }
	const [contacts, companies, openDeals, pendingFollowUps, birthdays, anniversaries, overdue] = await Promise.all([
		prisma.contact.count({ where: live }),
		prisma.company.count({ where: live }),
		prisma.deal.aggregate({ where: { ...live, stage: { outcome: 'OPEN' } }, _count: true, _sum: { valueCents: true } }),
		prisma.followUp.count({ where: { workspaceId, status: 'PENDING' } }),
		prisma.contact.findMany({
			// Each OR branch carries the workspace so SQLite uses the (workspace, month, day) index.
			where: { OR: window.map((w) => ({ ...live, birthdayMonth: w.month, birthdayDay: w.day })) },
			select: { id: true, displayName: true, birthdayMonth: true, birthdayDay: true, birthdayYear: true },
		}),
		prisma.contact.findMany({
			where: { OR: window.map((w) => ({ ...live, anniversaryMonth: w.month, anniversaryDay: w.day })) },
			select: { id: true, displayName: true, anniversaryMonth: true, anniversaryDay: true },
		}),
		prisma.followUp.findMany({
			where: { workspaceId, status: 'PENDING', dueAt: { lt: now } },
			orderBy: { dueAt: 'asc' },
			take: 5,
			select: { id: true, dueAt: true, type: true, notes: true, contact: { select: { id: true, displayName: true } } },
		}),
	])
	const occasions = [
		...birthdays.map((c) => ({ id: `b-${c.id}`, contactId: c.id, name: c.displayName, kind: 'Birthday' as const, inDays: offsetOf(c.birthdayMonth, c.birthdayDay) })),
		...anniversaries.map((c) => ({ id: `a-${c.id}`, contactId: c.id, name: c.displayName, kind: 'Anniversary' as const, inDays: offsetOf(c.anniversaryMonth, c.anniversaryDay) })),
	].sort((a, b) => a.inDays - b.inDays)
	return {
		counts: { contacts, companies, openDeals: openDeals._count, pipelineCents: openDeals._sum.valueCents ?? 0, pendingFollowUps },
		// The soonest few; a large address book can have hundreds in a week.
		occasions: occasions.slice(0, 12),
		moreOccasions: Math.max(0, occasions.length - 12),
		overdue,
	}
}

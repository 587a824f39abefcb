// The audit trail: who did what to which record, with before/after values.
import type { Prisma } from '#app/generated/prisma/client.ts'
import { prisma } from '#app/utils/db.server.ts'

type Db = Pick<Prisma.TransactionClient, 'activityLog'>
export type Actor = { workspaceId: string; userId: string | null }

/** { field: [before, after] } for the fields that changed. */
export function diffFields(before: Record<string, unknown>, after: Record<string, unknown>) {
	const diff: Record<string, [unknown, unknown]> = {}
	for (const key of Object.keys(after)) {
		const a = before[key] ?? null
		const b = after[key] ?? null
		if (JSON.stringify(a) !== JSON.stringify(b)) diff[key] = [a, b]
	}
	return diff
}

export function logActivity(
	db: Db,
	actor: Actor,
	entry: { entityType: 'Contact' | 'Company' | 'Tag' | 'Group' | 'Import'; entityId: string; action: string; diff?: Record<string, unknown> | null },
) {
	return db.activityLog.create({
		data: { workspaceId: actor.workspaceId, actorId: actor.userId, entityType: entry.entityType, entityId: entry.entityId, action: entry.action, diff: (entry.diff ?? undefined) as Prisma.InputJsonValue | undefined },
	})
}

export function listActivity(workspaceId: string, entityType: string, entityId: string, take = 50) {
	return prisma.activityLog.findMany({
		where: { workspaceId, entityType, entityId },
		orderBy: { createdAt: 'desc' },
		take,
		select: { id: true, action: true, diff: true, createdAt: true, actor: { select: { name: true } } },
	})
}

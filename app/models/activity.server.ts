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

const ACTION_LABELS: Record<string, string> = {
	created: 'Created',
	updated: 'Edited',
	status_changed: 'Changed the lead status',
	deleted: 'Deleted',
	restored: 'Restored',
	merged: 'Merged',
	imported: 'Imported',
}
const FIELD_LABELS: Record<string, string> = {
	displayName: 'name',
	firstName: 'first name',
	lastName: 'last name',
	leadStatus: 'lead status',
	jobTitle: 'job title',
	companyId: 'company',
	isDecisionMaker: 'decision-maker',
	authorityLevel: 'authority level',
	birthdayMonth: 'birthday',
	birthdayDay: 'birthday',
	birthdayYear: 'birthday',
	anniversaryMonth: 'anniversary',
	anniversaryDay: 'anniversary',
	anniversaryYear: 'anniversary',
}
const HIDDEN = new Set(['merged', 'mergedInto', 'moved'])

/** A log entry in words: "Merged" + "Ada L. was merged into this contact", "Edited" + "job title, tags". */
export function describeActivity(action: string, diff: unknown) {
	const d = diff && typeof diff === 'object' && !Array.isArray(diff) ? (diff as Record<string, [unknown, unknown]>) : {}
	const name = (v: unknown) => (v && typeof v === 'object' && 'name' in v ? String((v as { name: unknown }).name) : null)
	let detail = [...new Set(Object.keys(d).filter((k) => !HIDDEN.has(k)).map((k) => FIELD_LABELS[k] ?? k))].join(', ')
	const mergedFrom = name(d.merged?.[0])
	const mergedInto = name(d.mergedInto?.[1])
	if (mergedFrom) detail = `${mergedFrom} was merged into this contact${detail ? `; changed ${detail}` : ''}`
	if (mergedInto) detail = `Merged into ${mergedInto}`
	if (action === 'status_changed' && d.leadStatus) detail = `${d.leadStatus[0] ?? 'none'} → ${d.leadStatus[1] ?? 'none'}`
	return { label: ACTION_LABELS[action] ?? action, detail }
}

// The audit trail: who did what to which record, with before/after values.
import type { Prisma } from '#app/generated/prisma/client.ts'
import { prisma } from '#app/utils/db.server.ts'
import { LEAD_STATUS_LABELS } from '#app/validation/contact.ts'
import { FOLLOW_UP_TYPE_LABELS, type FollowUpType } from '#app/validation/follow-up.ts'
import { MEDIUM_LABELS, type Medium } from '#app/validation/interaction.ts'

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
	entry: { entityType: 'Contact' | 'Company' | 'Tag' | 'Group' | 'Import' | 'Template' | 'Deal' | 'Pipeline'; entityId: string; action: string; diff?: Record<string, unknown> | null },
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
	interaction_logged: 'Logged an interaction',
	interaction_edited: 'Edited an interaction',
	interaction_deleted: 'Deleted an interaction',
	follow_up_created: 'Scheduled a follow-up',
	follow_up_updated: 'Edited a follow-up',
	follow_up_rescheduled: 'Rescheduled a follow-up',
	follow_up_completed: 'Completed a follow-up',
	follow_up_cancelled: 'Cancelled a follow-up',
	follow_up_missed: 'Follow-up missed',
	imported: 'Imported',
	reset_to_default: 'Restored the default text',
	stage_changed: 'Moved to another stage',
	won: 'Marked as won',
	lost: 'Marked as lost',
	stage_added: 'Added a stage',
	stage_updated: 'Edited a stage',
	stage_removed: 'Removed a stage',
	stages_reordered: 'Reordered the stages',
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
	occurredAt: 'date',
	durationMinutes: 'duration',
	nextSteps: 'next steps',
	sizeBand: 'size',
	postalCode: 'postal code',
	customFields: 'more details',
	primaryContact: 'primary contact',
	dueAt: 'due date',
	assigneeId: 'assignee',
	valueCents: 'value',
	expectedCloseAt: 'expected close',
	closeReason: 'reason',
	contactId: 'contact',
	ownerId: 'owner',
}
const HIDDEN = new Set(['merged', 'mergedInto', 'moved', 'interaction', 'followUp'])

const statusLabel = (v: unknown) => (v ? (LEAD_STATUS_LABELS[v as keyof typeof LEAD_STATUS_LABELS] ?? String(v)) : 'No status')

/** A log entry in words: "Merged" + "Ada L. was merged into this contact", "Edited" + "job title, tags". */
export function describeActivity(action: string, diff: unknown) {
	const d = diff && typeof diff === 'object' && !Array.isArray(diff) ? (diff as Record<string, [unknown, unknown]>) : {}
	const name = (v: unknown) => (v && typeof v === 'object' && 'name' in v ? String((v as { name: unknown }).name) : null)
	let detail = [...new Set(Object.keys(d).filter((k) => !HIDDEN.has(k)).map((k) => FIELD_LABELS[k] ?? k))].join(', ')
	const mergedFrom = name(d.merged?.[0])
	const mergedInto = name(d.mergedInto?.[1])
	if (mergedFrom) detail = `${mergedFrom} was merged into this contact${detail ? `; changed ${detail}` : ''}`
	if (mergedInto) detail = `Merged into ${mergedInto}`
	if (action === 'status_changed' && d.leadStatus) detail = `${statusLabel(d.leadStatus[0])} → ${statusLabel(d.leadStatus[1])}`
	if ((action === 'stage_changed' || action === 'won' || action === 'lost') && d.stage) detail = `${d.stage[0] ?? '—'} → ${d.stage[1]}${typeof d.closeReason?.[1] === 'string' ? ` · ${d.closeReason[1]}` : ''}`
	if (action.startsWith('interaction_')) detail = describeInteraction(action, d, detail)
	if (action.startsWith('follow_up_')) detail = describeFollowUp(action, d, detail)
	return { label: ACTION_LABELS[action] ?? action, detail }
}

/** "Phone call: Pricing · changed notes", "In person · follow-up scheduled". */
function describeInteraction(action: string, d: Record<string, [unknown, unknown]>, changed: string) {
	const i = (d.interaction?.[1] ?? d.interaction?.[0]) as { medium?: string; subject?: string | null } | null | undefined
	const what = i?.medium ? [MEDIUM_LABELS[i.medium as Medium] ?? i.medium, i.subject].filter(Boolean).join(': ') : ''
	const parts = [what, action === 'interaction_edited' && changed ? `changed ${changed}` : '', d.followUp ? 'follow-up scheduled' : '']
	return parts.filter(Boolean).join(' · ')
}

/** "Call · Agreed to a demo · logged as an interaction", "Email · changed due date, notes". */
function describeFollowUp(action: string, d: Record<string, [unknown, unknown]>, changed: string) {
	const f = d.followUp?.[1] as { type?: string } | null | undefined
	const type = f?.type ? (FOLLOW_UP_TYPE_LABELS[f.type as FollowUpType] ?? f.type) : ''
	const outcome = typeof d.outcome?.[1] === 'string' ? d.outcome[1] : ''
	const parts = [type, action === 'follow_up_updated' && changed ? `changed ${changed}` : '', outcome, d.interactionId ? 'logged as an interaction' : '']
	return parts.filter(Boolean).join(' · ')
}

// ───────────────────────── the workspace's log (/settings/activity) ─────────────────────────

export const ACTIVITY_PAGE_SIZE = 50
/** Deeper than this, narrow the filters: offsets stay bounded. */
export const ACTIVITY_MAX_PAGE = 200
export const ENTITY_TYPE_LABELS: Record<string, string> = {
	Contact: 'Contacts',
	Company: 'Companies',
	Tag: 'Tags',
	Group: 'Groups',
	Import: 'Imports',
	Template: 'Message templates',
	Deal: 'Deals',
	Pipeline: 'Pipeline stages',
}
export type ActivityFilters = { entityType?: string; action?: string; actorId?: string; page?: number }

/** What the filters offer: record types, actions (those with wording) and the workspace's members. */
export async function activityFilterOptions(workspaceId: string) {
	const members = await prisma.membership.findMany({ where: { workspaceId }, select: { user: { select: { id: true, name: true } } }, orderBy: { createdAt: 'asc' } })
	return {
		entityTypes: Object.entries(ENTITY_TYPE_LABELS).map(([value, label]) => ({ value, label })),
		actions: Object.entries(ACTION_LABELS).map(([value, label]) => ({ value, label })),
		actors: members.map((mb) => ({ value: mb.user.id, label: mb.user.name })),
	}
}

/** Where an entry's record lives in the app (null when it is gone). */
function recordHref(entityType: string, entityId: string, deleted: boolean) {
	switch (entityType) {
		case 'Contact':
			return deleted ? '/contacts/deleted' : `/contacts/${entityId}`
		case 'Company':
			return deleted ? null : `/companies/${entityId}`
		case 'Tag':
			return '/settings/tags'
		case 'Group':
			return '/settings/groups'
		case 'Import':
			return `/contacts/import/${entityId}`
		case 'Template':
			return '/settings/templates'
		case 'Deal':
			return deleted ? null : `/deals/${entityId}`
		case 'Pipeline':
			return '/settings/pipeline'
		default:
			return null
	}
}

/**
 * The workspace's activity, newest first, filtered and paginated. A REP limited to
 * their own records sees only their own actions (others' entries name records they
 * may not see).
 */
export async function listWorkspaceActivity(m: { workspaceId: string; userId: string; role: string; hideOthersRecords: boolean }, filters: ActivityFilters, pageSize = ACTIVITY_PAGE_SIZE) {
	const where: Prisma.ActivityLogWhereInput = {
		workspaceId: m.workspaceId,
		...(filters.entityType ? { entityType: filters.entityType } : {}),
		...(filters.action ? { action: filters.action } : {}),
		...(filters.actorId ? { actorId: filters.actorId } : {}),
	}
	if (m.role === 'REP' && m.hideOthersRecords) where.AND = [{ actorId: m.userId }]
	const total = await prisma.activityLog.count({ where })
	const pages = Math.max(1, Math.min(ACTIVITY_MAX_PAGE, Math.ceil(total / pageSize)))
	const page = Math.min(Math.max(1, filters.page ?? 1), pages)
	const rows = await prisma.activityLog.findMany({
		where,
		orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
		skip: (page - 1) * pageSize,
		take: pageSize,
		select: ENTRY_SELECT,
	})
	return {
		entries: await describeEntries(m.workspaceId, rows),
		total,
		page,
		pages,
	}
}

const ENTRY_SELECT = { id: true, entityType: true, entityId: true, action: true, diff: true, createdAt: true, actor: { select: { name: true } } } satisfies Prisma.ActivityLogSelect
type EntryRow = Prisma.ActivityLogGetPayload<{ select: typeof ENTRY_SELECT }>

/** The latest entries of the workspace's log, in words (the dashboard's "Recent activity"); same visibility rule as the full log. */
export async function listRecentActivity(m: { workspaceId: string; userId: string; role: string; hideOthersRecords: boolean }, take = 20) {
	const rows = await prisma.activityLog.findMany({
		where: { workspaceId: m.workspaceId, ...(m.role === 'REP' && m.hideOthersRecords ? { actorId: m.userId } : {}) },
		orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
		take,
		select: ENTRY_SELECT,
	})
	return describeEntries(m.workspaceId, rows)
}

/** Names and links of the records a page of entries is about (one query per kind of record). */
async function describeEntries(workspaceId: string, rows: EntryRow[]) {
	const idsOf = (type: string) => [...new Set(rows.filter((r) => r.entityType === type).map((r) => r.entityId))]
	// By id alone (the primary key); the workspace is checked on the rows. With the workspace in the
	// WHERE, SQLite (without ANALYZE statistics) may walk a whole workspace index instead.
	const scoped = (type: string) => ({ id: { in: idsOf(type) } })
	const none = <T,>(type: string, read: () => Promise<T[]>) => (idsOf(type).length ? read() : Promise.resolve([] as T[]))
	const [contacts, companies, tags, groups, imports, templates, deals, stages] = await Promise.all([
		none('Contact', () => prisma.contact.findMany({ where: scoped('Contact'), select: { id: true, workspaceId: true, displayName: true, deletedAt: true } })),
		none('Company', () => prisma.company.findMany({ where: scoped('Company'), select: { id: true, workspaceId: true, name: true, deletedAt: true } })),
		none('Tag', () => prisma.tag.findMany({ where: scoped('Tag'), select: { id: true, workspaceId: true, name: true } })),
		none('Group', () => prisma.group.findMany({ where: scoped('Group'), select: { id: true, workspaceId: true, name: true } })),
		none('Import', () => prisma.importBatch.findMany({ where: scoped('Import'), select: { id: true, workspaceId: true, fileName: true } })),
		none('Template', () => prisma.messageTemplate.findMany({ where: scoped('Template'), select: { id: true, workspaceId: true, name: true } })),
		none('Deal', () => prisma.deal.findMany({ where: scoped('Deal'), select: { id: true, workspaceId: true, name: true, deletedAt: true } })),
		none('Pipeline', () => prisma.pipelineStage.findMany({ where: scoped('Pipeline'), select: { id: true, workspaceId: true, name: true } })),
	])
	const mine = <T extends { workspaceId: string }>(list: T[]) => list.filter((x) => x.workspaceId === workspaceId)
	const records = new Map<string, { name: string; deleted: boolean }>([
		...mine(contacts).map((c) => [c.id, { name: c.displayName, deleted: Boolean(c.deletedAt) }] as const),
		...mine(companies).map((c) => [c.id, { name: c.name, deleted: Boolean(c.deletedAt) }] as const),
		...mine(tags).map((t) => [t.id, { name: t.name, deleted: false }] as const),
		...mine(groups).map((g) => [g.id, { name: g.name, deleted: false }] as const),
		...mine(imports).map((i) => [i.id, { name: i.fileName, deleted: false }] as const),
		...mine(templates).map((t) => [t.id, { name: t.name, deleted: false }] as const),
		...mine(deals).map((d) => [d.id, { name: d.name, deleted: Boolean(d.deletedAt) }] as const),
		...mine(stages).map((st) => [st.id, { name: st.name, deleted: false }] as const),
	])
	return rows.map((r) => {
		const record = records.get(r.entityId)
		// A deleted tag, group or template is gone for good: its name lives on in the diff.
		const diffName = (r.diff as { name?: [unknown, unknown] } | null)?.name?.[0]
		return {
			id: r.id,
			entityType: r.entityType,
			entityId: r.entityId,
			recordName: record?.name ?? (typeof diffName === 'string' ? diffName : null),
			href: record || r.entityType === 'Import' ? recordHref(r.entityType, r.entityId, record?.deleted ?? false) : null,
			actor: r.actor?.name ?? null,
			createdAt: r.createdAt,
			...describeActivity(r.action, r.diff),
		}
	})
}

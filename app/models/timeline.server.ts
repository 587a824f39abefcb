// The timeline of a contact or company: its interactions, follow-ups and activity
// log merged newest first, filterable by kind and paginated. A company's includes
// the interactions and follow-ups of its contacts.
//
// Two phases: first only ids and sort times from each source (enough rows to fill
// the requested page), merged and cut in memory; then the details of the 20 shown.
import type { Prisma } from '#app/generated/prisma/client.ts'
import { prisma } from '#app/utils/db.server.ts'
import { renderMarkdown } from '#app/utils/markdown.server.ts'
import { TIMELINE_KINDS, TIMELINE_MAX_PAGE, TIMELINE_PAGE_SIZE, type Medium, type TimelineKind } from '#app/validation/interaction.ts'
import { describeActivity } from './activity.server.ts'
import { companyVisibleTo } from './company.server.ts'
import { canCreate, canEdit, visibleTo, type Membership } from './workspace.server.ts'
import { notFound } from '#app/utils/misc.ts'

/** Activity entries the timeline leaves out because the entry itself is on it already. */
export const TIMELINE_HIDDEN_ACTIONS = ['interaction_logged']

export type TimelineQuery = { contactId?: string; companyId?: string; kinds?: TimelineKind[]; page?: number; pageSize?: number }
export type FollowUpState = 'scheduled' | 'overdue' | 'missed' | 'completed' | 'cancelled'
type Person = { id: string; displayName: string } | null

export type TimelineEntry =
	| {
			kind: 'interaction'
			id: string
			at: Date
			medium: Medium
			subject: string | null
			notesHtml: string
			outcome: string | null
			durationMinutes: number | null
			nextSteps: string | null
			who: string | null
			contact: Person
			canEdit: boolean
	  }
	| {
			kind: 'followup'
			id: string
			at: Date
			state: FollowUpState
			type: string
			dueAt: Date
			completedAt: Date | null
			outcome: string | null
			notes: string | null
			who: string | null
			contact: Person
	  }
	| { kind: 'activity'; id: string; at: Date; who: string | null; label: string; detail: string }

const DAY = 86_400_000
const RANK: Record<TimelineKind, number> = { interaction: 0, followup: 1, activity: 2 }

export function followUpState(f: { status: string; dueAt: Date }, now = new Date()): FollowUpState {
	if (f.status === 'COMPLETED') return 'completed'
	if (f.status === 'CANCELLED') return 'cancelled'
	// A pending follow-up a day past due counts as missed, whether or not a job has marked it yet.
	if (f.status === 'MISSED' || f.dueAt.getTime() < now.getTime() - DAY) return 'missed'
	return f.dueAt < now ? 'overdue' : 'scheduled'
}


/** The where clauses of each source for the record, after checking the member may see it. */
async function scope(m: Membership, query: TimelineQuery) {
	if (query.contactId) {
		const contact = await prisma.contact.findFirst({ where: { id: query.contactId, deletedAt: null, ...visibleTo(m) }, select: { id: true } })
		if (!contact) throw notFound()
		return {
			interaction: { workspaceId: m.workspaceId, contactId: contact.id } satisfies Prisma.InteractionWhereInput,
			followup: { workspaceId: m.workspaceId, contactId: contact.id } satisfies Prisma.FollowUpWhereInput,
			activity: { workspaceId: m.workspaceId, entityType: 'Contact', entityId: contact.id, action: { notIn: TIMELINE_HIDDEN_ACTIONS } } satisfies Prisma.ActivityLogWhereInput,
			log: `contactId=${contact.id}`,
		}
	}
	if (query.companyId) {
		const company = await prisma.company.findFirst({ where: { id: query.companyId, deletedAt: null, ...companyVisibleTo(m) }, select: { id: true } })
		if (!company) throw notFound()
		const companyId = company.id
		// The company's own, and those of its contacts (also from before they joined);
		// never those of a contact that is deleted or hidden from this member.
		const ofCompany = { OR: [{ companyId }, { contact: { companyId } }] } satisfies Prisma.InteractionWhereInput & Prisma.FollowUpWhereInput
		const contactShown = { OR: [{ contactId: null }, { contact: { deletedAt: null, ...visibleTo(m) } }] } satisfies Prisma.InteractionWhereInput & Prisma.FollowUpWhereInput
		return {
			interaction: { workspaceId: m.workspaceId, AND: [ofCompany, contactShown] } satisfies Prisma.InteractionWhereInput,
			followup: { workspaceId: m.workspaceId, AND: [ofCompany, contactShown] } satisfies Prisma.FollowUpWhereInput,
			activity: { workspaceId: m.workspaceId, entityType: 'Company', entityId: companyId, action: { notIn: TIMELINE_HIDDEN_ACTIONS } } satisfies Prisma.ActivityLogWhereInput,
			log: `companyId=${companyId}`,
		}
	}
	throw new Error('getTimeline needs a contactId or a companyId')
}

type Key = { kind: TimelineKind; id: string; at: Date }

export async function getTimeline(m: Membership, query: TimelineQuery, now = new Date()) {
	const where = await scope(m, query)
	const kinds = query.kinds?.length ? TIMELINE_KINDS.filter((k) => query.kinds!.includes(k)) : [...TIMELINE_KINDS]
	const pageSize = query.pageSize ?? TIMELINE_PAGE_SIZE
	const page = Math.min(Math.max(1, Math.floor(query.page ?? 1)), TIMELINE_MAX_PAGE)
	const offset = (page - 1) * pageSize
	const take = offset + pageSize + 1

	const sources: Array<Promise<Key[]>> = []
	if (kinds.includes('interaction')) {
		sources.push(
			prisma.interaction
				.findMany({ where: where.interaction, orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }], take, select: { id: true, occurredAt: true } })
				.then((rows) => rows.map((r) => ({ kind: 'interaction' as const, id: r.id, at: r.occurredAt }))),
		)
	}
	if (kinds.includes('followup')) {
		// A completed follow-up sits where it was done; any other where it is (or was) due.
		sources.push(
			prisma.followUp
				.findMany({ where: { AND: [where.followup, { status: 'COMPLETED', completedAt: { not: null } }] }, orderBy: [{ completedAt: 'desc' }, { id: 'desc' }], take, select: { id: true, completedAt: true } })
				.then((rows) => rows.map((r) => ({ kind: 'followup' as const, id: r.id, at: r.completedAt! }))),
			prisma.followUp
				.findMany({ where: { AND: [where.followup, { OR: [{ status: { not: 'COMPLETED' } }, { completedAt: null }] }] }, orderBy: [{ dueAt: 'desc' }, { id: 'desc' }], take, select: { id: true, dueAt: true } })
				.then((rows) => rows.map((r) => ({ kind: 'followup' as const, id: r.id, at: r.dueAt }))),
		)
	}
	if (kinds.includes('activity')) {
		sources.push(
			prisma.activityLog
				.findMany({ where: where.activity, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take, select: { id: true, createdAt: true } })
				.then((rows) => rows.map((r) => ({ kind: 'activity' as const, id: r.id, at: r.createdAt }))),
		)
	}
	const merged = (await Promise.all(sources))
		.flat()
		.sort((a, b) => b.at.getTime() - a.at.getTime() || RANK[a.kind] - RANK[b.kind] || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
	const shown = merged.slice(offset, offset + pageSize)
	const idsOf = (kind: TimelineKind) => shown.filter((k) => k.kind === kind).map((k) => k.id)

	const person = { select: { id: true, displayName: true } } as const
	const [interactions, followUps, activity] = await Promise.all([
		idsOf('interaction').length
			? prisma.interaction.findMany({
					where: { id: { in: idsOf('interaction') } },
					select: { id: true, userId: true, medium: true, subject: true, notes: true, outcome: true, durationMinutes: true, nextSteps: true, user: { select: { name: true } }, contact: person },
				})
			: [],
		idsOf('followup').length
			? prisma.followUp.findMany({
					where: { id: { in: idsOf('followup') } },
					select: { id: true, status: true, type: true, dueAt: true, completedAt: true, outcome: true, notes: true, assignee: { select: { name: true } }, contact: person },
				})
			: [],
		idsOf('activity').length
			? prisma.activityLog.findMany({ where: { id: { in: idsOf('activity') } }, select: { id: true, action: true, diff: true, actor: { select: { name: true } } } })
			: [],
	])
	const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]))
	const [iMap, fMap, aMap] = [byId(interactions), byId(followUps), byId(activity)]
	// On a contact's own timeline, naming the contact on every entry is noise.
	const withWhom = (c: Person) => (query.companyId ? c : null)

	const entries = shown.flatMap((k): TimelineEntry[] => {
		if (k.kind === 'interaction') {
			const i = iMap.get(k.id)
			if (!i) return []
			return [
				{
					kind: 'interaction',
					id: i.id,
					at: k.at,
					medium: i.medium,
					subject: i.subject,
					notesHtml: renderMarkdown(i.notes),
					outcome: i.outcome,
					durationMinutes: i.durationMinutes,
					nextSteps: i.nextSteps,
					who: i.user?.name ?? null,
					contact: withWhom(i.contact),
					canEdit: canEdit(m, { ownerId: i.userId }),
				},
			]
		}
		if (k.kind === 'followup') {
			const f = fMap.get(k.id)
			if (!f) return []
			return [
				{
					kind: 'followup',
					id: f.id,
					at: k.at,
					state: followUpState(f, now),
					type: f.type,
					dueAt: f.dueAt,
					completedAt: f.completedAt,
					outcome: f.outcome,
					notes: f.notes,
					who: f.assignee?.name ?? null,
					contact: withWhom(f.contact),
				},
			]
		}
		const a = aMap.get(k.id)
		if (!a) return []
		return [{ kind: 'activity', id: a.id, at: k.at, who: a.actor?.name ?? null, ...describeActivity(a.action, a.diff) }]
	})

	return {
		entries,
		kinds,
		page,
		hasOlder: merged.length > offset + pageSize && page < TIMELINE_MAX_PAGE,
		canLog: canCreate(m),
		/** Where "Log interaction" goes for this record. */
		logHref: `/interactions/new?${where.log}`,
	}
}

export type Timeline = Awaited<ReturnType<typeof getTimeline>>

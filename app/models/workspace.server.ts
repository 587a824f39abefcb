// Workspaces and membership. Every later query takes the workspaceId returned here.
import { redirect } from '@remix-run/node'
import type { Role } from '#app/generated/prisma/client.ts'
import { prisma } from '#app/utils/db.server.ts'
import { requestMemo } from '#app/utils/request-memo.server.ts'
import { sqlGet, toBool } from '#app/utils/sql.server.ts'
import { requireUserId } from '#app/utils/session.server.ts'

export type Membership = { userId: string; workspaceId: string; role: Role; personal: boolean; hideOthersRecords: boolean }

/** The signed-in user and the workspace they are working in (their first, for now). */
export async function requireMembership(request: Request): Promise<Membership> {
	const userId = await requireUserId(request)
	// Every page asks: a prepared statement, not a Prisma query (ADR 0013).
	const membership = requestMemo(`membership:${userId}`, () =>
		sqlGet<{ workspaceId: string; role: Role; personal: number; hideOthersRecords: number }>(
			'SELECT m.workspaceId, m.role, w.personal, w.hideOthersRecords FROM Membership m CROSS JOIN Workspace w ON w.id = m.workspaceId WHERE m.userId = ? ORDER BY m.createdAt LIMIT 1',
			userId,
		),
	)
	// A user without a workspace can only come from a half-deleted account.
	if (!membership) throw redirect('/logout')
	return {
		userId,
		workspaceId: membership.workspaceId,
		role: membership.role,
		personal: toBool(membership.personal),
		hideOthersRecords: toBool(membership.hideOthersRecords),
	}
}

type Owned = { ownerId: string | null; assigneeId?: string | null }

/** Rows of the workspace this member may see (REPs may be limited to their own). */
export function visibleTo(m: Membership) {
	if (m.role === 'REP' && m.hideOthersRecords) return { workspaceId: m.workspaceId, OR: [{ ownerId: m.userId }, { assigneeId: m.userId }] }
	return { workspaceId: m.workspaceId }
}

type Scoped = { workspaceId: string; deletedAt: Date | null; ownerId: string | null; assigneeId?: string | null }

/** The same rule as visibleTo (plus "not deleted"), checked on rows already loaded. */
export function isVisibleRow(m: Membership, row: Scoped) {
	if (row.workspaceId !== m.workspaceId || row.deletedAt) return false
	return !(m.role === 'REP' && m.hideOthersRecords) || row.ownerId === m.userId || row.assigneeId === m.userId
}

/** Columns isVisibleRow needs. */
export const SCOPE_SELECT = { workspaceId: true, deletedAt: true, ownerId: true, assigneeId: true } as const

/** OWNER/ADMIN edit everything; a REP what they own or are assigned; a VIEWER nothing. */
export function canEdit(m: Membership, record?: Owned) {
	if (m.role === 'OWNER' || m.role === 'ADMIN') return true
	if (m.role === 'VIEWER') return false
	if (!record) return true
	return record.ownerId === m.userId || record.assigneeId === m.userId
}

export function canCreate(m: Membership) {
	return m.role !== 'VIEWER'
}

/** For a record the member can already see but may not change. */
export function requireEdit(m: Membership, record?: Owned) {
	if (!canEdit(m, record)) throw new Response('You can view this record but not change it. Ask a workspace admin.', { status: 403 })
}

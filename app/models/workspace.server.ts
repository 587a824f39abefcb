// Workspaces and membership. Every later query takes the workspaceId returned here.
import { redirect } from '@remix-run/node'
import type { Role } from '#app/generated/prisma/client.ts'
import { prisma } from '#app/utils/db.server.ts'
import { requireUserId } from '#app/utils/session.server.ts'

export type Membership = { userId: string; workspaceId: string; role: Role; personal: boolean }

/** The signed-in user and the workspace they are working in (their first, for now). */
export async function requireMembership(request: Request): Promise<Membership> {
	const userId = await requireUserId(request)
	const membership = await prisma.membership.findFirst({
		where: { userId },
		orderBy: { createdAt: 'asc' },
		select: { workspaceId: true, role: true, workspace: { select: { personal: true } } },
	})
	// A user without a workspace can only come from a half-deleted account.
	if (!membership) throw redirect('/logout')
	return { userId, workspaceId: membership.workspaceId, role: membership.role, personal: membership.workspace.personal }
}

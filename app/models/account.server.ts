// The account as a whole: a download of everything that is the user's, and
// deleting it. Both treat a workspace whose only member is the user as theirs.
import type { Prisma } from '#app/generated/prisma/client.ts'
import { prisma } from '#app/utils/db.server.ts'
import { resolveAll } from '#app/utils/misc.ts'

export const EXPORT_VERSION = 1

type Db = Pick<Prisma.TransactionClient, 'membership'>

/** Workspaces nobody else uses (the personal one, and any team the user was left alone in). */
async function soleMemberships(db: Db, userId: string) {
	const memberships = await db.membership.findMany({
		where: { userId },
		orderBy: { createdAt: 'asc' },
		select: {
			id: true,
			role: true,
			createdAt: true,
			workspace: { select: { id: true, name: true, personal: true, _count: { select: { memberships: true } } } },
		},
	})
	return memberships.map((m) => ({ ...m, alone: m.workspace._count.memberships === 1 }))
}

/**
 * Everything Rapport holds about a user, as plain JSON. Secrets stay out: no
 * password hash, no token hashes or tokens, no session ids, no push keys.
 */
export async function exportUserData(userId: string) {
	const user = await prisma.user.findUniqueOrThrow({
		where: { id: userId },
		include: { image: { select: { id: true, contentType: true, blob: true, createdAt: true } } },
	})
	const memberships = await soleMemberships(prisma, userId)
	const owned = memberships.filter((m) => m.alone && m.role === 'OWNER').map((m) => m.workspace.id)

	const [sessions, verifications, pushSubscriptions, oauthConnections, personalNotifications, workspaces] = await Promise.all([
		prisma.session.findMany({
			where: { userId },
			orderBy: { createdAt: 'asc' },
			select: { userAgent: true, ip: true, remember: true, createdAt: true, lastSeenAt: true, expiresAt: true },
		}),
		prisma.verification.findMany({ where: { userId }, orderBy: { createdAt: 'asc' }, omit: { tokenHash: true, userId: true } }),
		prisma.pushSubscription.findMany({ where: { userId }, orderBy: { createdAt: 'asc' }, select: { id: true, endpoint: true, userAgent: true, createdAt: true } }),
		prisma.oAuthConnection.findMany({ where: { userId }, orderBy: { createdAt: 'asc' }, omit: { accessTokenEnc: true, refreshTokenEnc: true, userId: true } }),
		prisma.notification.findMany({ where: { userId, workspaceId: null }, orderBy: { createdAt: 'asc' } }),
		Promise.all(owned.map((id) => exportWorkspace(id))),
	])

	const { image, passwordHash, ...profile } = user
	return {
		version: EXPORT_VERSION,
		exportedAt: new Date().toISOString(),
		user: {
			...profile,
			hasPassword: Boolean(passwordHash),
			image: image ? { id: image.id, contentType: image.contentType, createdAt: image.createdAt, base64: Buffer.from(image.blob).toString('base64') } : null,
		},
		sessions,
		verifications,
		// The endpoint's origin says which push service; the full URL and keys are capabilities.
		pushSubscriptions: pushSubscriptions.map(({ endpoint, ...rest }) => ({ ...rest, service: safeOrigin(endpoint) })),
		oauthConnections,
		notifications: personalNotifications,
		memberships: memberships.map((m) => ({
			id: m.id,
			workspaceId: m.workspace.id,
			workspaceName: m.workspace.name,
			personal: m.workspace.personal,
			role: m.role,
			joinedAt: m.createdAt,
			includedInExport: owned.includes(m.workspace.id),
		})),
		workspaces,
	}
}

export type UserExport = Awaited<ReturnType<typeof exportUserData>>

function safeOrigin(url: string) {
	try {
		return new URL(url).origin
	} catch {
		return null
	}
}

/** Every row of one workspace, model by model. */
async function exportWorkspace(workspaceId: string) {
	const where = { workspaceId }
	const byCreated = { createdAt: 'asc' } as const
	const { workspace, ...rows } = await resolveAll({
		workspace: prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } }),
		contacts: prisma.contact.findMany({
			where,
			orderBy: byCreated,
			include: {
				emails: true,
				phones: true,
				tags: { select: { id: true, name: true } },
				groups: { select: { id: true, name: true } },
				image: { select: { id: true, contentType: true, blob: true } },
			},
		}).then((rows) => rows.map(({ image, ...c }) => ({ ...c, image: image ? { id: image.id, contentType: image.contentType, base64: Buffer.from(image.blob).toString('base64') } : null }))),
		companies: prisma.company.findMany({ where, orderBy: byCreated, include: { tags: { select: { id: true, name: true } } } }),
		interactions: prisma.interaction.findMany({ where, orderBy: { occurredAt: 'asc' } }),
		followUps: prisma.followUp.findMany({ where, orderBy: byCreated }),
		pipelineStages: prisma.pipelineStage.findMany({ where, orderBy: { position: 'asc' } }),
		deals: prisma.deal.findMany({ where, orderBy: byCreated }),
		dealStageChanges: prisma.dealStageChange.findMany({ where, orderBy: { changedAt: 'asc' } }),
		tags: prisma.tag.findMany({ where, orderBy: byCreated }),
		groups: prisma.group.findMany({ where, orderBy: byCreated }),
		reminders: prisma.reminder.findMany({ where, orderBy: byCreated }),
		notifications: prisma.notification.findMany({ where, orderBy: byCreated }),
		shares: prisma.share.findMany({ where, orderBy: byCreated, include: { recipient: { select: { name: true, email: true } } } }),
		templates: prisma.messageTemplate.findMany({ where, orderBy: byCreated }),
		activity: prisma.activityLog.findMany({ where, orderBy: byCreated }),
		approvals: prisma.pendingApproval.findMany({ where, orderBy: byCreated }),
		apiKeys: prisma.apiKey.findMany({ where, orderBy: byCreated, omit: { hashedKey: true } }),
		leadForms: prisma.leadForm.findMany({ where, orderBy: byCreated }),
		leadSubmissions: prisma.leadSubmission.findMany({ where, orderBy: { receivedAt: 'asc' } }),
		customFields: prisma.customFieldDefinition.findMany({ where, orderBy: { position: 'asc' } }),
		imports: prisma.importBatch.findMany({ where, orderBy: byCreated }),
		duplicateDismissals: prisma.duplicateDismissal.findMany({ where, orderBy: byCreated }),
		webhooks: prisma.webhookEndpoint.findMany({ where, orderBy: byCreated, omit: { token: true } }),
	})
	return { ...workspace, ...rows }
}

/** What deleting the account would remove, and which team workspaces stay. */
export async function deletionSummary(userId: string) {
	const memberships = await soleMemberships(prisma, userId)
	const alone = memberships.filter((m) => m.alone).map((m) => m.workspace.id)
	const contacts = await prisma.contact.count({ where: { workspaceId: { in: alone }, deletedAt: null } })
	return {
		workspaces: alone.length,
		contacts,
		teams: memberships.filter((m) => !m.alone).map((m) => m.workspace.name),
	}
}

/**
 * Deletes the user and every workspace only they use, in one transaction. The
 * schema's cascades remove the workspace rows and the user's own rows (sessions,
 * tokens, picture, memberships...). In a team workspace where they were the only
 * owner, the longest-standing admin (or else member) becomes owner, so the team
 * keeps someone who can manage it.
 */
export async function deleteAccount(userId: string) {
	return prisma.$transaction(
		async (tx) => {
			const memberships = await soleMemberships(tx, userId)
			const alone = memberships.filter((m) => m.alone).map((m) => m.workspace.id)
			for (const m of memberships) {
				if (m.alone || m.role !== 'OWNER') continue
				const workspaceId = m.workspace.id
				const otherOwner = await tx.membership.findFirst({ where: { workspaceId, role: 'OWNER', userId: { not: userId } }, select: { id: true } })
				if (otherOwner) continue
				const successor =
					(await tx.membership.findFirst({ where: { workspaceId, userId: { not: userId }, role: 'ADMIN' }, orderBy: { createdAt: 'asc' }, select: { id: true } })) ??
					(await tx.membership.findFirst({ where: { workspaceId, userId: { not: userId } }, orderBy: { createdAt: 'asc' }, select: { id: true } }))
				if (successor) await tx.membership.update({ where: { id: successor.id }, data: { role: 'OWNER' } })
			}
			// The search index is a virtual table outside Prisma's cascades.
			for (const id of alone) await tx.$executeRawUnsafe('DELETE FROM ContactSearch WHERE workspaceId = ?', id)
			const { count } = await tx.workspace.deleteMany({ where: { id: { in: alone } } })
			await tx.user.delete({ where: { id: userId } })
			return { deletedWorkspaces: count }
		},
		// A large personal workspace takes a while to cascade.
		{ timeout: 120_000, maxWait: 10_000 },
	)
}

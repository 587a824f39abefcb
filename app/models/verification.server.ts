// One-time tokens for email verification, password reset and magic links.
// Only a hash is stored; a token works once and expires.
import crypto from 'node:crypto'
import type { VerificationType } from '#app/generated/prisma/client.ts'
import { prisma } from '#app/utils/db.server.ts'

const MINUTE = 60 * 1000
export const TOKEN_TTL: Record<VerificationType, number> = {
	VERIFY_EMAIL: 24 * 60 * MINUTE,
	RESET_PASSWORD: 60 * MINUTE,
	MAGIC_LINK: 15 * MINUTE,
}

export function hashToken(token: string) {
	return crypto.createHash('sha256').update(token).digest('hex')
}

/** Issues a new token and voids any earlier unused one of the same type. */
export async function issueToken(userId: string, type: VerificationType) {
	const token = crypto.randomBytes(32).toString('base64url')
	await prisma.$transaction([
		prisma.verification.deleteMany({ where: { userId, type, usedAt: null } }),
		prisma.verification.create({
			data: { userId, type, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + TOKEN_TTL[type]) },
		}),
	])
	return token
}

export type TokenCheck = { ok: true; userId: string } | { ok: false; reason: 'invalid' | 'used' | 'expired' }

/** Looks a token up without using it (to show the reset form, say). */
export async function checkToken(token: string, type: VerificationType): Promise<TokenCheck> {
	if (!token) return { ok: false, reason: 'invalid' }
	const row = await prisma.verification.findUnique({ where: { tokenHash: hashToken(token) } })
	if (!row || row.type !== type) return { ok: false, reason: 'invalid' }
	if (row.usedAt) return { ok: false, reason: 'used' }
	if (row.expiresAt.getTime() <= Date.now()) return { ok: false, reason: 'expired' }
	return { ok: true, userId: row.userId }
}

/** Uses a token; of two concurrent uses only one succeeds. */
export async function consumeToken(token: string, type: VerificationType): Promise<TokenCheck> {
	const check = await checkToken(token, type)
	if (!check.ok) return check
	const { count } = await prisma.verification.updateMany({
		where: { tokenHash: hashToken(token), usedAt: null },
		data: { usedAt: new Date() },
	})
	return count === 1 ? check : { ok: false, reason: 'used' }
}

export const TOKEN_MESSAGES: Record<'invalid' | 'used' | 'expired', string> = {
	invalid: 'This link is not valid. Check that you copied the whole link, or ask for a new one.',
	used: 'This link has already been used. Ask for a new one if you still need it.',
	expired: 'This link has expired. Ask for a new one below.',
}

// Accounts: creating users (with their personal workspace), passwords, sign-in.
import bcrypt from 'bcryptjs'
import { defaultStageRows } from '#app/models/pipeline.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { requestMemo } from '#app/utils/request-memo.server.ts'
import { sqlGet } from '#app/utils/sql.server.ts'
import { getUserId } from '#app/utils/session.server.ts'

const BCRYPT_ROUNDS = 10
// Compared against when the email is unknown, so both answers take as long.
const DUMMY_HASH = bcrypt.hashSync('rapport-timing-equaliser', BCRYPT_ROUNDS)

export function normalizeEmail(email: string) {
	return email.trim().toLowerCase()
}

export function hashPassword(password: string) {
	return bcrypt.hash(password, BCRYPT_ROUNDS)
}

export function findUserByEmail(email: string) {
	return prisma.user.findUnique({ where: { email: normalizeEmail(email) } })
}

type NewUser = {
	email: string
	name: string
	timezone?: string
	password?: string
	googleId?: string
	avatarUrl?: string | null
	emailVerified?: boolean
}

/** Creates a user, their personal workspace and their OWNER membership together. */
export async function createUser(input: NewUser) {
	const passwordHash = input.password ? await hashPassword(input.password) : null
	return prisma.$transaction(async (tx) => {
		const user = await tx.user.create({
			data: {
				email: normalizeEmail(input.email),
				name: input.name.trim(),
				timezone: input.timezone ?? 'UTC',
				passwordHash,
				googleId: input.googleId,
				avatarUrl: input.avatarUrl ?? null,
				emailVerifiedAt: input.emailVerified ? new Date() : null,
			},
		})
		const firstName = user.name.split(/\s+/)[0] || 'My'
		await tx.workspace.create({
			data: {
				name: `${firstName}'s workspace`,
				personal: true,
				memberships: { create: { userId: user.id, role: 'OWNER' } },
				pipelineStages: { create: defaultStageRows() },
			},
		})
		return user
	})
}

/** Returns the user when email and password match; the same `null` otherwise. */
export async function verifyLogin(email: string, password: string) {
	const user = await findUserByEmail(email)
	const ok = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH)
	return ok && user?.passwordHash ? user : null
}

export async function markEmailVerified(userId: string) {
	return prisma.user.update({ where: { id: userId }, data: { emailVerifiedAt: new Date() } })
}

/** Sets a new password and ends every session of the user. */
export async function setPassword(userId: string, password: string) {
	const passwordHash = await hashPassword(password)
	await prisma.$transaction([
		prisma.user.update({ where: { id: userId }, data: { passwordHash, passwordChangedAt: new Date() } }),
		prisma.session.deleteMany({ where: { userId } }),
	])
}

export async function checkPassword(userId: string, password: string) {
	const user = await prisma.user.findUnique({ where: { id: userId }, select: { passwordHash: true } })
	if (!user?.passwordHash) return false
	return bcrypt.compare(password, user.passwordHash)
}

type Profile = {
	id: string
	email: string
	name: string
	avatarUrl: string | null
	timezone: string
	theme: 'SYSTEM' | 'LIGHT' | 'DARK'
	defaultCountry: string
	noContactDays: number
	image: { id: string } | null
}

/** The user's profile and preferences, read once per page load (root, layout and page loaders all ask), in SQL (ADR 0013). */
function loadProfile(userId: string) {
	return requestMemo(`user:${userId}`, (): Profile | null => {
		const row = sqlGet<Omit<Profile, 'image'> & { imageId: string | null }>(
			'SELECT u.id, u.email, u.name, u.avatarUrl, u.timezone, u.theme, u.defaultCountry, u.noContactDays, i.id AS imageId FROM User u LEFT JOIN UserImage i ON i.userId = u.id WHERE u.id = ?',
			userId,
		)
		if (!row) return null
		const { imageId, ...user } = row
		return { ...user, image: imageId ? { id: imageId } : null }
	})
}

/** A signed-in user's preferences (time zone, default country, "no contact" days, name). */
export async function userPrefs(userId: string) {
	const user = await loadProfile(userId)
	if (!user) throw new Error(`No user ${userId}`)
	return user
}

/** What every page needs about the signed-in user (root loader). */
export async function getCurrentUser(request: Request) {
	const userId = await getUserId(request)
	if (!userId) return null
	const user = await loadProfile(userId)
	if (!user) return null
	const { image, defaultCountry: _c, noContactDays: _n, ...rest } = user
	return { ...rest, avatarSrc: avatarSrc(user) }
}

export function avatarSrc(user: { id: string; avatarUrl: string | null; image?: { id: string } | null }) {
	if (user.image) return `/avatars/${user.id}?v=${user.image.id}`
	return user.avatarUrl
}

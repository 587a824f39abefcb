// Accounts reached through Google: find the user a Google identity belongs to,
// link it to an existing account with the same email, or create a new one.
import { Prisma } from '#app/generated/prisma/client.ts'
import { createUser, normalizeEmail } from '#app/models/user.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { isValidTimeZone } from '#app/utils/time.ts'

/** What we keep from Google's userinfo answer. */
export type GoogleIdentity = {
	/** Google's stable `sub`. */
	id: string
	email: string
	emailVerified: boolean
	name?: string | null
	picture?: string | null
}

export type GoogleAccountProblem = 'unverified-email' | 'linked-elsewhere'

export class GoogleAccountError extends Error {
	constructor(readonly problem: GoogleAccountProblem) {
		super(`Google sign-in refused: ${problem}`)
		this.name = 'GoogleAccountError'
	}
}

const NAME_MAX = 100

/**
 * Returns the user to sign in as: the one already linked to this Google account,
 * else the one with the same (verified) email, now linked, else a new user.
 */
export async function signInWithGoogle(identity: GoogleIdentity, options: { timezone?: string | null } = {}) {
	const email = normalizeEmail(identity.email)
	const picture = safePictureUrl(identity.picture)

	const linked = await prisma.user.findUnique({ where: { googleId: identity.id }, include: { image: { select: { id: true } } } })
	if (linked) {
		// A Google picture only fills an empty avatar; an uploaded or chosen one wins.
		if (picture && !linked.avatarUrl && !linked.image) {
			return prisma.user.update({ where: { id: linked.id }, data: { avatarUrl: picture } })
		}
		const { image: _image, ...user } = linked
		return user
	}

	const existing = await prisma.user.findUnique({ where: { email }, include: { image: { select: { id: true } } } })
	if (existing) {
		// Linking on an unverified address would hand the account to whoever typed it in at Google.
		if (!identity.emailVerified) throw new GoogleAccountError('unverified-email')
		if (existing.googleId) throw new GoogleAccountError('linked-elsewhere')
		return prisma.user.update({
			where: { id: existing.id },
			data: {
				googleId: identity.id,
				// Google vouches for the address, which also settles a pending confirmation.
				emailVerifiedAt: existing.emailVerifiedAt ?? new Date(),
				...(picture && !existing.avatarUrl && !existing.image ? { avatarUrl: picture } : {}),
			},
		})
	}

	try {
		return await createUser({
			email,
			name: displayName(identity.name, email),
			googleId: identity.id,
			avatarUrl: picture,
			emailVerified: identity.emailVerified,
			timezone: options.timezone && isValidTimeZone(options.timezone) ? options.timezone : 'UTC',
		})
	} catch (error) {
		// Two callbacks for the same new account at once (a double click): the other one won.
		if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
			const winner = await prisma.user.findUnique({ where: { googleId: identity.id } })
			if (winner) return winner
		}
		throw error
	}
}

function displayName(name: string | null | undefined, email: string) {
	const trimmed = name?.trim().replace(/\s+/g, ' ')
	return (trimmed || email.split('@')[0] || email).slice(0, NAME_MAX)
}

/** Only web addresses end up in an <img src>. */
function safePictureUrl(value: string | null | undefined) {
	if (!value) return null
	try {
		const url = new URL(value)
		return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString().slice(0, 2000) : null
	} catch {
		return null
	}
}

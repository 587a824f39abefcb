import { describe, expect, it } from 'vitest'
import { prisma } from '#app/utils/db.server.ts'
import { GoogleAccountError, signInWithGoogle, type GoogleIdentity } from './google-account.server.ts'
import { createUser } from './user.server.ts'

let n = 0
function identity(overrides: Partial<GoogleIdentity> = {}): GoogleIdentity {
	n += 1
	const tag = `${Date.now().toString(36)}-${n}`
	return {
		id: `1${tag}`,
		email: `google-${tag}@Example.com`,
		emailVerified: true,
		name: 'Grace Hopper',
		picture: `https://lh3.googleusercontent.com/a/${tag}`,
		...overrides,
	}
}

describe('signInWithGoogle', () => {
	it('creates a verified user with a personal workspace from a new Google identity', async () => {
		const google = identity()
		const user = await signInWithGoogle(google, { timezone: 'Europe/Paris' })
		expect(user).toMatchObject({
			email: google.email.toLowerCase(),
			name: 'Grace Hopper',
			googleId: google.id,
			avatarUrl: google.picture,
			timezone: 'Europe/Paris',
			passwordHash: null,
		})
		expect(user.emailVerifiedAt).toBeInstanceOf(Date)
		const memberships = await prisma.membership.findMany({ where: { userId: user.id }, include: { workspace: true } })
		expect(memberships).toHaveLength(1)
		expect(memberships[0]).toMatchObject({ role: 'OWNER', workspace: { personal: true, name: "Grace's workspace" } })
	})

	it('falls back to UTC for a missing or unknown time zone, and to the email for a missing name', async () => {
		expect((await signInWithGoogle(identity())).timezone).toBe('UTC')
		expect((await signInWithGoogle(identity(), { timezone: 'Mars/Olympus_Mons' })).timezone).toBe('UTC')
		const google = identity({ name: '  ' })
		expect((await signInWithGoogle(google)).name).toBe(google.email.split('@')[0]!.toLowerCase())
	})

	it('reuses the same user on a second sign-in, even after the Google email changed', async () => {
		const google = identity()
		const first = await signInWithGoogle(google)
		const again = await signInWithGoogle({ ...google, name: 'Someone Else' })
		expect(again.id).toBe(first.id)
		expect(again.name).toBe('Grace Hopper')
		const moved = await signInWithGoogle({ ...google, email: `moved-${google.email}` })
		expect(moved.id).toBe(first.id)
		expect(moved.email).toBe(first.email)
		expect(await prisma.user.count({ where: { googleId: google.id } })).toBe(1)
	})

	it('fills an empty avatar from Google but never replaces one the user has', async () => {
		const google = identity({ picture: null })
		const user = await signInWithGoogle(google)
		expect(user.avatarUrl).toBeNull()
		const filled = await signInWithGoogle({ ...google, picture: 'https://example.com/first.png' })
		expect(filled.avatarUrl).toBe('https://example.com/first.png')
		const kept = await signInWithGoogle({ ...google, picture: 'https://example.com/second.png' })
		expect(kept.avatarUrl).toBe('https://example.com/first.png')

		const uploader = await signInWithGoogle(identity({ picture: null }))
		await prisma.userImage.create({ data: { userId: uploader.id, contentType: 'image/png', blob: new Uint8Array([1, 2, 3]) } })
		const withUpload = await signInWithGoogle({ ...identity(), id: uploader.googleId!, email: uploader.email })
		expect(withUpload.avatarUrl).toBeNull()
	})

	it('keeps only http(s) picture addresses', async () => {
		expect((await signInWithGoogle(identity({ picture: 'javascript:alert(1)' }))).avatarUrl).toBeNull()
		expect((await signInWithGoogle(identity({ picture: 'not a url' }))).avatarUrl).toBeNull()
	})

	it('links a password account with the same email, keeping its name and confirming the email', async () => {
		const google = identity()
		const existing = await createUser({ email: google.email.toUpperCase(), name: 'Rear Admiral Hopper', password: 'cobol-rules' })
		expect(existing.emailVerifiedAt).toBeNull()
		const linked = await signInWithGoogle(google)
		expect(linked.id).toBe(existing.id)
		expect(linked).toMatchObject({ googleId: google.id, name: 'Rear Admiral Hopper', passwordHash: existing.passwordHash, avatarUrl: google.picture })
		expect(linked.emailVerifiedAt).toBeInstanceOf(Date)
		expect(await prisma.user.count({ where: { email: existing.email } })).toBe(1)
		expect(await prisma.workspace.count({ where: { memberships: { some: { userId: existing.id } } } })).toBe(1)
	})

	it('keeps the original verification date when linking an already verified account', async () => {
		const google = identity()
		const existing = await createUser({ email: google.email, name: 'Verified', password: 'cobol-rules', emailVerified: true })
		const linked = await signInWithGoogle(google)
		expect(linked.emailVerifiedAt?.getTime()).toBe(existing.emailVerifiedAt?.getTime())
	})

	it('refuses to link on an email Google has not verified', async () => {
		const google = identity({ emailVerified: false })
		const existing = await createUser({ email: google.email, name: 'Victim', password: 'cobol-rules' })
		await expect(signInWithGoogle(google)).rejects.toEqual(new GoogleAccountError('unverified-email'))
		expect((await prisma.user.findUniqueOrThrow({ where: { id: existing.id } })).googleId).toBeNull()
	})

	it('creates an unverified account from an unverified Google email that nobody uses yet', async () => {
		const user = await signInWithGoogle(identity({ emailVerified: false }))
		expect(user.emailVerifiedAt).toBeNull()
	})

	it('refuses to re-link an account already linked to another Google identity', async () => {
		const first = identity()
		await signInWithGoogle(first)
		const other = identity({ email: first.email })
		await expect(signInWithGoogle(other)).rejects.toBeInstanceOf(GoogleAccountError)
		expect(await prisma.user.count({ where: { googleId: other.id } })).toBe(0)
	})

	it('survives two simultaneous first sign-ins of the same identity', async () => {
		const google = identity()
		const [a, b] = await Promise.all([signInWithGoogle(google), signInWithGoogle(google)])
		expect(a.id).toBe(b.id)
		expect(await prisma.user.count({ where: { googleId: google.id } })).toBe(1)
	})
})

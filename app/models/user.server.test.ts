import { describe, expect, it } from 'vitest'
import { prisma } from '#app/utils/db.server.ts'
import { createUser, setPassword, verifyLogin } from './user.server.ts'

const email = () => `u-${Math.random().toString(36).slice(2)}@Example.com`

describe('accounts', () => {
	it('sign-up creates a personal workspace with the user as OWNER', async () => {
		const user = await createUser({ email: email(), name: 'Grace Hopper', password: 'cobol-rules', timezone: 'America/New_York' })
		expect(user.email).toBe(user.email.toLowerCase())
		const memberships = await prisma.membership.findMany({ where: { userId: user.id }, include: { workspace: true } })
		expect(memberships).toHaveLength(1)
		expect(memberships[0]!.role).toBe('OWNER')
		expect(memberships[0]!.workspace.personal).toBe(true)
		expect(memberships[0]!.workspace.name).toBe("Grace's workspace")
		expect(user.timezone).toBe('America/New_York')
		expect(user.passwordHash).toMatch(/^\$2[aby]\$/)
	})

	it('verifies passwords case-insensitively on the email and not on the password', async () => {
		const address = email()
		const user = await createUser({ email: address, name: 'Case Test', password: 'Secret-Pass' })
		expect((await verifyLogin(address.toUpperCase(), 'Secret-Pass'))?.id).toBe(user.id)
		expect(await verifyLogin(address, 'secret-pass')).toBeNull()
		expect(await verifyLogin('nobody@example.com', 'Secret-Pass')).toBeNull()
	})

	it('a Google-only account cannot sign in with any password', async () => {
		const address = email()
		await createUser({ email: address, name: 'Google Only', googleId: `g-${address}` })
		expect(await verifyLogin(address, '')).toBeNull()
		expect(await verifyLogin(address, 'anything')).toBeNull()
	})

	it('setting a password ends every session of the user', async () => {
		const user = await createUser({ email: email(), name: 'Sessions', password: 'first-password' })
		await prisma.session.createMany({ data: [1, 2].map(() => ({ userId: user.id, expiresAt: new Date(Date.now() + 60_000) })) })
		await setPassword(user.id, 'second-password')
		expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0)
		expect(await verifyLogin(user.email, 'first-password')).toBeNull()
		expect((await verifyLogin(user.email, 'second-password'))?.id).toBe(user.id)
	})
})

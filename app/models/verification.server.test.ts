import { describe, expect, it } from 'vitest'
import { prisma } from '#app/utils/db.server.ts'
import { createUser } from './user.server.ts'
import { checkToken, consumeToken, hashToken, issueToken } from './verification.server.ts'

async function user() {
	return createUser({ email: `t-${Math.random().toString(36).slice(2)}@example.com`, name: 'Token Tester', password: 'password123' })
}

describe('one-time tokens', () => {
	it('stores only a hash and works exactly once', async () => {
		const { id } = await user()
		const token = await issueToken(id, 'RESET_PASSWORD')
		const row = await prisma.verification.findFirstOrThrow({ where: { userId: id } })
		expect(row.tokenHash).toBe(hashToken(token))
		expect(row.tokenHash).not.toContain(token)
		expect(await consumeToken(token, 'RESET_PASSWORD')).toEqual({ ok: true, userId: id })
		expect(await consumeToken(token, 'RESET_PASSWORD')).toEqual({ ok: false, reason: 'used' })
	})

	it('of two concurrent uses, only one wins', async () => {
		const { id } = await user()
		const token = await issueToken(id, 'MAGIC_LINK')
		const results = await Promise.all([consumeToken(token, 'MAGIC_LINK'), consumeToken(token, 'MAGIC_LINK')])
		expect(results.filter((r) => r.ok)).toHaveLength(1)
	})

	it('refuses expired, unknown and wrong-type tokens', async () => {
		const { id } = await user()
		const token = await issueToken(id, 'MAGIC_LINK')
		expect(await checkToken(token, 'RESET_PASSWORD')).toEqual({ ok: false, reason: 'invalid' })
		expect(await checkToken('nope', 'MAGIC_LINK')).toEqual({ ok: false, reason: 'invalid' })
		await prisma.verification.updateMany({ where: { userId: id }, data: { expiresAt: new Date(Date.now() - 1000) } })
		expect(await consumeToken(token, 'MAGIC_LINK')).toEqual({ ok: false, reason: 'expired' })
	})

	it('a new token voids the previous unused one', async () => {
		const { id } = await user()
		const first = await issueToken(id, 'VERIFY_EMAIL')
		const second = await issueToken(id, 'VERIFY_EMAIL')
		expect((await checkToken(first, 'VERIFY_EMAIL')).ok).toBe(false)
		expect((await checkToken(second, 'VERIFY_EMAIL')).ok).toBe(true)
	})
})

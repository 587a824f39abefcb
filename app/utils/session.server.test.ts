import { describe, expect, it } from 'vitest'
import { createUser } from '#app/models/user.server.ts'
import { prisma } from './db.server.ts'
import { endOtherSessions, getUserId, requireUserId, sessionCookie, signIn, signOut } from './session.server.ts'

const newUser = () => createUser({ email: `s-${Math.random().toString(36).slice(2)}@example.com`, name: 'Session Person', password: 'password123' })

/** A request carrying the cookie that a response set. */
function withCookie(response: Response, url = 'http://localhost/dashboard') {
	const setCookie = response.headers.get('set-cookie')!
	return new Request(url, { headers: { cookie: setCookie.split(';')[0]! } })
}

describe('database sessions', () => {
	it('signing in stores a row and puts only its id in a signed cookie', async () => {
		const user = await newUser()
		const response = await signIn(new Request('http://localhost/login'), { userId: user.id, remember: true, redirectTo: '/dashboard' })
		expect(response.status).toBe(302)
		expect(response.headers.get('location')).toBe('/dashboard')
		const request = withCookie(response)
		expect(await getUserId(request)).toBe(user.id)
		const id = await sessionCookie.parse(request.headers.get('cookie'))
		const row = await prisma.session.findUniqueOrThrow({ where: { id } })
		expect(row.userId).toBe(user.id)
		expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000)
		// A tampered cookie is ignored.
		const forged = new Request('http://localhost/', { headers: { cookie: `rapport_session=${encodeURIComponent(JSON.stringify(id))}` } })
		expect(await getUserId(forged)).toBeNull()
	})

	it('an expired session signs nobody in and is removed', async () => {
		const user = await newUser()
		const request = withCookie(await signIn(new Request('http://localhost/login'), { userId: user.id, remember: false }))
		await prisma.session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1) } })
		expect(await getUserId(new Request(request.url, { headers: request.headers }))).toBeNull()
		expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0)
	})

	it('signing in again replaces the browser’s old session (no fixation)', async () => {
		const user = await newUser()
		const first = withCookie(await signIn(new Request('http://localhost/login'), { userId: user.id, remember: true }))
		const second = withCookie(await signIn(new Request('http://localhost/login', { headers: first.headers }), { userId: user.id, remember: true }))
		expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1)
		expect(await getUserId(new Request(first.url, { headers: first.headers }))).toBeNull()
		expect(await getUserId(second)).toBe(user.id)
	})

	it('sign out of other devices keeps only the current one; sign out ends it', async () => {
		const user = await newUser()
		const a = withCookie(await signIn(new Request('http://localhost/login'), { userId: user.id, remember: true }))
		const b = withCookie(await signIn(new Request('http://localhost/login'), { userId: user.id, remember: true }))
		const keep = await sessionCookie.parse(a.headers.get('cookie'))
		expect(await endOtherSessions(user.id, keep)).toBe(1)
		expect(await getUserId(b)).toBeNull()
		expect(await getUserId(new Request(a.url, { headers: a.headers }))).toBe(user.id)
		const out = await signOut(new Request(a.url, { headers: a.headers }))
		expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/)
		expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0)
	})

	it('pages that need a user redirect to sign-in and come back afterwards', async () => {
		const thrown = await requireUserId(new Request('http://localhost/settings?tab=1')).catch((r: Response) => r)
		expect((thrown as Response).status).toBe(302)
		expect((thrown as Response).headers.get('location')).toBe('/login?redirectTo=%2Fsettings%3Ftab%3D1')
	})

	it('never redirects off-site after sign-in', async () => {
		const user = await newUser()
		for (const target of ['https://evil.example', '//evil.example', '/\\evil.example']) {
			const response = await signIn(new Request('http://localhost/login'), { userId: user.id, remember: false, redirectTo: target })
			expect(response.headers.get('location')).toBe('/dashboard')
		}
	})
})

// The Express middleware around Remix, exercised over real HTTP.
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp, routePath } from './app.ts'

let base = ''
let close: () => void

beforeAll(async () => {
	const app = createApp({ mode: 'test', accountRateLimit: 3, trustProxy: false, formActionOrigins: ['https://accounts.example'], log: false })
	app.all('*', (_req, res) => res.json({ rateLimited: Boolean(res.locals.rateLimited), nonce: res.locals.cspNonce }))
	await new Promise<void>((resolve) => {
		const server = app.listen(0, '127.0.0.1', () => {
			base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
			close = () => server.close()
			resolve()
		})
	})
})
afterAll(() => close())

describe('security headers', () => {
	it('sends a CSP with a fresh nonce on every response', async () => {
		const [a, b] = await Promise.all([fetch(`${base}/dashboard`), fetch(`${base}/dashboard`)])
		const nonceA = ((await a.json()) as { nonce: string }).nonce
		const nonceB = ((await b.json()) as { nonce: string }).nonce
		expect(nonceA).not.toBe(nonceB)
		const csp = a.headers.get('content-security-policy')!
		expect(csp).toContain(`'nonce-${nonceA}'`)
		expect(csp).toContain("frame-ancestors 'none'")
		expect(csp).toContain('form-action \'self\' https://accounts.example')
		expect(a.headers.get('x-powered-by')).toBeNull()
	})
})

describe('cross-site posts', () => {
	const post = (path: string, headers: Record<string, string>) => fetch(`${base}${path}`, { method: 'POST', headers, body: 'x=1' })

	it('refuses a post whose Origin is another site', async () => {
		const res = await post('/contacts/new', { Origin: 'https://evil.example' })
		expect(res.status).toBe(403)
	})

	it('refuses a post from a page without an origin (Origin: null)', async () => {
		const res = await post('/contacts/new', { Origin: 'null' })
		expect(res.status).toBe(403)
		expect(await res.text()).toMatch(/another site/)
	})

	it('refuses a post the browser marks cross-site', async () => {
		const res = await post('/settings', { 'Sec-Fetch-Site': 'cross-site' })
		expect(res.status).toBe(403)
	})

	it('accepts same-origin posts and the token-authenticated API', async () => {
		const host = new URL(base).host
		expect((await post('/settings', { Origin: base, Host: host })).status).toBe(200)
		expect((await post('/api/v1/leads', { Origin: 'https://customer-site.example' })).status).toBe(200)
	})
})

describe('account rate limit', () => {
	it('marks account posts over the limit, but not other routes', async () => {
		const hits = []
		for (let i = 0; i < 5; i++) {
			const res = await fetch(`${base}/login.data`, { method: 'POST', body: 'x=1' })
			hits.push(((await res.json()) as { rateLimited: boolean }).rateLimited)
		}
		expect(hits).toEqual([false, false, false, true, true])
		const other = await fetch(`${base}/contacts`, { method: 'POST', body: 'x=1' })
		expect(((await other.json()) as { rateLimited: boolean }).rateLimited).toBe(false)
		const page = await fetch(`${base}/login`)
		expect(((await page.json()) as { rateLimited: boolean }).rateLimited).toBe(false)
	})

	it('counts every spelling of an account path the router answers as that path', async () => {
		// The limiter counts by client; the test above used this client's three tries.
		for (const path of ['/login/', '/LOGIN', '/Login', '/forgot-password/', '/Magic-Link', '/log%69n', '/SIGNUP.data', '//reset-password']) {
			const res = await fetch(`${base}${path}`, { method: 'POST', body: 'x=1' })
			expect(((await res.json()) as { rateLimited: boolean }).rateLimited, path).toBe(true)
		}
		expect(routePath('/Magic-Link/')).toBe('/magic-link')
		expect(routePath('/')).toBe('/')
		expect(routePath('/%E0%A4%A')).toBe('/%e0%a4%a')
	})
})

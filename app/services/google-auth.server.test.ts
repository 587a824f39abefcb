// The whole Google sign-in round trip in-process: our routes and the real
// remix-auth-google strategy against the local fake Google, following each
// redirect the way a browser would (cookies included).
import type { AppLoadContext } from '@remix-run/node'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { fakeGoogleSub, startFakeGoogle, type FakeGoogle } from '#tests/fakes/google-oauth.ts'
import { action as startAction, loader as startLoader } from '#app/routes/auth.google.tsx'
import { loader as callbackLoader } from '#app/routes/auth.google.callback.tsx'
import { createUser } from '#app/models/user.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { getSessionId } from '#app/utils/session.server.ts'
import { googleErrorMessage } from './google-auth.server.ts'

const APP_URL = 'http://localhost:3000'
const CLIENT_ID = 'rapport-test'
const CLIENT_SECRET = 'rapport-test-secret'
const context = {} as AppLoadContext
let google: FakeGoogle

/** Points the app at the fake (or at nothing) and makes getEnv() parse again. */
function configure(overrides: Record<string, string | undefined> = {}) {
	const values: Record<string, string | undefined> = {
		APP_URL,
		SESSION_SECRET: 'test-secret',
		GOOGLE_CLIENT_ID: CLIENT_ID,
		GOOGLE_CLIENT_SECRET: CLIENT_SECRET,
		GOOGLE_AUTH_URL: `${google.url}/o/oauth2/v2/auth`,
		GOOGLE_TOKEN_URL: `${google.url}/token`,
		GOOGLE_USERINFO_URL: `${google.url}/oauth2/v3/userinfo`,
		...overrides,
	}
	for (const [key, value] of Object.entries(values)) {
		if (value === undefined) delete process.env[key]
		else process.env[key] = value
	}
	globalThis.__rapportEnv = undefined
}

beforeAll(async () => {
	google = await startFakeGoogle({ port: 0, clients: { [CLIENT_ID]: CLIENT_SECRET } })
})
afterAll(async () => {
	await google?.close()
})
beforeEach(() => configure())

const uniqueEmail = () => `g-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.com`

/** name=value pairs from Set-Cookie headers, as a browser would send them back. */
function cookiesFrom(response: Response, jar = new Map<string, string>()) {
	for (const header of response.headers.getSetCookie()) {
		const [pair] = header.split(';')
		const [name, ...value] = pair!.split('=')
		if (/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(header)) jar.delete(name!)
		else jar.set(name!, value.join('='))
	}
	return jar
}
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')

function decodeHtml(value: string) {
	return value.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
}

/** The fake's consent form: its inputs with their prefilled values. */
async function consentForm(url: string) {
	const response = await fetch(url)
	const html = await response.text()
	expect(response.status, html).toBe(200)
	expect(html).toContain('Choose an account')
	const fields = new URLSearchParams()
	for (const match of html.matchAll(/<input[^>]*\bname="([^"]+)"[^>]*\bvalue="([^"]*)"/g)) fields.set(match[1]!, decodeHtml(match[2]!))
	const action = /<form method="post" action="([^"]+)"/.exec(html)![1]!
	return { fields, action: new URL(action, url).toString() }
}

async function start(form: Record<string, string> = {}) {
	const request = new Request(`${APP_URL}/auth/google`, { method: 'POST', body: new URLSearchParams(form) })
	const response = await startAction({ request, params: {}, context })
	return { response, jar: cookiesFrom(response) }
}

/** Runs the flow up to Google's redirect back to our callback. */
async function authorize({ decision = 'continue', ...person }: { email?: string; name?: string; picture?: string; decision?: string } = {}, form?: Record<string, string>) {
	const { response, jar } = await start(form)
	expect(response.status).toBe(302)
	const { fields, action } = await consentForm(response.headers.get('location')!)
	for (const [key, value] of Object.entries(person)) fields.set(key, value)
	fields.set('decision', decision)
	const back = await fetch(action, { method: 'POST', body: fields, redirect: 'manual' })
	expect(back.status).toBe(302)
	return { callbackUrl: back.headers.get('location')!, jar }
}

async function callback(url: string, jar: Map<string, string>) {
	const request = new Request(url, { headers: { cookie: cookieHeader(jar) } })
	return callbackLoader({ request, params: {}, context })
}

describe('sign-in with Google', () => {
	it('starts with a redirect to the consent screen and a short-lived cookie of its own', async () => {
		const { response } = await start({ redirectTo: '/contacts' })
		const location = new URL(response.headers.get('location')!)
		expect(location.origin + location.pathname).toBe(`${google.url}/o/oauth2/v2/auth`)
		expect(Object.fromEntries(location.searchParams)).toMatchObject({
			client_id: CLIENT_ID,
			redirect_uri: `${APP_URL}/auth/google/callback`,
			response_type: 'code',
			scope: 'openid email profile',
			prompt: 'select_account',
		})
		expect(location.searchParams.get('state')).toMatch(/^[\w-]{20,}$/)
		const [cookie] = response.headers.getSetCookie()
		expect(cookie).toMatch(/^rapport_oauth=/)
		expect(cookie).toMatch(/Path=\/auth\/google/)
		expect(cookie).toMatch(/HttpOnly/)
		expect(cookie).toMatch(/SameSite=Lax/)
		expect(cookie).toMatch(/Max-Age=600/)
	})

	it('creates the account, signs in and goes where the user was headed', async () => {
		const email = uniqueEmail()
		const { callbackUrl, jar } = await authorize({ email, name: 'Grace Hopper' }, { redirectTo: '/contacts?tag=navy', timezone: 'Asia/Tokyo' })
		expect(callbackUrl.startsWith(`${APP_URL}/auth/google/callback?`)).toBe(true)

		const response = await callback(callbackUrl, jar)
		expect(response.status).toBe(302)
		expect(response.headers.get('location')).toBe('/contacts?tag=navy')
		const cookies = response.headers.getSetCookie()
		expect(cookies.some((c) => c.startsWith('rapport_oauth=') && /Max-Age=0|Expires=Thu, 01 Jan 1970/.test(c))).toBe(true)
		const sessionCookie = cookies.find((c) => c.startsWith('rapport_session='))!
		expect(sessionCookie).toMatch(/Max-Age=2592000/)

		const user = await prisma.user.findUniqueOrThrow({ where: { email } })
		expect(user).toMatchObject({
			name: 'Grace Hopper',
			googleId: fakeGoogleSub(email),
			avatarUrl: `${google.url}/picture/${fakeGoogleSub(email)}.png`,
			timezone: 'Asia/Tokyo',
			passwordHash: null,
		})
		expect(user.emailVerifiedAt).toBeInstanceOf(Date)
		const sessionId = await getSessionId(new Request(APP_URL, { headers: { cookie: sessionCookie.split(';')[0]! } }))
		expect(await prisma.session.findUniqueOrThrow({ where: { id: sessionId! } })).toMatchObject({ userId: user.id, remember: true })

		// The picture the profile points at is a real PNG.
		const picture = await fetch(user.avatarUrl!)
		expect(picture.headers.get('content-type')).toBe('image/png')
		expect(Buffer.from(await picture.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG')
	})

	it('signs the same person into the same account the next time', async () => {
		const email = uniqueEmail()
		const first = await authorize({ email, name: 'Grace Hopper' })
		await callback(first.callbackUrl, first.jar)
		const second = await authorize({ email, name: 'Amazing Grace' })
		const response = await callback(second.callbackUrl, second.jar)
		expect(response.headers.get('location')).toBe('/dashboard')
		const users = await prisma.user.findMany({ where: { email } })
		expect(users).toHaveLength(1)
		expect(users[0]!.name).toBe('Grace Hopper')
	})

	it('links an existing password account with the same email', async () => {
		const email = uniqueEmail()
		const existing = await createUser({ email, name: 'Rear Admiral', password: 'cobol-rules' })
		const { callbackUrl, jar } = await authorize({ email, name: 'Grace Hopper' })
		const response = await callback(callbackUrl, jar)
		expect(response.headers.get('location')).toBe('/dashboard')
		const user = await prisma.user.findUniqueOrThrow({ where: { email } })
		expect(user).toMatchObject({ id: existing.id, name: 'Rear Admiral', googleId: fakeGoogleSub(email) })
		expect(user.emailVerifiedAt).toBeInstanceOf(Date)
	})

	it('never redirects off-site after signing in', async () => {
		const { callbackUrl, jar } = await authorize({ email: uniqueEmail() }, { redirectTo: '//evil.example/steal' })
		expect((await callback(callbackUrl, jar)).headers.get('location')).toBe('/dashboard')
	})

	it('sends a cancelled sign-in back to /login with a message', async () => {
		const email = uniqueEmail()
		const { callbackUrl, jar } = await authorize({ email, decision: 'cancel' })
		expect(new URL(callbackUrl).searchParams.get('error')).toBe('access_denied')
		const response = await callback(callbackUrl, jar)
		expect(response.headers.get('location')).toBe('/login?error=google')
		expect(response.headers.getSetCookie().some((c) => c.startsWith('rapport_session='))).toBe(false)
		expect(await prisma.user.count({ where: { email } })).toBe(0)
	})

	it('refuses a callback whose state does not match the cookie (login CSRF)', async () => {
		const victim = await start()
		const attacker = await authorize({ email: uniqueEmail() })
		const response = await callback(attacker.callbackUrl, victim.jar)
		expect(response.headers.get('location')).toBe('/login?error=google')
	})

	it('refuses a callback without the cookie', async () => {
		const { callbackUrl } = await authorize({ email: uniqueEmail() })
		expect((await callback(callbackUrl, new Map())).headers.get('location')).toBe('/login?error=google')
	})

	it('fails cleanly when the code is replayed', async () => {
		const { callbackUrl, jar } = await authorize({ email: uniqueEmail() })
		expect((await callback(callbackUrl, jar)).headers.get('location')).toBe('/dashboard')
		expect((await callback(callbackUrl, jar)).headers.get('location')).toBe('/login?error=google')
	})

	it('fails cleanly when Google rejects our client secret', async () => {
		configure({ GOOGLE_CLIENT_SECRET: 'wrong' })
		const { callbackUrl, jar } = await authorize({ email: uniqueEmail() })
		expect((await callback(callbackUrl, jar)).headers.get('location')).toBe('/login?error=google')
	})

	it('fails cleanly when Google cannot be reached', async () => {
		const { callbackUrl, jar } = await authorize({ email: uniqueEmail() })
		configure({ GOOGLE_TOKEN_URL: 'http://127.0.0.1:9/token' })
		// A fresh env means a fresh strategy, but the state cookie is still valid.
		expect((await callback(callbackUrl, jar)).headers.get('location')).toBe('/login?error=google')
	})

	it('says so, instead of crashing, when Google is not configured', async () => {
		configure({ GOOGLE_CLIENT_ID: undefined, GOOGLE_CLIENT_SECRET: undefined })
		const { response } = await start()
		expect(response.headers.get('location')).toBe('/login?error=google-not-configured')
		const back = await callback(`${APP_URL}/auth/google/callback?code=x&state=y`, new Map())
		expect(back.headers.get('location')).toBe('/login?error=google-not-configured')
		expect(googleErrorMessage('google-not-configured')).toBe('Google sign-in is not configured on this server.')
	})

	it('sends a plain visit to /auth/google to the sign-in page', () => {
		const response = startLoader()
		expect(response.headers.get('location')).toBe('/login')
	})
})

describe('googleErrorMessage', () => {
	it('explains our codes and ignores anything else', () => {
		expect(googleErrorMessage('google')).toMatch(/Google didn’t complete/)
		expect(googleErrorMessage('google-unverified-email')).toMatch(/verified/)
		expect(googleErrorMessage('google-linked-elsewhere')).toMatch(/different Google account/)
		expect(googleErrorMessage(null)).toBeNull()
		expect(googleErrorMessage('toString')).toBeNull()
		expect(googleErrorMessage('<script>')).toBeNull()
	})
})

describe('the fake Google', () => {
	async function codeFor(email: string, redirectUri = `${APP_URL}/auth/google/callback`, clientId = CLIENT_ID) {
		const query = new URLSearchParams({ client_id: clientId, redirect_uri: redirectUri, response_type: 'code', scope: 'openid email profile', state: 's1' })
		const { fields, action } = await consentForm(`${google.url}/o/oauth2/v2/auth?${query}`)
		fields.set('email', email)
		fields.set('decision', 'continue')
		const back = await fetch(action, { method: 'POST', body: fields, redirect: 'manual' })
		const location = new URL(back.headers.get('location')!)
		expect(location.searchParams.get('state')).toBe('s1')
		return location.searchParams.get('code')!
	}
	const token = (body: Record<string, string>, headers: Record<string, string> = {}) =>
		fetch(`${google.url}/token`, { method: 'POST', body: new URLSearchParams(body), headers })

	it('trades a code once, with the secret in the body or in Basic auth, for a bearer token and an id_token', async () => {
		const email = uniqueEmail()
		const redirect_uri = `${APP_URL}/auth/google/callback`
		const code = await codeFor(email)
		const basic = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`
		const ok = await token({ grant_type: 'authorization_code', code, redirect_uri }, { authorization: basic })
		expect(ok.status).toBe(200)
		const tokens = (await ok.json()) as Record<string, string>
		expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3599, scope: 'openid email profile' })
		const claims = JSON.parse(Buffer.from(tokens.id_token!.split('.')[1]!, 'base64url').toString())
		expect(claims).toMatchObject({ aud: CLIENT_ID, sub: fakeGoogleSub(email), email })

		const info = await fetch(`${google.url}/oauth2/v3/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } })
		expect(await info.json()).toMatchObject({ sub: fakeGoogleSub(email), email, email_verified: true })

		const replay = await token({ grant_type: 'authorization_code', code, redirect_uri, client_id: CLIENT_ID, client_secret: CLIENT_SECRET })
		expect(replay.status).toBe(400)
		expect(await replay.json()).toMatchObject({ error: 'invalid_grant' })
		// A replayed code revokes the token it produced.
		const revoked = await fetch(`${google.url}/oauth2/v3/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } })
		expect(revoked.status).toBe(401)
	})

	it('answers bad requests with OAuth errors', async () => {
		const redirect_uri = `${APP_URL}/auth/google/callback`
		const code = await codeFor(uniqueEmail())
		const wrongSecret = await token({ grant_type: 'authorization_code', code, redirect_uri, client_id: CLIENT_ID, client_secret: 'nope' })
		expect(wrongSecret.status).toBe(401)
		expect(await wrongSecret.json()).toMatchObject({ error: 'invalid_client' })
		const wrongUri = await token({ grant_type: 'authorization_code', code, redirect_uri: `${APP_URL}/elsewhere`, client_id: CLIENT_ID, client_secret: CLIENT_SECRET })
		expect(await wrongUri.json()).toMatchObject({ error: 'redirect_uri_mismatch' })
		const unknown = await token({ grant_type: 'authorization_code', code: 'made-up', redirect_uri, client_id: CLIENT_ID, client_secret: CLIENT_SECRET })
		expect(await unknown.json()).toMatchObject({ error: 'invalid_grant' })
		const grant = await token({ grant_type: 'password', client_id: CLIENT_ID, client_secret: CLIENT_SECRET })
		expect(await grant.json()).toMatchObject({ error: 'unsupported_grant_type' })
		expect((await fetch(`${google.url}/oauth2/v3/userinfo`)).status).toBe(401)
	})

	it('shows an error page for an unknown client and redirects other mistakes back', async () => {
		const bad = await fetch(`${google.url}/o/oauth2/v2/auth?${new URLSearchParams({ client_id: 'who', redirect_uri: `${APP_URL}/cb`, response_type: 'code', scope: 'openid' })}`)
		expect(bad.status).toBe(400)
		const scope = await fetch(
			`${google.url}/o/oauth2/v2/auth?${new URLSearchParams({ client_id: CLIENT_ID, redirect_uri: `${APP_URL}/cb`, response_type: 'code', scope: 'everything', state: 's' })}`,
			{ redirect: 'manual' },
		)
		expect(new URL(scope.headers.get('location')!).searchParams.get('error')).toBe('invalid_scope')
		const type = await fetch(
			`${google.url}/o/oauth2/v2/auth?${new URLSearchParams({ client_id: CLIENT_ID, redirect_uri: `${APP_URL}/cb`, response_type: 'token', scope: 'openid' })}`,
			{ redirect: 'manual' },
		)
		expect(new URL(type.headers.get('location')!).searchParams.get('error')).toBe('unsupported_response_type')
	})
})

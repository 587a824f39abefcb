// A local stand-in for Google's OAuth 2.0 endpoints, the userinfo API and profile
// pictures, so sign-in with Google runs end to end with no network. The real
// remix-auth-google strategy talks to it once GOOGLE_AUTH_URL, GOOGLE_TOKEN_URL and
// GOOGLE_USERINFO_URL point here. Its pages work without JavaScript.
//
//   npx tsx tests/fakes/google-oauth.ts          (FAKE_GOOGLE_PORT, default 3199)
//   const google = await startFakeGoogle({ port: 0 })   (in-process, from a test)
import crypto from 'node:crypto'
import http from 'node:http'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import zlib from 'node:zlib'

export type FakeGoogleOptions = {
	/** 0 picks a free port. */
	port?: number
	host?: string
	/** client_id → client_secret. Defaults to the e2e client plus FAKE_GOOGLE_CLIENT_ID/SECRET. */
	clients?: Record<string, string>
}

export type FakeGoogle = { url: string; close: () => Promise<void> }

type Identity = { sub: string; email: string; name: string; picture: string }
type Grant = Identity & { clientId: string; redirectUri: string; scope: string; nonce: string | null; offline: boolean }
type IssuedCode = Grant & { expiresAt: number; used: boolean; accessTokens: string[] }
type IssuedToken = Grant & { expiresAt: number }

const CODE_TTL_MS = 10 * 60 * 1000
const TOKEN_TTL_S = 3599
const DEFAULT_EMAIL = 'grace.hopper@example.com'
const DEFAULT_NAME = 'Grace Hopper'
const ISSUER = 'https://accounts.google.com'
// What Google accepts as sign-in scopes; API scopes (Gmail, Calendar...) share one prefix.
const KNOWN_SCOPES = new Set(['openid', 'email', 'profile'])
const API_SCOPE_PREFIX = 'https://www.googleapis.com/auth/'

function defaultClients(): Record<string, string> {
	const clients: Record<string, string> = { 'rapport-e2e': 'rapport-e2e-secret' }
	if (process.env.FAKE_GOOGLE_CLIENT_ID && process.env.FAKE_GOOGLE_CLIENT_SECRET) {
		clients[process.env.FAKE_GOOGLE_CLIENT_ID] = process.env.FAKE_GOOGLE_CLIENT_SECRET
	}
	return clients
}

/** Google's `sub` is a stable 21-digit number; here it is derived from the email so a repeat sign-in finds the same account. */
export function fakeGoogleSub(email: string) {
	const hash = crypto.createHash('sha256').update(email.trim().toLowerCase()).digest()
	return '1' + (hash.readBigUInt64BE(0) % 10n ** 20n).toString().padStart(20, '0')
}

export async function startFakeGoogle(options: FakeGoogleOptions = {}): Promise<FakeGoogle> {
	const host = options.host ?? '127.0.0.1'
	const clients = options.clients ?? defaultClients()
	const codes = new Map<string, IssuedCode>()
	const accessTokens = new Map<string, IssuedToken>()
	const refreshTokens = new Map<string, Grant>()
	// A real RS256 key, so id_tokens verify against /oauth2/v3/certs like Google's.
	const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
	const kid = crypto.randomBytes(8).toString('hex')

	const server = http.createServer((req, res) => {
		handle(req, res).catch((error: unknown) => {
			console.error('[fake-google]', error)
			if (!res.headersSent) sendJson(res, 500, { error: 'server_error', error_description: String(error) })
			else res.end()
		})
	})

	async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
		const origin = `http://${req.headers.host ?? `${host}:${port}`}`
		const url = new URL(req.url ?? '/', origin)
		const route = `${req.method} ${url.pathname}`

		if (route === 'GET /health') return send(res, 200, 'text/plain', 'ok')
		if (route === 'GET /o/oauth2/v2/auth') return authorizePage(url.searchParams, origin, res)
		if (route === 'POST /o/oauth2/v2/auth') return authorizeDecision(new URLSearchParams(await readBody(req)), origin, res)
		if (route === 'POST /token') return token(req, new URLSearchParams(await readBody(req)), res)
		if (route === 'GET /oauth2/v3/userinfo' || route === 'GET /oauth2/v2/userinfo') return userinfo(req, res)
		if (route === 'GET /oauth2/v3/certs') return sendJson(res, 200, { keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] })
		if (route === 'POST /revoke') return revoke(new URLSearchParams(await readBody(req)), url.searchParams, res)
		const picture = /^\/picture\/([\w.-]{1,100})\.png$/.exec(url.pathname)
		if (req.method === 'GET' && picture) {
			res.writeHead(200, { 'Content-Type': 'image/png', 'Cache-Control': 'public, max-age=3600', 'Access-Control-Allow-Origin': '*' })
			return res.end(avatarPng(picture[1]!))
		}
		send(res, 404, 'text/plain', 'Not found')
	}

	/** Problems Google shows on its own page, because the redirect_uri can't be trusted. */
	function clientProblem(params: URLSearchParams) {
		const clientId = params.get('client_id')
		if (!clientId) return 'Missing required parameter: client_id'
		if (!(clientId in clients)) return 'The OAuth client was not found.'
		const redirectUri = params.get('redirect_uri')
		if (!redirectUri) return 'Missing required parameter: redirect_uri'
		if (!isAbsoluteHttpUrl(redirectUri)) return `Invalid parameter value for redirect_uri: ${redirectUri}`
		return null
	}

	/** Problems reported back to the client via the redirect_uri, as RFC 6749 §4.1.2.1 says. */
	function requestProblem(params: URLSearchParams): { error: string; description: string } | null {
		const responseType = params.get('response_type')
		if (responseType !== 'code') return { error: 'unsupported_response_type', description: `Only response_type=code is supported, got ${responseType ?? 'none'}` }
		const scopes = (params.get('scope') ?? '').split(/\s+/).filter(Boolean)
		if (scopes.length === 0) return { error: 'invalid_request', description: 'Missing required parameter: scope' }
		const unknown = scopes.find((s) => !KNOWN_SCOPES.has(s) && !s.startsWith(API_SCOPE_PREFIX))
		if (unknown) return { error: 'invalid_scope', description: `Some requested scopes were invalid: ${unknown}` }
		return null
	}

	function authorizePage(params: URLSearchParams, origin: string, res: http.ServerResponse) {
		const problem = clientProblem(params)
		if (problem) return errorPage(res, problem)
		const invalid = requestProblem(params)
		if (invalid) return redirectBack(res, params.get('redirect_uri')!, { error: invalid.error, error_description: invalid.description, state: params.get('state') })
		const email = params.get('login_hint') || DEFAULT_EMAIL
		const hidden = ['client_id', 'redirect_uri', 'state', 'scope', 'response_type', 'nonce', 'access_type']
			.filter((name) => params.has(name))
			.map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(params.get(name)!)}">`)
			.join('\n\t\t\t')
		const client = params.get('client_id')!
		const defaultPicture = `${origin}/picture/${fakeGoogleSub(email)}.png`
		send(
			res,
			200,
			'text/html; charset=utf-8',
			`<!doctype html>
<html lang="en">
<head>
	<meta charset="utf-8">
	<meta name="viewport" content="width=device-width, initial-scale=1">
	<title>Sign in – Google Accounts (fake)</title>
	<style>
		body { font-family: system-ui, sans-serif; background: #f0f4f9; margin: 0; display: grid; place-items: center; min-height: 100vh; }
		main { background: #fff; border-radius: 28px; padding: 36px; width: min(420px, 90vw); }
		label { display: block; font-size: 14px; margin-top: 14px; }
		input:not([type=hidden]) { display: block; width: 100%; box-sizing: border-box; padding: 10px; margin-top: 4px; border: 1px solid #747775; border-radius: 4px; font-size: 15px; }
		/* Continue comes first in the DOM so Enter submits it; shown on the right. */
		.actions { display: flex; flex-direction: row-reverse; justify-content: flex-start; gap: 8px; margin-top: 24px; }
		button { padding: 10px 22px; border-radius: 20px; border: 0; font-size: 14px; cursor: pointer; }
		.primary { background: #0b57d0; color: #fff; } .secondary { background: transparent; color: #0b57d0; }
		small { color: #444746; }
	</style>
</head>
<body>
	<main>
		<p><strong>Google</strong> <small>(local fake)</small></p>
		<h1>Choose an account</h1>
		<p>to continue to <strong>${escapeHtml(client)}</strong></p>
		<form method="post" action="/o/oauth2/v2/auth">
			${hidden}
			<label for="email">Email</label>
			<input id="email" name="email" type="email" required value="${escapeHtml(email)}">
			<label for="name">Name</label>
			<input id="name" name="name" type="text" value="${escapeHtml(params.get('login_hint') ? '' : DEFAULT_NAME)}">
			<label for="picture">Picture URL</label>
			<input id="picture" name="picture" type="url" value="${escapeHtml(defaultPicture)}">
			<input type="hidden" name="default_picture" value="${escapeHtml(defaultPicture)}">
			<small>Left as it is (or empty), the picture is one generated for the email above.</small>
			<div class="actions">
				<button type="submit" name="decision" value="continue" class="primary">Continue</button>
				<button type="submit" name="decision" value="cancel" class="secondary" formnovalidate>Cancel</button>
			</div>
		</form>
	</main>
</body>
</html>`,
		)
	}

	function authorizeDecision(form: URLSearchParams, origin: string, res: http.ServerResponse) {
		const problem = clientProblem(form)
		if (problem) return errorPage(res, problem)
		const redirectUri = form.get('redirect_uri')!
		const state = form.get('state')
		if (form.get('decision') === 'cancel') return redirectBack(res, redirectUri, { error: 'access_denied', state })
		const invalid = requestProblem(form)
		if (invalid) return redirectBack(res, redirectUri, { error: invalid.error, error_description: invalid.description, state })
		const email = (form.get('email') ?? '').trim().toLowerCase()
		if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return errorPage(res, 'Enter a valid email address.')
		const sub = fakeGoogleSub(email)
		const name = (form.get('name') ?? '').trim() || email.split('@')[0]!
		// An untouched default picture follows the email, so each fake person has their own.
		const submitted = (form.get('picture') ?? '').trim()
		const picture = submitted && submitted !== form.get('default_picture') ? submitted : `${origin}/picture/${sub}.png`
		const code = `4/0${crypto.randomBytes(24).toString('base64url')}`
		codes.set(code, {
			sub,
			email,
			name,
			picture,
			clientId: form.get('client_id')!,
			redirectUri,
			scope: form.get('scope')!,
			nonce: form.get('nonce'),
			offline: form.get('access_type') === 'offline',
			expiresAt: Date.now() + CODE_TTL_MS,
			used: false,
			accessTokens: [],
		})
		redirectBack(res, redirectUri, { code, scope: form.get('scope'), authuser: '0', prompt: 'consent', state })
	}

	function token(req: http.IncomingMessage, body: URLSearchParams, res: http.ServerResponse) {
		const type = req.headers['content-type'] ?? ''
		if (!type.startsWith('application/x-www-form-urlencoded')) return oauthError(res, 400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded')
		// RFC 6749 §2.3.1: credentials in an HTTP Basic header or in the body, not both.
		let clientId = body.get('client_id')
		let clientSecret = body.get('client_secret')
		const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '')
		if (basic) {
			const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8')
			const colon = decoded.indexOf(':')
			if (colon < 0) return oauthError(res, 401, 'invalid_client', 'Malformed Basic credentials')
			if (clientSecret) return oauthError(res, 400, 'invalid_request', 'Client credentials were sent twice')
			clientId = decodeURIComponent(decoded.slice(0, colon))
			clientSecret = decodeURIComponent(decoded.slice(colon + 1))
		}
		if (!clientId || !(clientId in clients)) return oauthError(res, 401, 'invalid_client', 'The OAuth client was not found.')
		if (!clientSecret || !timingSafeEqual(clientSecret, clients[clientId]!)) return oauthError(res, 401, 'invalid_client', 'Unauthorized')

		const grantType = body.get('grant_type')
		if (grantType === 'authorization_code') {
			const code = body.get('code')
			if (!code) return oauthError(res, 400, 'invalid_request', 'Missing required parameter: code')
			const issued = codes.get(code)
			if (!issued || issued.expiresAt < Date.now()) return oauthError(res, 400, 'invalid_grant', 'Malformed auth code.')
			if (issued.used) {
				// RFC 6749 §4.1.2: a replayed code revokes what it already produced.
				for (const accessToken of issued.accessTokens) accessTokens.delete(accessToken)
				return oauthError(res, 400, 'invalid_grant', 'Bad Request: the code was already redeemed.')
			}
			if (issued.clientId !== clientId) return oauthError(res, 400, 'invalid_grant', 'The code was issued to another client.')
			if (body.get('redirect_uri') !== issued.redirectUri) return oauthError(res, 400, 'redirect_uri_mismatch', 'Bad Request')
			issued.used = true
			const { expiresAt: _e, used: _u, accessTokens: _a, ...grant } = issued
			const tokens = issueTokens(grant, true)
			issued.accessTokens.push(String(tokens.access_token))
			return sendJson(res, 200, tokens)
		}
		if (grantType === 'refresh_token') {
			const grant = refreshTokens.get(body.get('refresh_token') ?? '')
			if (!grant || grant.clientId !== clientId) return oauthError(res, 400, 'invalid_grant', 'Token has been expired or revoked.')
			return sendJson(res, 200, issueTokens(grant, false))
		}
		return oauthError(res, 400, 'unsupported_grant_type', `Invalid grant_type: ${grantType ?? ''}`)
	}

	function issueTokens(grant: Grant, withRefresh: boolean) {
		const accessToken = `ya29.${crypto.randomBytes(32).toString('base64url')}`
		accessTokens.set(accessToken, { ...grant, expiresAt: Date.now() + TOKEN_TTL_S * 1000 })
		const scopes = grant.scope.split(/\s+/)
		const tokens: Record<string, string | number> = {
			access_token: accessToken,
			expires_in: TOKEN_TTL_S,
			token_type: 'Bearer',
			scope: grant.scope,
		}
		if (scopes.includes('openid')) tokens.id_token = idToken(grant)
		if (withRefresh && grant.offline) {
			const refreshToken = `1//0${crypto.randomBytes(32).toString('base64url')}`
			refreshTokens.set(refreshToken, grant)
			tokens.refresh_token = refreshToken
		}
		return tokens
	}

	function idToken(grant: Grant) {
		const now = Math.floor(Date.now() / 1000)
		const claims: Record<string, unknown> = {
			iss: ISSUER,
			azp: grant.clientId,
			aud: grant.clientId,
			sub: grant.sub,
			email: grant.email,
			email_verified: true,
			name: grant.name,
			picture: grant.picture,
			given_name: splitName(grant.name).given,
			family_name: splitName(grant.name).family,
			iat: now,
			exp: now + TOKEN_TTL_S,
		}
		if (grant.nonce) claims.nonce = grant.nonce
		const header = base64url(JSON.stringify({ alg: 'RS256', kid, typ: 'JWT' }))
		const payload = base64url(JSON.stringify(claims))
		const signature = crypto.sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), privateKey).toString('base64url')
		return `${header}.${payload}.${signature}`
	}

	function userinfo(req: http.IncomingMessage, res: http.ServerResponse) {
		const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')
		const issued = bearer ? accessTokens.get(bearer[1]!) : undefined
		if (!issued || issued.expiresAt < Date.now()) {
			res.setHeader('WWW-Authenticate', 'Bearer realm="https://accounts.google.com/", error="invalid_token"')
			return sendJson(res, 401, { error: 'invalid_request', error_description: 'Invalid Credentials' })
		}
		const { given, family } = splitName(issued.name)
		sendJson(res, 200, {
			sub: issued.sub,
			name: issued.name,
			given_name: given,
			family_name: family,
			picture: issued.picture,
			email: issued.email,
			email_verified: true,
			locale: 'en',
		})
	}

	function revoke(body: URLSearchParams, query: URLSearchParams, res: http.ServerResponse) {
		const value = body.get('token') ?? query.get('token') ?? ''
		const known = accessTokens.delete(value) || refreshTokens.delete(value)
		if (!known) return oauthError(res, 400, 'invalid_token', 'Token expired or revoked')
		sendJson(res, 200, {})
	}

	const port = await new Promise<number>((resolve, reject) => {
		server.once('error', reject)
		server.listen(options.port ?? 0, host, () => {
			const address = server.address()
			resolve(typeof address === 'object' && address ? address.port : 0)
		})
	})

	return {
		url: `http://${host}:${port}`,
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.closeAllConnections()
				server.close((error) => (error ? reject(error) : resolve()))
			}),
	}
}

function splitName(name: string) {
	const [given = '', ...rest] = name.trim().split(/\s+/)
	return { given, family: rest.join(' ') }
}

function isAbsoluteHttpUrl(value: string) {
	try {
		const url = new URL(value)
		return (url.protocol === 'http:' || url.protocol === 'https:') && !url.hash
	} catch {
		return false
	}
}

function redirectBack(res: http.ServerResponse, redirectUri: string, params: Record<string, string | null>) {
	const target = new URL(redirectUri)
	for (const [key, value] of Object.entries(params)) if (value !== null) target.searchParams.set(key, value)
	res.writeHead(302, { Location: target.toString(), 'Cache-Control': 'no-store' })
	res.end()
}

function errorPage(res: http.ServerResponse, message: string) {
	send(
		res,
		400,
		'text/html; charset=utf-8',
		`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error 400 (fake Google)</title></head>
<body><h1>Access blocked: authorization error</h1><p>${escapeHtml(message)}</p><p>Error 400: invalid_request</p></body></html>`,
	)
}

function oauthError(res: http.ServerResponse, status: number, error: string, description: string) {
	sendJson(res, status, { error, error_description: description })
}

function sendJson(res: http.ServerResponse, status: number, body: unknown) {
	send(res, status, 'application/json; charset=utf-8', JSON.stringify(body))
}

function send(res: http.ServerResponse, status: number, type: string, body: string) {
	res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' })
	res.end(body)
}

async function readBody(req: http.IncomingMessage) {
	const chunks: Buffer[] = []
	let size = 0
	for await (const chunk of req) {
		size += (chunk as Buffer).length
		if (size > 1_000_000) throw new Error('Request body too large')
		chunks.push(chunk as Buffer)
	}
	return Buffer.concat(chunks).toString('utf8')
}

function escapeHtml(value: string) {
	return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

function base64url(value: string) {
	return Buffer.from(value).toString('base64url')
}

function timingSafeEqual(a: string, b: string) {
	const left = crypto.createHash('sha256').update(a).digest()
	const right = crypto.createHash('sha256').update(b).digest()
	return crypto.timingSafeEqual(left, right)
}

// ───────────── a tiny PNG: a 64×64 disc in a colour derived from the id ─────────────

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
	return c >>> 0
})

function crc32(buffer: Buffer) {
	let crc = 0xffffffff
	for (const byte of buffer) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8)
	return (crc ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer) {
	const length = Buffer.alloc(4)
	length.writeUInt32BE(data.length)
	const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
	const crc = Buffer.alloc(4)
	crc.writeUInt32BE(crc32(body))
	return Buffer.concat([length, body, crc])
}

export function avatarPng(id: string, size = 64) {
	const hash = crypto.createHash('sha256').update(id).digest()
	const [r, g, b] = [64 + (hash[0]! % 160), 64 + (hash[1]! % 160), 64 + (hash[2]! % 160)]
	const raw = Buffer.alloc((size * 4 + 1) * size)
	const centre = (size - 1) / 2
	for (let y = 0; y < size; y++) {
		const row = y * (size * 4 + 1)
		raw[row] = 0 // filter: none
		for (let x = 0; x < size; x++) {
			const inside = (x - centre) ** 2 + (y - centre) ** 2 <= (size / 2) ** 2
			raw.set(inside ? [r, g, b, 255] : [0, 0, 0, 0], row + 1 + x * 4)
		}
	}
	const header = Buffer.alloc(13)
	header.writeUInt32BE(size, 0)
	header.writeUInt32BE(size, 4)
	header.set([8, 6, 0, 0, 0], 8) // 8-bit RGBA, no interlace
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', zlib.deflateSync(raw)),
		chunk('IEND', Buffer.alloc(0)),
	])
}

// Run as a script (Playwright's webServer): listen until told to stop.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
	const port = Number(process.env.FAKE_GOOGLE_PORT ?? 3199)
	const google = await startFakeGoogle({ port })
	console.log(`Fake Google listening at ${google.url}`)
	const stop = () => void google.close().finally(() => process.exit(0))
	process.on('SIGINT', stop)
	process.on('SIGTERM', stop)
}

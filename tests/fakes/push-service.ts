// A local stand-in for a browser vendor's push service (FCM, Mozilla autopush...):
// records each push our web-push request sends, answers 201 like the real ones,
// and answers 410 Gone for endpoints under /gone/ (an expired subscription) or 500
// under /fail/. `subscription()` makes a browser-like subscription with keys the
// test owns, and `decrypt()` opens a received payload with them (aes128gcm).
import crypto from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
// @ts-expect-error http_ece ships no types
import ece from 'http_ece'

export type ReceivedPush = { path: string; headers: http.IncomingHttpHeaders; body: Buffer }

export async function startFakePushService({ port = 0 }: { port?: number } = {}) {
	const received: ReceivedPush[] = []
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = []
		req.on('data', (c: Buffer) => chunks.push(c))
		req.on('end', () => {
			const path = req.url ?? '/'
			if (path === '/health') return res.end('ok')
			if (req.method !== 'POST') {
				res.statusCode = 405
				return res.end()
			}
			if (path.startsWith('/gone/')) {
				res.statusCode = 410
				return res.end('push subscription has unsubscribed or expired')
			}
			if (path.startsWith('/fail/')) {
				res.statusCode = 500
				return res.end('internal error')
			}
			// A real push service refuses a request without VAPID authorization.
			if (!String(req.headers.authorization ?? '').startsWith('vapid t=')) {
				res.statusCode = 401
				return res.end('missing vapid')
			}
			received.push({ path, headers: req.headers, body: Buffer.concat(chunks) })
			res.statusCode = 201
			res.setHeader('Location', `${path}/messages/${received.length}`)
			res.end()
		})
	})
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
	const keys = new Map<string, { ecdh: crypto.ECDH; auth: Buffer }>()

	/** A subscription as the browser's PushManager would give it, for a path on this server. */
	function subscription(path = `/push/${crypto.randomUUID()}`) {
		const ecdh = crypto.createECDH('prime256v1')
		ecdh.generateKeys()
		const auth = crypto.randomBytes(16)
		const endpoint = `${url}${path}`
		keys.set(endpoint, { ecdh, auth })
		return { endpoint, p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') }
	}

	/** The plaintext of a received push, decrypted with the subscription's own keys. */
	function decrypt(push: ReceivedPush) {
		const k = keys.get(`${url}${push.path}`)
		if (!k) throw new Error(`No keys for ${push.path}`)
		const plain: Buffer = ece.decrypt(push.body, { version: 'aes128gcm', privateKey: k.ecdh, authSecret: k.auth.toString('base64url') })
		return plain.toString('utf8')
	}

	return { url, received, subscription, decrypt, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

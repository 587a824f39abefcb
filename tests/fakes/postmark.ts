// A local stand-in for Postmark's HTTP API: records what the real `postmark`
// client sends to POST /email and answers like Postmark does.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export type ReceivedEmail = { token: string | undefined; body: Record<string, unknown> }

export async function startFakePostmark() {
	const received: ReceivedEmail[] = []
	const server = http.createServer((req, res) => {
		let raw = ''
		req.on('data', (chunk) => (raw += chunk))
		req.on('end', () => {
			const token = req.headers['x-postmark-server-token'] as string | undefined
			res.setHeader('Content-Type', 'application/json')
			if (req.method !== 'POST' || req.url !== '/email') {
				res.statusCode = 404
				return res.end(JSON.stringify({ ErrorCode: 404, Message: 'Not found' }))
			}
			if (token !== 'fake-postmark-token') {
				res.statusCode = 401
				return res.end(JSON.stringify({ ErrorCode: 10, Message: 'Request does not contain a valid Server token.' }))
			}
			const body = JSON.parse(raw) as Record<string, unknown>
			// Like Postmark for a hard-bounced address: "inactive-…" recipients are refused.
			if (String(body.To ?? '').startsWith('inactive-')) {
				res.statusCode = 422
				return res.end(JSON.stringify({ ErrorCode: 406, Message: 'You tried to send to recipient(s) that have been marked as inactive.' }))
			}
			received.push({ token, body })
			res.end(JSON.stringify({ To: body.To, SubmittedAt: new Date().toISOString(), MessageID: `fake-${received.length}`, ErrorCode: 0, Message: 'OK' }))
		})
	})
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
	return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

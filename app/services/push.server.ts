// The one web push adapter (VAPID, aes128gcm). web-push builds the encrypted,
// signed request; we send it with fetch so any push service address works (a
// local fake in tests). Keys come from VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY /
// VAPID_SUBJECT; outside production, a key pair is generated once and kept in
// data/vapid.json (gitignored). Without keys, push is simply off: nothing crashes.
import fs from 'node:fs'
import path from 'node:path'
import webpush from 'web-push'
import { getEnv } from '#app/utils/env.server.ts'

export type VapidKeys = { publicKey: string; privateKey: string; subject: string }
export type PushTarget = { endpoint: string; p256dh: string; auth: string }
export type PushPayload = { title: string; body?: string; url: string; tag?: string; actions?: Record<string, string> }
export type PushResult = { ok: true; status: number } | { ok: false; status: number; expired: boolean; error: string }

declare global {
	var __rapportVapid: VapidKeys | null | undefined
}

export const VAPID_FILE = 'data/vapid.json'

function fromFile(file: string): VapidKeys | null {
	try {
		const keys = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<VapidKeys>
		return keys.publicKey && keys.privateKey ? { publicKey: keys.publicKey, privateKey: keys.privateKey, subject: keys.subject ?? 'mailto:admin@rapport.local' } : null
	} catch {
		return null
	}
}

/** The VAPID keys, or null when push is not configured (production without keys). */
export function getVapidKeys(): VapidKeys | null {
	if (globalThis.__rapportVapid !== undefined) return globalThis.__rapportVapid
	const env = getEnv()
	let keys: VapidKeys | null = null
	if (env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY) {
		keys = { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY, subject: env.VAPID_SUBJECT ?? 'mailto:admin@rapport.local' }
	} else if (env.NODE_ENV === 'development') {
		// A laptop: generate once, keep them, so subscriptions survive restarts.
		const file = path.resolve(VAPID_FILE)
		keys = fromFile(file)
		if (!keys) {
			try {
				const generated = webpush.generateVAPIDKeys()
				keys = { ...generated, subject: env.VAPID_SUBJECT ?? 'mailto:admin@rapport.local' }
				fs.mkdirSync(path.dirname(file), { recursive: true })
				fs.writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 })
				console.log(`Generated VAPID keys for web push in ${VAPID_FILE}`)
			} catch (error) {
				console.warn('Web push is off: could not generate VAPID keys', error)
				keys = null
			}
		}
	}
	if (keys) {
		try {
			webpush.setVapidDetails(keys.subject, keys.publicKey, keys.privateKey)
		} catch (error) {
			console.warn('Web push is off: the VAPID keys are not valid', error)
			keys = null
		}
	}
	globalThis.__rapportVapid = keys
	return keys
}

/** For tests: forget the cached keys so a changed environment is read again. */
export function resetVapidKeys() {
	globalThis.__rapportVapid = undefined
}

/** Sends one notification. A 404 or 410 means the subscription is gone for good. */
export async function sendPush(target: PushTarget, payload: PushPayload, { ttlSeconds = 24 * 60 * 60, timeoutMs = 15_000 } = {}): Promise<PushResult> {
	const keys = getVapidKeys()
	if (!keys) return { ok: false, status: 0, expired: false, error: 'Web push is not configured (no VAPID keys)' }
	const details = webpush.generateRequestDetails({ endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } }, JSON.stringify(payload), {
		vapidDetails: { subject: keys.subject, publicKey: keys.publicKey, privateKey: keys.privateKey },
		TTL: ttlSeconds,
		contentEncoding: 'aes128gcm',
		urgency: 'normal',
	})
	try {
		const response = await fetch(details.endpoint, {
			method: details.method,
			headers: details.headers as Record<string, string>,
			body: details.body ? new Uint8Array(details.body) : undefined,
			signal: AbortSignal.timeout(timeoutMs),
		})
		if (response.ok) return { ok: true, status: response.status }
		const text = await response.text().catch(() => '')
		return { ok: false, status: response.status, expired: response.status === 404 || response.status === 410, error: `Push service answered ${response.status} ${text.slice(0, 200)}`.trim() }
	} catch (error) {
		return { ok: false, status: 0, expired: false, error: error instanceof Error ? error.message : String(error) }
	}
}

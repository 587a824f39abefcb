// The one email adapter: Postmark when POSTMARK_SERVER_TOKEN is set, otherwise a
// local outbox (one JSON file a message) that developers read at /dev/outbox.
import crypto from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { ServerClient } from 'postmark'
import { getEnv } from '#app/utils/env.server.ts'

export type Email = { to: string; subject: string; html: string; text: string; tag?: string }
export type OutboxMessage = Email & { id: string; from: string; sentAt: string }

let client: ServerClient | undefined

function postmark() {
	const env = getEnv()
	if (!env.POSTMARK_SERVER_TOKEN) return null
	if (!client) {
		const options: ConstructorParameters<typeof ServerClient>[1] = {}
		if (env.POSTMARK_API_URL) {
			const url = new URL(env.POSTMARK_API_URL)
			options.useHttps = url.protocol === 'https:'
			options.requestHost = url.host
		}
		client = new ServerClient(env.POSTMARK_SERVER_TOKEN, options)
	}
	return client
}

export async function sendEmail(email: Email) {
	const env = getEnv()
	const pm = postmark()
	if (pm) {
		const result = await pm.sendEmail({
			From: env.EMAIL_FROM,
			To: email.to,
			Subject: email.subject,
			HtmlBody: email.html,
			TextBody: email.text,
			Tag: email.tag,
			MessageStream: 'outbound',
		})
		return { id: result.MessageID, delivered: 'postmark' as const }
	}
	const message: OutboxMessage = { ...email, id: crypto.randomUUID(), from: env.EMAIL_FROM, sentAt: new Date().toISOString() }
	await fs.mkdir(env.OUTBOX_DIR, { recursive: true })
	// Time-prefixed names keep the folder in sending order.
	const file = `${Date.now().toString().padStart(15, '0')}-${message.id}.json`
	await fs.writeFile(path.join(env.OUTBOX_DIR, file), JSON.stringify(message, null, 2))
	return { id: message.id, delivered: 'outbox' as const }
}

/** Newest first; optionally only the messages to one address. */
export async function readOutbox({ to, limit = 50 }: { to?: string; limit?: number } = {}) {
	const dir = getEnv().OUTBOX_DIR
	const files = await fs.readdir(dir).catch(() => [] as string[])
	const messages: OutboxMessage[] = []
	for (const file of files.filter((f) => f.endsWith('.json')).sort().reverse()) {
		const message = JSON.parse(await fs.readFile(path.join(dir, file), 'utf8')) as OutboxMessage
		if (to && message.to.toLowerCase() !== to.toLowerCase()) continue
		messages.push(message)
		if (messages.length >= limit) break
	}
	return messages
}

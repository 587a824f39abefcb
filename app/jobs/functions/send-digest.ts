// One user's digest for one local date: sent once (dedupe key), retried on failure.
import { inngest } from '../client.ts'
import { digestSend } from '../events.ts'
import { sendDigest } from '#app/models/digest.server.ts'

export const sendDigestFn = inngest.createFunction(
	{ id: 'send-digest', triggers: [digestSend], retries: 4, idempotency: 'event.data.userId + "-" + event.data.date' },
	async ({ event, step }) => step.run('send', () => sendDigest(event.data.userId, event.data.date)),
)

// Every 15 minutes: whose morning has come (in their zone) without today's digest
// yet? One event each, so one user's failure is retried alone.
import { cron } from 'inngest'
import { inngest } from '../client.ts'
import { digestSend } from '../events.ts'
import { usersDueForDigest } from '#app/models/digest.server.ts'

export const sendDigestsFn = inngest.createFunction({ id: 'send-digests', triggers: [cron('*/15 * * * *')], concurrency: { limit: 1 } }, async ({ step }) => {
	const due = await step.run('find-due', () => usersDueForDigest(new Date()))
	if (due.length) await step.sendEvent('send', due.map((d) => digestSend.create({ userId: d.userId, date: d.date })))
	return { due: due.length }
})

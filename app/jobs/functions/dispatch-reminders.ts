// Every minute: claim the reminders that are due (each exactly once, in-app
// notification included) and fan out one delivery event per channel, so a
// failing email never holds up a push.
import { inngest } from '../client.ts'
import { reminderDeliver } from '../events.ts'
import { claimDueReminders } from '#app/models/reminder.server.ts'
import { cron } from 'inngest'

export const dispatchRemindersFn = inngest.createFunction(
	{ id: 'dispatch-reminders', triggers: [cron('* * * * *')], concurrency: { limit: 1 } },
	async ({ step }) => {
		const claims = await step.run('claim-due', () => claimDueReminders(new Date()))
		const deliveries = claims.flatMap((c) => c.channels.map((channel) => reminderDeliver.create({ reminderId: c.reminderId, fireKey: c.fireKey, channel })))
		if (deliveries.length) await step.sendEvent('deliver', deliveries)
		return { claimed: claims.length, deliveries: deliveries.length }
	},
)

// One channel (email or push) of one firing of a reminder. A failure throws, and
// Inngest retries the step with backoff; the Notification's dedupe key makes a
// retry after a success a no-op.
import { inngest } from '../client.ts'
import { reminderDeliver } from '../events.ts'
import { deliverReminderChannel } from '#app/models/reminder.server.ts'

export const deliverReminderFn = inngest.createFunction(
	{ id: 'deliver-reminder', triggers: [reminderDeliver], retries: 5, idempotency: 'event.data.reminderId + "-" + event.data.fireKey + "-" + event.data.channel' },
	async ({ event, step }) => step.run(`send-${event.data.channel.toLowerCase()}`, () => deliverReminderChannel(event.data.reminderId, event.data.fireKey, event.data.channel)),
)

// A user changed time zone, lead days, morning time or intervals: re-plan all
// their reminders. Idempotent; one run per user at a time.
import { inngest } from '../client.ts'
import { userSettingsChanged } from '../events.ts'
import { planReminders } from '#app/models/reminder.server.ts'

export const syncUserRemindersFn = inngest.createFunction(
	{ id: 'sync-user-reminders', triggers: [userSettingsChanged], concurrency: { limit: 1, key: 'event.data.userId' } },
	async ({ event, step }) => step.run('plan', () => planReminders({ userId: event.data.userId })),
)

// A follow-up changed: re-plan (or cancel) its reminder. Idempotent.
import { inngest } from '../client.ts'
import { followUpChanged } from '../events.ts'
import { syncFollowUpReminders } from '#app/models/reminder.server.ts'

export const syncFollowUpRemindersFn = inngest.createFunction({ id: 'sync-follow-up-reminders', triggers: [followUpChanged] }, async ({ event, step }) => {
	const changed = await step.run('sync', () => syncFollowUpReminders(event.data.followUpId))
	return { changed: changed.length }
})

// Hourly: re-plan every reminder (rolls birthdays and anniversaries into next
// year once passed, catches contacts imported in bulk) and mark follow-ups missed.
import { cron } from 'inngest'
import { inngest } from '../client.ts'
import { markMissedFollowUps } from '#app/models/follow-up.server.ts'
import { planReminders } from '#app/models/reminder.server.ts'

export const planRemindersFn = inngest.createFunction({ id: 'plan-reminders', triggers: [cron('17 * * * *')], concurrency: { limit: 1 } }, async ({ step }) => {
	const planned = await step.run('plan', () => planReminders())
	const missed = await step.run('mark-missed-follow-ups', () => markMissedFollowUps())
	return { ...planned, missed }
})

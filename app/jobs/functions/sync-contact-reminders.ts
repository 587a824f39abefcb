// A contact changed or an interaction was logged: re-plan its reminders (the web
// request already did; this is the idempotent safety net) and fire at once any
// that became due now (a birthday added for today), without waiting for the cron.
import { inngest } from '../client.ts'
import { contactChanged, interactionLogged, reminderDeliver } from '../events.ts'
import { claimDueReminders, syncContactReminders } from '#app/models/reminder.server.ts'
import { prisma } from '#app/utils/db.server.ts'

export const syncContactRemindersFn = inngest.createFunction(
	{ id: 'sync-contact-reminders', triggers: [contactChanged, interactionLogged] },
	async ({ event, step }) => {
		const contactIds = 'contactIds' in event.data ? event.data.contactIds : [event.data.contactId]
		const due = await step.run('sync', async () => {
			const now = new Date()
			for (const id of contactIds) await syncContactReminders(id, { now })
			const rows = await prisma.reminder.findMany({ where: { contactId: { in: contactIds }, status: 'PENDING', scheduledAt: { lte: now } }, select: { id: true } })
			return rows.map((r) => r.id)
		})
		if (!due.length) return { contacts: contactIds.length, fired: 0 }
		const claims = await step.run('claim-due', () => claimDueReminders(new Date(), { ids: due }))
		const deliveries = claims.flatMap((c) => c.channels.map((channel) => reminderDeliver.create({ reminderId: c.reminderId, fireKey: c.fireKey, channel })))
		if (deliveries.length) await step.sendEvent('deliver', deliveries)
		return { contacts: contactIds.length, fired: claims.length }
	},
)

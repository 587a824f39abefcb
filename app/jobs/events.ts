// The typed event catalogue: every event the app sends to Inngest, by name, with
// the shape of its data. Functions trigger on these; models send them through
// app/jobs/emit.server.ts.
import { eventType, staticSchema } from 'inngest'

/** A contact was created, edited, deleted, restored or merged (reminders may move). */
export const contactChanged = eventType('rapport/contact.changed', { schema: staticSchema<{ workspaceId: string; contactIds: string[] }>() })

/** An interaction was logged, edited or deleted ("haven't talked in a while" moves). */
export const interactionLogged = eventType('rapport/interaction.logged', { schema: staticSchema<{ workspaceId: string; contactId: string }>() })

/** A follow-up was created, rescheduled, completed or cancelled. */
export const followUpChanged = eventType('rapport/follow-up.changed', { schema: staticSchema<{ workspaceId: string; followUpId: string }>() })

/** A user changed time zone, lead days, morning time or default intervals. */
export const userSettingsChanged = eventType('rapport/user.settings-changed', { schema: staticSchema<{ userId: string }>() })

/** One channel of one firing of a reminder, delivered (and retried) on its own. */
export const reminderDeliver = eventType('rapport/reminder.deliver', {
	schema: staticSchema<{ reminderId: string; fireKey: string; channel: 'EMAIL' | 'PUSH' }>(),
})

/** One user's daily digest for one local date. */
export const digestSend = eventType('rapport/digest.send', { schema: staticSchema<{ userId: string; date: string }>() })

export const EVENTS = [contactChanged, interactionLogged, followUpChanged, userSettingsChanged, reminderDeliver, digestSend]

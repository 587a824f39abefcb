// Every function /api/inngest serves.
import { deliverReminderFn } from './deliver-reminder.ts'
import { dispatchRemindersFn } from './dispatch-reminders.ts'
import { planRemindersFn } from './plan-reminders.ts'
import { sendDigestFn } from './send-digest.ts'
import { sendDigestsFn } from './send-digests.ts'
import { syncContactRemindersFn } from './sync-contact-reminders.ts'
import { syncFollowUpRemindersFn } from './sync-follow-up-reminders.ts'
import { syncUserRemindersFn } from './sync-user-reminders.ts'

export const functions = [syncContactRemindersFn, syncFollowUpRemindersFn, syncUserRemindersFn, dispatchRemindersFn, deliverReminderFn, planRemindersFn, sendDigestsFn, sendDigestFn]

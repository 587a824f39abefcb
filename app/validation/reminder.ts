// Reminders: labels and the custom-reminder form's schema, shared by the pages
// and their actions.
import { z } from 'zod'

export const REMINDER_TYPES = ['BIRTHDAY', 'ANNIVERSARY', 'FOLLOW_UP', 'NO_CONTACT', 'CUSTOM'] as const
export type ReminderTypeName = (typeof REMINDER_TYPES)[number]
export const REMINDER_TYPE_LABELS: Record<ReminderTypeName, string> = {
	BIRTHDAY: 'Birthday',
	ANNIVERSARY: 'Anniversary',
	FOLLOW_UP: 'Follow-up',
	NO_CONTACT: 'Keep in touch',
	CUSTOM: 'Reminder',
}

export const RECURRENCES = ['NONE', 'MONTHLY', 'YEARLY'] as const
export const RECURRENCE_LABELS: Record<(typeof RECURRENCES)[number], string> = { NONE: 'Once', MONTHLY: 'Every month', YEARLY: 'Every year' }

export const CustomReminderSchema = z.object({
	intent: z.literal('add-reminder'),
	title: z.string({ required_error: 'Say what to remind you about' }).trim().min(1, 'Say what to remind you about').max(200, 'Keep it under 200 characters'),
	date: z.string({ required_error: 'Choose a date' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'Choose a date'),
	time: z
		.string()
		.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Choose a time, like 09:00')
		.optional(),
	recurrence: z.enum(RECURRENCES).default('NONE'),
})

export const KEEP_IN_TOUCH_CHOICES = [
	{ value: 'off', label: 'Off' },
	{ value: 'default', label: 'My default' },
	{ value: '7', label: 'Every week' },
	{ value: '14', label: 'Every 2 weeks' },
	{ value: '30', label: 'Every month' },
	{ value: '90', label: 'Every 3 months' },
	{ value: '180', label: 'Every 6 months' },
	{ value: '365', label: 'Every year' },
] as const

export const KeepInTouchSchema = z.object({
	intent: z.literal('keep-in-touch'),
	keepInTouch: z.enum(KEEP_IN_TOUCH_CHOICES.map((c) => c.value) as [string, ...string[]], { required_error: 'Choose how often' }),
})

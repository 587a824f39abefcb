// Done / Snooze / Dismiss posted from /reminders, /notifications or a contact page.
import { data } from '@remix-run/node'
import { applyReminderIntent, ReminderFieldError } from '#app/models/reminder.server.ts'
import { requireMembership } from '#app/models/workspace.server.ts'
import { readForm } from '#app/utils/form.server.ts'

export async function reminderAction(request: Request) {
	const m = await requireMembership(request)
	const form = await readForm(request)
	const reminderId = String(form.get('reminderId') ?? '')
	const intent = String(form.get('intent') ?? '')
	try {
		const result = await applyReminderIntent(m.userId, reminderId, intent, { date: form.get('date')?.toString() ?? null })
		return data({ ok: true as const, message: result.message, error: null })
	} catch (error) {
		if (error instanceof ReminderFieldError) return data({ ok: false as const, message: null, error: error.message }, { status: 400 })
		throw error
	}
}


// POST /api/reminders/action: what the service worker calls when someone presses
// Mark done, Snooze or Dismiss on a push notification. Authenticated by the signed,
// single-purpose, expiring token that came in the push (no cookie needed, so it
// works when no tab is open). Body: JSON or form { token, choice? } where choice
// is the snooze length (1h, 1d, 1w; 1h when absent).
import type { ActionFunctionArgs } from '@remix-run/node'
import { applyReminderIntent, getReminderForAction, ReminderFieldError } from '#app/models/reminder.server.ts'
import { verifyReminderToken } from '#app/utils/action-token.server.ts'
import { readForm } from '#app/utils/form.server.ts'

export async function loader() {
	return Response.json({ error: 'Use POST' }, { status: 405, headers: { Allow: 'POST' } })
}

export async function action({ request }: ActionFunctionArgs) {
	if (request.method !== 'POST') return Response.json({ error: 'Use POST' }, { status: 405 })
	let body: Record<string, unknown> = {}
	try {
		body = (request.headers.get('content-type') ?? '').includes('application/json') ? ((await request.json()) as Record<string, unknown>) : Object.fromEntries(await readForm(request))
	} catch {
		return Response.json({ error: 'Send JSON or a form' }, { status: 400 })
	}
	const payload = verifyReminderToken(typeof body.token === 'string' ? body.token : null)
	if (!payload) return Response.json({ error: 'This action has expired or is not valid' }, { status: 401 })
	const reminder = await getReminderForAction(payload.r)
	if (!reminder) return Response.json({ error: 'Not found' }, { status: 404 })
	const choice = typeof body.choice === 'string' && ['1h', '1d', '1w'].includes(body.choice) ? body.choice : '1h'
	const intent = payload.a === 'snooze' ? `snooze:${choice}` : payload.a
	try {
		const result = await applyReminderIntent(reminder.userId, reminder.id, intent)
		return Response.json({ ok: true, action: payload.a, reminderId: reminder.id, ...('until' in result && result.until ? { until: result.until.toISOString() } : {}) })
	} catch (error) {
		if (error instanceof ReminderFieldError) return Response.json({ error: error.message }, { status: 400 })
		throw error
	}
}

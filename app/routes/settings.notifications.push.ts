// POST /settings/notifications/push: this browser's push subscription.
// intent=subscribe (JSON subscription from PushManager, sent by the settings page's
// script) saves it and turns push on; intent=remove (a plain form, works without
// JS) removes one device by id or endpoint. Cookie-authenticated, same-origin only.
import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { removePushSubscription, savePushSubscription } from '#app/models/reminder.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { requireUserId } from '#app/utils/session.server.ts'
import { readForm } from '#app/utils/form.server.ts'

const SubscriptionSchema = z.object({
	endpoint: z.string().url().startsWith('https://').max(2000),
	keys: z.object({ p256dh: z.string().min(20).max(200), auth: z.string().min(8).max(100) }),
})

export async function loader() {
	return redirect('/settings/notifications')
}

export async function action({ request }: ActionFunctionArgs) {
	const userId = await requireUserId(request)
	const form = await readForm(request)
	const intent = String(form.get('intent') ?? '')
	if (intent === 'subscribe') {
		let parsed: z.infer<typeof SubscriptionSchema>
		try {
			parsed = SubscriptionSchema.parse(JSON.parse(String(form.get('subscription') ?? '')))
		} catch {
			return Response.json({ ok: false, error: 'That is not a push subscription' }, { status: 400 })
		}
		await savePushSubscription(userId, { endpoint: parsed.endpoint, p256dh: parsed.keys.p256dh, auth: parsed.keys.auth, userAgent: request.headers.get('user-agent') })
		await prisma.user.update({ where: { id: userId }, data: { notifyPush: true } })
		return Response.json({ ok: true, error: null })
	}
	if (intent === 'remove') {
		const id = form.get('id')?.toString()
		const endpoint = form.get('endpoint')?.toString()
		await removePushSubscription(userId, id ? { id } : { endpoint })
		if ((request.headers.get('accept') ?? '').includes('application/json')) return Response.json({ ok: true, error: null })
		return redirect('/settings/notifications?removed=1')
	}
	return Response.json({ ok: false, error: 'Unknown action' }, { status: 400 })
}

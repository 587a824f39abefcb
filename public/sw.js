/* Rapport's service worker: shows reminder push notifications with Mark done,
 * Snooze and Dismiss, and opens the contact's page on a click. The actions post
 * the signed token that came with the push to /api/reminders/action, so they work
 * with no Rapport tab open. */
self.addEventListener('install', () => self.skipWaiting())
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()))

self.addEventListener('push', (event) => {
	let payload = {}
	try {
		payload = event.data ? event.data.json() : {}
	} catch {
		payload = { title: event.data ? event.data.text() : 'Rapport' }
	}
	const title = payload.title || 'Rapport'
	const tokens = payload.actions || {}
	const actions = []
	if (tokens.done) actions.push({ action: 'done', title: 'Mark done' })
	if (tokens.snooze) actions.push({ action: 'snooze', title: 'Snooze 1 hour' })
	if (tokens.dismiss) actions.push({ action: 'dismiss', title: 'Dismiss' })
	event.waitUntil(
		self.registration.showNotification(title, {
			body: payload.body || '',
			tag: payload.tag,
			icon: '/favicon.svg',
			badge: '/favicon.svg',
			data: { url: payload.url || '/reminders', tokens },
			actions,
		}),
	)
})

async function act(action, token) {
	const response = await fetch('/api/reminders/action', {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ token, choice: action === 'snooze' ? '1h' : undefined }),
		credentials: 'omit',
	})
	return response.ok
}

async function open(url) {
	const target = new URL(url, self.location.origin).href
	const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true })
	for (const client of windows) {
		if (client.url === target && 'focus' in client) return client.focus()
	}
	for (const client of windows) {
		if ('navigate' in client && new URL(client.url).origin === self.location.origin) {
			await client.focus()
			return client.navigate(target)
		}
	}
	return self.clients.openWindow(target)
}

self.addEventListener('notificationclick', (event) => {
	const notification = event.notification
	const data = notification.data || {}
	notification.close()
	const token = event.action && data.tokens ? data.tokens[event.action] : null
	if (token) {
		event.waitUntil(
			act(event.action, token).then((ok) => {
				// If the action failed (expired link, offline), open Rapport instead.
				if (!ok) return open(data.url || '/reminders')
			}),
		)
		return
	}
	event.waitUntil(open(data.url || '/reminders'))
})

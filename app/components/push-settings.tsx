// "Push on this device": registers the service worker, asks for permission,
// subscribes with the server's VAPID key and sends the subscription to the server.
// Needs JavaScript by nature; without it the page says so (removing devices works
// without JS).
import { useRevalidator } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { Button } from './ui/button.tsx'
import { Icon } from './ui/icon.tsx'

type State = 'checking' | 'unsupported' | 'denied' | 'off' | 'on' | 'working' | 'error'

function keyBytes(base64url: string) {
	const padded = (base64url + '='.repeat((4 - (base64url.length % 4)) % 4)).replace(/-/g, '+').replace(/_/g, '/')
	return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0))
}

async function post(body: Record<string, string>) {
	const form = new FormData()
	for (const [k, v] of Object.entries(body)) form.set(k, v)
	const res = await fetch('/settings/notifications/push', { method: 'POST', body: form, headers: { Accept: 'application/json' } })
	if (!res.ok) throw new Error(`Saving failed (${res.status})`)
}

export function PushOnThisDevice({ publicKey }: { publicKey: string }) {
	const [state, setState] = useState<State>('checking')
	const [message, setMessage] = useState<string | null>(null)
	const revalidator = useRevalidator()

	useEffect(() => {
		if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) return setState('unsupported')
		if (Notification.permission === 'denied') return setState('denied')
		navigator.serviceWorker
			.getRegistration('/')
			.then((reg) => reg?.pushManager.getSubscription())
			.then((sub) => setState(sub ? 'on' : 'off'))
			.catch(() => setState('off'))
	}, [])

	async function turnOn() {
		setState('working')
		setMessage(null)
		try {
			const reg = await navigator.serviceWorker.register('/sw.js', { scope: '/' })
			await navigator.serviceWorker.ready
			const permission = await Notification.requestPermission()
			if (permission !== 'granted') return setState(permission === 'denied' ? 'denied' : 'off')
			const sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) })
			await post({ intent: 'subscribe', subscription: JSON.stringify(sub) })
			setState('on')
			revalidator.revalidate()
		} catch (error) {
			setState('error')
			setMessage(error instanceof Error ? error.message : 'Could not turn on push')
		}
	}

	async function turnOff() {
		setState('working')
		try {
			const reg = await navigator.serviceWorker.getRegistration('/')
			const sub = await reg?.pushManager.getSubscription()
			if (sub) {
				await post({ intent: 'remove', endpoint: sub.endpoint })
				await sub.unsubscribe()
			}
			setState('off')
			revalidator.revalidate()
		} catch (error) {
			setState('error')
			setMessage(error instanceof Error ? error.message : 'Could not turn off push')
		}
	}

	return (
		<div className="flex flex-wrap items-center gap-3">
			<noscript>
				<p className="text-sm text-muted">Turning on push in this browser needs JavaScript.</p>
			</noscript>
			{state === 'on' ? (
				<>
					<span className="inline-flex items-center gap-1.5 text-sm text-success-text">
						<Icon name="check" className="h-4 w-4" />
						Push is on in this browser
					</span>
					<Button variant="secondary" size="sm" onClick={turnOff}>
						Turn off here
					</Button>
				</>
			) : state === 'off' || state === 'error' || state === 'working' ? (
				<Button size="sm" onClick={turnOn} disabled={state === 'working'}>
					<Icon name="bell" className="h-4 w-4" />
					{state === 'working' ? 'Working…' : 'Turn on push in this browser'}
				</Button>
			) : state === 'unsupported' ? (
				<p className="text-sm text-muted">This browser does not support push notifications.</p>
			) : state === 'denied' ? (
				<p className="text-sm text-muted">Notifications are blocked for Rapport in this browser’s site settings.</p>
			) : null}
			{message ? (
				<p role="alert" className="w-full text-sm text-danger-text">
					{message}
				</p>
			) : null}
		</div>
	)
}

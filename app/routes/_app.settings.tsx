// Settings: a sub-navigation (a column on wide screens, scrollable tabs on phones)
// and the page. Each page loads and saves its own part of the account.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { NavLink, Outlet, useLocation } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { cn } from '#app/utils/misc.ts'
import { requireUserId } from '#app/utils/session.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	await requireUserId(request)
	return null
}

const SECTIONS = [
	{ to: '/settings', label: 'Profile', end: true },
	{ to: '/settings/preferences', label: 'Preferences' },
	{ to: '/settings/notifications', label: 'Notifications' },
	{ to: '/settings/security', label: 'Security' },
	{ to: '/settings/account', label: 'Account' },
	{ to: '/settings/tags', label: 'Tags' },
	{ to: '/settings/groups', label: 'Groups' },
	{ to: '/settings/fields', label: 'Custom fields' },
	{ to: '/settings/pipeline', label: 'Pipeline' },
	{ to: '/settings/templates', label: 'Message templates' },
	{ to: '/settings/activity', label: 'Activity' },
]

export default function SettingsLayout() {
	const tabs = useRef<HTMLUListElement>(null)
	const { pathname } = useLocation()
	// On phones the tabs scroll sideways: bring the current one into view.
	useEffect(() => {
		const list = tabs.current
		const active = list?.querySelector<HTMLElement>('[aria-current="page"]')
		if (!list || !active || list.scrollWidth <= list.clientWidth) return
		const left = active.offsetLeft - list.offsetLeft
		if (left < list.scrollLeft || left + active.offsetWidth > list.scrollLeft + list.clientWidth) list.scrollLeft = left - 16
	}, [pathname])
	return (
		<div className="mx-auto max-w-5xl">
			<h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
			<div className="mt-4 md:mt-6 md:grid md:grid-cols-[11rem_minmax(0,1fr)] md:gap-8">
				<nav aria-label="Settings" className="-mx-4 border-b border-border md:mx-0 md:border-0">
					<ul ref={tabs} className="flex gap-1 overflow-x-auto px-4 [scrollbar-width:none] md:flex-col md:gap-0.5 md:overflow-visible md:px-0">
						{SECTIONS.map((s) => (
							<li key={s.to} className="shrink-0">
								<NavLink
									to={s.to}
									end={s.end}
									prefetch="intent"
									className={({ isActive }) =>
										cn(
											'block border-b-2 px-3 py-2.5 text-sm font-medium whitespace-nowrap md:rounded-md md:border-b-0 md:py-2',
											isActive ? 'border-accent text-link md:bg-accent-soft' : 'border-transparent text-muted hover:text-fg md:hover:bg-subtle',
										)
									}
								>
									{s.label}
								</NavLink>
							</li>
						))}
					</ul>
				</nav>
				<div className="mt-6 min-w-0 md:mt-0">
					<Outlet />
				</div>
			</div>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

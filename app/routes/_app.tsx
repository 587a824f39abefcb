// The signed-in shell: sidebar (a drawer on phones, driven by a checkbox so it
// works without JS), top bar with global search (Ctrl/Cmd-K) and the user menu, and the page.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { Form, NavLink, Outlet, useLoaderData, useRouteLoaderData } from '@remix-run/react'
import { TopBarSearch } from '#app/components/command-palette.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { QuickActionPrompt } from '#app/components/quick-actions.tsx'
import { Avatar } from '#app/components/ui/avatar.tsx'
import { Icon, type IconName } from '#app/components/ui/icon.tsx'
import { countOverdueFollowUps } from '#app/models/follow-up.server.ts'
import { pendingQuickAction } from '#app/models/quick-action.server.ts'
import { countUnreadNotifications } from '#app/models/reminder.server.ts'
import { canCreate, requireMembership } from '#app/models/workspace.server.ts'
import type { RootLoader } from '#app/root.tsx'
import { cn } from '#app/utils/misc.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const m = await requireMembership(request)
	// The sidebar's "overdue follow-ups" badge: one indexed count.
	// quickAction: the "Log this as an interaction?" prompt after a quick action (null without its cookie).
	// unreadNotifications: the bell's count (one indexed count).
	const [overdueFollowUps, quickAction, unreadNotifications] = await Promise.all([countOverdueFollowUps(m), pendingQuickAction(request), countUnreadNotifications(m.userId)])
	return { overdueFollowUps, canLog: canCreate(m), quickAction, unreadNotifications }
}

const NAV: Array<{ to: string; label: string; icon: IconName }> = [
	{ to: '/dashboard', label: 'Dashboard', icon: 'home' },
	{ to: '/follow-ups', label: 'Follow-ups', icon: 'calendar-clock' },
	{ to: '/reminders', label: 'Reminders', icon: 'bell' },
	{ to: '/contacts', label: 'Contacts', icon: 'users' },
	{ to: '/companies', label: 'Companies', icon: 'building' },
	{ to: '/deals', label: 'Deals', icon: 'kanban' },
	{ to: '/leads', label: 'Leads', icon: 'handshake' },
]

function NavItem({ to, label, icon, badge }: { to: string; label: string; icon: IconName; badge?: number }) {
	return (
		<NavLink
			to={to}
			prefetch="intent"
			className={({ isActive }) =>
				cn('flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium', isActive ? 'bg-accent-soft text-link' : 'text-muted hover:bg-subtle hover:text-fg')
			}
		>
			<Icon name={icon} className="h-4 w-4" />
			{label}
			{badge ? (
				<span className="ml-auto rounded-full bg-danger-soft px-1.5 text-xs font-semibold text-danger-text tabular-nums" title={`${badge} overdue`}>
					{badge}
					<span className="sr-only"> overdue</span>
				</span>
			) : null}
		</NavLink>
	)
}

export default function AppShell() {
	const root = useRouteLoaderData<RootLoader>('root')
	const user = root?.user
	const shell = useLoaderData<typeof loader>()
	return (
		<div className="min-h-dvh">
			<input type="checkbox" id="nav-toggle" className="peer sr-only" aria-hidden="true" tabIndex={-1} />
			<aside
				aria-label="Main navigation"
				className="app-sidebar fixed inset-y-0 left-0 z-40 flex w-60 -translate-x-full flex-col border-r border-border bg-surface transition-transform md:translate-x-0"
			>
				<div className="flex h-14 items-center gap-2 border-b border-border px-5">
					<Logo />
				</div>
				<nav className="flex flex-1 flex-col gap-1 p-3">
					{NAV.map((item) => (
						<NavItem key={item.to} {...item} badge={item.to === '/follow-ups' ? shell?.overdueFollowUps : undefined} />
					))}
				</nav>
				<div className="border-t border-border p-3">
					<NavItem to="/settings" label="Settings" icon="settings" />
				</div>
			</aside>
			<label htmlFor="nav-toggle" className="app-backdrop fixed inset-0 z-30 hidden bg-black/40 md:hidden">
				<span className="sr-only">Close menu</span>
			</label>
			<div className="md:pl-60">
				<header className="sticky top-0 z-20 flex h-14 items-center gap-3 border-b border-border bg-surface/90 px-4 backdrop-blur md:px-6">
					<label htmlFor="nav-toggle" className="inline-flex h-9 w-9 cursor-pointer items-center justify-center rounded-md text-muted hover:bg-subtle md:hidden">
						<Icon name="menu" className="h-5 w-5" />
						<span className="sr-only">Open menu</span>
					</label>
					<div className="md:hidden">
						<Logo />
					</div>
					<div className="ml-auto flex items-center sm:ml-0 sm:flex-1">
						<TopBarSearch />
					</div>
					<div className="flex items-center gap-2">
						{shell?.canLog ? (
							<NavLink to="/interactions/new" end className="inline-flex h-9 items-center gap-2 rounded-md bg-accent px-3 text-sm font-medium text-accent-fg shadow-sm hover:bg-accent-hover" title="Log interaction">
								<Icon name="plus" className="h-4 w-4" />
								<span className="sr-only sm:not-sr-only">Log interaction</span>
							</NavLink>
						) : null}
						<NotificationBell unread={shell?.unreadNotifications ?? 0} />
						{user ? <UserMenu user={user} /> : null}
					</div>
				</header>
				<main id="main" className="mx-auto w-full max-w-6xl px-4 py-6 md:px-8 md:py-8">
					<QuickActionPrompt pending={shell?.quickAction ?? null} />
					<Outlet />
				</main>
			</div>
		</div>
	)
}

/** The top bar's bell: a link to the notification center with the unread count. */
function NotificationBell({ unread }: { unread: number }) {
	const label = unread ? `Notifications, ${unread} unread` : 'Notifications'
	return (
		<NavLink
			to="/notifications"
			title={label}
			className={({ isActive }) => cn('relative inline-flex h-9 w-9 items-center justify-center rounded-md hover:bg-subtle', isActive ? 'text-link' : 'text-muted hover:text-fg')}
		>
			<Icon name="bell" className="h-5 w-5" />
			<span className="sr-only">{label}</span>
			{unread ? (
				<span aria-hidden="true" className="absolute -top-0.5 -right-0.5 min-w-[1.125rem] rounded-full bg-danger px-1 text-center text-[11px] leading-[1.125rem] font-semibold text-white tabular-nums">
					{unread > 99 ? '99+' : unread}
				</span>
			) : null}
		</NavLink>
	)
}

function Logo() {
	return (
		<span className="flex items-center gap-2 text-base font-semibold tracking-tight">
			<span aria-hidden="true" className="inline-flex h-7 w-7 items-center justify-center rounded-md bg-accent text-sm font-bold text-accent-fg">
				R
			</span>
			Rapport
		</span>
	)
}

function UserMenu({ user }: { user: { name: string; email: string; avatarSrc: string | null } }) {
	return (
		<details className="group relative">
			<summary className="flex cursor-pointer list-none items-center gap-2 rounded-md px-2 py-1 hover:bg-subtle [&::-webkit-details-marker]:hidden">
				<Avatar name={user.name} src={user.avatarSrc} />
				<span className="hidden text-sm font-medium sm:inline">{user.name}</span>
				<Icon name="chevron-down" className="h-4 w-4 text-muted" />
				<span className="sr-only">Account menu</span>
			</summary>
			<div className="absolute right-0 z-50 mt-2 w-60 rounded-lg border border-border bg-surface p-1 shadow-lg">
				<div className="border-b border-border px-3 py-2">
					<p className="truncate text-sm font-medium">{user.name}</p>
					<p className="truncate text-xs text-muted">{user.email}</p>
				</div>
				<NavLink to="/settings" className="block rounded-md px-3 py-2 text-sm hover:bg-subtle">
					Settings
				</NavLink>
				<Form method="post" action="/logout">
					<button type="submit" className="block w-full rounded-md px-3 py-2 text-left text-sm hover:bg-subtle">
						Sign out
					</button>
				</Form>
			</div>
		</details>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

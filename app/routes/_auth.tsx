// Centered card layout for the account pages (sign up, sign in, reset...).
import { Link, Outlet } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'

export default function AuthLayout() {
	return (
		<div className="flex min-h-dvh flex-col items-center justify-center px-4 py-10">
			<Link to="/" className="mb-8 flex items-center gap-2 text-lg font-semibold tracking-tight">
				<span aria-hidden="true" className="inline-flex h-8 w-8 items-center justify-center rounded-md bg-accent font-bold text-accent-fg">
					R
				</span>
				Rapport
			</Link>
			<main className="w-full max-w-sm rounded-xl border border-border bg-surface p-6 shadow-sm sm:p-8">
				<Outlet />
			</main>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

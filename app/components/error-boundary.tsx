import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'
import { buttonClass } from './ui/button.tsx'

/** Friendly pages for 404s and unexpected errors; never a stack trace. */
export function GeneralErrorBoundary() {
	const error = useRouteError()
	const notFound = isRouteErrorResponse(error) && error.status === 404
	const status = isRouteErrorResponse(error) ? error.status : 500
	if (!isRouteErrorResponse(error)) console.error(error)
	return (
		<div className="rounded-lg border border-border bg-surface p-8 text-center shadow-sm">
			<p className="text-sm font-semibold text-link">{status}</p>
			<h1 className="mt-2 text-2xl font-semibold tracking-tight">{notFound ? 'We couldn’t find that page' : 'Something went wrong'}</h1>
			<p className="mt-3 text-sm text-muted">
				{notFound
					? 'It may have been moved or deleted, or the link may be mistyped.'
					: isRouteErrorResponse(error) && typeof error.data === 'string' && error.status < 500
						? error.data
						: 'We hit an unexpected problem. Please try again; if it keeps happening, let your administrator know.'}
			</p>
			<div className="mt-6 flex justify-center gap-3">
				<Link to="/dashboard" className={buttonClass()}>
					Go to dashboard
				</Link>
			</div>
		</div>
	)
}

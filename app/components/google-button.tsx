import { Form } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { buttonClass } from './ui/button.tsx'

/** Posts to /auth/google, which redirects to Google's consent screen. */
export function GoogleButton({ label, redirectTo }: { label: string; redirectTo?: string | null }) {
	// A new account's time zone; without JS it stays empty and the server uses UTC.
	const [timezone, setTimezone] = useState('')
	useEffect(() => setTimezone(Intl.DateTimeFormat().resolvedOptions().timeZone), [])
	return (
		<>
			<Form method="post" action="/auth/google">
				{redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
				{timezone ? <input type="hidden" name="timezone" value={timezone} /> : null}
				<button type="submit" className={buttonClass({ variant: 'secondary', className: 'w-full' })}>
					<svg aria-hidden="true" viewBox="0 0 24 24" className="h-4 w-4">
						<path fill="#EA4335" d="M12 10.2v3.9h5.5c-.2 1.3-1.6 3.9-5.5 3.9-3.3 0-6-2.7-6-6.1s2.7-6.1 6-6.1c1.9 0 3.1.8 3.8 1.5l2.6-2.5C16.8 3.3 14.6 2.3 12 2.3 6.7 2.3 2.4 6.6 2.4 12s4.3 9.7 9.6 9.7c5.5 0 9.2-3.9 9.2-9.4 0-.6-.1-1.1-.2-1.6H12z" />
					</svg>
					{label}
				</button>
			</Form>
			<div className="my-5 flex items-center gap-3 text-xs text-muted" aria-hidden="true">
				<span className="h-px flex-1 bg-border" />
				or
				<span className="h-px flex-1 bg-border" />
			</div>
		</>
	)
}

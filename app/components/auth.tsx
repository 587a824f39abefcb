import type { ReactNode } from 'react'

export function AuthHeading({ title, subtitle }: { title: string; subtitle?: ReactNode }) {
	return (
		<div className="mb-6">
			<h1 className="text-xl font-semibold tracking-tight">{title}</h1>
			{subtitle ? <p className="mt-1 text-sm text-muted">{subtitle}</p> : null}
		</div>
	)
}

export const RATE_LIMITED = 'Too many attempts from your network. Wait a few minutes and try again.'

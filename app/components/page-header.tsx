import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { Icon } from './ui/icon.tsx'

/** Title row of a page: optional back link, title, subtitle and actions. */
export function PageHeader({ title, subtitle, back, actions }: { title: ReactNode; subtitle?: ReactNode; back?: { to: string; label: string }; actions?: ReactNode }) {
	return (
		<div className="mb-6">
			{back ? (
				<Link to={back.to} className="mb-2 inline-flex items-center gap-1 text-sm text-muted hover:text-fg">
					<Icon name="chevron-left" className="h-4 w-4" />
					{back.label}
				</Link>
			) : null}
			<div className="flex flex-wrap items-end justify-between gap-3">
				<div className="min-w-0">
					<h1 className="truncate text-2xl font-semibold tracking-tight">{title}</h1>
					{subtitle ? <p className="mt-1 text-sm text-muted">{subtitle}</p> : null}
				</div>
				{actions ? <div className="flex flex-wrap items-center gap-2">{actions}</div> : null}
			</div>
		</div>
	)
}

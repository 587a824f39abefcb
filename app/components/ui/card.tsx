import type { HTMLAttributes, ReactNode } from 'react'
import { cn } from '#app/utils/misc.ts'

export function Card({ className, ...props }: HTMLAttributes<HTMLElement>) {
	return <section className={cn('rounded-lg border border-border bg-surface shadow-sm', className)} {...props} />
}

export function CardHeader({ title, description, actions }: { title: ReactNode; description?: ReactNode; actions?: ReactNode }) {
	return (
		<div className="flex items-start justify-between gap-4 border-b border-border px-5 py-4">
			<div>
				<h2 className="text-base font-semibold text-fg">{title}</h2>
				{description ? <p className="mt-0.5 text-sm text-muted">{description}</p> : null}
			</div>
			{actions}
		</div>
	)
}

export function CardBody({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
	return <div className={cn('px-5 py-4', className)} {...props} />
}

import type { ReactNode } from 'react'
import { cn } from '#app/utils/misc.ts'

const tones = {
	info: 'bg-accent-soft text-fg border-accent/30',
	success: 'bg-success-soft text-success-text border-success-text/30',
	warning: 'bg-warning-soft text-warning-text border-warning-text/30',
	danger: 'bg-danger-soft text-danger-text border-danger-text/30',
}

export function Alert({ tone = 'info', children, className, id }: { tone?: keyof typeof tones; children: ReactNode; className?: string; id?: string }) {
	return (
		<div id={id} role={tone === 'danger' ? 'alert' : 'status'} className={cn('rounded-md border px-4 py-3 text-sm', tones[tone], className)}>
			{children}
		</div>
	)
}

import type { ReactNode } from 'react'
import { cn } from '#app/utils/misc.ts'

const tones = {
	neutral: 'bg-subtle text-muted',
	accent: 'bg-accent-soft text-link',
	success: 'bg-success-soft text-success-text',
	warning: 'bg-warning-soft text-warning-text',
	danger: 'bg-danger-soft text-danger-text',
}

export function Badge({ tone = 'neutral', children, className }: { tone?: keyof typeof tones; children: ReactNode; className?: string }) {
	return <span className={cn('inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium', tones[tone], className)}>{children}</span>
}

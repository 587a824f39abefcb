// "Delete …" behind a disclosure: one click opens the explanation, a second one
// (a real form post with intent=delete) deletes. Works without JavaScript.
import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'
import { buttonClass } from './ui/button.tsx'
import { Icon } from './ui/icon.tsx'
import { cn } from '#app/utils/misc.ts'

export function ConfirmDelete({
	summary,
	confirmLabel,
	children,
	hiddenFields,
	pending = false,
	className,
}: {
	/** What the closed disclosure says, e.g. "Delete deal". */
	summary: string
	/** The button that deletes, e.g. "Yes, delete Acme". */
	confirmLabel: string
	/** What deleting does. */
	children: ReactNode
	hiddenFields?: Record<string, string>
	pending?: boolean
	className?: string
}) {
	return (
		<details className={cn('group rounded-lg border border-border bg-surface px-4 py-3 text-sm shadow-sm', className)}>
			<summary className="flex cursor-pointer list-none items-center gap-2 font-medium text-danger-text [&::-webkit-details-marker]:hidden">
				<Icon name="trash" className="h-4 w-4" /> {summary}
			</summary>
			<div className="mt-3 flex flex-col gap-3">
				<p className="text-muted">{children}</p>
				<Form method="post">
					{Object.entries(hiddenFields ?? {}).map(([name, value]) => (
						<input key={name} type="hidden" name={name} value={value} />
					))}
					<button type="submit" name="intent" value="delete" aria-disabled={pending || undefined} className={buttonClass({ variant: 'danger', size: 'sm' })}>
						{confirmLabel}
					</button>
				</Form>
			</div>
		</details>
	)
}

import type { ReactNode } from 'react'
import { Card } from './ui/card.tsx'

/** A titled group of fields in a long form (a fieldset with a legend, for screen readers). */
export function FormSection({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
	return (
		<Card className="p-5">
			<fieldset className="grid gap-4 sm:grid-cols-2">
				<legend className="mb-1 sm:col-span-2">
					<span className="text-base font-semibold">{title}</span>
					{description ? <span className="mt-0.5 block text-sm text-muted">{description}</span> : null}
				</legend>
				{children}
			</fieldset>
		</Card>
	)
}

// Building blocks of a record page (contact, company): facts and notes.
import type { ReactNode } from 'react'
import { Card, CardHeader } from './ui/card.tsx'

export function Fact({ label, children }: { label: string; children: ReactNode }) {
	return (
		<div className="grid grid-cols-[8rem_1fr] gap-3 py-2 text-sm">
			<dt className="text-muted">{label}</dt>
			<dd className="min-w-0 break-words">{children}</dd>
		</div>
	)
}

/** Notes rendered from Markdown on the server (already sanitized). */
export function NotesCard({ html }: { html: string }) {
	return (
		<Card>
			<CardHeader title="Notes" />
			{html ? <div className="prose-notes px-5 py-4 text-sm" dangerouslySetInnerHTML={{ __html: html }} /> : <p className="px-5 py-4 text-sm text-muted">No notes yet.</p>}
		</Card>
	)
}

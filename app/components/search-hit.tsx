// One global-search hit (the /search page and the Ctrl/Cmd-K palette share it).
// Matched words arrive wrapped in marker characters and become <mark> elements;
// the text itself is always rendered as text.
import type { SearchHit, SearchKindName } from '#app/models/search.server.ts'
import { cn } from '#app/utils/misc.ts'
import { splitMarks } from '#app/utils/search-highlight.ts'
import { Icon, type IconName } from './ui/icon.tsx'

export const KIND_ICONS: Record<SearchKindName, IconName> = {
	contact: 'users',
	company: 'building',
	deal: 'handshake',
	interaction: 'message-square',
	tag: 'tag',
}

export function Highlighted({ text, className }: { text: string; className?: string }) {
	return (
		<span className={className}>
			{splitMarks(text).map((part, i) =>
				part.mark ? (
					<mark key={i} className="rounded-sm bg-warning-soft px-0.5 font-semibold text-fg">
						{part.text}
					</mark>
				) : (
					<span key={i}>{part.text}</span>
				),
			)}
		</span>
	)
}

/** Icon, title, matched detail and a quiet meta line; the caller wraps it in a link or option. */
export function SearchHitBody({ hit, active = false }: { hit: SearchHit; active?: boolean }) {
	return (
		<span className="flex min-w-0 items-start gap-3">
			<span className={cn('mt-0.5 inline-flex h-7 w-7 shrink-0 items-center justify-center rounded-md', active ? 'bg-accent text-accent-fg' : 'bg-subtle text-muted')}>
				<Icon name={KIND_ICONS[hit.kind]} className="h-4 w-4" />
			</span>
			<span className="min-w-0 flex-1">
				<Highlighted text={hit.title} className="block truncate text-sm font-medium text-fg" />
				{hit.detail ? <Highlighted text={hit.detail} className="block truncate text-sm text-muted" /> : null}
			</span>
			{hit.meta ? <span className="hidden shrink-0 pt-0.5 text-xs text-muted sm:block">{hit.meta}</span> : null}
		</span>
	)
}

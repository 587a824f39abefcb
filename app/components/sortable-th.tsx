// Sortable column headers for list tables: each sorts the list by a link (works without
// JavaScript), with aria-sort on the active column.
import { Link } from '@remix-run/react'
import { cn } from '#app/utils/misc.ts'
import { Icon } from './ui/icon.tsx'

/** The look of a list table's header row. */
export const LIST_HEAD_CLASS = 'border-b border-border bg-subtle/60 text-left text-xs font-medium tracking-wide text-muted uppercase'

export function SortableTh({ label, active, dir, href, className }: { label: string; active: boolean; dir: 'asc' | 'desc'; href: string; className?: string }) {
	return (
		<th scope="col" className={className} aria-sort={active ? (dir === 'desc' ? 'descending' : 'ascending') : undefined}>
			<Link to={href} className="inline-flex items-center gap-1 hover:text-fg" preventScrollReset>
				{label}
				{active ? <Icon name={dir === 'desc' ? 'arrow-down' : 'arrow-up'} className="h-3 w-3" /> : null}
			</Link>
		</th>
	)
}

/**
 * One header per sortable column. The active column's link flips its direction;
 * another column starts in its natural one (`descFirst`: biggest or newest first).
 */
export function SortableColumns<K extends string>({
	columns,
	sort,
	dir,
	hrefFor,
	descFirst = [],
	cellClass,
}: {
	columns: ReadonlyArray<{ key: K; label: string; className?: string }>
	sort: K
	dir: 'asc' | 'desc'
	hrefFor: (sort: K, dir: 'asc' | 'desc') => string
	descFirst?: readonly K[]
	cellClass: string
}) {
	return columns.map((col) => {
		const active = sort === col.key
		const next = active ? (dir === 'asc' ? 'desc' : 'asc') : descFirst.includes(col.key) ? 'desc' : 'asc'
		return <SortableTh key={col.key} label={col.label} active={active} dir={dir} href={hrefFor(col.key, next)} className={cn(cellClass, col.className)} />
	})
}

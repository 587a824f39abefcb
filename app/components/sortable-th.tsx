// A column header that sorts the list by a link (works without JavaScript), with
// aria-sort on the active column.
import { Link } from '@remix-run/react'
import { Icon } from './ui/icon.tsx'

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

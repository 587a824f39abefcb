// A tag as a small coloured pill. Colours come from a fixed palette defined in
// tailwind.css ([data-tag-color]): pairs of tints with AA contrast on light and dark
// surfaces (light-dark() follows the theme class on <html>, like the semantic tokens).
import { cn } from '#app/utils/misc.ts'
import { TAG_COLORS, type TagColor } from '#app/validation/taxonomy.ts'

export const TAG_COLOR_LABELS: Record<TagColor, string> = {
	slate: 'Slate',
	red: 'Red',
	orange: 'Orange',
	amber: 'Amber',
	emerald: 'Emerald',
	teal: 'Teal',
	sky: 'Sky',
	indigo: 'Indigo',
	violet: 'Violet',
	rose: 'Rose',
}

/** Any stored value maps to a palette colour (unknown ones to slate). */
export function tagColor(color: string | null | undefined): TagColor {
	return (TAG_COLORS as readonly string[]).includes(color ?? '') ? (color as TagColor) : 'slate'
}

/** Just the coloured dot, e.g. in a colour picker or a filter list. */
export function TagDot({ color, className }: { color: string | null | undefined; className?: string }) {
	return <span aria-hidden="true" data-tag-color={tagColor(color)} className={cn('tag-dot', className)} />
}

/** A tag: coloured dot and name. Pass `count` to show how many records carry it. */
export function TagBadge({ name, color, count, className }: { name: string; color?: string | null; count?: number; className?: string }) {
	return (
		<span data-tag-color={tagColor(color)} className={cn('tag-pill', className)}>
			<span className="truncate">{name}</span>
			{count !== undefined ? <span className="tabular-nums opacity-70">{count}</span> : null}
		</span>
	)
}

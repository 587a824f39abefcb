// A tag as a small coloured pill. Colours come from a fixed palette, each a pair of
// tints chosen for AA contrast on light and dark surfaces (light-dark() follows the
// theme class on <html>, like the semantic tokens).
import type { CSSProperties } from 'react'
import { cn } from '#app/utils/misc.ts'
import { TAG_COLORS, type TagColor } from '#app/validation/taxonomy.ts'

// [light background, light text, dark background, dark text, dot]
const PALETTE: Record<TagColor, [string, string, string, string, string]> = {
	slate: ['#f1f5f9', '#334155', 'rgb(148 163 184 / 0.16)', '#cbd5e1', '#64748b'],
	red: ['#fee2e2', '#991b1b', 'rgb(239 68 68 / 0.18)', '#fca5a5', '#ef4444'],
	orange: ['#ffedd5', '#9a3412', 'rgb(249 115 22 / 0.18)', '#fdba74', '#f97316'],
	amber: ['#fef3c7', '#92400e', 'rgb(245 158 11 / 0.18)', '#fcd34d', '#f59e0b'],
	emerald: ['#d1fae5', '#065f46', 'rgb(16 185 129 / 0.18)', '#6ee7b7', '#10b981'],
	teal: ['#ccfbf1', '#115e59', 'rgb(20 184 166 / 0.18)', '#5eead4', '#14b8a6'],
	sky: ['#e0f2fe', '#075985', 'rgb(14 165 233 / 0.18)', '#7dd3fc', '#0ea5e9'],
	indigo: ['#e0e7ff', '#3730a3', 'rgb(99 102 241 / 0.22)', '#c7d2fe', '#6366f1'],
	violet: ['#ede9fe', '#5b21b6', 'rgb(139 92 246 / 0.2)', '#c4b5fd', '#8b5cf6'],
	rose: ['#ffe4e6', '#9f1239', 'rgb(244 63 94 / 0.18)', '#fda4af', '#f43f5e'],
}

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

/** The solid colour of a palette entry (for swatches and dots). */
export function tagDotColor(color: string | null | undefined) {
	return PALETTE[tagColor(color)][4]
}

function pillStyle(color: TagColor): CSSProperties {
	const [lightBg, lightFg, darkBg, darkFg] = PALETTE[color]
	return { backgroundColor: `light-dark(${lightBg}, ${darkBg})`, color: `light-dark(${lightFg}, ${darkFg})` }
}

/** Just the coloured dot, e.g. in a colour picker or a filter list. */
export function TagDot({ color, className }: { color: string | null | undefined; className?: string }) {
	return <span aria-hidden="true" className={cn('inline-block h-2 w-2 shrink-0 rounded-full', className)} style={{ backgroundColor: tagDotColor(color) }} />
}

/** A tag: coloured dot and name. Pass `count` to show how many records carry it. */
export function TagBadge({ name, color, count, className }: { name: string; color?: string | null; count?: number; className?: string }) {
	const c = tagColor(color)
	return (
		<span className={cn('inline-flex max-w-full items-center gap-1.5 rounded-full px-2 py-0.5 text-xs leading-4 font-medium', className)} style={pillStyle(c)}>
			<TagDot color={c} className="h-1.5 w-1.5" />
			<span className="truncate">{name}</span>
			{count !== undefined ? <span className="tabular-nums opacity-70">{count}</span> : null}
		</span>
	)
}

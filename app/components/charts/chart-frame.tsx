// What every chart shares: an SVG drawn on the server (so it shows without
// JavaScript) that names itself with <title> and <desc> (aria-labelledby), and the
// same numbers as a real table behind "Show data", for screen readers, keyboard
// users and anyone who wants the exact figures. Colours are theme tokens
// (--chart-1 … --chart-9 in app/styles/tailwind.css), never literals.
import type { ReactNode } from 'react'
import { cn } from '#app/utils/misc.ts'

/** Fill and stroke classes per series, in palette order (literal so Tailwind generates them). */
export const SERIES_FILL = ['fill-chart-1', 'fill-chart-2', 'fill-chart-3', 'fill-chart-4', 'fill-chart-5', 'fill-chart-6', 'fill-chart-7', 'fill-chart-8', 'fill-chart-9'] as const
export const SERIES_BG = ['bg-chart-1', 'bg-chart-2', 'bg-chart-3', 'bg-chart-4', 'bg-chart-5', 'bg-chart-6', 'bg-chart-7', 'bg-chart-8', 'bg-chart-9'] as const
export const seriesFill = (i: number) => SERIES_FILL[i % SERIES_FILL.length]!
export const seriesBg = (i: number) => SERIES_BG[i % SERIES_BG.length]!

export type DataTable = { caption?: string; columns: string[]; rows: Array<Array<ReactNode>>; foot?: Array<ReactNode> }

export const TICK_LABEL = { className: 'fill-muted', fontSize: 11, fontFamily: 'inherit' } as const

/**
 * <svg role="img"> with its title and description, sized by its viewBox (it
 * scales to the card's width), then the data table. `id` must be unique on the page.
 */
export function ChartFrame({
	id,
	title,
	description,
	width,
	height,
	table,
	children,
	aside,
	className,
}: {
	id: string
	title: string
	description: string
	width: number
	height: number
	table: DataTable
	children: ReactNode
	aside?: ReactNode
	className?: string
}) {
	return (
		<figure className={cn('flex flex-col gap-3', className)} data-chart={id}>
			<div className="flex flex-col gap-3 sm:flex-row sm:items-center">
				<svg
					viewBox={`0 0 ${width} ${height}`}
					role="img"
					aria-labelledby={`${id}-title ${id}-desc`}
					className="mx-auto h-auto w-full overflow-visible"
					// Scales with the card, up to a third larger than drawn (text stays readable, never huge).
					style={{ maxWidth: width * 1.35 }}
				>
					<title id={`${id}-title`}>{title}</title>
					<desc id={`${id}-desc`}>{description}</desc>
					{children}
				</svg>
				{aside}
			</div>
			<ChartTable id={id} title={title} table={table} />
		</figure>
	)
}

/** The chart's numbers, folded away by default; the <details> opens without JavaScript. */
export function ChartTable({ id, title, table }: { id: string; title: string; table: DataTable }) {
	return (
		<details className="group text-sm">
			<summary className="cursor-pointer text-xs font-medium text-link select-none hover:underline">Show data</summary>
			<div className="mt-2 max-h-72 overflow-auto rounded-md border border-border">
				<table className="w-full text-left text-sm tabular-nums" data-chart-table={id}>
					<caption className="sr-only">{table.caption ?? title}</caption>
					<thead className="bg-subtle text-xs text-muted">
						<tr>
							{table.columns.map((c, i) => (
								<th key={c} scope="col" className={cn('px-3 py-1.5 font-medium', i > 0 && 'text-right')}>
									{c}
								</th>
							))}
						</tr>
					</thead>
					<tbody className="divide-y divide-border">
						{table.rows.map((row, r) => (
							<tr key={r}>
								{row.map((cell, i) =>
									i === 0 ? (
										<th key={i} scope="row" className="px-3 py-1.5 font-normal">
											{cell}
										</th>
									) : (
										<td key={i} className="px-3 py-1.5 text-right">
											{cell}
										</td>
									),
								)}
							</tr>
						))}
					</tbody>
					{table.foot ? (
						<tfoot className="border-t border-border font-medium">
							<tr>
								{table.foot.map((cell, i) =>
									i === 0 ? (
										<th key={i} scope="row" className="px-3 py-1.5 text-left">
											{cell}
										</th>
									) : (
										<td key={i} className="px-3 py-1.5 text-right">
											{cell}
										</td>
									),
								)}
							</tr>
						</tfoot>
					) : null}
				</table>
			</div>
		</details>
	)
}

// Formatters are built once: `toLocaleString` builds one per call (~0.2 ms each, and a page
// of charts formats a few hundred numbers).
const whole = new Intl.NumberFormat('en')
const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 })

/** "12,345" */
export function formatCount(n: number) {
	return whole.format(n)
}

/** "1.2K"-style numbers for axis ticks. */
export function compactNumber(n: number) {
	return compact.format(n)
}

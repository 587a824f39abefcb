// What the bar and line charts share: a value scale with whole-number ticks, light
// grid lines, the two axes (thinning category labels to what fits) and the data
// table, around whatever marks the chart draws.
import { AxisBottom, AxisLeft } from '@visx/axis'
import { Group } from '@visx/group'
import { scaleLinear, type scaleBand, type scalePoint } from '@visx/scale'
import type { ReactNode } from 'react'
import { ChartFrame, TICK_LABEL, compactNumber, type DataTable } from './chart-frame.tsx'

export type CategoryDatum = { key: string; label: string; value: number; /** Label in the data table (defaults to label). */ long?: string }
type CategoryScale = ReturnType<typeof scaleBand<string>> | ReturnType<typeof scalePoint<string>>

export const PLOT = { width: 360, height: 200 }

export function CategoryChart({
	id,
	title,
	description,
	data,
	valueLabel,
	categoryLabel,
	format,
	margin,
	maxLabels,
	categoryScale,
	children,
}: {
	id: string
	title: string
	description: string
	data: CategoryDatum[]
	valueLabel: string
	categoryLabel: string
	format: (n: number) => string
	margin: { top: number; right: number; bottom: number; left: number }
	/** How many category labels fit under the chart; every n-th is shown, always the last. */
	maxLabels: number
	categoryScale: (innerWidth: number) => CategoryScale
	children: (plot: { x: CategoryScale; y: (n: number) => number; innerH: number }) => ReactNode
}) {
	const innerW = PLOT.width - margin.left - margin.right
	const innerH = PLOT.height - margin.top - margin.bottom
	// At least 4, so small counts get whole-number ticks.
	const max = Math.max(4, ...data.map((d) => d.value))
	const x = categoryScale(innerW)
	const y = scaleLinear<number>({ domain: [0, max], range: [innerH, 0], nice: true })
	const ticks = y.ticks(4).filter((t) => Number.isInteger(t))
	const labelOf = new Map(data.map((d) => [d.key, d.label]))
	const every = Math.ceil(data.length / maxLabels)
	const shown = data.filter((_, i) => (data.length - 1 - i) % every === 0).map((d) => d.key)
	const table: DataTable = { columns: [categoryLabel, valueLabel], rows: data.map((d) => [d.long ?? d.label, format(d.value)]) }
	return (
		<ChartFrame id={id} title={title} description={description} width={PLOT.width} height={PLOT.height} table={table}>
			<Group left={margin.left} top={margin.top}>
				{ticks.map((t) => (
					<line key={t} x1={0} x2={innerW} y1={y(t)} y2={y(t)} className="stroke-border" strokeDasharray={t === 0 ? undefined : '2 3'} />
				))}
				{children({ x, y: (n) => y(n) ?? innerH, innerH })}
				<AxisLeft scale={y} tickValues={ticks} tickFormat={(v) => compactNumber(Number(v))} hideAxisLine hideTicks tickLabelProps={{ ...TICK_LABEL, textAnchor: 'end', dx: -4, dy: 3 }} />
				<AxisBottom
					scale={x}
					top={innerH}
					tickValues={shown}
					tickFormat={(k) => labelOf.get(String(k)) ?? String(k)}
					hideTicks
					axisLineClassName="stroke-border"
					tickLabelProps={{ ...TICK_LABEL, textAnchor: 'middle', dy: 2 }}
				/>
			</Group>
		</ChartFrame>
	)
}

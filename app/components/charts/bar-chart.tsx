// Vertical bars over ordered categories (e.g. interactions per week), with a value
// axis and light grid lines. Drawn on the server with @visx; see chart-frame.tsx.
import { AxisBottom, AxisLeft } from '@visx/axis'
import { Group } from '@visx/group'
import { scaleBand, scaleLinear } from '@visx/scale'
import { Bar } from '@visx/shape'
import { ChartFrame, TICK_LABEL, compactNumber, formatCount, seriesFill, type DataTable } from './chart-frame.tsx'

export type BarDatum = { key: string; label: string; value: number; /** Label in the data table (defaults to label). */ long?: string }

const W = 360
const H = 200
const M = { top: 10, right: 8, bottom: 24, left: 36 }

export function BarChart({
	id,
	title,
	description,
	data,
	valueLabel,
	categoryLabel,
	highlightLast,
	format = formatCount,
}: {
	id: string
	title: string
	description: string
	data: BarDatum[]
	valueLabel: string
	categoryLabel: string
	/** Draws the last bar lighter (a period still in progress). */
	highlightLast?: boolean
	format?: (n: number) => string
}) {
	const innerW = W - M.left - M.right
	const innerH = H - M.top - M.bottom
	// At least 4, so small counts get whole-number ticks.
	const max = Math.max(4, ...data.map((d) => d.value))
	const x = scaleBand<string>({ domain: data.map((d) => d.key), range: [0, innerW], padding: 0.25 })
	const y = scaleLinear<number>({ domain: [0, max], range: [innerH, 0], nice: true })
	const ticks = y.ticks(4).filter((t) => Number.isInteger(t))
	const labelOf = new Map(data.map((d) => [d.key, d.label]))
	// At most ~7 category labels fit; keep every n-th, always the last.
	const every = Math.ceil(data.length / 7)
	const shown = data.filter((_, i) => (data.length - 1 - i) % every === 0).map((d) => d.key)
	const table: DataTable = { columns: [categoryLabel, valueLabel], rows: data.map((d) => [d.long ?? d.label, format(d.value)]) }
	return (
		<ChartFrame id={id} title={title} description={description} width={W} height={H} table={table}>
			<Group left={M.left} top={M.top}>
				{ticks.map((t) => (
					<line key={t} x1={0} x2={innerW} y1={y(t)} y2={y(t)} className="stroke-border" strokeDasharray={t === 0 ? undefined : '2 3'} />
				))}
				{data.map((d, i) => {
					const h = innerH - (y(d.value) ?? innerH)
					return (
						<Bar
							key={d.key}
							x={x(d.key)}
							y={innerH - h}
							width={x.bandwidth()}
							height={h}
							rx={2}
							className={seriesFill(0)}
							opacity={highlightLast && i === data.length - 1 ? 0.7 : 1}
						>
							<title>{`${d.long ?? d.label}: ${format(d.value)}`}</title>
						</Bar>
					)
				})}
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

// A line over ordered categories (e.g. contacts added per month), with dots at
// each point. Drawn on the server with @visx; see chart-frame.tsx.
import { AxisBottom, AxisLeft } from '@visx/axis'
import { Group } from '@visx/group'
import { scaleLinear, scalePoint } from '@visx/scale'
import { LinePath } from '@visx/shape'
import { ChartFrame, TICK_LABEL, compactNumber, formatCount, type DataTable } from './chart-frame.tsx'

export type LineDatum = { key: string; label: string; value: number; long?: string }

const W = 360
const H = 200
const M = { top: 12, right: 14, bottom: 24, left: 36 }

export function LineChart({
	id,
	title,
	description,
	data,
	valueLabel,
	categoryLabel,
	format = formatCount,
}: {
	id: string
	title: string
	description: string
	data: LineDatum[]
	valueLabel: string
	categoryLabel: string
	format?: (n: number) => string
}) {
	const innerW = W - M.left - M.right
	const innerH = H - M.top - M.bottom
	// At least 4, so small counts get whole-number ticks.
	const max = Math.max(4, ...data.map((d) => d.value))
	const x = scalePoint<string>({ domain: data.map((d) => d.key), range: [0, innerW], padding: 0.3 })
	const y = scaleLinear<number>({ domain: [0, max], range: [innerH, 0], nice: true })
	const ticks = y.ticks(4).filter((t) => Number.isInteger(t))
	const labelOf = new Map(data.map((d) => [d.key, d.label]))
	const every = Math.ceil(data.length / 6)
	const shown = data.filter((_, i) => (data.length - 1 - i) % every === 0).map((d) => d.key)
	const table: DataTable = { columns: [categoryLabel, valueLabel], rows: data.map((d) => [d.long ?? d.label, format(d.value)]) }
	return (
		<ChartFrame id={id} title={title} description={description} width={W} height={H} table={table}>
			<Group left={M.left} top={M.top}>
				{ticks.map((t) => (
					<line key={t} x1={0} x2={innerW} y1={y(t)} y2={y(t)} className="stroke-border" strokeDasharray={t === 0 ? undefined : '2 3'} />
				))}
				<LinePath data={data} x={(d) => x(d.key) ?? 0} y={(d) => y(d.value) ?? 0} className="stroke-chart-2" strokeWidth={2} fill="none" strokeLinejoin="round" />
				{data.map((d) => (
					<circle key={d.key} cx={x(d.key)} cy={y(d.value)} r={3} className="fill-surface stroke-chart-2" strokeWidth={2}>
						<title>{`${d.long ?? d.label}: ${format(d.value)}`}</title>
					</circle>
				))}
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

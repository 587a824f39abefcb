// One horizontal bar per category with its label and value written beside it
// (e.g. pipeline value per stage): readable on a phone, long labels fit.
// Drawn on the server with @visx; see chart-frame.tsx.
import { Group } from '@visx/group'
import { scaleBand, scaleLinear } from '@visx/scale'
import { Bar } from '@visx/shape'
import { Text } from '@visx/text'
import { ChartFrame, seriesFill, type DataTable } from './chart-frame.tsx'

export type HBarDatum = { key: string; label: string; value: number; /** Said with the value in the bar's tooltip, e.g. "12 deals". */ note?: string; series?: number }

const W = 360
const ROW = 30

export function HorizontalBarChart({
	id,
	title,
	description,
	data,
	format,
	table,
}: {
	id: string
	title: string
	description: string
	data: HBarDatum[]
	format: (n: number) => string
	table: DataTable
}) {
	const labelW = 104
	const valueW = 64
	const innerW = W - labelW - valueW
	const H = Math.max(1, data.length) * ROW + 4
	const max = Math.max(1, ...data.map((d) => d.value))
	const y = scaleBand<string>({ domain: data.map((d) => d.key), range: [2, H - 2], padding: 0.3 })
	const x = scaleLinear<number>({ domain: [0, max], range: [0, innerW] })
	return (
		<ChartFrame id={id} title={title} description={description} width={W} height={H} table={table}>
			{data.map((d) => {
				const top = y(d.key) ?? 0
				const mid = top + y.bandwidth() / 2
				return (
					<Group key={d.key}>
						<Text x={labelW - 8} y={mid} textAnchor="end" verticalAnchor="middle" className="fill-fg" fontSize={12}>
							{d.label.length > 15 ? `${d.label.slice(0, 14)}…` : d.label}
						</Text>
						<rect x={labelW} y={top} width={innerW} height={y.bandwidth()} rx={3} className="fill-subtle" />
						<Bar x={labelW} y={top} width={Math.max(d.value > 0 ? 2 : 0, x(d.value))} height={y.bandwidth()} rx={3} className={seriesFill(d.series ?? 0)}>
							<title>{`${d.label}: ${format(d.value)}${d.note ? ` (${d.note})` : ''}`}</title>
						</Bar>
						<Text x={labelW + innerW + 8} y={mid} verticalAnchor="middle" className="fill-fg" fontSize={12} fontWeight={600}>
							{format(d.value)}
						</Text>
					</Group>
				)
			})}
		</ChartFrame>
	)
}

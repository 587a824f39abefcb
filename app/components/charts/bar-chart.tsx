// Vertical bars over ordered categories (e.g. interactions per week), with a value
// axis and light grid lines. Drawn on the server with @visx; see chart-frame.tsx.
import { scaleBand } from '@visx/scale'
import { Bar } from '@visx/shape'
import { CategoryChart, type CategoryDatum } from './category-chart.tsx'
import { formatCount, seriesFill } from './chart-frame.tsx'

export type BarDatum = CategoryDatum

export function BarChart({
	highlightLast,
	format = formatCount,
	data,
	...chart
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
	const band = (innerW: number) => scaleBand<string>({ domain: data.map((d) => d.key), range: [0, innerW], padding: 0.25 })
	return (
		<CategoryChart {...chart} data={data} format={format} margin={{ top: 10, right: 8, bottom: 24, left: 36 }} maxLabels={7} categoryScale={band}>
			{({ x, y, innerH }) => {
				const width = x.bandwidth()
				return data.map((d, i) => (
					<Bar key={d.key} x={x(d.key)} y={y(d.value)} width={width} height={innerH - y(d.value)} rx={2} className={seriesFill(0)} opacity={highlightLast && i === data.length - 1 ? 0.7 : 1}>
						<title>{`${d.long ?? d.label}: ${format(d.value)}`}</title>
					</Bar>
				))
			}}
		</CategoryChart>
	)
}

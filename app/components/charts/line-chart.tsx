// A line over ordered categories (e.g. contacts added per month), with dots at
// each point. Drawn on the server with @visx; see chart-frame.tsx.
import { scalePoint } from '@visx/scale'
import { LinePath } from '@visx/shape'
import { CategoryChart, type CategoryDatum } from './category-chart.tsx'
import { formatCount } from './chart-frame.tsx'

export type LineDatum = CategoryDatum

export function LineChart({
	format = formatCount,
	data,
	...chart
}: {
	id: string
	title: string
	description: string
	data: LineDatum[]
	valueLabel: string
	categoryLabel: string
	format?: (n: number) => string
}) {
	const points = (innerW: number) => scalePoint<string>({ domain: data.map((d) => d.key), range: [0, innerW], padding: 0.3 })
	return (
		<CategoryChart {...chart} data={data} format={format} margin={{ top: 12, right: 14, bottom: 24, left: 36 }} maxLabels={6} categoryScale={points}>
			{({ x, y }) => (
				<>
					<LinePath data={data} x={(d) => x(d.key) ?? 0} y={(d) => y(d.value)} className="stroke-chart-2" strokeWidth={2} fill="none" strokeLinejoin="round" />
					{data.map((d) => (
						<circle key={d.key} cx={x(d.key)} cy={y(d.value)} r={3} className="fill-surface stroke-chart-2" strokeWidth={2}>
							<title>{`${d.long ?? d.label}: ${format(d.value)}`}</title>
						</circle>
					))}
				</>
			)}
		</CategoryChart>
	)
}

// Parts of a whole (e.g. interactions by medium) as a donut with the total in the
// middle and a legend that repeats each value and share, so colour is never the
// only cue. Drawn on the server with @visx; see chart-frame.tsx.
import { Group } from '@visx/group'
import { Pie } from '@visx/shape'
import { Text } from '@visx/text'
import { ChartFrame, formatCount, seriesBg, seriesFill, type DataTable } from './chart-frame.tsx'

export type DonutDatum = { key: string; label: string; value: number }

const SIZE = 180

export function DonutChart({
	id,
	title,
	description,
	data,
	valueLabel,
	categoryLabel,
	totalLabel = 'total',
}: {
	id: string
	title: string
	description: string
	data: DonutDatum[]
	valueLabel: string
	categoryLabel: string
	totalLabel?: string
}) {
	const total = data.reduce((s, d) => s + d.value, 0)
	const pct = (v: number) => (total ? `${Math.round((v / total) * 100)}%` : '0%')
	// Colours follow the data's order, so each label keeps its colour whatever the values.
	const colored = data.map((d, i) => ({ ...d, i }))
	const table: DataTable = { columns: [categoryLabel, valueLabel, 'Share'], rows: data.map((d) => [d.label, formatCount(d.value), pct(d.value)]), foot: ['Total', formatCount(total), total ? '100%' : '0%'] }
	const r = SIZE / 2
	return (
		<ChartFrame
			id={id}
			title={title}
			description={description}
			width={SIZE}
			height={SIZE}
			table={table}
			className="[&_svg]:max-w-[200px] [&_svg]:sm:w-[44%]"
			aside={
				<ul className="grid flex-1 grid-cols-2 gap-x-4 gap-y-1 text-xs sm:grid-cols-1" aria-hidden="true">
					{colored.map((d) => (
						<li key={d.key} className="flex items-center gap-2">
							<span className={`h-2.5 w-2.5 shrink-0 rounded-sm ${seriesBg(d.i)}`} />
							<span className="min-w-0 flex-1 truncate">{d.label}</span>
							<span className="text-muted tabular-nums">{formatCount(d.value)}</span>
						</li>
					))}
				</ul>
			}
		>
			<Group top={r} left={r}>
				{total === 0 ? (
					<circle r={r - 12} className="fill-none stroke-border" strokeWidth={22} />
				) : (
					<Pie data={colored.filter((d) => d.value > 0)} pieValue={(d) => d.value} outerRadius={r - 1} innerRadius={r - 24} padAngle={0.012} pieSort={null} pieSortValues={null}>
						{(pie) =>
							pie.arcs.map((arc) => (
								<path key={arc.data.key} d={pie.path(arc) ?? ''} className={`${seriesFill(arc.data.i)} stroke-surface`} strokeWidth={1}>
									<title>{`${arc.data.label}: ${formatCount(arc.data.value)} (${pct(arc.data.value)})`}</title>
								</path>
							))
						}
					</Pie>
				)}
				<Text textAnchor="middle" verticalAnchor="end" dy={2} className="fill-fg" fontSize={22} fontWeight={600}>
					{formatCount(total)}
				</Text>
				<Text textAnchor="middle" verticalAnchor="start" dy={6} className="fill-muted" fontSize={11}>
					{totalLabel}
				</Text>
			</Group>
		</ChartFrame>
	)
}

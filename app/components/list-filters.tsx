// Pieces of the GET filter forms above the contact, company and deal lists.
import { useSubmit } from '@remix-run/react'
import { Label, Select } from './ui/input.tsx'

/** A labelled select whose empty choice is "Any". `submitOnChange` applies it at once when JS is on. */
export function FilterSelect({
	label,
	name,
	value,
	options,
	submitOnChange = false,
}: {
	label: string
	name: string
	value?: string
	options: Array<{ value: string; label: string }>
	submitOnChange?: boolean
}) {
	const submit = useSubmit()
	return (
		<div>
			<Label htmlFor={`filter-${name}`} className="mb-1 text-xs text-muted">
				{label}
			</Label>
			{/* Keyed by value so a back/forward navigation shows the URL's choice, not the last one picked. */}
			<Select
				key={value ?? ''}
				id={`filter-${name}`}
				name={name}
				defaultValue={value ?? ''}
				className="h-9 py-0"
				onChange={submitOnChange ? (e) => submit(e.currentTarget.form, { preventScrollReset: true }) : undefined}
			>
				<option value="">Any</option>
				{options.map((o) => (
					<option key={o.value} value={o.value}>
						{o.label}
					</option>
				))}
			</Select>
		</div>
	)
}

/** Applying filters keeps the list's sort and page size. */
export function KeepListParams({ query }: { query: { sort?: string; dir?: string; pageSize?: number } }) {
	return (
		<>
			{query.sort ? <input type="hidden" name="sort" value={query.sort} /> : null}
			{query.dir ? <input type="hidden" name="dir" value={query.dir} /> : null}
			{query.pageSize ? <input type="hidden" name="pageSize" value={query.pageSize} /> : null}
		</>
	)
}

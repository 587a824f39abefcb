// Pager for lists: a range summary, a page-size form that keeps the other URL
// parameters (works without JS), and previous/next links.
import { Form, Link, useSearchParams, useSubmit } from '@remix-run/react'
import { Button, buttonClass } from './ui/button.tsx'
import { Icon } from './ui/icon.tsx'
import { Label, Select } from './ui/input.tsx'

export function Pagination({
	page,
	pages,
	pageSize,
	total,
	sizes,
	hrefFor,
	dropParams = [],
}: {
	page: number
	pages: number
	pageSize: number
	total: number
	sizes: readonly number[]
	hrefFor: (page: number) => string
	/** One-off notices (like ?deleted=) that should not survive a page-size change. */
	dropParams?: string[]
}) {
	const [params] = useSearchParams()
	const submit = useSubmit()
	const from = (page - 1) * pageSize + 1
	const to = Math.min(page * pageSize, total)
	return (
		<nav aria-label="Pagination" className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm">
			<span className="text-muted">
				{total ? `${from.toLocaleString('en')}–${to.toLocaleString('en')} of ${total.toLocaleString('en')}` : 'None'} · Page {page} of {pages}
			</span>
			<div className="flex items-center gap-2">
				<Form method="get" className="flex items-center gap-2">
					{[...params.entries()]
						.filter(([k]) => k !== 'pageSize' && k !== 'page' && !dropParams.includes(k))
						.map(([k, v]) => (
							<input key={k} type="hidden" name={k} value={v} />
						))}
					<Label htmlFor="pageSize" className="text-muted">
						Per page
					</Label>
					<Select id="pageSize" name="pageSize" defaultValue={String(pageSize)} className="h-8 w-24 py-0" onChange={(e) => submit(e.currentTarget.form)}>
						{sizes.map((s) => (
							<option key={s} value={s}>
								{s}
							</option>
						))}
					</Select>
					<noscript>
						<Button type="submit" size="sm" variant="secondary">
							Go
						</Button>
					</noscript>
				</Form>
				{page > 1 ? (
					<Link to={hrefFor(page - 1)} className={buttonClass({ variant: 'secondary', size: 'sm' })} rel="prev">
						<Icon name="chevron-left" className="h-4 w-4" /> Previous
					</Link>
				) : null}
				{page < pages ? (
					<Link to={hrefFor(page + 1)} className={buttonClass({ variant: 'secondary', size: 'sm' })} rel="next">
						Next <Icon name="chevron-right" className="h-4 w-4" />
					</Link>
				) : null}
			</div>
		</nav>
	)
}

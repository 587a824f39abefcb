// Global search: /search?q= lists contacts, companies, deals, tags and interactions
// that match, grouped by kind, matched words marked. A plain GET form; the
// Ctrl/Cmd-K palette (components/command-palette.tsx) loads this route's data.
import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { SearchHitBody } from '#app/components/search-hit.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Card } from '#app/components/ui/card.tsx'
import { Icon } from '#app/components/ui/icon.tsx'
import { Input, Label } from '#app/components/ui/input.tsx'
import { globalSearch } from '#app/models/search.server.ts'
import { requireMembership } from '#app/models/workspace.server.ts'
import { DEFAULT_PER_KIND, MAX_PER_KIND, MAX_QUERY_LENGTH } from '#app/validation/search.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.q ? `${data.q} · Search · Rapport` : 'Search · Rapport' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const m = await requireMembership(request)
	const url = new URL(request.url)
	const q = (url.searchParams.get('q') ?? '').slice(0, MAX_QUERY_LENGTH)
	const take = Math.min(Math.max(Number.parseInt(url.searchParams.get('take') ?? '', 10) || DEFAULT_PER_KIND, 1), MAX_PER_KIND)
	const started = performance.now()
	const results = q.trim() ? await globalSearch(m, q, { take }) : null
	// The search's own time, which `npm run bench` reports beside the HTTP time.
	return data({ q, results }, { headers: { 'Server-Timing': `search;dur=${(performance.now() - started).toFixed(1)}` } })
}

export const headers: HeadersFunction = ({ loaderHeaders }) => {
	const timing = loaderHeaders.get('Server-Timing')
	return timing ? { 'Server-Timing': timing } : new Headers()
}

export default function SearchPage() {
	const { q, results } = useLoaderData<typeof loader>()
	return (
		<div>
			<PageHeader
				title="Search"
				subtitle={results ? `${results.total === 0 ? 'Nothing' : results.total.toLocaleString('en')} found for “${q.trim()}”` : 'Contacts, companies, deals, tags and interaction notes'}
			/>
			<Card className="mb-6 p-4">
				<Form method="get" role="search" className="flex gap-2">
					<div className="relative flex-1">
						<Label htmlFor="search-page-q" className="sr-only">
							Search everything
						</Label>
						<Icon name="search" className="pointer-events-none absolute top-1/2 left-3 h-4 w-4 -translate-y-1/2 text-muted" />
						<Input id="search-page-q" name="q" type="search" defaultValue={q} key={q} placeholder="Name, company, phone digits, a word from your notes…" className="pl-9" autoComplete="off" maxLength={MAX_QUERY_LENGTH} />
					</div>
					<Button type="submit" variant="secondary">
						Search
					</Button>
				</Form>
			</Card>

			{results && results.groups.length === 0 ? (
				<Card className="px-5 py-10 text-center">
					<p className="font-medium">No matches for “{q.trim()}”.</p>
					<p className="mt-1 text-sm text-muted">Words are matched by their beginning: try fewer or shorter words, or a few digits of a phone number.</p>
				</Card>
			) : null}

			<div className="flex flex-col gap-4">
				{results?.groups.map((group) => (
					<Card key={group.kind} aria-labelledby={`search-group-${group.kind}`}>
						<div className="flex items-center justify-between gap-3 border-b border-border px-4 py-2.5 sm:px-5">
							<h2 id={`search-group-${group.kind}`} className="text-xs font-medium tracking-wide text-muted uppercase">
								{group.label}
							</h2>
							{group.moreHref ? (
								<Link to={group.moreHref} className="text-sm text-link hover:underline">
									All matching {group.label.toLowerCase()}
								</Link>
							) : null}
						</div>
						<ul className="divide-y divide-border">
							{group.hits.map((hit) => (
								<li key={hit.id}>
									<Link to={hit.href} className="block px-4 py-2.5 hover:bg-subtle focus-visible:bg-subtle sm:px-5">
										<SearchHitBody hit={hit} />
									</Link>
								</li>
							))}
						</ul>
					</Card>
				))}
			</div>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

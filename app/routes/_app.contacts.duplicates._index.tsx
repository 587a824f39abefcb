// Likely duplicate contacts, a pair per card: merge them, or say they are two people.
import { userPrefs } from '#app/models/user.server.ts'
import { parseWithZod } from '@conform-to/zod'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { useIsPending } from '#app/components/forms.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { Alert } from '#app/components/ui/alert.tsx'
import { Avatar } from '#app/components/ui/avatar.tsx'
import { Badge } from '#app/components/ui/badge.tsx'
import { Button, buttonClass } from '#app/components/ui/button.tsx'
import { Card } from '#app/components/ui/card.tsx'
import { Icon } from '#app/components/ui/icon.tsx'
import { dismissPair, listLikelyDuplicatePairs, type DuplicateReason } from '#app/models/duplicates.server.ts'
import { requireMembership } from '#app/models/workspace.server.ts'
import { formatDate } from '#app/utils/time.ts'
import { notFound } from '#app/utils/misc.ts'
import { readForm } from '#app/utils/form.server.ts'

const DismissSchema = z.object({
	intent: z.literal('dismiss'),
	a: z.string().min(1).max(40),
	b: z.string().min(1).max(40),
	page: z.coerce.number().int().min(1).max(100_000).optional(),
})

export const meta: MetaFunction = () => [{ title: 'Duplicates · Contacts · Rapport' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const m = await requireMembership(request)
	const url = new URL(request.url)
	const page = Number(url.searchParams.get('page')) || 1
	const [result, user] = await Promise.all([
		listLikelyDuplicatePairs(m, { page }),
		userPrefs(m.userId),
	])
	return { ...result, timezone: user.timezone, dismissed: url.searchParams.get('dismissed') === '1' }
}

export async function action({ request }: ActionFunctionArgs) {
	const m = await requireMembership(request)
	const submission = parseWithZod(await readForm(request), { schema: DismissSchema })
	if (submission.status !== 'success') throw new Response('That request was not understood.', { status: 400 })
	const { a, b, page } = submission.value
	if (!(await dismissPair(m, a, b))) throw notFound()
	// Redirect, so a reload does not post again.
	return redirect(`/contacts/duplicates?${new URLSearchParams({ ...(page && page > 1 ? { page: String(page) } : {}), dismissed: '1' })}`)
}

const REASON_LABELS: Record<DuplicateReason, string> = { email: 'Same email', phone: 'Same phone', name: 'Same name' }

type Person = ReturnType<typeof useLoaderData<typeof loader>>['pairs'][number]['a']

function PersonSummary({ person, timezone }: { person: Person; timezone: string }) {
	const work = [person.jobTitle, person.companyName].filter(Boolean).join(' · ')
	return (
		<div className="flex min-w-0 items-start gap-3">
			<Avatar name={person.displayName} src={person.pictureSrc} size="md" />
			<div className="min-w-0 text-sm">
				<Link to={`/contacts/${person.id}`} className="block truncate font-semibold text-link hover:underline">
					{person.displayName}
				</Link>
				{work ? <p className="truncate text-muted">{work}</p> : null}
				{person.email ? <p className="truncate">{person.email}</p> : null}
				{person.phone ? <p className="truncate tabular-nums">{person.phone}</p> : null}
				<p className="text-xs text-muted">Added {formatDate(person.createdAt, timezone)}</p>
			</div>
		</div>
	)
}

export default function Duplicates() {
	const { pairs, total, page, pages, timezone, dismissed } = useLoaderData<typeof loader>()
	const pending = useIsPending()
	return (
		<div className="mx-auto max-w-4xl">
			<PageHeader
				title="Duplicates"
				subtitle="Contacts that share an email address or a phone number, or have the same name at the same company."
				back={{ to: '/contacts', label: 'Contacts' }}
			/>
			{dismissed ? (
				<Alert tone="success" className="mb-4">
					Marked as two different people. That pair won’t be suggested again.
				</Alert>
			) : null}

			{pairs.length === 0 ? (
				<Card className="px-5 py-10 text-center">
					<p className="font-medium">No likely duplicates</p>
					<p className="mt-1 text-sm text-muted">When two contacts share an email or phone, or have the same name at the same company, they show up here.</p>
				</Card>
			) : (
				<>
					<p className="mb-3 text-sm text-muted" aria-live="polite">
						{total === 1 ? '1 likely duplicate pair' : `${total.toLocaleString('en')} likely duplicate pairs`}
					</p>
					<ul className="flex flex-col gap-4">
						{pairs.map((pair) => (
							<li key={`${pair.a.id}-${pair.b.id}`}>
								<Card>
									<div className="grid items-start gap-4 p-4 sm:grid-cols-[minmax(0,1fr)_auto_minmax(0,1fr)] sm:p-5">
										<PersonSummary person={pair.a} timezone={timezone} />
										<Icon name="merge" className="mt-2.5 hidden h-5 w-5 rotate-90 text-muted sm:block" />
										<PersonSummary person={pair.b} timezone={timezone} />
									</div>
									<div className="flex flex-wrap items-center justify-between gap-3 border-t border-border px-4 py-3 sm:px-5">
										<ul className="flex min-w-0 flex-wrap gap-1.5" aria-label="Why they look alike">
											{pair.reasons.map((r) => (
												<li key={`${r.reason}-${r.detail}`} className="min-w-0">
													<Badge tone={r.reason === 'name' ? 'neutral' : 'warning'} className="max-w-full">
														<span className="truncate">
															{REASON_LABELS[r.reason]}
															{r.detail ? <span className="font-normal">{r.reason === 'name' ? ` at ${r.detail}` : `: ${r.detail}`}</span> : null}
														</span>
													</Badge>
												</li>
											))}
										</ul>
										{pair.canMerge ? (
											<div className="flex items-center gap-2">
												<Form method="post">
													<input type="hidden" name="intent" value="dismiss" />
													<input type="hidden" name="a" value={pair.a.id} />
													<input type="hidden" name="b" value={pair.b.id} />
													{page > 1 ? <input type="hidden" name="page" value={page} /> : null}
													<Button type="submit" variant="ghost" size="sm" aria-disabled={pending || undefined} aria-label={`${pair.a.displayName} and ${pair.b.displayName} are not duplicates`}>
														Not duplicates
													</Button>
												</Form>
												<Link
													to={`/contacts/duplicates/merge?${new URLSearchParams({ a: pair.a.id, b: pair.b.id })}`}
													className={buttonClass({ size: 'sm' })}
													aria-label={`Merge ${pair.a.displayName} and ${pair.b.displayName}`}
												>
													<Icon name="merge" className="h-4 w-4" /> Merge…
												</Link>
											</div>
										) : (
											<p className="text-xs text-muted">Only someone who can edit both contacts can merge them.</p>
										)}
									</div>
								</Card>
							</li>
						))}
					</ul>
					{pages > 1 ? (
						<nav aria-label="Pagination" className="mt-4 flex items-center justify-between gap-3 text-sm">
							<span className="text-muted">
								Page {page} of {pages}
							</span>
							<div className="flex gap-2">
								{page > 1 ? (
									<Link to={`?page=${page - 1}`} className={buttonClass({ variant: 'secondary', size: 'sm' })} rel="prev">
										<Icon name="chevron-left" className="h-4 w-4" /> Previous
									</Link>
								) : null}
								{page < pages ? (
									<Link to={`?page=${page + 1}`} className={buttonClass({ variant: 'secondary', size: 'sm' })} rel="next">
										Next <Icon name="chevron-right" className="h-4 w-4" />
									</Link>
								) : null}
							</div>
						</nav>
					) : null}
				</>
			)}
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

// Merge two contacts: which record stays, and for each field that differs, whose
// value to keep (radio buttons, so it works without JavaScript). Emails, phones,
// tags and groups of both are kept; everything attached moves to the kept one.
import { userPrefs } from '#app/models/user.server.ts'
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { SubmitButton, useIsPending } from '#app/components/forms.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { TagBadge } from '#app/components/tag-badge.tsx'
import { Alert } from '#app/components/ui/alert.tsx'
import { Avatar } from '#app/components/ui/avatar.tsx'
import { buttonClass } from '#app/components/ui/button.tsx'
import { Card, CardHeader } from '#app/components/ui/card.tsx'
import { mergeContacts, mergePreview, type MergeChoices, type MergeFieldKey, type MergeFieldRow } from '#app/models/merge.server.ts'
import { requireMembership } from '#app/models/workspace.server.ts'
import { formatDate } from '#app/utils/time.ts'
import { notFound } from '#app/utils/misc.ts'
import { readForm } from '#app/utils/form.server.ts'

const Side = z.enum(['a', 'b'])
const MergeSchema = z.object({
	a: z.string().min(1).max(40),
	b: z.string().min(1).max(40),
	keep: Side,
	// pick.<field> = a | b (| both, for notes); pick.custom.<key> = a | b
	pick: z
		.object({ custom: z.record(z.string(), Side).optional() })
		.catchall(z.enum(['a', 'b', 'both']))
		.default({}),
})

export const meta: MetaFunction = () => [{ title: 'Merge contacts · Rapport' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const m = await requireMembership(request)
	const url = new URL(request.url)
	const a = url.searchParams.get('a')
	const b = url.searchParams.get('b')
	if (!a || !b) throw redirect('/contacts/duplicates')
	const preview = await mergePreview(m, a, b)
	if (!preview) throw notFound()
	if (!preview.canMerge) throw new Response('You can view these contacts but not change them, so you cannot merge them. Ask a workspace admin.', { status: 403 })
	const user = await userPrefs(m.userId)
	return { ...preview, timezone: user.timezone }
}

export async function action({ request }: ActionFunctionArgs) {
	const m = await requireMembership(request)
	const submission = parseWithZod(await readForm(request), { schema: MergeSchema })
	if (submission.status !== 'success') return data({ error: 'Choose which record to keep, then try again.' }, { status: 400 })
	const { a, b, keep, pick } = submission.value
	const [keepId, mergeId] = keep === 'a' ? [a, b] : [b, a]
	const side = (s: 'a' | 'b') => (s === keep ? ('keep' as const) : ('merge' as const))
	const { custom, ...fields } = pick
	const choices: MergeChoices = { custom: Object.fromEntries(Object.entries(custom ?? {}).map(([key, s]) => [key, side(s)])) }
	for (const [key, s] of Object.entries(fields)) choices[key as MergeFieldKey] = s === 'both' ? 'both' : side(s)
	const { keptId } = await mergeContacts(m, keepId, mergeId, choices)
	return redirect(`/contacts/${keptId}?merged=1`)
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>
type Person = Loaded['a']

function plural(n: number, one: string, many = `${one}s`) {
	return `${n} ${n === 1 ? one : many}`
}

function attachedSummary(attached: Person['attached']) {
	const parts = [
		attached.interactions ? plural(attached.interactions, 'interaction') : null,
		attached.followUps ? plural(attached.followUps, 'follow-up') : null,
		attached.deals ? plural(attached.deals, 'deal') : null,
		attached.reminders ? plural(attached.reminders, 'reminder') : null,
	].filter(Boolean)
	return parts.length ? parts.join(' · ') : 'Nothing attached yet'
}

const optionClass =
	'flex min-w-0 cursor-pointer items-start gap-2.5 rounded-md border border-border bg-surface px-3 py-2.5 text-sm hover:bg-subtle has-[:checked]:border-accent has-[:checked]:bg-accent-soft has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-focus'

function KeepOption({ side, person, defaultChecked, timezone }: { side: 'a' | 'b'; person: Person; defaultChecked: boolean; timezone: string }) {
	const work = [person.jobTitle, person.companyName].filter(Boolean).join(' · ')
	return (
		<label className={optionClass}>
			<input type="radio" name="keep" value={side} defaultChecked={defaultChecked} className="mt-3 h-4 w-4 shrink-0 accent-accent focus-visible:outline-none" />
			<Avatar name={person.displayName} src={person.pictureSrc} size="md" className="ring-1 ring-border" />
			<span className="min-w-0">
				<span className="block font-semibold break-words">{person.displayName}</span>
				{work ? <span className="block text-muted">{work}</span> : null}
				<span className="block text-xs text-muted">Added {formatDate(person.createdAt, timezone)}</span>
				<span className="block text-xs text-muted">{attachedSummary(person.attached)}</span>
			</span>
		</label>
	)
}

function ValueOption({ row, side, person }: { row: MergeFieldRow; side: 'a' | 'b'; person: Person }) {
	const value = row[side]
	const image = row.images?.[side]
	return (
		<label className={optionClass}>
			<input type="radio" name={`pick.${row.key}`} value={side} defaultChecked={row.defaultSide === side} className="mt-0.5 h-4 w-4 shrink-0 accent-accent focus-visible:outline-none" />
			<span className="min-w-0 flex-1">
				<span className="block truncate text-xs text-muted sm:hidden">{person.displayName}</span>
				{image ? <Avatar name={person.displayName} src={image} size="lg" className="mb-1" /> : null}
				{value ? (
					<span className={row.key === 'notes' ? 'line-clamp-6 block break-words whitespace-pre-line' : 'block break-words'}>{value}</span>
				) : (
					<span className="block text-muted italic">Empty</span>
				)}
			</span>
		</label>
	)
}

export default function MergeContacts() {
	const { a, b, defaultKeep, rows, same, combined, timezone } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const pending = useIsPending()
	return (
		<div className="mx-auto max-w-4xl">
			<PageHeader
				title="Merge contacts"
				subtitle="Pick the value to keep wherever the two differ. Emails, phones, tags and groups of both are kept."
				back={{ to: '/contacts/duplicates', label: 'Duplicates' }}
			/>
			<Form method="post" className="flex flex-col gap-5">
				<input type="hidden" name="a" value={a.id} />
				<input type="hidden" name="b" value={b.id} />
				{actionData?.error ? <Alert tone="danger">{actionData.error}</Alert> : null}

				<Card>
					<CardHeader
						title={<span id="keep-label">Which record stays</span>}
						description="It keeps its history, and everything attached to the other one moves to it. The other goes to Recently deleted."
					/>
					<div role="radiogroup" aria-labelledby="keep-label" className="grid gap-3 p-4 sm:grid-cols-2 sm:p-5">
						<KeepOption side="a" person={a} defaultChecked={defaultKeep === 'a'} timezone={timezone} />
						<KeepOption side="b" person={b} defaultChecked={defaultKeep === 'b'} timezone={timezone} />
					</div>
				</Card>

				<Card>
					<CardHeader title="Choose values" description={rows.length ? 'Where the two contacts differ.' : undefined} />
					{rows.length ? (
						<>
							<div aria-hidden="true" className="hidden gap-3 px-5 pt-3 text-xs font-medium tracking-wide text-muted uppercase sm:grid sm:grid-cols-[9rem_minmax(0,1fr)_minmax(0,1fr)]">
								<span>Field</span>
								<span className="truncate">{a.displayName}</span>
								<span className="truncate">{b.displayName}</span>
							</div>
							<div className="divide-y divide-border">
								{rows.map((row) => (
									<div
										key={row.key}
										role="radiogroup"
										aria-labelledby={`field-${row.key}`}
										className="grid grid-cols-2 gap-2 px-4 py-3 sm:grid-cols-[9rem_minmax(0,1fr)_minmax(0,1fr)] sm:gap-3 sm:px-5"
									>
										<span id={`field-${row.key}`} className="col-span-2 text-sm font-medium sm:col-span-1 sm:pt-2.5">
											{row.label}
										</span>
										<ValueOption row={row} side="a" person={a} />
										<ValueOption row={row} side="b" person={b} />
										{row.allowBoth ? (
											<label className={`${optionClass} col-span-2 sm:col-start-2`}>
												<input type="radio" name={`pick.${row.key}`} value="both" className="mt-0.5 h-4 w-4 shrink-0 accent-accent focus-visible:outline-none" />
												<span>Keep both, one after the other</span>
											</label>
										) : null}
									</div>
								))}
							</div>
						</>
					) : (
						<p className="px-5 py-4 text-sm text-muted">Nothing to choose: wherever both have a value, it is the same.</p>
					)}
				</Card>

				<Card>
					<CardHeader title="Kept from both" description="Duplicates are dropped; the kept record’s primary email and phone stay primary." />
					<dl className="grid gap-x-6 gap-y-3 p-5 text-sm sm:grid-cols-2">
						<div>
							<dt className="font-medium">Emails</dt>
							<dd className="text-muted">
								{combined.emails.length ? (
									<ul>
										{combined.emails.map((e) => (
											<li key={e} className="break-all text-fg">
												{e}
											</li>
										))}
									</ul>
								) : (
									'None'
								)}
							</dd>
						</div>
						<div>
							<dt className="font-medium">Phones</dt>
							<dd className="text-muted">
								{combined.phones.length ? (
									<ul>
										{combined.phones.map((p) => (
											<li key={p} className="text-fg tabular-nums">
												{p}
											</li>
										))}
									</ul>
								) : (
									'None'
								)}
							</dd>
						</div>
						<div>
							<dt className="font-medium">Tags</dt>
							<dd className="mt-1 flex flex-wrap gap-1 text-muted">
								{combined.tags.length ? combined.tags.map((t) => <TagBadge key={t.name} name={t.name} color={t.color} />) : 'None'}
							</dd>
						</div>
						<div>
							<dt className="font-medium">Groups</dt>
							<dd className="text-muted">{combined.groups.length ? <span className="text-fg">{combined.groups.join(', ')}</span> : 'None'}</dd>
						</div>
						{same.length ? (
							<div className="sm:col-span-2">
								<dt className="font-medium">Same on both</dt>
								<dd className="text-muted">
									{same.map((s, i) => (
										<span key={s.label}>
											{i ? ' · ' : ''}
											{s.label}: <span className="text-fg">{s.value}</span>
										</span>
									))}
								</dd>
							</div>
						) : null}
					</dl>
				</Card>

				<div className="flex flex-wrap items-center gap-3">
					<SubmitButton pending={pending}>Merge contacts</SubmitButton>
					<Link to="/contacts/duplicates" className={buttonClass({ variant: 'ghost' })}>
						Cancel
					</Link>
				</div>
			</Form>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

// The deal page: value, stage, probability, dates, company, contact and owner; its
// interactions and follow-ups (logged and scheduled from here); the history of its
// stages; and the actions: move to a stage, won / lost with a reason, reopen, delete.
import { userPrefs } from '#app/models/user.server.ts'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { ConfirmDelete } from '#app/components/confirm-delete.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { StateBadge } from '#app/components/follow-up-list.tsx'
import { Fact, NotesCard } from '#app/components/record.tsx'
import { Alert } from '#app/components/ui/alert.tsx'
import { Badge } from '#app/components/ui/badge.tsx'
import { Button, buttonClass } from '#app/components/ui/button.tsx'
import { Card, CardHeader } from '#app/components/ui/card.tsx'
import { Icon } from '#app/components/ui/icon.tsx'
import { Input, Label, Select } from '#app/components/ui/input.tsx'
import { closeDeal, deleteDeal, getDeal, listDealActivity, listStages, moveDeal, reopenDeal } from '#app/models/deal.server.ts'
import { requireMembership } from '#app/models/workspace.server.ts'
import { renderMarkdown } from '#app/utils/markdown.server.ts'
import { formatDateTime } from '#app/utils/time.ts'
import { closeDealSchema, formatDay, formatMoney } from '#app/validation/deal.ts'
import { FOLLOW_UP_TYPE_LABELS, followUpState } from '#app/validation/follow-up.ts'
import { MEDIUM_LABELS } from '#app/validation/interaction.ts'
import { notFound } from '#app/utils/misc.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.deal.name ?? 'Deal'} · Rapport` }]

async function requireDeal(request: Request, id: string) {
	const m = await requireMembership(request)
	const deal = await getDeal(m, id)
	if (!deal) throw notFound()
	return { m, deal }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { m, deal } = await requireDeal(request, params.id!)
	const [stages, activity, user] = await Promise.all([
		listStages(m.workspaceId),
		listDealActivity(m, deal.id),
		userPrefs(m.userId),
	])
	return { deal, stages, ...activity, notesHtml: renderMarkdown(deal.notes), timezone: user.timezone, now: new Date() }
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { m, deal } = await requireDeal(request, params.id!)
	const form = await readForm(request)
	const intent = form.get('intent')
	if (intent === 'close') {
		const parsed = closeDealSchema.safeParse({ outcome: form.get('outcome'), reason: form.get('reason') ?? undefined })
		if (!parsed.success) return data({ error: 'Choose won or lost, and keep the reason under 500 characters.' }, { status: 400 })
		await closeDeal(m, deal.id, parsed.data)
		return redirect(`/deals/${deal.id}?closed=${parsed.data.outcome.toLowerCase()}`)
	}
	if (intent === 'reopen') {
		await reopenDeal(m, deal.id)
		return redirect(`/deals/${deal.id}?reopened=1`)
	}
	if (intent === 'move') {
		await moveDeal(m, deal.id, { stageId: String(form.get('stageId') ?? '') })
		return redirect(`/deals/${deal.id}?moved=1`)
	}
	if (intent === 'delete') {
		await deleteDeal(m, deal.id)
		return redirect('/deals')
	}
	throw new Response('Unknown action', { status: 400 })
}

const NOTICES: Record<string, string> = {
	created: 'Deal created.',
	saved: 'Changes saved.',
	moved: 'Stage changed.',
	reopened: 'Deal reopened.',
	interaction: 'Interaction logged.',
}

export default function DealPage() {
	const { deal: d, stages, interactions, followUps, notesHtml, timezone, now } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [params] = useSearchParams()
	const closed = params.get('closed')
	const notice = closed ? `Marked as ${closed}.` : Object.keys(NOTICES).find((k) => params.get(k)) ? NOTICES[Object.keys(NOTICES).find((k) => params.get(k))!] : null
	const outcome = d.stage.outcome
	const canLog = Boolean(d.contact || d.company)
	const dateOnly = formatDay

	return (
		<div className="flex min-w-0 flex-col gap-6">
			<Link to="/deals" className="inline-flex items-center gap-1 self-start text-sm text-muted hover:text-fg">
				<Icon name="chevron-left" className="h-4 w-4" /> Deals
			</Link>
			{notice ? (
				<Alert tone="success">
					{notice}
				</Alert>
			) : null}
			{actionData?.error ? (
				<Alert tone="danger">
					{actionData.error}
				</Alert>
			) : null}

			<Card className="p-5">
				<div className="flex flex-col gap-4 sm:flex-row sm:items-start">
					<div className="min-w-0 flex-1">
						<h1 className="text-2xl font-semibold tracking-tight break-words">{d.name}</h1>
						<p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-muted">
							<span className="text-lg font-semibold text-fg tabular-nums">{formatMoney(d.valueCents, d.currency)}</span>
							<Badge tone={outcome === 'WON' ? 'success' : outcome === 'LOST' ? 'danger' : 'accent'}>{d.stage.name}</Badge>
							<span>{d.probability}% likely</span>
							{d.company ? (
								<Link to={`/companies/${d.company.id}`} className="text-link hover:underline">
									{d.company.name}
								</Link>
							) : null}
						</p>
						{outcome !== 'OPEN' && d.closeReason ? (
							<p className="mt-2 text-sm">
								<span className="text-muted">{outcome === 'WON' ? 'Won because' : 'Lost because'}:</span> {d.closeReason}
							</p>
						) : null}
					</div>
					{d.canEdit ? (
						<div className="flex flex-wrap gap-2">
							<Link to={`/deals/${d.id}/edit`} className={buttonClass({ variant: 'secondary', size: 'sm' })}>
								<Icon name="pencil" className="h-4 w-4" /> Edit
							</Link>
						</div>
					) : null}
				</div>

				{d.canEdit ? (
					<div className="mt-4 flex flex-col gap-3 border-t border-border pt-4 lg:flex-row lg:items-end">
						<Form method="post" className="flex items-end gap-2">
							<input type="hidden" name="intent" value="move" />
							<div>
								<Label htmlFor="deal-stage" className="mb-1 text-xs text-muted">
									Stage
								</Label>
								<Select id="deal-stage" name="stageId" defaultValue={d.stageId} key={d.stageId} className="h-9 py-0">
									{stages.map((s) => (
										<option key={s.id} value={s.id}>
											{s.name}
										</option>
									))}
								</Select>
							</div>
							<Button type="submit" variant="secondary" size="sm" className="h-9">
								Move
							</Button>
						</Form>
						{outcome === 'OPEN' ? (
							<Form method="post" className="flex flex-1 flex-wrap items-end gap-2">
								<input type="hidden" name="intent" value="close" />
								<div className="min-w-48 flex-1">
									<Label htmlFor="close-reason" className="mb-1 text-xs text-muted">
										Reason (won or lost)
									</Label>
									<Input id="close-reason" name="reason" maxLength={500} className="h-9" placeholder="Why it closed this way" />
								</div>
								<Button type="submit" name="outcome" value="WON" size="sm" className="h-9">
									<Icon name="trophy" className="h-4 w-4" /> Mark won
								</Button>
								<Button type="submit" name="outcome" value="LOST" variant="secondary" size="sm" className="h-9">
									Mark lost
								</Button>
							</Form>
						) : (
							<Form method="post">
								<button type="submit" name="intent" value="reopen" className={buttonClass({ variant: 'secondary', size: 'sm', className: 'h-9' })}>
									<Icon name="undo" className="h-4 w-4" /> Reopen
								</button>
							</Form>
						)}
					</div>
				) : null}
			</Card>

			<div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
				<div className="flex min-w-0 flex-col gap-6">
					<Card id="interactions">
						<CardHeader
							title="Interactions"
							actions={
								canLog && d.canEdit ? (
									<Link to={`/interactions/new?dealId=${d.id}`} className={buttonClass({ variant: 'secondary', size: 'sm' })}>
										<Icon name="plus" className="h-4 w-4" /> Log interaction
									</Link>
								) : null
							}
						/>
						<ol className="divide-y divide-border" aria-label="Interactions">
							{interactions.length === 0 ? (
								<li className="px-5 py-4 text-sm text-muted">{canLog ? 'Nothing logged for this deal yet.' : 'Add a company or contact to this deal to log interactions.'}</li>
							) : null}
							{interactions.map((i) => (
								<li key={i.id} className="px-5 py-3 text-sm">
									<p className="flex flex-wrap items-baseline gap-x-2">
										<span className="font-medium">{MEDIUM_LABELS[i.medium]}</span>
										{i.subject ? <span>{i.subject}</span> : null}
										{i.contact ? (
											<Link to={`/contacts/${i.contact.id}`} className="text-link hover:underline">
												{i.contact.displayName}
											</Link>
										) : null}
									</p>
									{i.notes ? <p className="mt-0.5 line-clamp-3 text-muted">{i.notes}</p> : null}
									{i.outcome ? <p className="mt-0.5 text-muted">Outcome: {i.outcome}</p> : null}
									<p className="mt-0.5 text-xs text-muted">
										{formatDateTime(i.occurredAt, timezone)}
										{i.user ? ` · ${i.user.name}` : ''}
									</p>
								</li>
							))}
						</ol>
					</Card>

					<Card>
						<CardHeader title="Details" />
						<dl className="divide-y divide-border px-5">
							<Fact label="Value">{formatMoney(d.valueCents, d.currency)}</Fact>
							<Fact label="Weighted">{formatMoney(Math.round((d.valueCents * d.probability) / 100), d.currency)}</Fact>
							<Fact label="Expected close">{d.expectedCloseAt ? dateOnly(d.expectedCloseAt) : '—'}</Fact>
							{d.closedAt ? <Fact label="Closed">{formatDateTime(d.closedAt, timezone)}</Fact> : null}
							<Fact label="Company">
								{d.company ? (
									<Link to={`/companies/${d.company.id}`} className="text-link hover:underline">
										{d.company.name}
									</Link>
								) : (
									'—'
								)}
							</Fact>
							<Fact label="Contact">
								{d.contact ? (
									<Link to={`/contacts/${d.contact.id}`} className="text-link hover:underline">
										{d.contact.displayName}
									</Link>
								) : (
									'—'
								)}
								{d.contact?.jobTitle ? <span className="text-muted"> · {d.contact.jobTitle}</span> : null}
							</Fact>
							<Fact label="Owner">{d.owner?.name ?? '—'}</Fact>
							<Fact label="Added">{formatDateTime(d.createdAt, timezone)}</Fact>
						</dl>
					</Card>
					<NotesCard html={notesHtml} />
				</div>

				<div className="flex min-w-0 flex-col gap-6">
					<Card id="follow-ups">
						<CardHeader
							title="Follow-ups"
							actions={
								canLog && d.canEdit ? (
									<Link to={`/follow-ups/new?dealId=${d.id}&returnTo=${encodeURIComponent(`/deals/${d.id}`)}`} className={buttonClass({ variant: 'secondary', size: 'sm' })}>
										<Icon name="plus" className="h-4 w-4" /> Schedule
									</Link>
								) : null
							}
						/>
						<ul className="divide-y divide-border" aria-label="Follow-ups">
							{followUps.length === 0 ? <li className="px-5 py-4 text-sm text-muted">None scheduled.</li> : null}
							{followUps.map((f) => (
								<li key={f.id} className="px-5 py-3 text-sm">
									<p className="flex flex-wrap items-center justify-between gap-2">
										<Link to={`/follow-ups/${f.id}`} className="font-medium hover:underline">
											{FOLLOW_UP_TYPE_LABELS[f.type]}
										</Link>
										<StateBadge state={followUpState(f, new Date(now))} />
									</p>
									{f.notes ? <p className="mt-0.5 line-clamp-2 text-muted">{f.notes}</p> : null}
									<p className="mt-0.5 text-xs text-muted">
										{formatDateTime(f.dueAt, timezone)}
										{f.assignee ? ` · ${f.assignee.name}` : ''}
									</p>
								</li>
							))}
						</ul>
					</Card>

					<Card>
						<CardHeader title="Stage history" />
						<ol className="divide-y divide-border" aria-label="Stage history">
							{d.stageChanges.map((c) => (
								<li key={c.id} className="px-5 py-3 text-sm">
									<p>{c.fromName ? `${c.fromName} → ${c.toName}` : `Created in ${c.toName}`}</p>
									<p className="text-xs text-muted">
										{formatDateTime(c.changedAt, timezone)}
										{c.changedBy ? ` · ${c.changedBy.name}` : ''}
									</p>
								</li>
							))}
						</ol>
					</Card>

					{d.canEdit ? (
						<ConfirmDelete summary="Delete deal" confirmLabel={`Yes, delete ${d.name}`}>
							{d.name} leaves the board and the list. Its interactions and follow-ups stay with their contacts.
						</ConfirmDelete>
					) : null}
				</div>
			</div>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

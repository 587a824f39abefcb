// The workspace's pipeline: its stages in board order, each with a name, a default
// probability and an outcome (open, won, lost). Owners and admins rename, reorder
// (up / down), add and remove stages; removing one asks where its deals go. At
// least one open, one won and one lost stage always remain.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { SubmitButton } from '#app/components/forms.tsx'
import { Alert } from '#app/components/ui/alert.tsx'
import { Badge } from '#app/components/ui/badge.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Card, CardBody, CardHeader } from '#app/components/ui/card.tsx'
import { Icon } from '#app/components/ui/icon.tsx'
import { Input, Label, Select } from '#app/components/ui/input.tsx'
import { addStage, DealFieldError, listStagesWithCounts, moveStage, removeStage, updateStage } from '#app/models/deal.server.ts'
import { canManageWorkspace } from '#app/models/taxonomy.server.ts'
import { requireMembership } from '#app/models/workspace.server.ts'
import { STAGE_OUTCOME_LABELS, STAGE_OUTCOMES, stageFormSchema, type StageOutcome } from '#app/validation/deal.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'Pipeline · Settings · Rapport' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const m = await requireMembership(request)
	return { stages: await listStagesWithCounts(m), canManage: canManageWorkspace(m) }
}

type Reply = { intent: string; id?: string; notice?: string; errors?: Record<string, string> }

export async function action({ request }: ActionFunctionArgs) {
	const m = await requireMembership(request)
	const form = await readForm(request)
	const intent = String(form.get('intent') ?? '')
	const id = String(form.get('id') ?? '') || undefined
	const fail = (errors: Record<string, string>) => data<Reply>({ intent, id, errors }, { status: 400 })
	try {
		if (intent === 'up' || intent === 'down') {
			await moveStage(m, id ?? '', intent === 'up' ? -1 : 1)
			return data<Reply>({ intent, notice: 'Order saved.' })
		}
		if (intent === 'remove') {
			const { moved } = await removeStage(m, id ?? '', String(form.get('moveTo') ?? '') || null)
			return data<Reply>({ intent, notice: moved ? `Stage removed; ${moved} ${moved === 1 ? 'deal' : 'deals'} moved.` : 'Stage removed.' })
		}
		if (intent !== 'add' && intent !== 'update') throw new Response('Unknown action', { status: 400 })
		const parsed = stageFormSchema.safeParse({ name: form.get('name'), probability: form.get('probability'), outcome: form.get('outcome') || undefined })
		if (!parsed.success) return fail(Object.fromEntries(Object.entries(parsed.error.flatten().fieldErrors).map(([k, v]) => [k, v?.[0] ?? 'Check this field'])))
		if (intent === 'add') {
			await addStage(m, parsed.data)
			return data<Reply>({ intent, notice: `Added “${parsed.data.name}”.` })
		}
		await updateStage(m, id ?? '', parsed.data)
		return data<Reply>({ intent, id, notice: `Saved “${parsed.data.name}”.` })
	} catch (error) {
		if (error instanceof DealFieldError) return fail({ [error.field]: error.message })
		throw error
	}
}

type StageItem = { id: string; name: string; probability: number; outcome: StageOutcome; deals: number }
const TONE = { OPEN: 'neutral', WON: 'success', LOST: 'danger' } as const

export default function PipelineSettings() {
	const { stages, canManage } = useLoaderData<typeof loader>()
	const reply = useActionData<typeof action>()
	const generalError = reply?.errors?.outcome && reply.intent !== 'add' && reply.intent !== 'update' ? reply.errors.outcome : null
	return (
		<div className="flex flex-col gap-6">
			{reply?.notice ? (
				<Alert tone="success" className="py-2">
					{reply.notice}
				</Alert>
			) : null}
			{generalError ? (
				<Alert tone="danger" className="py-2">
					{generalError}
				</Alert>
			) : null}
			<Card>
				<CardHeader
					title="Pipeline stages"
					description={
						canManage
							? 'The columns of the deal board, left to right. A deal entering a stage takes its probability; won and lost stages close the deal.'
							: 'The columns of the deal board. Workspace owners and admins can change them.'
					}
				/>
				<ol className="divide-y divide-border" aria-label="Stages">
					{stages.map((s, i) => (
						<StageRow key={s.id} stage={s} index={i} count={stages.length} others={stages.filter((o) => o.id !== s.id)} canManage={canManage} reply={reply?.id === s.id ? reply : undefined} />
					))}
				</ol>
			</Card>
			{canManage ? <NewStage reply={reply?.intent === 'add' ? reply : undefined} /> : null}
		</div>
	)
}

function StageFields({ stage, errors, idPrefix }: { stage?: StageItem; errors?: Record<string, string>; idPrefix: string }) {
	return (
		<div className="grid gap-3 sm:grid-cols-[1fr_8rem_9rem]">
			<div>
				<Label htmlFor={`${idPrefix}-name`} className="mb-1">
					Name
				</Label>
				<Input id={`${idPrefix}-name`} name="name" defaultValue={stage?.name} required maxLength={60} autoComplete="off" aria-invalid={errors?.name ? true : undefined} />
				{errors?.name ? <p className="mt-1 text-[13px] text-danger-text">{errors.name}</p> : null}
			</div>
			<div>
				<Label htmlFor={`${idPrefix}-probability`} className="mb-1">
					Probability (%)
				</Label>
				<Input id={`${idPrefix}-probability`} name="probability" type="number" min={0} max={100} step={1} required defaultValue={stage?.probability ?? 50} aria-invalid={errors?.probability ? true : undefined} />
				{errors?.probability ? <p className="mt-1 text-[13px] text-danger-text">{errors.probability}</p> : null}
			</div>
			<div>
				<Label htmlFor={`${idPrefix}-outcome`} className="mb-1">
					Outcome
				</Label>
				<Select id={`${idPrefix}-outcome`} name="outcome" defaultValue={stage?.outcome ?? 'OPEN'}>
					{STAGE_OUTCOMES.map((o) => (
						<option key={o} value={o}>
							{STAGE_OUTCOME_LABELS[o]}
						</option>
					))}
				</Select>
				{errors?.outcome ? <p className="mt-1 text-[13px] text-danger-text">{errors.outcome}</p> : null}
			</div>
		</div>
	)
}

function StageRow({ stage, index, count, others, canManage, reply }: { stage: StageItem; index: number; count: number; others: StageItem[]; canManage: boolean; reply?: Reply }) {
	const failed = Boolean(reply?.errors)
	return (
		<li className="px-5 py-3" data-stage={stage.name}>
			<div className="flex items-center gap-3">
				<span className="w-6 shrink-0 text-right text-sm text-muted tabular-nums">{index + 1}.</span>
				<div className="flex min-w-0 flex-1 flex-wrap items-center gap-x-3 gap-y-1">
					<span className="font-medium" data-testid="stage-name">
						{stage.name}
					</span>
					<Badge tone={TONE[stage.outcome]}>{STAGE_OUTCOME_LABELS[stage.outcome]}</Badge>
					<span className="text-sm text-muted">{stage.probability}%</span>
					<Link to={`/deals/list?stage=${stage.id}`} className="text-sm text-muted hover:text-fg hover:underline">
						{stage.deals.toLocaleString('en')} {stage.deals === 1 ? 'deal' : 'deals'}
					</Link>
				</div>
				{canManage ? (
					<Form method="post" className="flex shrink-0 gap-1">
						<input type="hidden" name="id" value={stage.id} />
						<Button type="submit" name="intent" value="up" variant="ghost" size="sm" disabled={index === 0} aria-label={`Move ${stage.name} up`}>
							<Icon name="arrow-up" className="h-4 w-4" />
						</Button>
						<Button type="submit" name="intent" value="down" variant="ghost" size="sm" disabled={index === count - 1} aria-label={`Move ${stage.name} down`}>
							<Icon name="arrow-down" className="h-4 w-4" />
						</Button>
					</Form>
				) : null}
			</div>
			{canManage ? (
				<details key={`${stage.name}:${stage.probability}:${stage.outcome}:${stage.deals}`} open={failed || undefined} className="group mt-2 ml-9">
					<summary className="inline-flex cursor-pointer list-none items-center rounded-md text-sm font-medium text-link hover:underline [&::-webkit-details-marker]:hidden">
						<span className="group-open:hidden">Edit or remove</span>
						<span className="hidden group-open:inline">Close</span>
						<span className="sr-only"> {stage.name}</span>
					</summary>
					<div className="mt-3 flex flex-col gap-4 rounded-md border border-border bg-bg/60 p-4">
						<Form method="post" className="flex flex-col gap-3" aria-label={`Edit ${stage.name}`}>
							<input type="hidden" name="intent" value="update" />
							<input type="hidden" name="id" value={stage.id} />
							<StageFields stage={stage} errors={reply?.intent === 'update' ? reply.errors : undefined} idPrefix={`stage-${stage.id}`} />
							<div>
								<SubmitButton size="sm">Save stage</SubmitButton>
							</div>
						</Form>
						<Form method="post" className="flex flex-col gap-2 border-t border-border pt-4" aria-label={`Remove ${stage.name}`}>
							<input type="hidden" name="id" value={stage.id} />
							<p className="text-sm font-medium">Remove this stage</p>
							{stage.deals > 0 ? (
								<div className="flex flex-wrap items-end gap-2">
									<div>
										<Label htmlFor={`move-to-${stage.id}`} className="mb-1 text-[13px] text-muted">
											Move its {stage.deals.toLocaleString('en')} {stage.deals === 1 ? 'deal' : 'deals'} to
										</Label>
										<Select id={`move-to-${stage.id}`} name="moveTo" required defaultValue="" className="h-9 py-0">
											<option value="" disabled>
												Choose a stage
											</option>
											{others.map((o) => (
												<option key={o.id} value={o.id}>
													{o.name}
												</option>
											))}
										</Select>
									</div>
									<SubmitButton name="intent" value="remove" variant="secondary" size="sm" className="h-9 text-danger-text">
										Remove stage
									</SubmitButton>
								</div>
							) : (
								<div>
									<SubmitButton name="intent" value="remove" variant="secondary" size="sm" className="text-danger-text">
										Remove stage
									</SubmitButton>
								</div>
							)}
							{reply?.intent === 'remove' && reply.errors?.moveTo ? <p className="text-[13px] text-danger-text">{reply.errors.moveTo}</p> : null}
						</Form>
					</div>
				</details>
			) : null}
		</li>
	)
}

function NewStage({ reply }: { reply?: Reply }) {
	return (
		<Card>
			<CardHeader title="New stage" description="Open stages are added before the won and lost ones; move it with the arrows afterwards." />
			<CardBody>
				<Form method="post" className="flex flex-col gap-3" aria-label="New stage">
					<input type="hidden" name="intent" value="add" />
					<StageFields errors={reply?.errors} idPrefix="new-stage" />
					<div>
						<SubmitButton size="sm">Add stage</SubmitButton>
					</div>
				</Form>
			</CardBody>
		</Card>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

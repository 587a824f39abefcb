// One follow-up: what, with whom, when; and, while it is open, complete it (with an
// outcome, optionally logged as an interaction), reschedule, edit or cancel it.
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useLocation, useSearchParams } from '@remix-run/react'
import { useEffect, type ReactNode } from 'react'
import type { z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { CancelFollowUpForm, CompleteFollowUpForm, FollowUpForm, RescheduleForm } from '#app/components/follow-up-form.tsx'
import { DueTime, formatDue, RecordLink, StateBadge, TypeIcon } from '#app/components/follow-up-list.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { Alert } from '#app/components/ui/alert.tsx'
import { buttonClass } from '#app/components/ui/button.tsx'
import { Card, CardHeader } from '#app/components/ui/card.tsx'
import { Icon } from '#app/components/ui/icon.tsx'
import {
	cancelFollowUp,
	completeFollowUp,
	followUpUserSettings,
	FollowUpFieldError,
	getFollowUp,
	listAssignees,
	rescheduleFollowUp,
	updateFollowUp,
} from '#app/models/follow-up.server.ts'
import { canCreate, requireMembership } from '#app/models/workspace.server.ts'
import { cn, notFound } from '#app/utils/misc.ts'
import { safeRedirectTo } from '#app/utils/session.server.ts'
import { formatDateTime, utcToWallTime } from '#app/utils/time.ts'
import { cancelFollowUpSchema, completeFollowUpSchema, FOLLOW_UP_TYPE_LABELS, followUpFormSchema, followUpState, rescheduleSchema } from '#app/validation/follow-up.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `${FOLLOW_UP_TYPE_LABELS[data.followUp.type]} · ${data.followUp.contact?.displayName ?? data.followUp.company?.name ?? 'Follow-up'} · Rapport` : 'Follow-up · Rapport' },
]

async function requireFollowUp(request: Request, id: string) {
	const m = await requireMembership(request)
	const followUp = await getFollowUp(m, id)
	if (!followUp) throw notFound()
	return { m, followUp }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { m, followUp } = await requireFollowUp(request, params.id!)
	const [settings, assignees] = await Promise.all([followUpUserSettings(m.userId), listAssignees(m)])
	return { followUp, assignees, me: m.userId, timeZone: settings.timeZone, now: new Date(), canCreate: canCreate(m) }
}

type Intent = 'complete' | 'reschedule' | 'edit' | 'cancel'

export async function action({ request, params }: ActionFunctionArgs) {
	const { m, followUp: f } = await requireFollowUp(request, params.id!)
	const { timeZone } = await followUpUserSettings(m.userId)
	const formData = await readForm(request)
	const intent = String(formData.get('intent') ?? '') as Intent
	const done = `/follow-ups/${f.id}?done=`

	/** Validates, runs the change, and shows a model's refusal beside its field. */
	async function attempt<S extends z.ZodTypeAny>(schema: S, run: (value: z.output<S>) => Promise<unknown>, notice: string) {
		const submission = parseWithZod(formData, { schema })
		if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
		try {
			await run(submission.value)
		} catch (error) {
			if (!(error instanceof FollowUpFieldError)) throw error
			return data({ intent, result: submission.reply(error.field ? { fieldErrors: { [error.field]: [error.message] } } : { formErrors: [error.message] }) }, { status: 400 })
		}
		return redirect(safeRedirectTo(formData.get('redirectTo'), done + notice))
	}

	if (intent === 'complete') return attempt(completeFollowUpSchema, (v) => completeFollowUp(m, f.id, v), 'completed')
	if (intent === 'reschedule') return attempt(rescheduleSchema({ timeZone }), (v) => rescheduleFollowUp(m, f.id, v.dueAt), 'rescheduled')
	if (intent === 'edit') return attempt(followUpFormSchema({ timeZone, unchanged: utcToWallTime(f.dueAt, timeZone) }), (v) => updateFollowUp(m, f.id, v), 'saved')
	if (intent === 'cancel') return attempt(cancelFollowUpSchema, (v) => cancelFollowUp(m, f.id, v), 'cancelled')
	throw new Response('Unknown action', { status: 400 })
}

const NOTICES: Record<string, string> = {
	completed: 'Follow-up completed.',
	rescheduled: 'Follow-up rescheduled.',
	saved: 'Changes saved.',
	cancelled: 'Follow-up cancelled.',
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
	return (
		<div className="grid grid-cols-[7.5rem_1fr] gap-3 py-2 text-sm">
			<dt className="text-muted">{label}</dt>
			<dd className="min-w-0 break-words">{children}</dd>
		</div>
	)
}

export default function FollowUpPage() {
	const { followUp: f, assignees, me, timeZone, now, canCreate } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [params] = useSearchParams()
	const { hash } = useLocation()
	// "Complete" and "Reschedule" in the list land here: put the cursor where the typing starts.
	useEffect(() => {
		const targets: Record<string, string> = { '#complete': 'follow-up-complete-outcome', '#reschedule': 'follow-up-reschedule-dueAt' }
		const id = targets[hash]
		if (id) document.getElementById(id)?.focus({ preventScroll: true })
	}, [hash])
	const state = followUpState(f, new Date(now))
	const open = f.status === 'PENDING' || f.status === 'MISSED'
	const editable = open && f.canEdit
	const result = (intent: Intent) => (actionData?.intent === intent ? actionData.result : undefined)
	const name = f.contact?.displayName ?? f.company?.name ?? 'Follow-up'
	const notice = NOTICES[params.get('done') ?? '']
	const dueWall = utcToWallTime(f.dueAt, timeZone)
	const nextHref = f.contact ? `/follow-ups/new?contactId=${f.contact.id}` : f.company ? `/follow-ups/new?companyId=${f.company.id}` : null

	return (
		<div>
			<PageHeader
				back={{ to: '/follow-ups', label: 'Follow-ups' }}
				title={
					<span className="flex items-center gap-3">
						<TypeIcon type={f.type} className="h-9 w-9" />
						<span className="truncate">
							{FOLLOW_UP_TYPE_LABELS[f.type]} · {name}
						</span>
					</span>
				}
				subtitle={
					<span className="flex flex-wrap items-center gap-2">
						<StateBadge state={state} />
						<DueTime item={f} now={now} timeZone={timeZone} />
					</span>
				}
				actions={
					!open && canCreate && nextHref ? (
						<Link to={nextHref} className={buttonClass({ variant: 'secondary', size: 'sm' })}>
							<Icon name="plus" className="h-4 w-4" /> Schedule the next one
						</Link>
					) : null
				}
			/>
			<div className="flex flex-col gap-6">
				{notice ? <Alert tone="success">{notice}{params.get('done') === 'completed' && f.interaction ? ' It is on the timeline as an interaction.' : ''}</Alert> : null}
				{state === 'MISSED' ? <Alert tone="warning">This follow-up was missed. You can still complete it or give it a new date.</Alert> : null}
				{state === 'OVERDUE' ? <Alert tone="danger">This follow-up is overdue.</Alert> : null}

				<div className={cn('grid gap-6', editable ? 'lg:grid-cols-[1fr_20rem]' : 'max-w-3xl')}>
					<div className="flex min-w-0 flex-col gap-6">
						<Card>
							<CardHeader title="Details" />
							<dl className="divide-y divide-border px-5">
								<Fact label="With">
									<RecordLink item={f} className="text-link" />
									{f.contact?.company ? (
										<>
											{' '}
											<span className="text-muted">at</span>{' '}
											<Link to={`/companies/${f.contact.company.id}`} className="text-link hover:underline">
												{f.contact.company.name}
											</Link>
										</>
									) : null}
								</Fact>
								<Fact label="Due">{formatDue(f.dueAt, now, timeZone)}</Fact>
								<Fact label="Assigned to">{f.assignee ? (f.assignee.id === me ? `${f.assignee.name} (me)` : f.assignee.name) : '—'}</Fact>
								{f.notes ? (
									<Fact label="Notes">
										<span className="whitespace-pre-line">{f.notes}</span>
									</Fact>
								) : null}
								{f.status === 'COMPLETED' ? (
									<>
										<Fact label="Outcome">{f.outcome}</Fact>
										{f.completedAt ? <Fact label="Completed">{formatDateTime(f.completedAt, timeZone)}</Fact> : null}
										{f.interaction ? (
											<Fact label="Interaction">
												Logged {formatDateTime(f.interaction.occurredAt, timeZone)}
												{f.contact ? (
													<>
														{' · '}
														<Link to={`/contacts/${f.contact.id}`} className="text-link hover:underline">
															see the timeline
														</Link>
													</>
												) : null}
											</Fact>
										) : null}
									</>
								) : null}
								{f.status === 'CANCELLED' ? <Fact label="Cancelled">{[formatDateTime(f.updatedAt, timeZone), f.outcome].filter(Boolean).join(' · ')}</Fact> : null}
								<Fact label="Created">
									{formatDateTime(f.createdAt, timeZone)}
									{f.createdBy ? ` by ${f.createdBy.name}` : ''}
								</Fact>
							</dl>
						</Card>
						{editable ? (
							<Card id="complete" aria-label="Complete" className="scroll-mt-20">
								<CardHeader title="Complete" description="Record how it went." />
								<div className="px-5 py-4">
									<CompleteFollowUpForm lastResult={result('complete')} defaultNotes={f.notes} />
								</div>
							</Card>
						) : null}
					</div>

					{editable ? (
						<div className="flex min-w-0 flex-col gap-6">
							<Card id="reschedule" aria-label="Reschedule" className="scroll-mt-20">
								<CardHeader title="Reschedule" />
								<div className="px-5 py-4">
									{/* Once it is past due, the proposal is tomorrow at the same time. */}
									<RescheduleForm timeZone={timeZone} lastResult={result('reschedule')} defaultDue={state === 'PENDING' ? dueWall : nextDaySameTime(now, dueWall, timeZone)} />
								</div>
							</Card>
							<details id="edit" className="group rounded-lg border border-border bg-surface shadow-sm" open={actionData?.intent === 'edit' || undefined}>
								<summary className="flex cursor-pointer list-none items-center gap-2 px-5 py-3 text-sm font-medium [&::-webkit-details-marker]:hidden">
									<Icon name="pencil" className="h-4 w-4 text-muted" /> Edit details
									<Icon name="chevron-down" className="ml-auto h-4 w-4 text-muted transition-transform group-open:rotate-180" />
								</summary>
								<div className="border-t border-border px-5 py-4">
									<FollowUpForm
										intent="edit"
										timeZone={timeZone}
										assignees={assignees}
										me={me}
										lastResult={result('edit')}
										defaultValue={{ type: f.type, dueAt: dueWall, notes: f.notes, assigneeId: f.assigneeId }}
										unchanged={dueWall}
										submitLabel="Save changes"
									/>
								</div>
							</details>
							<details className="group rounded-lg border border-border bg-surface shadow-sm" open={actionData?.intent === 'cancel' || undefined}>
								<summary className="flex cursor-pointer list-none items-center gap-2 px-5 py-3 text-sm font-medium text-danger-text [&::-webkit-details-marker]:hidden">
									<Icon name="ban" className="h-4 w-4" /> Cancel this follow-up
									<Icon name="chevron-down" className="ml-auto h-4 w-4 text-muted transition-transform group-open:rotate-180" />
								</summary>
								<div className="border-t border-border px-5 py-4">
									<CancelFollowUpForm lastResult={result('cancel')} />
								</div>
							</details>
						</div>
					) : null}
				</div>
			</div>
		</div>
	)
}

/** Tomorrow at the follow-up's time of day (for a missed one), as wall time. */
function nextDaySameTime(now: Date | string, dueWall: string, timeZone: string) {
	const tomorrow = utcToWallTime(new Date(new Date(now).getTime() + 24 * 60 * 60 * 1000), timeZone).slice(0, 10)
	return `${tomorrow}T${dueWall.slice(11, 16)}`
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

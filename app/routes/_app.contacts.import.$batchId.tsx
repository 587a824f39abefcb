// /contacts/import/:batchId: an import's progress (polled with JS, a meta refresh
// without), its report, and "Undo this import" behind a confirm step.
import { userPrefs } from '#app/models/user.server.ts'
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useRevalidator } from '@remix-run/react'
import { useEffect } from 'react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { SubmitButton, useIsPending } from '#app/components/forms.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { Alert } from '#app/components/ui/alert.tsx'
import { Badge } from '#app/components/ui/badge.tsx'
import { buttonClass } from '#app/components/ui/button.tsx'
import { Card, CardBody, CardHeader } from '#app/components/ui/card.tsx'
import { Icon } from '#app/components/ui/icon.tsx'
import { SOURCE_FORMAT_LABELS } from '#app/models/import/fields.ts'
import { canUndo, getImportBatch, undoImport, type Outcome, type RowResult } from '#app/models/import/import.server.ts'
import { requireMembership } from '#app/models/workspace.server.ts'
import { cn, notFound } from '#app/utils/misc.ts'
import { formatDateTime } from '#app/utils/time.ts'
import { readForm } from '#app/utils/form.server.ts'

const UndoSchema = z.object({ intent: z.literal('undo') })

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.batch.fileName ?? 'Import'} · Import · Rapport` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const m = await requireMembership(request)
	const batch = await getImportBatch(m, params.batchId ?? '')
	if (!batch) throw notFound()
	const url = new URL(request.url)
	const user = await userPrefs(m.userId)
	const { report, userId, ...rest } = batch
	return {
		batch: {
			...rest,
			sourceLabel: SOURCE_FORMAT_LABELS[report.source] ?? 'File',
			error: report.error ?? null,
			samples: report.samples ?? {},
			rejectedRows: (report.rejected ?? []).slice(0, 100).map((r) => ({ line: r.line, reason: r.reason })),
			rejectedKept: report.rejected?.length ?? 0,
			warnings: (report.warnings ?? []).slice(0, 50),
		},
		canUndo: canUndo(m, { userId }),
		confirmUndo: url.searchParams.has('undo'),
		undone: url.searchParams.get('undone'),
		timezone: user.timezone,
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const m = await requireMembership(request)
	const submission = parseWithZod(await readForm(request), { schema: UndoSchema })
	if (submission.status !== 'success') throw new Response('Unknown action', { status: 400 })
	const result = await undoImport(m, params.batchId ?? '')
	if (!result) throw notFound()
	if (!result.ok) return data({ error: result.error }, { status: 400 })
	return redirect(`/contacts/import/${params.batchId}?undone=${result.deleted}`)
}

const OUTCOMES: Array<{ key: Exclude<Outcome, 'reject'>; label: string }> = [
	{ key: 'create', label: 'Created' },
	{ key: 'update', label: 'Updated' },
	{ key: 'duplicate', label: 'Skipped' },
]

export default function ImportBatchPage() {
	const { batch, canUndo, confirmUndo, undone, timezone } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const running = batch.status === 'RUNNING'
	usePolling(running)
	const percent = batch.totalRows ? Math.min(100, Math.round((batch.processed / batch.totalRows) * 100)) : 0
	const counts = [
		{ label: 'Created', value: batch.created, tone: '' },
		{ label: 'Updated', value: batch.updated, tone: '' },
		{ label: 'Skipped (already there)', value: batch.skipped, tone: '' },
		{ label: 'Rejected', value: batch.rejected, tone: batch.rejected ? 'text-danger-text' : '' },
	]
	return (
		<div>
			{/* Without JavaScript the page reloads itself while the import runs. */}
			{running ? (
				<noscript>
					<meta httpEquiv="refresh" content="2" />
				</noscript>
			) : null}
			<PageHeader
				title={<span className="break-all">{batch.fileName}</span>}
				subtitle={`${batch.sourceLabel} · ${formatDateTime(batch.createdAt, timezone)}${batch.user ? ` · by ${batch.user.name}` : ''}`}
				back={{ to: '/contacts/import', label: 'Import' }}
				actions={<StatusBadge status={batch.status} />}
			/>
			<div className="flex flex-col gap-6">
				{undone !== null ? (
					<Alert tone="success">
						Import undone: {Number(undone).toLocaleString('en')} {Number(undone) === 1 ? 'contact' : 'contacts'} removed.
					</Alert>
				) : null}
				{batch.error ? <Alert tone="danger">{batch.error}</Alert> : null}
				{actionData?.error ? <Alert tone="danger">{actionData.error}</Alert> : null}

				<Card>
					<CardBody className="flex flex-col gap-4">
						{running ? (
							<div>
								<div className="mb-1.5 flex justify-between text-sm">
									<span className="font-medium">Importing…</span>
									<span className="text-muted tabular-nums">
										{batch.processed.toLocaleString('en')} of {batch.totalRows.toLocaleString('en')} rows
									</span>
								</div>
								<div
									role="progressbar"
									aria-label="Import progress"
									aria-valuemin={0}
									aria-valuemax={100}
									aria-valuenow={percent}
									className="h-2 overflow-hidden rounded-full bg-subtle"
								>
									<div className="h-full rounded-full bg-accent transition-[width] duration-500" style={{ width: `${percent}%` }} />
								</div>
								<p className="mt-2 text-[13px] text-muted">You can leave this page; the import keeps going.</p>
							</div>
						) : null}
						<dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="import-report">
							{counts.map((c) => (
								<div key={c.label} className="rounded-md border border-border px-3 py-2">
									<dt className="text-xs font-medium tracking-wide text-muted uppercase">{c.label}</dt>
									<dd className={cn('mt-0.5 text-xl font-semibold tabular-nums', c.tone)}>{c.value.toLocaleString('en')}</dd>
								</div>
							))}
						</dl>
						{batch.status === 'COMPLETED' ? (
							<p className="text-sm text-muted">
								{batch.totalRows.toLocaleString('en')} rows read.{' '}
								{batch.created ? (
									<Link to="/contacts?source=IMPORT&sort=created&dir=desc" className="text-link hover:underline">
										See the imported contacts
									</Link>
								) : null}
							</p>
						) : null}
					</CardBody>
				</Card>

				{batch.rejected ? (
					<Card>
						<CardHeader title="Rejected rows" description="These rows were not imported. Fix them in your file and import it again: rows already imported are recognised and skipped." />
						<ul className="divide-y divide-border text-sm">
							{batch.rejectedRows.map((r) => (
								<li key={r.line} className="flex gap-3 px-5 py-2">
									<span className="w-16 shrink-0 text-muted tabular-nums">Line {r.line}</span>
									<span className="text-danger-text">{r.reason}</span>
								</li>
							))}
							{batch.rejected > batch.rejectedRows.length ? (
								<li className="px-5 py-2 text-muted">and {(batch.rejected - batch.rejectedRows.length).toLocaleString('en')} more</li>
							) : null}
							{batch.rejectedKept ? (
								<li className="px-5 py-2.5">
									<a href={`/contacts/import/${batch.id}/rejected.csv`} download className="inline-flex items-center gap-2 font-medium text-link hover:underline">
										<Icon name="download" className="h-4 w-4" />
										Download the rejected rows (CSV, with the reasons)
									</a>
								</li>
							) : null}
						</ul>
					</Card>
				) : null}

				{!running && OUTCOMES.some((o) => batch.samples[o.key]?.length) ? (
					<Card>
						<CardHeader title="First rows" description="A sample of what happened, by line of the file." />
						<div className="divide-y divide-border">
							{OUTCOMES.map((o) => (batch.samples[o.key]?.length ? <Sample key={o.key} label={o.label} rows={batch.samples[o.key]!} status={batch.status} /> : null))}
						</div>
					</Card>
				) : null}

				{batch.warnings.length ? (
					<Alert tone="warning">
						<p className="font-medium">Notes</p>
						<ul className="mt-1 list-disc pl-5">
							{batch.warnings.map((w, i) => (
								<li key={i}>
									Line {w.line}: {w.message}
								</li>
							))}
						</ul>
					</Alert>
				) : null}

				{canUndo && !running && batch.status !== 'UNDONE' && batch.created > 0 ? (
					<UndoCard id={batch.id} created={batch.created} updated={batch.updated} confirm={confirmUndo} />
				) : null}
			</div>
		</div>
	)
}

function StatusBadge({ status }: { status: string }) {
	const map: Record<string, [string, 'accent' | 'success' | 'danger' | 'neutral']> = {
		RUNNING: ['Running', 'accent'],
		COMPLETED: ['Done', 'success'],
		FAILED: ['Stopped', 'danger'],
		UNDONE: ['Undone', 'neutral'],
	}
	const [label, tone] = map[status] ?? [status, 'neutral']
	return <Badge tone={tone}>{label}</Badge>
}

function Sample({ label, rows, status }: { label: string; rows: RowResult[]; status: string }) {
	return (
		<details className="group">
			<summary className="flex cursor-pointer list-none items-center gap-2 px-5 py-3 text-sm font-medium hover:bg-subtle/60 [&::-webkit-details-marker]:hidden">
				<Icon name="chevron-right" className="h-4 w-4 text-muted transition-transform group-open:rotate-90" />
				{label}
			</summary>
			<ul className="border-t border-border bg-subtle/30 text-sm">
				{rows.map((r) => (
					<li key={r.line} className="flex gap-3 px-5 py-1.5">
						<span className="w-16 shrink-0 text-muted tabular-nums">Line {r.line}</span>
						<span className="min-w-0">
							{r.contactId && status !== 'UNDONE' ? (
								<Link to={`/contacts/${r.contactId}`} className="font-medium text-link hover:underline">
									{r.name}
								</Link>
							) : (
								<span className="font-medium">{r.name}</span>
							)}
							{r.detail ? <span className="text-muted"> · {r.detail}</span> : null}
						</span>
					</li>
				))}
			</ul>
		</details>
	)
}

function UndoCard({ id, created, updated, confirm }: { id: string; created: number; updated: number; confirm: boolean }) {
	const pending = useIsPending({ intent: 'undo' })
	const contacts = `${created.toLocaleString('en')} ${created === 1 ? 'contact' : 'contacts'}`
	return (
		<Card className={confirm ? 'border-danger/40' : undefined}>
			<CardHeader
				title="Undo this import"
				description={`Deletes the ${contacts} this import created, with anything added to them since.${
					updated ? ` The ${updated.toLocaleString('en')} existing ${updated === 1 ? 'contact it added details to keeps' : 'contacts it added details to keep'} them.` : ''
				}`}
			/>
			<CardBody>
				{confirm ? (
					<Form method="post" className="flex flex-wrap items-center gap-3">
						<input type="hidden" name="intent" value="undo" />
						<p className="w-full text-sm font-medium">Delete the {contacts} this import created? This can’t be undone.</p>
						<SubmitButton variant="danger" pending={pending}>
							Yes, delete {contacts}
						</SubmitButton>
						<Link to={`/contacts/import/${id}`} className={buttonClass({ variant: 'ghost' })} preventScrollReset>
							Cancel
						</Link>
					</Form>
				) : (
					<Link to={`/contacts/import/${id}?undo=1`} className={buttonClass({ variant: 'secondary' })} preventScrollReset>
						<Icon name="undo" className="h-4 w-4" />
						Undo this import…
					</Link>
				)}
			</CardBody>
		</Card>
	)
}

/** With JavaScript, reloads the data every second while the import runs. */
function usePolling(active: boolean) {
	const { revalidate, state } = useRevalidator()
	useEffect(() => {
		if (!active) return
		const timer = setInterval(() => {
			if (state === 'idle') revalidate()
		}, 1000)
		return () => clearInterval(timer)
	}, [active, revalidate, state])
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

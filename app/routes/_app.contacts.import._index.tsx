// /contacts/import: upload a CSV or vCard file, check the preview (detected format,
// editable column mapping, what each row will do), then import. The uploaded file
// waits on disk behind an opaque token, so the forms never carry its content.
import { LIST_HEAD_CLASS } from '#app/components/sortable-th.tsx'
import { userPrefs } from '#app/models/user.server.ts'
import { getFormProps, getInputProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import {
	data,
	redirect,
	type ActionFunctionArgs,
	type LoaderFunctionArgs,
	type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSubmit } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Field, SubmitButton, useIsPending, useZodForm } from '#app/components/forms.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { Alert } from '#app/components/ui/alert.tsx'
import { Badge } from '#app/components/ui/badge.tsx'
import { Button, buttonClass } from '#app/components/ui/button.tsx'
import { Card, CardBody, CardHeader } from '#app/components/ui/card.tsx'
import { Icon } from '#app/components/ui/icon.tsx'
import { Select } from '#app/components/ui/input.tsx'
import { listCustomFields } from '#app/models/custom-field.server.ts'
import { IMPORT_FIELD_OPTIONS } from '#app/models/import/fields.ts'
import {
	ImportFileError,
	inspectImportFile,
	listImports,
	loadStaged,
	previewImport,
	stageUpload,
	startStagedImport,
	type ImportPreview,
	type Outcome,
	type RowResult,
} from '#app/models/import/import.server.ts'
import { canCreate, requireMembership } from '#app/models/workspace.server.ts'
import { cn } from '#app/utils/misc.ts'
import { formatDateTime } from '#app/utils/time.ts'
import { IMPORT_ACCEPT, IMPORT_MAX_BYTES, IMPORT_TOO_BIG, ImportPreviewSchema, ImportTokenSchema, ImportUploadSchema } from '#app/validation/import.ts'
import { MaxPartSizeExceededError, readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'Import contacts · Rapport' }]

async function requireImporter(request: Request) {
	const m = await requireMembership(request)
	if (!canCreate(m)) throw new Response('Your role can view contacts but not import them. Ask a workspace admin.', { status: 403 })
	return m
}

export async function loader({ request }: LoaderFunctionArgs) {
	const m = await requireImporter(request)
	const url = new URL(request.url)
	const [imports, user, customFields] = await Promise.all([
		listImports(m),
		userPrefs(m.userId),
		listCustomFields(m.workspaceId, 'CONTACT'),
	])
	const token = url.searchParams.get('token')
	let preview: ImportPreview | null = null
	let problem: string | null = null
	if (token) {
		const file = ImportTokenSchema.safeParse(token).success ? await loadStaged(m, token) : null
		if (!file) problem = 'That upload has expired or was already imported. Choose the file again.'
		else {
			try {
				preview = await previewImport(m, file, url.searchParams.has('map') ? url.searchParams.getAll('map') : null)
			} catch (error) {
				if (!(error instanceof ImportFileError)) throw error
				problem = error.message
			}
		}
	}
	return {
		token: preview ? token : null,
		preview,
		problem,
		imports,
		timezone: user.timezone,
		customFields: customFields.map((f) => ({ key: f.key, label: f.label })),
	}
}

export async function action({ request }: ActionFunctionArgs) {
	const m = await requireImporter(request)
	if (request.headers.get('content-type')?.startsWith('multipart/form-data')) return upload(request, m)

	const submission = parseWithZod(await readForm(request), { schema: ImportPreviewSchema })
	if (submission.status !== 'success') return redirect('/contacts/import?token=expired')
	const { intent, token, mapping } = submission.value
	if (intent === 'preview') {
		// Post, then redirect to a GET the loader answers: a refresh never re-posts.
		return redirect(`/contacts/import?${new URLSearchParams([['token', token], ...mapping.map((v) => ['map', v])])}`)
	}
	try {
		const batchId = await startStagedImport(m, token, mapping)
		return redirect(`/contacts/import/${batchId}`)
	} catch (error) {
		if (!(error instanceof ImportFileError)) throw error
		return data({ form: 'import' as const, error: error.message, result: undefined }, { status: 400 })
	}
}

async function upload(request: Request, m: Awaited<ReturnType<typeof requireImporter>>) {
	let formData: FormData
	try {
		formData = await readForm(request, { maxPartSize: IMPORT_MAX_BYTES })
	} catch (error) {
		if (!(error instanceof MaxPartSizeExceededError)) throw error
		// The rest of the upload is unread, so answer for the file field alone.
		const stub = new FormData()
		stub.set('intent', 'upload')
		return data({ form: 'upload' as const, error: null, result: parseWithZod(stub, { schema: ImportUploadSchema }).reply({ fieldErrors: { file: [IMPORT_TOO_BIG] } }) }, { status: 400 })
	}
	const submission = parseWithZod(formData, { schema: ImportUploadSchema })
	if (submission.status !== 'success') return data({ form: 'upload' as const, error: null, result: submission.reply() }, { status: 400 })
	const { file } = submission.value
	const bytes = new Uint8Array(await file.arrayBuffer())
	try {
		// A file we can't read is refused here, before anything is kept.
		await inspectImportFile(m, { name: file.name, content: bytes })
	} catch (error) {
		if (!(error instanceof ImportFileError)) throw error
		return data({ form: 'upload' as const, error: null, result: submission.reply({ formErrors: [error.message] }) }, { status: 400 })
	}
	const token = await stageUpload(m, { name: file.name, bytes })
	return redirect(`/contacts/import?token=${token}`)
}

const OUTCOMES: Record<Outcome, { label: string; hint: string; tone: 'success' | 'accent' | 'neutral' | 'danger' }> = {
	create: { label: 'New contacts', hint: 'will be created', tone: 'success' },
	update: { label: 'Updates', hint: 'add details to a contact you have', tone: 'accent' },
	duplicate: { label: 'Already there', hint: 'nothing new; skipped', tone: 'neutral' },
	reject: { label: 'Rejected', hint: 'can’t be imported; see why below', tone: 'danger' },
}

export default function ImportPage() {
	const { preview, token, problem, imports, timezone, customFields } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<div>
			<PageHeader
				title="Import contacts"
				subtitle="From Google Contacts, Outlook, Apple Contacts, LinkedIn or any spreadsheet."
				back={{ to: '/contacts', label: 'Contacts' }}
			/>
			<div className="flex flex-col gap-6">
				{problem ? <Alert tone="warning">{problem}</Alert> : null}
				{preview && token ? (
					<PreviewForm key={`${token}:${preview.mapping?.join(',')}`} preview={preview} token={token} customFields={customFields} error={actionData?.form === 'import' ? actionData.error : null} />
				) : (
					<UploadCard lastResult={actionData?.form === 'upload' ? actionData.result : undefined} />
				)}
				<RecentImports imports={imports} timezone={timezone} />
			</div>
		</div>
	)
}

function UploadCard({ lastResult }: { lastResult: Parameters<typeof useZodForm>[1]['lastResult'] }) {
	const pending = useIsPending({ intent: 'upload' })
	const [form, fields] = useZodForm(ImportUploadSchema, { id: 'import-upload', lastResult })
	return (
		<Card>
			<CardHeader title="Choose a file" description="CSV or vCard (.vcf), up to 20 MB. You’ll see what happens to every row before anything is imported." />
			<CardBody className="flex flex-col gap-5">
				<Form method="post" encType="multipart/form-data" className="flex flex-col gap-4" {...getFormProps(form)}>
					<input type="hidden" name="intent" value="upload" />
					<Field
						label="Contacts file"
						className="max-w-md"
						errors={fields.file.errors}
						inputProps={{
							...getInputProps(fields.file, { type: 'file' }),
							accept: IMPORT_ACCEPT,
							className: 'h-auto py-1.5 file:mr-3 file:rounded file:border-0 file:bg-subtle file:px-3 file:py-1 file:text-sm file:font-medium file:text-fg',
						}}
					/>
					{form.errors?.length ? (
						<Alert tone="danger" id={form.errorId}>
							{form.errors.join(' ')}
						</Alert>
					) : null}
					<div>
						<SubmitButton pending={pending}>
							<Icon name="upload" className="h-4 w-4" />
							Upload and preview
						</SubmitButton>
					</div>
				</Form>
				<details className="group rounded-md border border-border bg-subtle/40 px-4 py-3 text-sm">
					<summary className="flex cursor-pointer list-none items-center gap-2 font-medium text-fg [&::-webkit-details-marker]:hidden">
						<Icon name="chevron-right" className="h-4 w-4 text-muted transition-transform group-open:rotate-90" />
						Where do I find my export?
					</summary>
					<ul className="mt-2 flex list-disc flex-col gap-1 pl-11 text-muted">
						<li>
							<span className="text-fg">Google Contacts:</span> Export → Google CSV (or vCard).
						</li>
						<li>
							<span className="text-fg">Outlook:</span> People → Manage contacts → Export contacts (CSV).
						</li>
						<li>
							<span className="text-fg">Apple Contacts or iPhone:</span> select the contacts → File → Export → Export vCard.
						</li>
						<li>
							<span className="text-fg">LinkedIn:</span> Settings → Data privacy → Get a copy of your data → Connections.
						</li>
						<li>
							<span className="text-fg">A spreadsheet:</span> save it as CSV with a first row naming the columns (First Name, Last Name, Email…).
						</li>
					</ul>
				</details>
			</CardBody>
		</Card>
	)
}

function PreviewForm({ preview, token, customFields, error }: { preview: ImportPreview; token: string; customFields: Array<{ key: string; label: string }>; error: string | null }) {
	const submit = useSubmit()
	const navigation = useNavigation()
	const busy = navigation.state !== 'idle' && navigation.formAction?.startsWith('/contacts/import') && navigation.formMethod === 'POST'
	const importing = busy && navigation.formData?.get('intent') === 'import'
	const refreshing = busy && navigation.formData?.get('intent') === 'preview'
	const toImport = preview.counts.create + preview.counts.update
	const fieldGroups = [...new Set<string>(IMPORT_FIELD_OPTIONS.map((f) => f.group))]
	// Exports carry dozens of columns nobody filled: those wait, folded, below the others.
	const emptyColumns = (preview.headers ?? []).map((header, i) => ({ index: i, header, sample: '', field: preview.mapping?.[i] ?? '' })).filter((c) => !preview.samples?.[c.index] && !c.field)
	const onMappingChange = (form: HTMLFormElement) => {
		const formData = new FormData(form)
		formData.set('intent', 'preview')
		submit(formData, { method: 'post', preventScrollReset: true })
	}
	return (
		<Form method="post" className="flex flex-col gap-6" aria-busy={refreshing || undefined}>
			<input type="hidden" name="token" value={token} />
			<Card>
				<CardHeader
					title={
						<span className="flex flex-wrap items-center gap-2">
							<span className="break-all">{preview.fileName}</span>
							<Badge tone="accent">{preview.sourceLabel}</Badge>
						</span>
					}
					description={`${preview.total.toLocaleString('en')} ${preview.total === 1 ? 'row' : 'rows'}. Nothing has been imported yet.`}
				/>
				<CardBody className="flex flex-col gap-4">
					<dl className={cn('grid grid-cols-2 gap-3 sm:grid-cols-4', refreshing && 'opacity-60')} data-testid="import-counts">
						{(Object.keys(OUTCOMES) as Outcome[]).map((o) => (
							<div key={o} className="rounded-md border border-border px-3 py-2">
								<dt className="text-xs font-medium tracking-wide text-muted uppercase">{OUTCOMES[o].label}</dt>
								<dd className={cn('mt-0.5 text-xl font-semibold tabular-nums', o === 'reject' && preview.counts.reject ? 'text-danger-text' : '')} data-outcome={o}>
									{preview.counts[o].toLocaleString('en')}
								</dd>
								<dd className="text-xs text-muted">{OUTCOMES[o].hint}</dd>
							</div>
						))}
					</dl>
					<p className="text-sm text-muted">
						A row matches a contact you already have by email or phone number (or, without either, by name and company). Matches only gain what they lack: no value you have is
						overwritten.
					</p>
				</CardBody>
			</Card>

			{preview.headers && preview.mapping ? (
				<Card>
					<CardHeader
						title="Columns"
						description="Each column of your file and the field it fills. Change any that are wrong; the preview follows."
						actions={
							<Button type="submit" name="intent" value="preview" variant="secondary" size="sm">
								Update preview
							</Button>
						}
					/>
					<MappingTable
						columns={preview.headers.map((header, i) => ({ index: i, header, sample: preview.samples?.[i] ?? '', field: preview.mapping![i] ?? '' })).filter((c) => c.sample || c.field)}
						fieldGroups={fieldGroups}
						customFields={customFields}
						onChange={onMappingChange}
					/>
					{emptyColumns.length ? (
						<details className="group border-t border-border">
							<summary className="flex cursor-pointer list-none items-center gap-2 px-5 py-3 text-sm text-muted hover:bg-subtle/60 [&::-webkit-details-marker]:hidden">
								<Icon name="chevron-right" className="h-4 w-4 transition-transform group-open:rotate-90" />
								{emptyColumns.length} {emptyColumns.length === 1 ? 'column is' : 'columns are'} empty in the first rows and not imported
							</summary>
							<MappingTable columns={emptyColumns} fieldGroups={fieldGroups} customFields={customFields} onChange={onMappingChange} />
						</details>
					) : null}
				</Card>
			) : null}

			<Card>
				<CardHeader title="Row by row" description="The first rows of each kind, with the line of the file they come from." />
				<div className="divide-y divide-border">
					{(['reject', 'update', 'duplicate', 'create'] as const).map((o) =>
						preview.counts[o] ? <OutcomeRows key={o} outcome={o} rows={preview.examples[o]} total={preview.counts[o]} open={o === 'reject' || (o === 'create' && !preview.counts.reject)} /> : null,
					)}
				</div>
				{preview.warnings.length ? (
					<CardBody className="border-t border-border">
						<Alert tone="warning">
							<p className="font-medium">Imported with a note</p>
							<WarningList warnings={preview.warnings.slice(0, 8)} />
							{preview.warnings.length > 8 ? (
								<details className="mt-1">
									<summary className="cursor-pointer font-medium">
										{preview.warnings.length - 8} more{preview.warnings.length >= 50 ? ' (the report after the import lists every one)' : ''}
									</summary>
									<WarningList warnings={preview.warnings.slice(8)} />
								</details>
							) : null}
						</Alert>
					</CardBody>
				) : null}
			</Card>

			{error ? <Alert tone="danger">{error}</Alert> : null}
			<div className="flex flex-wrap items-center gap-3">
				<SubmitButton name="intent" value="import" pending={importing} disabled={toImport === 0}>
					Import {toImport.toLocaleString('en')} {toImport === 1 ? 'contact' : 'contacts'}
				</SubmitButton>
				<Link to="/contacts/import" className={buttonClass({ variant: 'ghost' })}>
					Choose another file
				</Link>
				{toImport === 0 ? <p className="text-sm text-muted">Nothing new to import from this file.</p> : null}
			</div>
		</Form>
	)
}

type Column = { index: number; header: string; sample: string; field: string }

function MappingTable({
	columns,
	fieldGroups,
	customFields,
	onChange,
}: {
	columns: Column[]
	fieldGroups: string[]
	customFields: Array<{ key: string; label: string }>
	onChange: (form: HTMLFormElement) => void
}) {
	return (
		<table className="w-full table-fixed text-sm">
			<thead className={LIST_HEAD_CLASS}>
				<tr>
					<th scope="col" className="w-[45%] px-4 py-2 sm:w-auto sm:px-5">
						Column in your file
					</th>
					<th scope="col" className="hidden w-[35%] px-3 py-2 sm:table-cell">
						Example
					</th>
					<th scope="col" className="w-[55%] px-4 py-2 sm:w-64 sm:px-5">
						Imports as
					</th>
				</tr>
			</thead>
			<tbody className="divide-y divide-border">
				{columns.map(({ index, header, sample, field }) => (
					<tr key={index} className={field ? '' : 'text-muted'}>
						<th scope="row" className="px-4 py-1.5 text-left font-medium sm:px-5">
							<span className="block break-words">{header || `Column ${index + 1}`}</span>
							{sample ? <span className="block truncate text-xs font-normal text-muted sm:hidden">{sample}</span> : null}
						</th>
						<td className="hidden truncate px-3 py-1.5 text-muted sm:table-cell">{sample || <span aria-hidden="true">—</span>}</td>
						<td className="px-4 py-1.5 sm:px-5">
							<Select name={`mapping[${index}]`} defaultValue={field} aria-label={`Column “${header || index + 1}” imports as`} className="h-8 py-0" onChange={(e) => onChange(e.currentTarget.form!)}>
								<option value="">Don’t import</option>
								{fieldGroups.map((group) => (
									<optgroup key={group} label={group}>
										{IMPORT_FIELD_OPTIONS.filter((f) => f.group === group).map((f) => (
											<option key={f.key} value={f.key}>
												{f.label}
											</option>
										))}
									</optgroup>
								))}
								{customFields.length ? (
									<optgroup label="Custom fields">
										{customFields.map((f) => (
											<option key={f.key} value={`custom:${f.key}`}>
												{f.label}
											</option>
										))}
									</optgroup>
								) : null}
							</Select>
						</td>
					</tr>
				))}
			</tbody>
		</table>
	)
}

function OutcomeRows({ outcome, rows, total, open }: { outcome: Outcome; rows: RowResult[]; total: number; open: boolean }) {
	const shown = rows.slice(0, 10)
	return (
		<details open={open} className="group">
			<summary className="flex cursor-pointer list-none items-center gap-2 px-5 py-3 text-sm font-medium hover:bg-subtle/60 [&::-webkit-details-marker]:hidden">
				<Icon name="chevron-right" className="h-4 w-4 text-muted transition-transform group-open:rotate-90" />
				{OUTCOMES[outcome].label}
				<Badge tone={OUTCOMES[outcome].tone}>{total.toLocaleString('en')}</Badge>
			</summary>
			<ul className="border-t border-border bg-subtle/30 text-sm">
				{shown.map((r) => (
					<li key={r.line} className="flex gap-3 px-5 py-1.5">
						<span className="w-16 shrink-0 text-muted tabular-nums">Line {r.line}</span>
						<span className="min-w-0">
							{r.name ? <span className="font-medium">{r.name}</span> : null}
							{r.name && r.detail ? <span className="text-muted"> · </span> : null}
							{r.detail ? <span className={outcome === 'reject' ? 'text-danger-text' : 'text-muted'}>{r.detail}</span> : null}
						</span>
					</li>
				))}
				{total > shown.length ? <li className="px-5 py-1.5 text-muted">and {(total - shown.length).toLocaleString('en')} more</li> : null}
			</ul>
		</details>
	)
}

const STATUS: Record<string, { label: string; tone: 'accent' | 'success' | 'danger' | 'neutral' }> = {
	RUNNING: { label: 'Running', tone: 'accent' },
	COMPLETED: { label: 'Done', tone: 'success' },
	FAILED: { label: 'Stopped', tone: 'danger' },
	UNDONE: { label: 'Undone', tone: 'neutral' },
}

function RecentImports({ imports, timezone }: { imports: ReturnType<typeof useLoaderData<typeof loader>>['imports']; timezone: string }) {
	if (!imports.length) return null
	return (
		<Card>
			<CardHeader title="Past imports" description="Open one to see its report or undo it." />
			<div className="overflow-x-auto">
				<table className="w-full text-sm">
					<thead className={LIST_HEAD_CLASS}>
						<tr>
							<th scope="col" className="px-5 py-2">
								File
							</th>
							<th scope="col" className="hidden px-3 py-2 md:table-cell">
								When
							</th>
							<th scope="col" className="px-3 py-2">
								Status
							</th>
							<th scope="col" className="px-3 py-2 text-right">
								Created
							</th>
							<th scope="col" className="hidden px-3 py-2 text-right sm:table-cell">
								Updated
							</th>
							<th scope="col" className="hidden px-3 py-2 text-right sm:table-cell">
								Skipped
							</th>
							<th scope="col" className="hidden px-5 py-2 text-right sm:table-cell">
								Rejected
							</th>
						</tr>
					</thead>
					<tbody className="divide-y divide-border">
						{imports.map((b) => (
							<tr key={b.id}>
								<td className="max-w-56 px-5 py-2">
									<Link to={`/contacts/import/${b.id}`} className="block truncate font-medium text-link hover:underline">
										{b.fileName}
									</Link>
									<span className="block text-xs text-muted md:hidden">{formatDateTime(b.createdAt, timezone)}</span>
								</td>
								<td className="hidden px-3 py-2 whitespace-nowrap text-muted md:table-cell">
									{formatDateTime(b.createdAt, timezone)}
									{b.user ? ` · ${b.user.name}` : ''}
								</td>
								<td className="px-3 py-2">
									<Badge tone={STATUS[b.status]!.tone}>{STATUS[b.status]!.label}</Badge>
								</td>
								<td className="px-3 py-2 text-right tabular-nums">{b.created.toLocaleString('en')}</td>
								<td className="hidden px-3 py-2 text-right tabular-nums sm:table-cell">{b.updated.toLocaleString('en')}</td>
								<td className="hidden px-3 py-2 text-right tabular-nums sm:table-cell">{b.skipped.toLocaleString('en')}</td>
								<td className={cn('hidden px-5 py-2 text-right tabular-nums sm:table-cell', b.rejected ? 'text-danger-text' : '')}>{b.rejected.toLocaleString('en')}</td>
							</tr>
						))}
					</tbody>
				</table>
			</div>
		</Card>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

/** One line per value that was left out or mended, with the line of the file it is on. */
function WarningList({ warnings }: { warnings: Array<{ line: number; message: string }> }) {
	return (
		<ul className="mt-1 list-disc pl-5">
			{warnings.map((w, i) => (
				<li key={i}>
					Line {w.line}: {w.message}
				</li>
			))}
		</ul>
	)
}

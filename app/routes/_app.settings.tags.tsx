// Tags: how many contacts and companies carry each; rename, recolour, merge one
// into another and delete (owners and admins). Each row's tools open in place.
import { getCollectionProps, getFormProps, getInputProps, getSelectProps, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { ErrorList, Field, SelectField, SubmitButton, useIsPending, useZodForm } from '#app/components/forms.tsx'
import { TAG_COLOR_LABELS, TagBadge } from '#app/components/tag-badge.tsx'
import { Alert } from '#app/components/ui/alert.tsx'
import { Card, CardBody, CardHeader } from '#app/components/ui/card.tsx'
import { createTag, deleteTag, listTags, mergeTags, TaxonomyError, updateTag, canManageWorkspace } from '#app/models/taxonomy.server.ts'
import { canCreate, requireMembership } from '#app/models/workspace.server.ts'
import { TAG_COLORS, TagCreateSchema, TagMergeSchema, TagUpdateSchema } from '#app/validation/taxonomy.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'Tags · Settings · Rapport' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const m = await requireMembership(request)
	return { tags: await listTags(m), canManage: canManageWorkspace(m), canCreate: canCreate(m) }
}

type Reply = { intent: string; id?: string; result?: SubmissionResult<string[]>; notice?: string }

export async function action({ request }: ActionFunctionArgs) {
	const m = await requireMembership(request)
	const formData = await readForm(request)
	const intent = String(formData.get('intent') ?? '')
	const id = String(formData.get('id') ?? '') || undefined
	const fail = (result: SubmissionResult<string[]>) => data<Reply>({ intent, id, result }, { status: 400 })

	if (intent === 'delete') {
		const tag = await deleteTag(m, id ?? '')
		return data<Reply>({ intent, notice: `Deleted the tag “${tag.name}”.` })
	}
	const schema = intent === 'create' ? TagCreateSchema : intent === 'update' ? TagUpdateSchema : intent === 'merge' ? TagMergeSchema : null
	if (!schema) throw new Response('Unknown action', { status: 400 })
	const submission = parseWithZod(formData, { schema })
	if (submission.status !== 'success') return fail(submission.reply())
	try {
		const v = submission.value
		if (v.intent === 'create') {
			await createTag(m, v)
			return data<Reply>({ intent, result: submission.reply({ resetForm: true }), notice: `Added the tag “${v.name}”.` })
		}
		if (v.intent === 'update') {
			await updateTag(m, v.id, v)
			return data<Reply>({ intent, id, result: submission.reply(), notice: `Saved “${v.name}”.` })
		}
		const { moved, target } = await mergeTags(m, v.id, v.targetId)
		return data<Reply>({ intent, notice: `Merged into “${target.name}”: ${moved} ${moved === 1 ? 'contact' : 'contacts'} moved.` })
	} catch (error) {
		if (error instanceof TaxonomyError) return fail(submission.reply({ fieldErrors: { [error.field]: [error.message] } }))
		throw error
	}
}

function plural(n: number, one: string, many: string) {
	return `${n.toLocaleString('en')} ${n === 1 ? one : many}`
}

export default function TagsSettings() {
	const { tags, canManage, canCreate } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<div className="flex flex-col gap-6">
			{actionData?.notice ? (
				<Alert tone="success" className="py-2">
					{actionData.notice}
				</Alert>
			) : null}
			<Card>
				<CardHeader
					title="Tags"
					description={
						canManage
							? 'Labels for contacts and companies. Renaming or merging a tag updates every record that carries it.'
							: 'Labels for contacts and companies. Workspace owners and admins can rename, merge and delete them.'
					}
				/>
				{tags.length === 0 ? <p className="px-5 py-4 text-sm text-muted">No tags yet. Add one below, or type tags on a contact or company.</p> : null}
				<ul className="divide-y divide-border" aria-label="Tags">
					{tags.map((t) => (
						<TagRow key={t.id} tag={t} others={tags.filter((o) => o.id !== t.id)} canManage={canManage} lastResult={actionData?.id === t.id ? actionData : undefined} />
					))}
				</ul>
			</Card>
			{canCreate ? <NewTag lastResult={actionData?.intent === 'create' ? actionData.result : undefined} /> : null}
		</div>
	)
}

function ColorChoices({ field }: { field: Parameters<typeof getCollectionProps>[0] }) {
	return (
		<fieldset>
			<legend className="text-sm font-medium">Colour</legend>
			<div className="mt-2 flex flex-wrap gap-2">
				{getCollectionProps(field, { type: 'radio', options: [...TAG_COLORS] }).map(({ key, ...props }) => (
					<input
						key={key}
						{...props}
						aria-label={TAG_COLOR_LABELS[props.value as (typeof TAG_COLORS)[number]]}
						title={TAG_COLOR_LABELS[props.value as (typeof TAG_COLORS)[number]]}
						data-tag-color={props.value}
						className="h-6 w-6 cursor-pointer appearance-none rounded-full bg-(--tag-dot) ring-offset-2 ring-offset-surface checked:ring-2 checked:ring-fg focus-visible:outline-2 focus-visible:outline-offset-4"
					/>
				))}
			</div>
			<ErrorList errors={field.errors} />
		</fieldset>
	)
}

function NewTag({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
	const pending = useIsPending({ intent: 'create' })
	const [form, fields] = useZodForm(TagCreateSchema, { id: 'new-tag', lastResult, defaultValue: { color: 'slate' } })
	return (
		<Card>
			<CardHeader title="New tag" description="Tags are also created when you type them on a contact or company." />
			<CardBody>
				<Form method="post" className="flex flex-col gap-4" {...getFormProps(form)}>
					<input type="hidden" name="intent" value="create" />
					<Field className="max-w-sm" label="Name" errors={fields.name.errors} inputProps={{ ...getInputProps(fields.name, { type: 'text' }), autoComplete: 'off' }} />
					<ColorChoices field={fields.color} />
					<ErrorList id={form.errorId} errors={form.errors} />
					<div>
						<SubmitButton pending={pending}>Add tag</SubmitButton>
					</div>
				</Form>
			</CardBody>
		</Card>
	)
}

type TagItem = { id: string; name: string; color: string; contacts: number; companies: number }

function TagRow({ tag, others, canManage, lastResult }: { tag: TagItem; others: TagItem[]; canManage: boolean; lastResult?: Reply }) {
	const failed = lastResult?.result?.status === 'error'
	return (
		<li className="relative px-5 py-3" data-tag={tag.name}>
			<div className="flex min-h-8 flex-wrap items-center gap-x-3 gap-y-1 pr-20">
				<TagBadge name={tag.name} color={tag.color} />
				<span className="text-sm text-muted">
					<Link to={`/contacts?tag=${tag.id}`} className="hover:text-fg hover:underline">
						{plural(tag.contacts, 'contact', 'contacts')}
					</Link>
					{' · '}
					<Link to={`/companies?tag=${tag.id}`} className="hover:text-fg hover:underline">
						{plural(tag.companies, 'company', 'companies')}
					</Link>
				</span>
			</div>
			{canManage ? (
				// Keyed by what it edits: after a successful save (with JS) the panel closes.
				<details key={`${tag.name}:${tag.color}`} open={failed || undefined} className="group">
					<summary className="absolute top-3 right-4 flex h-8 cursor-pointer list-none items-center rounded-md px-3 text-sm font-medium text-link hover:bg-subtle [&::-webkit-details-marker]:hidden">
						<span className="group-open:hidden">Edit</span>
						<span className="hidden group-open:inline">Close</span>
						<span className="sr-only"> {tag.name}</span>
					</summary>
					<div className="mt-3 flex flex-col gap-4 rounded-md border border-border bg-bg/60 p-4">
						<EditTag tag={tag} lastResult={lastResult?.intent === 'update' ? lastResult.result : undefined} />
						<div className="grid gap-4 border-t border-border pt-4 md:grid-cols-2">
							{others.length ? <MergeTag tag={tag} others={others} lastResult={lastResult?.intent === 'merge' ? lastResult.result : undefined} /> : null}
							<Form method="post" className="flex flex-col items-start gap-2">
								<input type="hidden" name="id" value={tag.id} />
								<p className="text-sm font-medium">Delete</p>
								<p className="text-[13px] text-muted">
									Removes “{tag.name}” from {plural(tag.contacts, 'contact', 'contacts')} and {plural(tag.companies, 'company', 'companies')}. The records stay.
								</p>
								<SubmitButton name="intent" value="delete" variant="secondary" size="sm" className="text-danger-text">
									Delete tag
								</SubmitButton>
							</Form>
						</div>
					</div>
				</details>
			) : null}
		</li>
	)
}

function EditTag({ tag, lastResult }: { tag: TagItem; lastResult?: SubmissionResult<string[]> }) {
	const [form, fields] = useZodForm(TagUpdateSchema, { id: `tag-${tag.id}`, lastResult, defaultValue: { name: tag.name, color: tag.color } })
	return (
		<Form method="post" className="flex flex-col gap-4" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="update" />
			<input type="hidden" name="id" value={tag.id} />
			<Field className="max-w-sm" label="Name" errors={fields.name.errors} inputProps={{ ...getInputProps(fields.name, { type: 'text' }), autoComplete: 'off' }} />
			<ColorChoices field={fields.color} />
			<ErrorList id={form.errorId} errors={form.errors} />
			<div>
				<SubmitButton size="sm">Save</SubmitButton>
			</div>
		</Form>
	)
}

function MergeTag({ tag, others, lastResult }: { tag: TagItem; others: TagItem[]; lastResult?: SubmissionResult<string[]> }) {
	const [form, fields] = useZodForm(TagMergeSchema, { id: `merge-${tag.id}`, lastResult })
	return (
		<Form method="post" className="flex flex-col items-start gap-2" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="merge" />
			<input type="hidden" name="id" value={tag.id} />
			<SelectField
				className="w-full max-w-xs"
				label="Merge into"
				hint={`Moves everything tagged “${tag.name}” to the tag you pick, then deletes “${tag.name}”.`}
				errors={fields.targetId.errors}
				selectProps={getSelectProps(fields.targetId)}
				options={[{ value: '', label: 'Choose a tag…' }, ...others.map((o) => ({ value: o.id, label: o.name }))]}
			/>
			<ErrorList id={form.errorId} errors={form.errors} />
			<SubmitButton variant="secondary" size="sm">
				Merge
			</SubmitButton>
		</Form>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

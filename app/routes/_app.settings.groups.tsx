// Groups: create, rename, pick an emoji, make private (only its creator then sees
// it), delete. Each row's tools open in place; counts link to the filtered list.
import { getFormProps, getInputProps, type FieldMetadata, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { CheckboxField, ErrorList, Field, SubmitButton, useIsPending, useZodForm } from '#app/components/forms.tsx'
import { Alert } from '#app/components/ui/alert.tsx'
import { Badge } from '#app/components/ui/badge.tsx'
import { Card, CardBody, CardHeader } from '#app/components/ui/card.tsx'
import { createGroup, deleteGroup, listGroups, TaxonomyError, updateGroup } from '#app/models/taxonomy.server.ts'
import { canCreate, requireMembership } from '#app/models/workspace.server.ts'
import { GroupCreateSchema, GroupUpdateSchema } from '#app/validation/taxonomy.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'Groups · Settings · Rapport' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const m = await requireMembership(request)
	return { groups: await listGroups(m), canCreate: canCreate(m), userId: m.userId, personal: m.personal }
}

type Reply = { intent: string; id?: string; result?: SubmissionResult<string[]>; notice?: string }

export async function action({ request }: ActionFunctionArgs) {
	const m = await requireMembership(request)
	const formData = await readForm(request)
	const intent = String(formData.get('intent') ?? '')
	const id = String(formData.get('id') ?? '') || undefined

	if (intent === 'delete') {
		const group = await deleteGroup(m, id ?? '')
		return data<Reply>({ intent, notice: `Deleted the group “${group.name}”. Its contacts are still in your contacts.` })
	}
	const schema = intent === 'create' ? GroupCreateSchema : intent === 'update' ? GroupUpdateSchema : null
	if (!schema) throw new Response('Unknown action', { status: 400 })
	const submission = parseWithZod(formData, { schema })
	if (submission.status !== 'success') return data<Reply>({ intent, id, result: submission.reply() }, { status: 400 })
	const { name, icon, isPrivate } = submission.value
	try {
		if (submission.value.intent === 'create') {
			await createGroup(m, { name, icon, isPrivate })
			return data<Reply>({ intent, result: submission.reply({ resetForm: true }), notice: `Added the group “${name}”.` })
		}
		await updateGroup(m, submission.value.id, { name, icon, isPrivate })
		return data<Reply>({ intent, id, result: submission.reply(), notice: `Saved “${name}”.` })
	} catch (error) {
		if (error instanceof TaxonomyError) return data<Reply>({ intent, id, result: submission.reply({ fieldErrors: { [error.field]: [error.message] } }) }, { status: 400 })
		throw error
	}
}

export default function GroupsSettings() {
	const { groups, canCreate, personal } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<div className="flex flex-col gap-6">
			{actionData?.notice ? (
				<Alert tone="success" className="py-2">
					{actionData.notice}
				</Alert>
			) : null}
			<Card>
				<CardHeader title="Groups" description="Circles of people, like Family or Book club. A contact can be in several groups." />
				{groups.length === 0 ? <p className="px-5 py-4 text-sm text-muted">No groups yet.</p> : null}
				<ul className="divide-y divide-border" aria-label="Groups">
					{groups.map((g) => (
						<GroupRow key={g.id} group={g} personal={personal} lastResult={actionData?.id === g.id ? actionData : undefined} />
					))}
				</ul>
			</Card>
			{canCreate ? <NewGroup personal={personal} lastResult={actionData?.intent === 'create' ? actionData.result : undefined} /> : null}
		</div>
	)
}

type Meta<T> = FieldMetadata<T, Record<string, unknown>, string[]>

function GroupFields({ fields, privacy }: { fields: { name: Meta<string>; icon: Meta<string | undefined>; isPrivate: Meta<boolean | undefined> }; privacy: { editable: boolean; personal: boolean; current: boolean } }) {
	return (
		<>
			<div className="grid gap-4 sm:grid-cols-[1fr_8rem]">
				<Field label="Name" errors={fields.name.errors} inputProps={{ ...getInputProps(fields.name, { type: 'text' }), autoComplete: 'off' }} />
				<Field label="Emoji" hint="Optional." errors={fields.icon.errors} inputProps={{ ...getInputProps(fields.icon, { type: 'text' }), autoComplete: 'off', placeholder: '🎓', className: 'text-center text-base' }} />
			</div>
			{privacy.editable ? (
				<CheckboxField
					label="Private"
					hint={privacy.personal ? 'Hidden from anyone you later invite to this workspace.' : 'Only you see this group and who is in it.'}
					errors={fields.isPrivate.errors}
					inputProps={getInputProps(fields.isPrivate, { type: 'checkbox' })}
				/>
			) : (
				// Only its creator decides who sees a group; keep the setting as it is.
				<>
					{privacy.current ? <input type="hidden" name={fields.isPrivate.name} value="on" /> : null}
					<p className="text-[13px] text-muted">{privacy.current ? 'Private' : 'Shared with the workspace'}. Only the person who created it can change that.</p>
				</>
			)}
		</>
	)
}

function NewGroup({ personal, lastResult }: { personal: boolean; lastResult?: SubmissionResult<string[]> }) {
	const pending = useIsPending({ intent: 'create' })
	const [form, fields] = useZodForm(GroupCreateSchema, { id: 'new-group', lastResult })
	return (
		<Card>
			<CardHeader title="New group" />
			<CardBody>
				<Form method="post" className="flex max-w-md flex-col gap-4" {...getFormProps(form)}>
					<input type="hidden" name="intent" value="create" />
					<GroupFields fields={fields} privacy={{ editable: true, personal, current: false }} />
					<ErrorList id={form.errorId} errors={form.errors} />
					<div>
						<SubmitButton pending={pending}>Add group</SubmitButton>
					</div>
				</Form>
			</CardBody>
		</Card>
	)
}

type GroupItem = Awaited<ReturnType<typeof loader>>['groups'][number]

function GroupRow({ group, personal, lastResult }: { group: GroupItem; personal: boolean; lastResult?: Reply }) {
	const failed = lastResult?.result?.status === 'error'
	const [form, fields] = useZodForm(GroupUpdateSchema, {
		id: `group-${group.id}`,
		lastResult: lastResult?.intent === 'update' ? lastResult.result : undefined,
		defaultValue: { name: group.name, icon: group.icon ?? '', isPrivate: group.isPrivate ? 'on' : undefined },
	})
	return (
		<li className="relative px-5 py-3">
			<div className="flex min-h-8 flex-wrap items-center gap-x-3 gap-y-1 pr-20">
				<span aria-hidden="true" className="inline-flex h-8 w-8 items-center justify-center rounded-md bg-subtle text-base">
					{group.icon ?? <span className="text-xs font-semibold text-muted">{group.name.slice(0, 1).toUpperCase()}</span>}
				</span>
				<span className="font-medium">{group.name}</span>
				{group.isPrivate ? <Badge>Private</Badge> : null}
				<Link to={`/contacts?group=${group.id}`} className="text-sm text-muted hover:text-fg hover:underline">
					{group.contacts.toLocaleString('en')} {group.contacts === 1 ? 'contact' : 'contacts'}
				</Link>
				{!personal && group.ownerName ? <span className="text-[13px] text-muted">· created by {group.ownerName}</span> : null}
			</div>
			{group.canEdit ? (
				<details key={`${group.name}:${group.icon}:${group.isPrivate}`} open={failed || undefined} className="group">
					<summary className="absolute top-3 right-4 flex h-8 cursor-pointer list-none items-center rounded-md px-3 text-sm font-medium text-link hover:bg-subtle [&::-webkit-details-marker]:hidden">
						<span className="group-open:hidden">Edit</span>
						<span className="hidden group-open:inline">Close</span>
						<span className="sr-only"> {group.name}</span>
					</summary>
					<div className="mt-3 grid gap-4 rounded-md border border-border bg-bg/60 p-4 md:grid-cols-[1fr_14rem]">
						<Form method="post" className="flex max-w-md flex-col gap-4" {...getFormProps(form)}>
							<input type="hidden" name="intent" value="update" />
							<input type="hidden" name="id" value={group.id} />
							<GroupFields fields={fields} privacy={{ editable: group.canChangePrivacy, personal, current: group.isPrivate }} />
							<ErrorList id={form.errorId} errors={form.errors} />
							<div>
								<SubmitButton size="sm">Save</SubmitButton>
							</div>
						</Form>
						<Form method="post" className="flex flex-col items-start gap-2 border-t border-border pt-4 md:border-t-0 md:border-l md:pt-0 md:pl-4">
							<input type="hidden" name="id" value={group.id} />
							<p className="text-sm font-medium">Delete</p>
							<p className="text-[13px] text-muted">The group goes; its {group.contacts === 1 ? 'contact stays' : 'contacts stay'} in your contacts.</p>
							<SubmitButton name="intent" value="delete" variant="secondary" size="sm" className="text-danger-text">
								Delete group
							</SubmitButton>
						</Form>
					</div>
				</details>
			) : null}
		</li>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

// Custom fields: the extra details a workspace keeps on contacts and on companies
// (text, number, date or a choice list). Owners and admins add, rename, reorder and
// delete them; deleting hides the stored values without erasing them.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { ErrorList, Field, SelectField, SubmitButton, TextareaField, useIsPending, useZodForm } from '#app/components/forms.tsx'
import { Alert } from '#app/components/ui/alert.tsx'
import { Badge } from '#app/components/ui/badge.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Card, CardHeader } from '#app/components/ui/card.tsx'
import { Icon } from '#app/components/ui/icon.tsx'
import { createCustomField, CustomFieldError, deleteCustomField, listCustomFieldDefinitions, moveCustomField, updateCustomField } from '#app/models/custom-field.server.ts'
import { canManageWorkspace } from '#app/models/taxonomy.server.ts'
import { requireMembership } from '#app/models/workspace.server.ts'
import { CUSTOM_FIELD_TYPE_LABELS, CUSTOM_FIELD_TYPES, CustomFieldCreateSchema, CustomFieldUpdateSchema } from '#app/validation/taxonomy.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'Custom fields · Settings · Rapport' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const m = await requireMembership(request)
	const defs = await listCustomFieldDefinitions(m.workspaceId)
	return { contact: defs.filter((d) => d.entity === 'CONTACT'), company: defs.filter((d) => d.entity === 'COMPANY'), canManage: canManageWorkspace(m) }
}

type Reply = { intent: string; id?: string; entity?: string; result?: SubmissionResult<string[]>; notice?: string }

export async function action({ request }: ActionFunctionArgs) {
	const m = await requireMembership(request)
	const formData = await readForm(request)
	const intent = String(formData.get('intent') ?? '')
	const id = String(formData.get('id') ?? '') || undefined
	const entity = String(formData.get('entity') ?? '') || undefined

	if (intent === 'up' || intent === 'down') {
		await moveCustomField(m, id ?? '', intent)
		return data<Reply>({ intent })
	}
	if (intent === 'delete') {
		await deleteCustomField(m, id ?? '')
		return data<Reply>({ intent, notice: 'Field deleted. Values already saved are kept, hidden; add a field with the same label to show them again.' })
	}
	const schema = intent === 'create' ? CustomFieldCreateSchema : intent === 'update' ? CustomFieldUpdateSchema : null
	if (!schema) throw new Response('Unknown action', { status: 400 })
	const submission = parseWithZod(formData, { schema })
	if (submission.status !== 'success') return data<Reply>({ intent, id, entity, result: submission.reply() }, { status: 400 })
	try {
		const v = submission.value
		if (v.intent === 'create') {
			await createCustomField(m, v)
			return data<Reply>({ intent, entity, result: submission.reply({ resetForm: true }), notice: `Added “${v.label}”.` })
		}
		await updateCustomField(m, v.id, v)
		return data<Reply>({ intent, id, result: submission.reply(), notice: `Saved “${v.label}”.` })
	} catch (error) {
		if (!(error instanceof CustomFieldError)) throw error
		const field = /choice/i.test(error.message) ? 'options' : 'label'
		return data<Reply>({ intent, id, entity, result: submission.reply({ fieldErrors: { [field]: [error.message] } }) }, { status: 400 })
	}
}

type Def = Awaited<ReturnType<typeof loader>>['contact'][number]
const ENTITY_TEXT = {
	CONTACT: { title: 'Contact fields', description: 'Shown under “More details” on every contact.' },
	COMPANY: { title: 'Company fields', description: 'Shown under “More details” on every company.' },
} as const

export default function CustomFieldsSettings() {
	const { contact, company, canManage } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<div className="flex flex-col gap-6">
			{actionData?.notice ? (
				<Alert tone="success" className="py-2">
					{actionData.notice}
				</Alert>
			) : null}
			{!canManage ? <Alert tone="info">Workspace owners and admins can add and change custom fields.</Alert> : null}
			{(['CONTACT', 'COMPANY'] as const).map((entity) => {
				const defs = entity === 'CONTACT' ? contact : company
				return (
					<Card key={entity}>
						<CardHeader title={ENTITY_TEXT[entity].title} description={ENTITY_TEXT[entity].description} />
						{defs.length === 0 ? <p className="px-5 py-4 text-sm text-muted">No fields yet.</p> : null}
						<ul className="divide-y divide-border" aria-label={ENTITY_TEXT[entity].title}>
							{defs.map((d, i) => (
								<FieldRow key={d.id} def={d} first={i === 0} last={i === defs.length - 1} canManage={canManage} lastResult={actionData?.id === d.id ? actionData : undefined} />
							))}
						</ul>
						{canManage ? <NewField entity={entity} lastResult={actionData?.intent === 'create' && actionData.entity === entity ? actionData.result : undefined} /> : null}
					</Card>
				)
			})}
		</div>
	)
}

function OptionsField({ field, className }: { field: Parameters<typeof getTextareaProps>[0]; className?: string }) {
	return (
		<TextareaField
			className={className}
			label="Choices"
			hint="One per line, in the order they should appear."
			errors={field.errors}
			textareaProps={{ ...getTextareaProps(field), rows: 4, className: 'min-h-20' }}
		/>
	)
}

function NewField({ entity, lastResult }: { entity: 'CONTACT' | 'COMPANY'; lastResult?: SubmissionResult<string[]> }) {
	const pending = useIsPending({ intent: 'create' })
	const [form, fields] = useZodForm(CustomFieldCreateSchema, { id: `new-field-${entity.toLowerCase()}`, lastResult, defaultValue: { type: 'TEXT' } })
	return (
		<Form
			method="post"
			// The choices box shows only for a choice list, by CSS, so it works without JS.
			className="flex flex-col gap-4 border-t border-border px-5 py-4 [&:has(option[value=SELECT]:checked)_[data-choices]]:flex"
			{...getFormProps(form)}
		>
			<input type="hidden" name="intent" value="create" />
			<input type="hidden" name="entity" value={entity} />
			<p className="text-sm font-medium">Add a field</p>
			<div className="grid gap-4 sm:grid-cols-[1fr_12rem]">
				<Field label="Label" errors={fields.label.errors} inputProps={{ ...getInputProps(fields.label, { type: 'text' }), autoComplete: 'off' }} />
				<SelectField label="Type" errors={fields.type.errors} selectProps={getSelectProps(fields.type)} options={CUSTOM_FIELD_TYPES.map((t) => ({ value: t, label: CUSTOM_FIELD_TYPE_LABELS[t] }))} />
			</div>
			<div data-choices="" className="hidden flex-col">
				<OptionsField field={fields.options} />
			</div>
			<ErrorList id={form.errorId} errors={form.errors} />
			<div>
				<SubmitButton pending={pending} variant="secondary" size="sm">
					<Icon name="plus" className="h-4 w-4" /> Add field
				</SubmitButton>
			</div>
		</Form>
	)
}

function FieldRow({ def, first, last, canManage, lastResult }: { def: Def; first: boolean; last: boolean; canManage: boolean; lastResult?: Reply }) {
	const failed = lastResult?.result?.status === 'error'
	const [form, fields] = useZodForm(CustomFieldUpdateSchema, {
		id: `field-${def.id}`,
		lastResult: lastResult?.intent === 'update' ? lastResult.result : undefined,
		defaultValue: { label: def.label, type: def.type, options: def.options.join('\n') },
	})
	return (
		<li className="relative px-5 py-3">
			<div className={canManage ? 'flex min-h-8 flex-wrap items-center gap-x-3 gap-y-1 pr-40' : 'flex min-h-8 flex-wrap items-center gap-x-3 gap-y-1'}>
				<span className="font-medium">{def.label}</span>
				<Badge>{CUSTOM_FIELD_TYPE_LABELS[def.type]}</Badge>
				{def.type === 'SELECT' ? <span className="min-w-0 truncate text-[13px] text-muted">{def.options.join(' · ')}</span> : null}
			</div>
			{canManage ? (
				<>
					<div className="absolute top-3 right-20 flex">
						<Form method="post">
							<input type="hidden" name="id" value={def.id} />
							<Button type="submit" name="intent" value="up" variant="ghost" size="icon" className="h-8 w-8" disabled={first} aria-label={`Move ${def.label} up`}>
								<Icon name="arrow-up" className="h-4 w-4" />
							</Button>
						</Form>
						<Form method="post">
							<input type="hidden" name="id" value={def.id} />
							<Button type="submit" name="intent" value="down" variant="ghost" size="icon" className="h-8 w-8" disabled={last} aria-label={`Move ${def.label} down`}>
								<Icon name="arrow-down" className="h-4 w-4" />
							</Button>
						</Form>
					</div>
					<details key={`${def.label}:${def.options.join('|')}`} open={failed || undefined} className="group">
						<summary className="absolute top-3 right-4 flex h-8 cursor-pointer list-none items-center rounded-md px-3 text-sm font-medium text-link hover:bg-subtle [&::-webkit-details-marker]:hidden">
							<span className="group-open:hidden">Edit</span>
							<span className="hidden group-open:inline">Close</span>
							<span className="sr-only"> {def.label}</span>
						</summary>
						<div className="mt-3 grid gap-4 rounded-md border border-border bg-bg/60 p-4 md:grid-cols-[1fr_14rem]">
							<Form method="post" className="flex max-w-md flex-col gap-4" {...getFormProps(form)}>
								<input type="hidden" name="intent" value="update" />
								<input type="hidden" name="id" value={def.id} />
								<input type="hidden" name="type" value={def.type} />
								<Field label="Label" errors={fields.label.errors} inputProps={{ ...getInputProps(fields.label, { type: 'text' }), autoComplete: 'off' }} />
								{def.type === 'SELECT' ? <OptionsField field={fields.options} /> : null}
								<p className="text-[13px] text-muted">
									The type stays {CUSTOM_FIELD_TYPE_LABELS[def.type].toLowerCase()}: values are already saved that way.
								</p>
								<ErrorList id={form.errorId} errors={form.errors} />
								<div>
									<SubmitButton size="sm">Save</SubmitButton>
								</div>
							</Form>
							<Form method="post" className="flex flex-col items-start gap-2 border-t border-border pt-4 md:border-t-0 md:border-l md:pt-0 md:pl-4">
								<input type="hidden" name="id" value={def.id} />
								<p className="text-sm font-medium">Delete</p>
								<p className="text-[13px] text-muted">The field disappears from forms and pages. Values already saved are kept, hidden.</p>
								<SubmitButton name="intent" value="delete" variant="secondary" size="sm" className="text-danger-text">
									Delete field
								</SubmitButton>
							</Form>
						</div>
					</details>
				</>
			) : null}
		</li>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

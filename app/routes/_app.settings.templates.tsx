// Message templates: the built-in follow-up, birthday and anniversary texts (owners
// and admins may reword them, and restore the default), and the user's own. Each
// form previews the message for a sample contact: as you type with JS, with the
// "Preview" button without.
import { userPrefs } from '#app/models/user.server.ts'
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { ErrorList, Field, SelectField, SubmitButton, TextareaField, useIsPending, useZodForm } from '#app/components/forms.tsx'
import { Alert } from '#app/components/ui/alert.tsx'
import { Badge } from '#app/components/ui/badge.tsx'
import { Card, CardBody, CardHeader } from '#app/components/ui/card.tsx'
import {
	canEditBuiltIns,
	createOwnTemplate,
	deleteOwnTemplate,
	listTemplates,
	restoreBuiltIn,
	saveBuiltIn,
	updateOwnTemplate,
} from '#app/models/template.server.ts'
import { canCreate, requireMembership } from '#app/models/workspace.server.ts'
import {
	BUILT_IN_TYPES,
	BuiltInTemplateSchema,
	PLACEHOLDERS,
	renderTemplate,
	SAMPLE_CONTACT,
	TEMPLATE_BODY_MAX,
	TEMPLATE_TYPE_LABELS,
	TEMPLATE_TYPES,
	TemplateSchema,
	templateVars,
	type BuiltInType,
	type TemplateType,
} from '#app/validation/template.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'Message templates · Settings · Rapport' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const m = await requireMembership(request)
	const [templates, user] = await Promise.all([listTemplates(m), userPrefs(m.userId)])
	return { ...templates, myName: user.name, canEditBuiltIns: canEditBuiltIns(m), canCreate: canCreate(m) }
}

/** `key` says which form the answer belongs to: "new", an own template's id, or "built-in-<TYPE>". */
type Reply = { key: string; result?: SubmissionResult<string[]>; notice?: string; preview?: { name: string; body: string; type?: string } }

export async function action({ request }: ActionFunctionArgs) {
	const m = await requireMembership(request)
	const formData = await readForm(request)
	const intent = String(formData.get('intent') ?? 'save')
	const id = String(formData.get('id') ?? '')
	const type = String(formData.get('type') ?? '')

	if (intent === 'delete') {
		const deleted = await deleteOwnTemplate(m, id)
		return data<Reply>({ key: id, notice: `Deleted “${deleted.name}”.` })
	}
	if (intent === 'restore') {
		if (!(BUILT_IN_TYPES as string[]).includes(type)) throw new Response('Unknown template', { status: 400 })
		await restoreBuiltIn(m, type as BuiltInType)
		return data<Reply>({ key: `built-in-${type}`, notice: 'Restored the default text.' })
	}

	const builtIn = formData.get('kind') === 'built-in'
	const key = builtIn ? `built-in-${type}` : id || 'new'
	const submission = parseWithZod(formData, { schema: builtIn ? BuiltInTemplateSchema : TemplateSchema })
	if (submission.status !== 'success') return data<Reply>({ key, result: submission.reply() }, { status: 400 })
	const v = submission.value
	if (v.intent === 'preview') return data<Reply>({ key, result: submission.reply(), preview: { name: v.name, body: v.body, type: v.type } })
	if (v.kind === 'built-in') {
		await saveBuiltIn(m, v.type, { name: v.name, body: v.body })
		return data<Reply>({ key, result: submission.reply(), notice: `Saved “${v.name}”.` })
	}
	if (v.id) {
		await updateOwnTemplate(m, v.id, { type: v.type, name: v.name, body: v.body })
		return data<Reply>({ key, result: submission.reply(), notice: `Saved “${v.name}”.` })
	}
	await createOwnTemplate(m, { type: v.type, name: v.name, body: v.body })
	return data<Reply>({ key, result: submission.reply({ resetForm: true }), notice: `Added “${v.name}”.` })
}

export default function TemplatesSettings() {
	const { builtIns, own, myName, canEditBuiltIns, canCreate } = useLoaderData<typeof loader>()
	const reply = useActionData<typeof action>()
	const vars = templateVars(SAMPLE_CONTACT, { name: myName })
	const replyFor = (key: string) => (reply?.key === key ? reply : undefined)
	return (
		<div className="flex flex-col gap-6">
			{reply?.notice ? (
				<Alert tone="success" className="py-2">
					{reply.notice}
				</Alert>
			) : null}
			<Card>
				<CardHeader
					title="Built-in templates"
					description={
						canEditBuiltIns
							? 'Used by everyone in the workspace. Reword them to sound like you; the name is also the email subject.'
							: 'Used by everyone in the workspace. Workspace owners and admins can reword them.'
					}
				/>
				<ul className="divide-y divide-border" aria-label="Built-in templates">
					{builtIns.map((t) => (
						<TemplateRow key={t.type} name={t.name} type={t.type} body={t.body} badge={t.edited ? 'Edited' : 'Default'} vars={vars} editable={canEditBuiltIns} reply={replyFor(`built-in-${t.type}`)}>
							<TemplateForm
								formKey={`built-in-${t.type}`}
								kind="built-in"
								template={t}
								vars={vars}
								reply={replyFor(`built-in-${t.type}`)}
								extra={
									t.edited ? (
										<SubmitButton name="intent" value="restore" formNoValidate variant="ghost" size="sm">
											Restore the default
										</SubmitButton>
									) : null
								}
							/>
						</TemplateRow>
					))}
				</ul>
			</Card>

			<Card>
				<CardHeader title="Your templates" description="Only you see these. Pick one from a contact’s quick actions to send it." />
				{own.length === 0 ? <p className="px-5 py-4 text-sm text-muted">None yet. Add one below.</p> : null}
				<ul className="divide-y divide-border" aria-label="Your templates">
					{own.map((t) => (
						<TemplateRow key={t.id} name={t.name} type={t.type} body={t.body} vars={vars} editable reply={replyFor(t.id)}>
							<TemplateForm
								formKey={t.id}
								kind="own"
								template={t}
								vars={vars}
								reply={replyFor(t.id)}
								extra={
									<SubmitButton name="intent" value="delete" formNoValidate variant="ghost" size="sm" className="text-danger-text">
										Delete
									</SubmitButton>
								}
							/>
						</TemplateRow>
					))}
				</ul>
			</Card>

			{canCreate ? (
				<Card>
					<CardHeader title="New template" />
					<CardBody>
						{/* Keyed by the count: after adding one, a fresh form (and preview). */}
						<TemplateForm key={own.length} formKey="new" kind="own" vars={vars} reply={replyFor('new')} />
					</CardBody>
				</Card>
			) : null}
		</div>
	)
}

function TemplateRow({
	name,
	type,
	body,
	badge,
	vars,
	editable,
	reply,
	children,
}: {
	name: string
	type: TemplateType
	body: string
	badge?: string
	vars: Record<string, string>
	editable: boolean
	reply?: Reply
	children: React.ReactNode
}) {
	// Open after a preview or a rejected save (without JS the page reloads, so say so in markup).
	const open = Boolean(reply?.preview || reply?.result?.status === 'error')
	return (
		<li className="group/row relative px-5 py-4" data-template={name}>
			<div className="flex flex-wrap items-center gap-2 pr-20">
				<h3 className="text-sm font-semibold">{name}</h3>
				<Badge>{TEMPLATE_TYPE_LABELS[type]}</Badge>
				{badge ? <Badge tone={badge === 'Edited' ? 'accent' : 'neutral'}>{badge}</Badge> : null}
			</div>
			{/* While the form is open its live preview replaces this one. */}
			<p className="mt-1 line-clamp-3 text-sm whitespace-pre-line text-muted group-has-[details[open]]/row:hidden">{renderTemplate(body, vars)}</p>
			{editable ? (
				// Keyed by the text: after a successful save (with JS) the panel closes.
				<details key={`${name}:${body}`} open={open || undefined} className="group">
					<summary className="absolute top-3 right-4 flex h-8 cursor-pointer list-none items-center rounded-md px-3 text-sm font-medium text-link hover:bg-subtle [&::-webkit-details-marker]:hidden">
						<span className="group-open:hidden">Edit</span>
						<span className="hidden group-open:inline">Close</span>
						<span className="sr-only"> {name}</span>
					</summary>
					<div className="mt-3 rounded-md border border-border bg-bg/60 p-4">{children}</div>
				</details>
			) : null}
		</li>
	)
}

function TemplateForm({
	formKey,
	kind,
	template,
	vars,
	reply,
	extra,
}: {
	formKey: string
	kind: 'own' | 'built-in'
	template?: { id: string; type: TemplateType; name: string; body: string }
	vars: Record<string, string>
	reply?: Reply
	extra?: React.ReactNode
}) {
	const schema = kind === 'built-in' ? BuiltInTemplateSchema : TemplateSchema
	// Without JS a preview reloads the page: the form shows what was typed, not what is saved.
	const values = reply?.preview ?? template ?? { name: '', body: '', type: 'CUSTOM' }
	const [form, fields] = useZodForm(schema, {
		id: `template-${formKey}`,
		lastResult: reply?.result,
		defaultValue: { name: values.name, body: values.body, type: values.type ?? template?.type ?? 'CUSTOM' },
	})
	const [body, setBody] = useState(values.body)
	// Typed before the page came alive: preview what is in the box.
	useEffect(() => {
		const el = document.getElementById(fields.body.id)
		if (el instanceof HTMLTextAreaElement) setBody(el.value)
	}, [fields.body.id])
	const saving = useIsPending({ intent: 'save' })
	const nameLabel = kind === 'built-in' ? 'Name (and email subject)' : 'Name'
	return (
		<Form method="post" className="flex flex-col gap-4" {...getFormProps(form)}>
			<input type="hidden" name="kind" value={kind} />
			{template && kind === 'own' ? <input type="hidden" name="id" value={template.id} /> : null}
			{kind === 'built-in' ? <input type="hidden" name="type" value={template!.type} /> : null}
			<div className="grid gap-4 sm:grid-cols-2">
				<Field label={nameLabel} hint={kind === 'own' ? 'Also the subject of an email.' : undefined} errors={fields.name.errors} inputProps={{ ...getInputProps(fields.name, { type: 'text' }), autoComplete: 'off' }} />
				{kind === 'own' ? (
					<SelectField
						label="Used for"
						errors={fields.type.errors}
						selectProps={getSelectProps(fields.type)}
						options={TEMPLATE_TYPES.map((t) => ({ value: t, label: TEMPLATE_TYPE_LABELS[t] }))}
					/>
				) : null}
			</div>
			<TextareaField
				label="Message"
				hint={
					<>
						Placeholders:{' '}
						{Object.entries(PLACEHOLDERS).map(([key, label], i) => (
							<span key={key}>
								{i ? ', ' : ''}
								<code className="rounded bg-subtle px-1 text-fg" title={label}>{`{{${key}}}`}</code>
							</span>
						))}
						.
					</>
				}
				errors={fields.body.errors}
				textareaProps={{ ...getTextareaProps(fields.body), rows: 5, maxLength: TEMPLATE_BODY_MAX, onInput: (e) => setBody(e.currentTarget.value) }}
			/>
			<figure className="rounded-md border border-dashed border-border bg-surface px-3 py-2 text-sm" aria-live="polite">
				<figcaption className="text-xs font-medium text-muted">
					Preview for {SAMPLE_CONTACT.displayName} ({SAMPLE_CONTACT.jobTitle} at {SAMPLE_CONTACT.company})
				</figcaption>
				<p className="mt-1 whitespace-pre-line" data-testid={`preview-${formKey}`}>
					{body.trim() ? renderTemplate(body, vars) : <span className="text-muted">Write a message to see it here.</span>}
				</p>
			</figure>
			<ErrorList id={form.errorId} errors={form.errors} />
			<div className="flex flex-wrap items-center gap-2">
				<SubmitButton name="intent" value="save" pending={saving}>
					{template ? 'Save' : 'Add template'}
				</SubmitButton>
				<noscript>
					<SubmitButton name="intent" value="preview" variant="secondary">
						Preview
					</SubmitButton>
				</noscript>
				{extra}
			</div>
		</Form>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

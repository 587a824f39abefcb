// The interaction form, shared by "log" and "edit": how, when, what was said and
// what comes next, plus an optional follow-up. A plain POST form; the follow-up's
// fields show once its box is ticked (CSS :has, so also without JavaScript).
import { getCollectionProps, getFormProps, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult } from '@conform-to/react'
import { Form, Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { CheckboxField, ErrorList, Field, SelectField, SubmitButton, TextareaField, useIsPending, useZodForm } from './forms.tsx'
import { buttonClass } from './ui/button.tsx'
import { Card } from './ui/card.tsx'
import { Icon, type IconName } from './ui/icon.tsx'
import { FOLLOW_UP_TYPE_LABELS, FOLLOW_UP_TYPES, interactionSchema, MEDIUM_LABELS, MEDIUMS, type Medium } from '#app/validation/interaction.ts'
import { cn } from '#app/utils/misc.ts'

export const MEDIUM_ICONS: Record<Medium, IconName> = {
	CALL: 'phone',
	WHATSAPP: 'message',
	EMAIL: 'mail',
	SMS: 'message-square',
	IN_PERSON: 'handshake',
	VIDEO: 'video',
	INSTAGRAM_DM: 'instagram',
	NOTE: 'sticky-note',
	OTHER: 'circle-dot',
}

export type InteractionFormTarget = {
	contact: { id: string; displayName: string } | null
	company: { id: string; name: string } | null
	/** On a company: its people, so the interaction can be with one of them. */
	companyContacts?: Array<{ id: string; displayName: string }>
	/** Logged from a deal's page. */
	dealId?: string
}

function Section({ title, description, children, className }: { title: string; description?: ReactNode; children: ReactNode; className?: string }) {
	return (
		<Card className="p-5">
			<fieldset className={cn('grid gap-4 sm:grid-cols-2', className)}>
				<legend className="mb-1 sm:col-span-2">
					<span className="text-base font-semibold">{title}</span>
					{description ? <span className="mt-0.5 block text-sm text-muted">{description}</span> : null}
				</legend>
				{children}
			</fieldset>
		</Card>
	)
}

export function InteractionForm({
	formId,
	target,
	timezone,
	followUpDays,
	defaultValue,
	lastResult,
	returnTo,
	submitLabel,
	cancelTo,
}: {
	formId: string
	target: InteractionFormTarget
	timezone: string
	followUpDays: number
	defaultValue: Record<string, unknown>
	lastResult?: SubmissionResult<string[]> | null
	returnTo?: string | null
	submitLabel: string
	cancelTo: string
}) {
	const [form, fields] = useZodForm(interactionSchema, { id: formId, lastResult, defaultValue })
	const pending = useIsPending()
	const people = target.companyContacts
	return (
		<Form method="post" className="flex flex-col gap-5" {...getFormProps(form)}>
			{returnTo ? <input type="hidden" name="returnTo" value={returnTo} /> : null}
			{target.company ? <input type="hidden" name={fields.companyId.name} value={target.company.id} /> : null}
			{target.dealId ? <input type="hidden" name={fields.dealId.name} value={target.dealId} /> : null}
			{target.contact && !people ? <input type="hidden" name={fields.contactId.name} value={target.contact.id} /> : null}
			<ErrorList id={form.errorId} errors={form.errors} />
			<ErrorList errors={people ? undefined : fields.contactId.errors} />

			<Section title="What happened">
				{people?.length ? (
					<SelectField
						className="sm:col-span-2"
						label="With"
						hint={`Anyone at ${target.company?.name}, or the company in general.`}
						errors={fields.contactId.errors}
						selectProps={getSelectProps(fields.contactId)}
						options={[{ value: '', label: 'No one in particular' }, ...people.map((p) => ({ value: p.id, label: p.displayName }))]}
					/>
				) : null}
				<fieldset className="sm:col-span-2" aria-describedby={fields.medium.errors ? `${fields.medium.id}-error` : undefined}>
					<legend className="text-sm font-medium">How</legend>
					<div className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-3">
						{getCollectionProps(fields.medium, { type: 'radio', options: [...MEDIUMS] }).map((props) => {
							const medium = props.value as Medium
							return (
								<label
									key={props.key}
									className="flex cursor-pointer items-center gap-2 rounded-md border border-border bg-surface px-3 py-2 text-sm shadow-sm hover:bg-subtle has-[:checked]:border-accent has-[:checked]:bg-accent-soft has-[:checked]:text-link has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-focus"
								>
									<input {...props} key={props.key} className="sr-only" />
									<Icon name={MEDIUM_ICONS[medium]} className="h-4 w-4 shrink-0" />
									{MEDIUM_LABELS[medium]}
								</label>
							)
						})}
					</div>
					<ErrorList id={`${fields.medium.id}-error`} errors={fields.medium.errors} />
				</fieldset>
				<Field label="When" hint={`In your time zone, ${timezone.replaceAll('_', ' ')}.`} errors={fields.occurredAt.errors} inputProps={getInputProps(fields.occurredAt, { type: 'datetime-local' })} />
				<Field
					label="Duration (minutes)"
					errors={fields.durationMinutes.errors}
					inputProps={{ ...getInputProps(fields.durationMinutes, { type: 'number' }), inputMode: 'numeric', placeholder: 'e.g. 30' }}
				/>
				<Field className="sm:col-span-2" label="Subject" errors={fields.subject.errors} inputProps={{ ...getInputProps(fields.subject, { type: 'text' }), autoComplete: 'off', placeholder: 'e.g. Coffee to talk about the renewal' }} />
				<TextareaField className="sm:col-span-2" label="Notes" hint="Markdown works: **bold**, _italic_, lists and links." errors={fields.notes.errors} textareaProps={{ ...getTextareaProps(fields.notes), rows: 5 }} />
				<Field className="sm:col-span-2" label="Outcome" errors={fields.outcome.errors} inputProps={{ ...getInputProps(fields.outcome, { type: 'text' }), autoComplete: 'off', placeholder: 'e.g. Interested, wants a quote' }} />
				<TextareaField className="sm:col-span-2" label="Next steps" errors={fields.nextSteps.errors} textareaProps={{ ...getTextareaProps(fields.nextSteps), rows: 2 }} />
			</Section>

			<Card className="group p-5">
				<CheckboxField
					label="Schedule a follow-up"
					hint={`Proposed for ${followUpDays === 1 ? 'tomorrow' : `${followUpDays} days from today`}; it lands on your follow-ups list.`}
					errors={fields.scheduleFollowUp.errors}
					inputProps={getInputProps(fields.scheduleFollowUp, { type: 'checkbox' })}
				/>
				<div className="mt-4 hidden gap-4 sm:grid-cols-2 group-has-[[name=scheduleFollowUp]:checked]:grid">
					<Field label="Follow up on" errors={fields.followUpDueAt.errors} inputProps={getInputProps(fields.followUpDueAt, { type: 'datetime-local' })} />
					<SelectField
						label="Follow-up type"
						errors={fields.followUpType.errors}
						selectProps={getSelectProps(fields.followUpType)}
						options={FOLLOW_UP_TYPES.map((t) => ({ value: t, label: FOLLOW_UP_TYPE_LABELS[t] }))}
					/>
				</div>
			</Card>

			<div className="flex flex-wrap items-center gap-3">
				<SubmitButton pending={pending}>{submitLabel}</SubmitButton>
				<Link to={cancelTo} className={buttonClass({ variant: 'ghost' })}>
					Cancel
				</Link>
			</div>
		</Form>
	)
}

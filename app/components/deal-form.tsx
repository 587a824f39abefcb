// The deal form, shared by "new" and "edit". Probability left empty takes the
// stage's default (shown as the placeholder, updated as the stage changes).
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult } from '@conform-to/react'
import { Form, Link } from '@remix-run/react'
import { useState } from 'react'
import { FormSection } from './form-section.tsx'
import { ErrorList, Field, SelectField, SubmitButton, TextareaField, useIsPending, useZodForm } from './forms.tsx'
import { buttonClass } from './ui/button.tsx'
import { CURRENCIES, dealFormSchema, type StageOutcome } from '#app/validation/deal.ts'

export type DealFormOptions = {
	stages: Array<{ id: string; name: string; probability: number; outcome: StageOutcome }>
	companies: Array<{ id: string; name: string }>
	contacts: Array<{ id: string; displayName: string }>
	members: Array<{ id: string; name: string }>
	canAssign: boolean
}

export function DealForm({
	options,
	lastResult,
	defaultValue,
	cancelTo,
	submitLabel,
}: {
	options: DealFormOptions
	lastResult?: SubmissionResult<string[]> | null
	defaultValue?: Record<string, unknown>
	cancelTo: string
	submitLabel: string
}) {
	const [form, fields] = useZodForm(dealFormSchema, { id: 'deal', lastResult, defaultValue })
	const pending = useIsPending()
	const [stageId, setStageId] = useState(String(defaultValue?.stageId ?? options.stages[0]?.id ?? ''))
	const stage = options.stages.find((s) => s.id === stageId)
	const closed = stage && stage.outcome !== 'OPEN'

	return (
		<Form method="post" className="flex flex-col gap-5" {...getFormProps(form)}>
			<ErrorList id={form.errorId} errors={form.errors} />

			<FormSection title="Deal">
				<Field
					className="sm:col-span-2"
					label="Name"
					errors={fields.name.errors}
					inputProps={{ ...getInputProps(fields.name, { type: 'text' }), autoComplete: 'off', autoFocus: !defaultValue?.name, placeholder: 'Annual licence for Acme' }}
				/>
				<Field
					label="Value"
					hint="In the currency beside it; cents allowed."
					errors={fields.value.errors}
					inputProps={{ ...getInputProps(fields.value, { type: 'text' }), inputMode: 'decimal', autoComplete: 'off', placeholder: '0' }}
				/>
				<SelectField label="Currency" errors={fields.currency.errors} selectProps={getSelectProps(fields.currency)} options={CURRENCIES.map((c) => ({ value: c, label: c }))} />
				<SelectField
					label="Stage"
					errors={fields.stageId.errors}
					selectProps={{ ...getSelectProps(fields.stageId), onChange: (e) => setStageId(e.currentTarget.value) }}
					options={options.stages.map((s) => ({ value: s.id, label: `${s.name} (${s.probability}%)` }))}
				/>
				<Field
					label="Probability (%)"
					hint={stage ? `Leave empty for the stage’s ${stage.probability}%.` : 'Leave empty for the stage’s default.'}
					errors={fields.probability.errors}
					inputProps={{ ...getInputProps(fields.probability, { type: 'number' }), min: 0, max: 100, step: 1, placeholder: stage ? String(stage.probability) : '' }}
				/>
				<Field label="Expected close" errors={fields.expectedCloseAt.errors} inputProps={getInputProps(fields.expectedCloseAt, { type: 'date' })} />
				{options.canAssign ? (
					<SelectField
						label="Owner"
						errors={fields.ownerId.errors}
						selectProps={getSelectProps(fields.ownerId)}
						options={[{ value: '', label: 'Me' }, ...options.members.map((u) => ({ value: u.id, label: u.name }))]}
					/>
				) : null}
				{closed ? (
					<Field
						className="sm:col-span-2"
						label={stage.outcome === 'WON' ? 'Why it was won' : 'Why it was lost'}
						errors={fields.closeReason.errors}
						inputProps={{ ...getInputProps(fields.closeReason, { type: 'text' }), autoComplete: 'off' }}
					/>
				) : null}
			</FormSection>

			<FormSection title="Who it is with">
				<SelectField
					label="Company"
					errors={fields.companyId.errors}
					selectProps={getSelectProps(fields.companyId)}
					options={[{ value: '', label: 'None' }, ...options.companies.map((c) => ({ value: c.id, label: c.name }))]}
				/>
				<SelectField
					label="Contact"
					errors={fields.contactId.errors}
					selectProps={getSelectProps(fields.contactId)}
					options={[{ value: '', label: 'None' }, ...options.contacts.map((c) => ({ value: c.id, label: c.displayName }))]}
				/>
			</FormSection>

			<FormSection title="Notes">
				<TextareaField className="sm:col-span-2" label="Notes" errors={fields.notes.errors} textareaProps={{ ...getTextareaProps(fields.notes), rows: 4 }} />
			</FormSection>

			<div className="flex items-center gap-3">
				<SubmitButton pending={pending}>{submitLabel}</SubmitButton>
				<Link to={cancelTo} className={buttonClass({ variant: 'ghost' })}>
					Cancel
				</Link>
			</div>
		</Form>
	)
}

import { FormSection } from './form-section.tsx'
// The company form, shared by "new" and "edit". Custom fields (the workspace's
// COMPANY definitions) render as text, number, date or select inputs.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, type FieldMetadata, type SubmissionResult } from '@conform-to/react'
import { Form, Link } from '@remix-run/react'
import { ErrorList, Field, SelectField, SubmitButton, TextareaField, useIsPending, useZodForm } from './forms.tsx'
import { buttonClass } from './ui/button.tsx'
import { companyFormSchema, SIZE_BAND_LABELS, SIZE_BANDS } from '#app/validation/company.ts'
import { LEAD_STATUS_LABELS, LEAD_STATUSES, type CustomFieldDef } from '#app/validation/contact.ts'

export type CompanyFormOptions = { customFields: CustomFieldDef[]; industries: string[]; tagNames: string[] }


export function CompanyForm({
	options,
	lastResult,
	defaultValue,
	cancelTo,
	submitLabel,
}: {
	options: CompanyFormOptions
	lastResult?: SubmissionResult<string[]> | null
	defaultValue?: Record<string, unknown>
	cancelTo: string
	submitLabel: string
}) {
	const [form, fields] = useZodForm(companyFormSchema(options.customFields), { id: 'company', lastResult, defaultValue })
	const pending = useIsPending()
	const custom = fields.custom.getFieldset()
	const storedCustom = (defaultValue?.custom ?? {}) as Record<string, unknown>

	return (
		<Form method="post" className="flex flex-col gap-5" {...getFormProps(form)}>
			<ErrorList id={form.errorId} errors={form.errors} />

			<FormSection title="Company">
				<Field
					className="sm:col-span-2"
					label="Name"
					errors={fields.name.errors}
					inputProps={{ ...getInputProps(fields.name, { type: 'text' }), autoComplete: 'organization', autoFocus: !defaultValue }}
				/>
				<Field label="Industry" errors={fields.industry.errors} inputProps={{ ...getInputProps(fields.industry, { type: 'text' }), list: 'industries', autoComplete: 'off' }} />
				<datalist id="industries">
					{options.industries.map((i) => (
						<option key={i} value={i} />
					))}
				</datalist>
				<SelectField
					label="Size"
					errors={fields.sizeBand.errors}
					selectProps={getSelectProps(fields.sizeBand)}
					options={[{ value: '', label: 'Unknown' }, ...SIZE_BANDS.map((s) => ({ value: s, label: SIZE_BAND_LABELS[s] }))]}
				/>
				<SelectField
					label="Lead status"
					errors={fields.leadStatus.errors}
					selectProps={getSelectProps(fields.leadStatus)}
					options={[{ value: '', label: 'No status' }, ...LEAD_STATUSES.map((s) => ({ value: s, label: LEAD_STATUS_LABELS[s] }))]}
				/>
			</FormSection>

			<FormSection title="Website, email and phone" description="The domain is taken from the website. Phone numbers are saved in international format.">
				<Field
					className="sm:col-span-2"
					label="Website"
					hint="example.com or a full address."
					errors={fields.website.errors}
					inputProps={{ ...getInputProps(fields.website, { type: 'text' }), inputMode: 'url', autoComplete: 'url', placeholder: 'example.com' }}
				/>
				<Field label="Email" errors={fields.email.errors} inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'off', placeholder: 'hello@example.com' }} />
				<Field label="Phone" errors={fields.phone.errors} inputProps={{ ...getInputProps(fields.phone, { type: 'tel' }), autoComplete: 'off' }} />
			</FormSection>

			<FormSection title="Address">
				<Field className="sm:col-span-2" label="Street" errors={fields.street.errors} inputProps={{ ...getInputProps(fields.street, { type: 'text' }), autoComplete: 'off' }} />
				<Field label="City" errors={fields.city.errors} inputProps={getInputProps(fields.city, { type: 'text' })} />
				<Field label="Region or state" errors={fields.region.errors} inputProps={getInputProps(fields.region, { type: 'text' })} />
				<Field label="Postal code" errors={fields.postalCode.errors} inputProps={getInputProps(fields.postalCode, { type: 'text' })} />
				<Field label="Country" errors={fields.country.errors} inputProps={getInputProps(fields.country, { type: 'text' })} />
			</FormSection>

			<FormSection title="Tags and notes">
				<Field
					className="sm:col-span-2"
					label="Tags"
					hint={options.tagNames.length ? `Separate with commas; new tags are created. Existing: ${options.tagNames.slice(0, 12).join(', ')}` : 'Separate with commas; new tags are created.'}
					errors={fields.tags.errors}
					inputProps={{ ...getInputProps(fields.tags, { type: 'text' }), list: 'tag-names', autoComplete: 'off' }}
				/>
				<datalist id="tag-names">
					{options.tagNames.map((t) => (
						<option key={t} value={t} />
					))}
				</datalist>
				<TextareaField className="sm:col-span-2" label="Notes" errors={fields.notes.errors} textareaProps={{ ...getTextareaProps(fields.notes), rows: 4 }} />
			</FormSection>

			{options.customFields.length ? (
				<FormSection title="More details">
					{options.customFields.map((def) => (
						<CustomFieldInput key={def.key} def={def} field={custom[def.key]!} stored={storedCustom[def.key]} />
					))}
				</FormSection>
			) : null}

			<div className="sticky bottom-0 -mx-4 flex items-center justify-end gap-3 border-t border-border bg-bg/95 px-4 py-3 backdrop-blur md:static md:mx-0 md:border-0 md:bg-transparent md:p-0">
				<Link to={cancelTo} className={buttonClass({ variant: 'ghost' })}>
					Cancel
				</Link>
				<SubmitButton pending={pending}>{submitLabel}</SubmitButton>
			</div>
		</Form>
	)
}

/** One custom field's input, by type. */
function CustomFieldInput({ def, field, stored }: { def: CustomFieldDef; field: FieldMetadata<unknown>; stored: unknown }) {
	if (def.type === 'SELECT') {
		const current = typeof stored === 'string' ? stored : ''
		// A value whose choice was since removed stays visible rather than silently cleared.
		const stale = current && !def.options.includes(current) ? [{ value: current, label: `${current} (no longer a choice)` }] : []
		return (
			<SelectField
				label={def.label}
				errors={field.errors}
				selectProps={getSelectProps(field as FieldMetadata<string>)}
				options={[{ value: '', label: '—' }, ...stale, ...def.options.map((o) => ({ value: o, label: o }))]}
			/>
		)
	}
	const type = def.type === 'NUMBER' ? 'number' : def.type === 'DATE' ? 'date' : 'text'
	return (
		<Field
			label={def.label}
			errors={field.errors}
			inputProps={{ ...getInputProps(field as FieldMetadata<string>, { type }), ...(type === 'number' ? { step: 'any', inputMode: 'decimal' as const } : {}) }}
		/>
	)
}

import { FormSection } from './form-section.tsx'
// The contact form, shared by "new" and "edit". Email and phone rows are added
// and removed with Conform's list intents: real submit buttons, so they work
// without JavaScript too.
import { getCollectionProps, getFormProps, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult } from '@conform-to/react'
import { Form, Link } from '@remix-run/react'
import { DuplicateWarning } from './duplicate-warning.tsx'
import { CheckboxField, ErrorList, Field, SelectField, SubmitButton, TextareaField, useIsPending, useZodForm } from './forms.tsx'
import { Avatar } from './ui/avatar.tsx'
import { buttonClass, Button } from './ui/button.tsx'
import { Icon } from './ui/icon.tsx'
import { Input, Label } from './ui/input.tsx'
import { MONTH_OPTIONS } from '#app/utils/contact-fields.ts'
import { AUTHORITY_LABELS, AUTHORITY_LEVELS, contactFormSchema, LEAD_STATUS_LABELS, LEAD_STATUSES, SOURCE_LABELS, SOURCES, type CustomFieldDef } from '#app/validation/contact.ts'

export type ContactFormOptions = {
	companies: Array<{ id: string; name: string }>
	tagNames: string[]
	groups: Array<{ id: string; name: string; icon: string | null }>
	customFields: CustomFieldDef[]
	defaultCountry: string
}

type Duplicate = { id: string; displayName: string; reason: string; detail?: string }


export function ContactForm({
	options,
	lastResult,
	defaultValue,
	duplicates,
	picture,
	cancelTo,
	submitLabel,
}: {
	options: ContactFormOptions
	lastResult?: SubmissionResult<string[]> | null
	defaultValue?: Record<string, unknown>
	duplicates?: Duplicate[]
	picture?: { name: string; src: string | null } | null
	cancelTo: string
	submitLabel: string
}) {
	const schema = contactFormSchema(options.customFields)
	const [form, fields] = useZodForm(schema, {
		id: 'contact',
		lastResult,
		defaultValue: defaultValue ?? { emails: [{}], phones: [{}], websites: [{}], addresses: [{}] },
	})
	const pending = useIsPending()
	const emails = fields.emails.getFieldList()
	const phones = fields.phones.getFieldList()
	const websites = fields.websites.getFieldList()
	const addresses = fields.addresses.getFieldList()
	const custom = fields.custom.getFieldset()
	const statusOptions = [{ value: '', label: 'No status (personal contact)' }, ...LEAD_STATUSES.map((s) => ({ value: s, label: LEAD_STATUS_LABELS[s] }))]
	const rowError = (errors?: string[]) => <ErrorList errors={errors} />

	return (
		<Form method="post" encType="multipart/form-data" className="flex flex-col gap-5" {...getFormProps(form)}>
			{/* Enter in a field submits with the first submit button: make that "save", not "remove email 1". */}
			<button type="submit" className="sr-only" tabIndex={-1} aria-hidden="true" />
			{duplicates?.length ? <DuplicateWarning matches={duplicates} /> : null}
			<ErrorList id={form.errorId} errors={form.errors} />

			<FormSection title="Name and work">
				<Field label="First name" errors={fields.firstName.errors} inputProps={{ ...getInputProps(fields.firstName, { type: 'text' }), autoComplete: 'off', autoFocus: !defaultValue }} />
				<Field label="Last name" errors={fields.lastName.errors} inputProps={{ ...getInputProps(fields.lastName, { type: 'text' }), autoComplete: 'off' }} />
				<Field label="Nickname" errors={fields.nickname.errors} inputProps={{ ...getInputProps(fields.nickname, { type: 'text' }), autoComplete: 'off' }} />
				<SelectField
					label="Company"
					errors={fields.companyId.errors}
					selectProps={getSelectProps(fields.companyId)}
					options={[{ value: '', label: 'None' }, ...options.companies.map((c) => ({ value: c.id, label: c.name }))]}
				/>
				<Field label="Or a new company" hint="Type a name to create it." errors={fields.companyName.errors} inputProps={{ ...getInputProps(fields.companyName, { type: 'text' }), autoComplete: 'organization' }} />
				<Field label="Job title" errors={fields.jobTitle.errors} inputProps={{ ...getInputProps(fields.jobTitle, { type: 'text' }), autoComplete: 'organization-title' }} />
				<SelectField label="Lead status" errors={fields.leadStatus.errors} selectProps={getSelectProps(fields.leadStatus)} options={statusOptions} />
				<CheckboxField label="Decision-maker" hint="Can say yes to a deal." inputProps={getInputProps(fields.isDecisionMaker, { type: 'checkbox' })} />
				<SelectField
					label="Authority level"
					errors={fields.authorityLevel.errors}
					selectProps={getSelectProps(fields.authorityLevel)}
					options={[{ value: '', label: '—' }, ...AUTHORITY_LEVELS.map((a) => ({ value: a, label: AUTHORITY_LABELS[a] }))]}
				/>
			</FormSection>

			<FormSection title="Email and phone" description="The first of each is the primary one. Phone numbers are saved in international format.">
				<div className="flex flex-col gap-2 sm:col-span-2">
					{emails.map((row, index) => {
						const f = row.getFieldset()
						return (
							<div key={row.key ?? row.id} className="grid grid-cols-[1fr_7rem_auto] items-start gap-2">
								<div>
									<Input {...getInputProps(f.email, { type: 'email' })} aria-label={index === 0 ? 'Email' : `Email ${index + 1}`} placeholder="name@example.com" />
									{rowError(f.email.errors)}
								</div>
								<Input {...getInputProps(f.label, { type: 'text' })} aria-label={`Email ${index + 1} label`} placeholder="work, home…" />
								<Button type="submit" variant="ghost" size="icon" {...form.remove.getButtonProps({ name: fields.emails.name, index })} aria-label={`Remove email ${index + 1}`}>
									<Icon name="x" className="h-4 w-4" />
								</Button>
							</div>
						)
					})}
					<div>
						<Button type="submit" variant="secondary" size="sm" {...form.insert.getButtonProps({ name: fields.emails.name })}>
							<Icon name="plus" className="h-4 w-4" /> Add email
						</Button>
					</div>
				</div>
				<div className="flex flex-col gap-2 sm:col-span-2">
					{phones.map((row, index) => {
						const f = row.getFieldset()
						return (
							<div key={row.key ?? row.id} className="grid grid-cols-[1fr_7rem_auto] items-start gap-2">
								<div>
									<Input {...getInputProps(f.phone, { type: 'tel' })} aria-label={index === 0 ? 'Phone' : `Phone ${index + 1}`} placeholder="+1 415 555 2671" />
									{rowError(f.phone.errors)}
								</div>
								<Input {...getInputProps(f.label, { type: 'text' })} aria-label={`Phone ${index + 1} label`} placeholder="mobile, work…" />
								<Button type="submit" variant="ghost" size="icon" {...form.remove.getButtonProps({ name: fields.phones.name, index })} aria-label={`Remove phone ${index + 1}`}>
									<Icon name="x" className="h-4 w-4" />
								</Button>
							</div>
						)
					})}
					<div>
						<Button type="submit" variant="secondary" size="sm" {...form.insert.getButtonProps({ name: fields.phones.name })}>
							<Icon name="plus" className="h-4 w-4" /> Add phone
						</Button>
					</div>
				</div>
				<Field label="WhatsApp" hint="Leave empty to use the mobile number." errors={fields.whatsapp.errors} inputProps={getInputProps(fields.whatsapp, { type: 'tel' })} />
				<Field label="Instagram" hint="@handle or profile link." errors={fields.instagram.errors} inputProps={getInputProps(fields.instagram, { type: 'text' })} />
				<Field label="LinkedIn" errors={fields.linkedin.errors} inputProps={getInputProps(fields.linkedin, { type: 'text' })} />
				<div className="flex flex-col gap-2 sm:col-span-2">
					{websites.map((row, index) => {
						const f = row.getFieldset()
						return (
							<div key={row.key ?? row.id} className="grid grid-cols-[1fr_7rem_auto] items-start gap-2">
								<div>
									<Input {...getInputProps(f.url, { type: 'text' })} aria-label={index === 0 ? 'Website' : `Website ${index + 1}`} placeholder="example.com" inputMode="url" />
									{rowError(f.url.errors)}
								</div>
								<Input {...getInputProps(f.label, { type: 'text' })} aria-label={`Website ${index + 1} label`} placeholder="work, blog…" />
								<Button type="submit" variant="ghost" size="icon" {...form.remove.getButtonProps({ name: fields.websites.name, index })} aria-label={`Remove website ${index + 1}`}>
									<Icon name="x" className="h-4 w-4" />
								</Button>
							</div>
						)
					})}
					<div>
						<Button type="submit" variant="secondary" size="sm" {...form.insert.getButtonProps({ name: fields.websites.name })}>
							<Icon name="plus" className="h-4 w-4" /> Add website
						</Button>
					</div>
				</div>
			</FormSection>

			<FormSection title="Tags and groups">
				<Field
					label="Tags"
					hint={options.tagNames.length ? `Separate with commas. Existing: ${options.tagNames.slice(0, 12).join(', ')}` : 'Separate with commas; new tags are created.'}
					errors={fields.tags.errors}
					inputProps={{ ...getInputProps(fields.tags, { type: 'text' }), list: 'tag-names' }}
				/>
				<datalist id="tag-names">
					{options.tagNames.map((t) => (
						<option key={t} value={t} />
					))}
				</datalist>
				<SelectField label="Source" errors={fields.source.errors} selectProps={getSelectProps(fields.source)} options={SOURCES.map((s) => ({ value: s, label: SOURCE_LABELS[s] }))} />
				{options.groups.length ? (
					<fieldset className="sm:col-span-2">
						<legend className="text-sm font-medium">Groups</legend>
						<div className="mt-2 flex flex-wrap gap-x-5 gap-y-2">
							{getCollectionProps(fields.groupIds, { type: 'checkbox', options: options.groups.map((g) => g.id) }).map((props) => {
								const group = options.groups.find((g) => g.id === props.value)!
								return (
									<label key={props.key} className="flex items-center gap-2 text-sm">
										<input {...props} key={props.key} className="h-4 w-4 accent-accent" />
										{group.icon ? <span aria-hidden="true">{group.icon}</span> : null}
										{group.name}
									</label>
								)
							})}
						</div>
					</fieldset>
				) : null}
			</FormSection>

			<FormSection title="Important dates" description="The year is optional.">
				<DateFields label="Birthday" month={fields.birthdayMonth} day={fields.birthdayDay} year={fields.birthdayYear} />
				<DateFields label="Anniversary" month={fields.anniversaryMonth} day={fields.anniversaryDay} year={fields.anniversaryYear} />
			</FormSection>

			<FormSection title="Addresses">
				{addresses.map((row, index) => {
					const f = row.getFieldset()
					const n = addresses.length > 1 ? ` ${index + 1}` : ''
					const input = (meta: FieldMeta, label: string) => ({ ...getInputProps(meta, { type: 'text' }), 'aria-label': `${label}${n ? ` (address${n})` : ''}`, autoComplete: 'off' })
					return (
						<fieldset key={row.key ?? row.id} className="grid gap-3 rounded-md border border-border p-3 sm:col-span-2 sm:grid-cols-2">
							<legend className="sr-only">Address{n}</legend>
							<div className="flex items-end gap-2 sm:col-span-2">
								<Field className="flex-1" label="Label" errors={f.label.errors} inputProps={{ ...input(f.label, 'Label'), placeholder: 'home, work…' }} />
								<Button type="submit" variant="ghost" size="icon" {...form.remove.getButtonProps({ name: fields.addresses.name, index })} aria-label={`Remove address${n || ' 1'}`}>
									<Icon name="x" className="h-4 w-4" />
								</Button>
							</div>
							<Field className="sm:col-span-2" label="Street" errors={f.street.errors} inputProps={input(f.street, 'Street')} />
							<Field label="City" errors={f.city.errors} inputProps={input(f.city, 'City')} />
							<Field label="Region or state" errors={f.region.errors} inputProps={input(f.region, 'Region or state')} />
							<Field label="Postal code" errors={f.postalCode.errors} inputProps={input(f.postalCode, 'Postal code')} />
							<Field label="Country" errors={f.country.errors} inputProps={input(f.country, 'Country')} />
						</fieldset>
					)
				})}
				<div className="sm:col-span-2">
					<Button type="submit" variant="secondary" size="sm" {...form.insert.getButtonProps({ name: fields.addresses.name })}>
						<Icon name="plus" className="h-4 w-4" /> Add address
					</Button>
				</div>
			</FormSection>

			<FormSection title="Picture">
				<div className="flex items-center gap-4 sm:col-span-2">
					{picture ? <Avatar name={picture.name} src={picture.src} size="lg" /> : null}
					<div className="flex-1">
						<Label htmlFor="avatarFile">Upload a picture</Label>
						<input id="avatarFile" name="avatarFile" type="file" accept="image/png,image/jpeg,image/webp,image/gif" className="mt-1.5 block w-full text-sm file:mr-3 file:rounded-md file:border file:border-border file:bg-surface file:px-3 file:py-1.5 file:text-sm file:text-fg" aria-describedby="avatarFile-hint" />
						<p id="avatarFile-hint" className="mt-1 text-[13px] text-muted">
							PNG, JPEG, WebP or GIF, up to 2 MB.
						</p>
						<ErrorList errors={(form.allErrors as Record<string, string[] | undefined>).avatarFile} />
					</div>
				</div>
				<Field className="sm:col-span-2" label="Or a picture address" errors={fields.avatarUrl.errors} inputProps={getInputProps(fields.avatarUrl, { type: 'url' })} />
				{picture?.src ? <CheckboxField label="Remove the uploaded picture" inputProps={{ name: 'removePicture', value: '1' }} /> : null}
			</FormSection>

			<FormSection title="Notes" description="Markdown works: **bold**, _italic_, lists and links.">
				<TextareaField className="sm:col-span-2" label="Notes" errors={fields.notes.errors} textareaProps={{ ...getTextareaProps(fields.notes), rows: 5 }} />
			</FormSection>

			{options.customFields.length ? (
				<FormSection title="More details">
					{options.customFields.map((def) => {
						const field = custom[def.key]!
						if (def.type === 'SELECT') {
							return (
								<SelectField
									key={def.key}
									label={def.label}
									errors={field.errors}
									selectProps={getSelectProps(field)}
									options={[{ value: '', label: '—' }, ...def.options.map((o) => ({ value: o, label: o }))]}
								/>
							)
						}
						const type = def.type === 'NUMBER' ? 'number' : def.type === 'DATE' ? 'date' : 'text'
						return <Field key={def.key} label={def.label} errors={field.errors} inputProps={{ ...getInputProps(field, { type }), ...(type === 'number' ? { step: 'any' } : {}) }} />
					})}
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

type FieldMeta = Parameters<typeof getInputProps>[0]

function DateFields({ label, month, day, year }: { label: string; month: FieldMeta; day: FieldMeta; year: FieldMeta }) {
	return (
		<fieldset className="flex flex-col gap-1.5">
			<legend className="text-sm font-medium">{label}</legend>
			<div className="mt-1.5 grid grid-cols-[1fr_4.5rem_5.5rem] gap-2">
				<select {...getSelectProps(month as never)} aria-label={`${label} month`} className="block h-10 w-full rounded-md border border-border bg-surface px-3 text-sm shadow-sm aria-[invalid=true]:border-danger">
					<option value="">Month</option>
					{MONTH_OPTIONS.map((o) => (
						<option key={o.value} value={o.value}>
							{o.label}
						</option>
					))}
				</select>
				<Input {...getInputProps(day, { type: 'number' })} aria-label={`${label} day`} placeholder="Day" min={1} max={31} />
				<Input {...getInputProps(year, { type: 'number' })} aria-label={`${label} year`} placeholder="Year" min={1900} max={2100} />
			</div>
			<ErrorList errors={[...(month.errors ?? []), ...(day.errors ?? []), ...(year.errors ?? [])]} />
		</fieldset>
	)
}

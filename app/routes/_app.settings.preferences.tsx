import { getCountries, getCountryCallingCode } from 'libphonenumber-js'
// Preferences: time zone, reminder lead times, default intervals and theme.
import { getCollectionProps, getFormProps, getInputProps, getSelectProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useState } from 'react'
import { ErrorList, Field, SaveBar, SelectField, useIsPending, useZodForm } from '#app/components/forms.tsx'
import { Card, CardBody, CardHeader } from '#app/components/ui/card.tsx'
import { Label, Select } from '#app/components/ui/input.tsx'
import { getSettings, updatePreferences } from '#app/models/settings.server.ts'
import { cn } from '#app/utils/misc.ts'
import { requireUserId } from '#app/utils/session.server.ts'
import { formatDateTime, isValidTimeZone, timeZones, zoneOffsetLabel } from '#app/utils/time.ts'
import { PreferencesSchema, THEMES } from '#app/validation/settings.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'Preferences · Settings · Rapport' }]

/** IANA zones grouped by their region ("America/Argentina/Salta" → America). */
function zoneGroups(current: string) {
	const all = timeZones()
	if (!all.includes('UTC')) all.unshift('UTC')
	// An alias the browser reported at signup (e.g. Asia/Calcutta) still shows as chosen.
	if (!all.includes(current)) all.unshift(current)
	const groups = new Map<string, Array<{ value: string; label: string }>>()
	for (const zone of all) {
		const slash = zone.indexOf('/')
		const region = slash > 0 ? zone.slice(0, slash) : 'Other'
		const label = (slash > 0 ? zone.slice(slash + 1) : zone).replaceAll('_', ' ').replaceAll('/', ' / ')
		if (!groups.has(region)) groups.set(region, [])
		groups.get(region)!.push({ value: zone, label })
	}
	return [...groups].map(([region, zones]) => ({ region, zones })).sort((a, b) => (a.region === 'Other' ? -1 : b.region === 'Other' ? 1 : a.region.localeCompare(b.region)))
}

/** Countries phone numbers can belong to, by name. */
function countryOptions() {
	const names = new Intl.DisplayNames(['en'], { type: 'region' })
	return getCountries()
		.map((code) => ({ value: code, label: `${names.of(code) ?? code} (+${getCountryCallingCode(code)})` }))
		.sort((a, b) => a.label.localeCompare(b.label))
}

export async function loader({ request }: LoaderFunctionArgs) {
	const userId = await requireUserId(request)
	const user = await getSettings(userId)
	return {
		preferences: {
			timezone: user.timezone,
			defaultCountry: user.defaultCountry,
			birthdayLeadDays: user.birthdayLeadDays,
			anniversaryLeadDays: user.anniversaryLeadDays,
			followUpDays: user.followUpDays,
			noContactDays: user.noContactDays,
			morningTime: user.morningTime,
			theme: user.theme,
		},
		zones: zoneGroups(user.timezone),
		countries: countryOptions(),
		// One instant for server and client, so the first render matches.
		now: new Date().toISOString(),
	}
}

export async function action({ request }: ActionFunctionArgs) {
	const userId = await requireUserId(request)
	const submission = parseWithZod(await readForm(request), { schema: PreferencesSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	await updatePreferences(userId, submission.value)
	return { result: submission.reply() }
}

const THEME_LABELS: Record<(typeof THEMES)[number], { label: string; hint: string }> = {
	LIGHT: { label: 'Light', hint: 'Always light' },
	DARK: { label: 'Dark', hint: 'Always dark' },
	SYSTEM: { label: 'System', hint: 'Match this device' },
}

export default function PreferencesSettings() {
	const { preferences, zones, countries, now } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const pending = useIsPending()
	const [form, fields] = useZodForm(PreferencesSchema, { id: 'preferences', lastResult: actionData?.result, defaultValue: preferences })
	const [zone, setZone] = useState(preferences.timezone)
	const [at, setAt] = useState(now)
	const saved = actionData?.result.status === 'success'
	const number = (field: typeof fields.birthdayLeadDays, min: number, max: number) => ({ ...getInputProps(field, { type: 'number' }), min, max, step: 1, inputMode: 'numeric' as const })

	return (
		<Form method="post" className="flex flex-col gap-6" {...getFormProps(form)}>
			<Card>
				<CardHeader title="Time zone" description="Reminders are scheduled and times are shown in this zone." />
				<CardBody className="flex flex-col gap-1.5">
					<Label htmlFor={fields.timezone.id}>Time zone</Label>
					<Select
						{...getSelectProps(fields.timezone)}
						key={fields.timezone.key}
						className="max-w-sm"
						aria-invalid={fields.timezone.errors ? true : undefined}
						aria-describedby={cn(fields.timezone.errors && fields.timezone.errorId, `${fields.timezone.id}-now`) || undefined}
						onChange={(e) => {
							setZone(e.currentTarget.value)
							setAt(new Date().toISOString())
						}}
					>
						{zones.map((g) => (
							<optgroup key={g.region} label={g.region}>
								{g.zones.map((z) => (
									<option key={z.value} value={z.value}>
										{z.label}
									</option>
								))}
							</optgroup>
						))}
					</Select>
					<p id={`${fields.timezone.id}-now`} className="text-[13px] text-muted">
						{isValidTimeZone(zone) ? (
							<>
								Local time there:{' '}
								{/* Server and browser may word a date slightly differently. */}
								<time dateTime={at} suppressHydrationWarning>
									{`${formatDateTime(at, zone, { dateStyle: 'full' })} (${zoneOffsetLabel(zone, new Date(at))})`}
								</time>
							</>
						) : null}
					</p>
					<ErrorList id={fields.timezone.errorId} errors={fields.timezone.errors} />
					<SelectField
						className="mt-4"
						label="Phone numbers without a country code are in"
						hint="Used to save numbers in international format."
						errors={fields.defaultCountry.errors}
						selectProps={getSelectProps(fields.defaultCountry)}
						options={countries}
					/>
				</CardBody>
			</Card>

			<Card>
				<CardHeader title="Reminders" description="How early Rapport reminds you, and the defaults it uses for follow-ups." />
				<CardBody className="grid gap-4 sm:grid-cols-2">
					<Field label="Birthday reminder (days before)" hint="0 to 30; 0 means on the day." errors={fields.birthdayLeadDays.errors} inputProps={number(fields.birthdayLeadDays, 0, 30)} />
					<Field
						label="Anniversary reminder (days before)"
						hint="0 to 30; 0 means on the day."
						errors={fields.anniversaryLeadDays.errors}
						inputProps={number(fields.anniversaryLeadDays, 0, 30)}
					/>
					<Field label="Follow up after (days)" hint="Default due date for a new follow-up, 1 to 365." errors={fields.followUpDays.errors} inputProps={number(fields.followUpDays, 1, 365)} />
					<Field
						label="No-contact alert (days)"
						hint="Remind me when I haven’t talked to someone for this long, 1 to 365."
						errors={fields.noContactDays.errors}
						inputProps={number(fields.noContactDays, 1, 365)}
					/>
					<Field
						label="Morning time"
						hint="When birthday, anniversary and keep-in-touch reminders and the daily digest arrive, in your time zone."
						errors={fields.morningTime.errors}
						inputProps={{ ...getInputProps(fields.morningTime, { type: 'time' }), step: 60 }}
					/>
				</CardBody>
			</Card>

			<Card>
				<CardHeader title="Appearance" />
				<CardBody>
					<fieldset aria-describedby={fields.theme.errors ? fields.theme.errorId : undefined}>
						<legend className="text-sm font-medium text-fg">Theme</legend>
						<div className="mt-2 grid max-w-lg grid-cols-3 gap-2">
							{getCollectionProps(fields.theme, { type: 'radio', options: [...THEMES] }).map(({ key, ...props }) => (
								<label
									key={key}
									className="flex cursor-pointer flex-col rounded-md border border-border bg-surface px-3 py-2 text-sm shadow-sm hover:bg-subtle has-[:checked]:border-accent has-[:checked]:bg-accent-soft has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-focus"
								>
									<span className="flex items-center gap-2 font-medium">
										<input {...props} className="h-3.5 w-3.5 accent-accent focus-visible:outline-none" />
										{THEME_LABELS[props.value as (typeof THEMES)[number]].label}
									</span>
									<span className="mt-0.5 text-[13px] text-muted sm:pl-5.5">{THEME_LABELS[props.value as (typeof THEMES)[number]].hint}</span>
								</label>
							))}
						</div>
						<ErrorList id={fields.theme.errorId} errors={fields.theme.errors} />
					</fieldset>
				</CardBody>
			</Card>

			<ErrorList id={form.errorId} errors={form.errors} />
			<SaveBar pending={pending} saved={saved} label="Save preferences" />
		</Form>
	)
}

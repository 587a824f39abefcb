// The Reminders card on a contact page: what will remind me about this person
// (birthday, anniversary, keep in touch, follow-ups, my own), "keep in touch"
// and a small form to add a reminder (once, monthly or yearly). Real forms.
import { getFormProps, getInputProps, getSelectProps, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { ErrorList, Field, SelectField, SubmitButton, useIsPending, useZodForm } from './forms.tsx'
import { formatDue } from './follow-up-list.tsx'
import { ReminderIcon } from './reminder-actions.tsx'
import { Badge } from './ui/badge.tsx'
import { Button } from './ui/button.tsx'
import { Card, CardHeader } from './ui/card.tsx'
import { Icon } from './ui/icon.tsx'
import { Label, Select } from './ui/input.tsx'
import { CustomReminderSchema, KEEP_IN_TOUCH_CHOICES, RECURRENCE_LABELS, RECURRENCES, type ReminderTypeName } from '#app/validation/reminder.ts'

export type ContactReminder = {
	id: string
	type: ReminderTypeName
	title: string
	note: string | null
	scheduledAt: Date | string
	status: string
	recurrence: keyof typeof RECURRENCE_LABELS
	seriesId: string | null
}

export function ContactRemindersCard({
	reminders,
	keepInTouch,
	noContactDays,
	timeZone,
	now,
	today,
	editable,
	lastResult,
	message,
}: {
	reminders: ContactReminder[]
	keepInTouch: string
	noContactDays: number
	timeZone: string
	now: string
	today: string
	editable: boolean
	lastResult?: SubmissionResult<string[]> | null
	message?: string | null
}) {
	const [form, fields] = useZodForm(CustomReminderSchema, { id: 'add-reminder', lastResult, defaultValue: { recurrence: 'NONE' } })
	const adding = useIsPending({ intent: 'add-reminder' })
	return (
		<Card aria-label="Reminders">
			<CardHeader title="Reminders" />
			<div className="flex flex-col gap-4 px-5 py-4">
				{message ? (
					<p role="status" className="text-sm text-success-text">
						{message}
					</p>
				) : null}
				{reminders.length ? (
					<ul className="flex flex-col gap-3">
						{reminders.map((r) => (
							<li key={r.id} className="flex items-start gap-3 text-sm">
								<ReminderIcon type={r.type} className="h-7 w-7" />
								<div className="min-w-0 flex-1">
									<p className="font-medium">{r.title}</p>
									<p className="text-[13px] text-muted">
										<time dateTime={new Date(r.scheduledAt).toISOString()}>{formatDue(r.scheduledAt, now, timeZone)}</time>
										{r.status === 'SENT' ? ' · waiting' : r.status === 'SNOOZED' ? ' · snoozed' : ''}
										{r.recurrence !== 'NONE' ? (
											<>
												{' '}
												<Badge>{RECURRENCE_LABELS[r.recurrence]}</Badge>
											</>
										) : null}
									</p>
								</div>
								{r.type === 'CUSTOM' && r.seriesId ? (
									<Form method="post" preventScrollReset>
										<input type="hidden" name="seriesId" value={r.seriesId} />
										<Button type="submit" name="intent" value="delete-reminder" variant="ghost" size="icon" className="h-7 w-7" aria-label={`Delete reminder: ${r.title}`} title="Delete">
											<Icon name="trash" className="h-4 w-4" />
										</Button>
									</Form>
								) : null}
							</li>
						))}
					</ul>
				) : (
					<p className="text-sm text-muted">Nothing scheduled. Add a birthday, keep in touch, or set a reminder below.</p>
				)}

				{editable ? (
					<Form method="post" className="flex items-end gap-2 border-t border-border pt-4" preventScrollReset>
						<div className="flex min-w-0 flex-1 flex-col gap-1.5">
							<Label htmlFor="keep-in-touch">Keep in touch</Label>
							<Select id="keep-in-touch" name="keepInTouch" defaultValue={keepInTouch} key={keepInTouch}>
								{KEEP_IN_TOUCH_CHOICES.map((c) => (
									<option key={c.value} value={c.value}>
										{c.value === 'default' ? `My default (every ${noContactDays} days)` : c.label}
									</option>
								))}
							</Select>
						</div>
						<Button type="submit" name="intent" value="keep-in-touch" variant="secondary">
							Save
						</Button>
					</Form>
				) : null}

				<Form method="post" className="flex flex-col gap-3 border-t border-border pt-4" preventScrollReset {...getFormProps(form)}>
					<p className="text-sm font-medium">Add a reminder</p>
					<Field label="What" errors={fields.title.errors} inputProps={{ ...getInputProps(fields.title, { type: 'text' }), placeholder: 'Ask about the new job' }} />
					<div className="flex flex-col gap-3">
						<Field label="Date" errors={fields.date.errors} inputProps={{ ...getInputProps(fields.date, { type: 'date' }), min: today }} />
						<Field label="Time" hint="Empty: your morning time" errors={fields.time.errors} inputProps={getInputProps(fields.time, { type: 'time' })} />
					</div>
					<SelectField
						label="Repeat"
						errors={fields.recurrence.errors}
						selectProps={getSelectProps(fields.recurrence)}
						options={RECURRENCES.map((r) => ({ value: r, label: RECURRENCE_LABELS[r] }))}
					/>
					<ErrorList id={form.errorId} errors={form.errors} />
					<div>
						<SubmitButton name="intent" value="add-reminder" pending={adding} variant="secondary">
							<Icon name="bell" className="h-4 w-4" />
							Add reminder
						</SubmitButton>
					</div>
				</Form>
			</div>
		</Card>
	)
}

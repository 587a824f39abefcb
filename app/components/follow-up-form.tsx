// The follow-up forms: schedule or edit one, reschedule, complete (optionally
// logging it as an interaction) and cancel. Each is a real POST form validated by
// the same Zod schema on both sides; due times are typed in the user's zone.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult } from '@conform-to/react'
import { Form, Link } from '@remix-run/react'
import { useEffect, useMemo, useState } from 'react'
import { CheckboxField, ErrorList, Field, SelectField, SubmitButton, TextareaField, useIsPending, useZodForm } from './forms.tsx'
import { TYPE_ICONS } from './follow-up-list.tsx'
import { buttonClass } from './ui/button.tsx'
import { Icon } from './ui/icon.tsx'
import { cn } from '#app/utils/misc.ts'
import { utcToWallTime, zoneOffsetLabel } from '#app/utils/time.ts'
import {
	cancelFollowUpSchema,
	completeFollowUpSchema,
	FOLLOW_UP_TYPE_LABELS,
	FOLLOW_UP_TYPES,
	followUpFormSchema,
	NOTES_MAX,
	OUTCOME_MAX,
	rescheduleSchema,
	type FollowUpType,
} from '#app/validation/follow-up.ts'

type LastResult = SubmissionResult<string[]> | null | undefined

function zoneHint(timeZone: string) {
	return `Your time zone: ${timeZone.replace(/_/g, ' ')} (${zoneOffsetLabel(timeZone)}).`
}

/** One-tap due dates at 09:00 the user's time: tomorrow, in 3 days, in a week, in 2 weeks. */
function quickDues(timeZone: string, now: Date) {
	const [y, m, d] = utcToWallTime(now, timeZone).slice(0, 10).split('-').map(Number)
	const day = (n: number) => new Date(Date.UTC(y!, m! - 1, d! + n)).toISOString().slice(0, 10)
	return [
		{ label: 'Tomorrow', days: 1 },
		{ label: 'In 3 days', days: 3 },
		{ label: 'Next week', days: 7 },
		{ label: 'In 2 weeks', days: 14 },
	].map((q) => ({ label: q.label, value: `${day(q.days)}T09:00` }))
}

/** Schedule a follow-up, or edit one (type, due time, assignee, notes). */
export function FollowUpForm({
	timeZone,
	assignees,
	me,
	lastResult,
	defaultValue,
	hidden,
	unchanged,
	intent,
	submitLabel,
	cancelTo,
}: {
	timeZone: string
	assignees: Array<{ id: string; name: string }>
	me: string
	lastResult?: LastResult
	defaultValue: { type: FollowUpType; dueAt: string; notes?: string | null; assigneeId?: string | null }
	/** Which record it is for and where to go afterwards: hidden fields. */
	hidden?: Record<string, string | null | undefined>
	/** The stored due time (editing): left as is, it may stay in the past. */
	unchanged?: string
	intent?: string
	submitLabel: string
	cancelTo?: string
}) {
	const schema = useMemo(() => followUpFormSchema({ timeZone, unchanged }), [timeZone, unchanged])
	const [form, fields] = useZodForm(schema, { id: intent ? `follow-up-${intent}` : 'follow-up', lastResult, defaultValue: { ...defaultValue, assigneeId: defaultValue.assigneeId ?? me } })
	const pending = useIsPending({ intent })
	// The shortcuts need JS to fill the field; without it, the field is typed.
	const [hydrated, setHydrated] = useState(false)
	useEffect(() => setHydrated(true), [])
	return (
		<Form method="post" className="flex flex-col gap-5" {...getFormProps(form)}>
			{intent ? <input type="hidden" name="intent" value={intent} /> : null}
			{Object.entries(hidden ?? {}).map(([name, value]) => (value ? <input key={name} type="hidden" name={name} value={value} /> : null))}
			<ErrorList id={form.errorId} errors={form.errors} />
			<fieldset aria-describedby={fields.type.errors ? fields.type.errorId : undefined}>
				<legend className="mb-1.5 text-sm font-medium text-fg">How</legend>
				<div className="flex flex-wrap gap-2">
					{FOLLOW_UP_TYPES.map((t) => {
						const { key, ...props } = getInputProps(fields.type, { type: 'radio', value: t })
						return (
							<label
								key={t}
								className="inline-flex cursor-pointer items-center gap-1.5 rounded-full border border-border bg-surface px-3 py-1.5 text-sm text-fg shadow-sm hover:bg-subtle has-[:checked]:border-accent has-[:checked]:bg-accent-soft has-[:checked]:text-link has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-focus"
							>
								<input key={key} {...props} className="sr-only" />
								<Icon name={TYPE_ICONS[t]} className="h-4 w-4" />
								{FOLLOW_UP_TYPE_LABELS[t]}
							</label>
						)
					})}
				</div>
				<ErrorList id={fields.type.errorId} errors={fields.type.errors} />
			</fieldset>
			<div className="grid gap-4 sm:grid-cols-2">
				<div className="flex flex-col gap-2">
					<Field label="Due" hint={zoneHint(timeZone)} errors={fields.dueAt.errors} inputProps={{ ...getInputProps(fields.dueAt, { type: 'datetime-local' }), step: 60 }} />
					{hydrated ? (
						<div className="flex flex-wrap gap-1.5" role="group" aria-label="Date shortcuts">
							{quickDues(timeZone, new Date()).map((q) => (
								<button
									key={q.label}
									type="button"
									title={q.value.replace('T', ' ')}
									onClick={() => form.update({ name: fields.dueAt.name, value: q.value })}
									className="rounded-full border border-border px-2.5 py-0.5 text-xs text-muted hover:bg-subtle hover:text-fg"
								>
									{q.label}
								</button>
							))}
						</div>
					) : null}
				</div>
				{assignees.length > 1 ? (
					<SelectField
						label="Assigned to"
						errors={fields.assigneeId.errors}
						selectProps={getSelectProps(fields.assigneeId)}
						options={assignees.map((a) => ({ value: a.id, label: a.id === me ? `${a.name} (me)` : a.name }))}
					/>
				) : (
					<input type="hidden" name={fields.assigneeId.name} value={me} />
				)}
			</div>
			<TextareaField
				label="Notes"
				hint="What to talk about, what to bring."
				errors={fields.notes.errors}
				textareaProps={{ ...getTextareaProps(fields.notes), maxLength: NOTES_MAX, className: 'min-h-20' }}
			/>
			<div className="flex flex-wrap items-center gap-3">
				<SubmitButton pending={pending}>{submitLabel}</SubmitButton>
				{cancelTo ? (
					<Link to={cancelTo} className={buttonClass({ variant: 'ghost' })}>
						Cancel
					</Link>
				) : null}
			</div>
		</Form>
	)
}

/** Complete with an outcome and notes, optionally logging it as an interaction. */
export function CompleteFollowUpForm({
	lastResult,
	defaultNotes,
	action,
	redirectTo,
	className,
}: {
	lastResult?: LastResult
	/** The follow-up's own notes, kept (and editable) rather than silently replaced. */
	defaultNotes?: string | null
	action?: string
	redirectTo?: string
	className?: string
}) {
	const [form, fields] = useZodForm(completeFollowUpSchema, { id: 'follow-up-complete', lastResult, defaultValue: { logInteraction: 'on', notes: defaultNotes ?? '' } })
	const pending = useIsPending({ intent: 'complete' })
	return (
		<Form method="post" action={action} className={cn('flex flex-col gap-4', className)} {...getFormProps(form)}>
			<input type="hidden" name="intent" value="complete" />
			{redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
			<ErrorList id={form.errorId} errors={form.errors} />
			<Field label="Outcome" hint="In a few words: how did it go?" errors={fields.outcome.errors} inputProps={{ ...getInputProps(fields.outcome, { type: 'text' }), maxLength: OUTCOME_MAX, autoComplete: 'off' }} />
			<TextareaField label="Notes" errors={fields.notes.errors} textareaProps={{ ...getTextareaProps(fields.notes), maxLength: NOTES_MAX, className: 'min-h-20' }} />
			<CheckboxField label="Also log it as an interaction" hint="Adds it to the timeline and updates “last contacted”." errors={fields.logInteraction.errors} inputProps={getInputProps(fields.logInteraction, { type: 'checkbox' })} />
			<div>
				<SubmitButton pending={pending}>
					<Icon name="check" className="h-4 w-4" /> Complete follow-up
				</SubmitButton>
			</div>
		</Form>
	)
}

/** Move the due time; a missed follow-up becomes pending again. */
export function RescheduleForm({ timeZone, lastResult, defaultDue }: { timeZone: string; lastResult?: LastResult; defaultDue: string }) {
	const schema = useMemo(() => rescheduleSchema({ timeZone }), [timeZone])
	const [form, fields] = useZodForm(schema, { id: 'follow-up-reschedule', lastResult, defaultValue: { dueAt: defaultDue } })
	const pending = useIsPending({ intent: 'reschedule' })
	return (
		<Form method="post" className="flex flex-col gap-3" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="reschedule" />
			<ErrorList id={form.errorId} errors={form.errors} />
			<Field label="New due date and time" hint={zoneHint(timeZone)} errors={fields.dueAt.errors} inputProps={{ ...getInputProps(fields.dueAt, { type: 'datetime-local' }), step: 60 }} />
			<div>
				<SubmitButton pending={pending} variant="secondary">
					<Icon name="calendar-clock" className="h-4 w-4" /> Reschedule
				</SubmitButton>
			</div>
		</Form>
	)
}

/** Cancel, with an optional reason. */
export function CancelFollowUpForm({ lastResult }: { lastResult?: LastResult }) {
	const [form, fields] = useZodForm(cancelFollowUpSchema, { id: 'follow-up-cancel', lastResult })
	const pending = useIsPending({ intent: 'cancel' })
	return (
		<Form method="post" className="flex flex-col gap-3" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="cancel" />
			<ErrorList id={form.errorId} errors={form.errors} />
			<Field label="Reason (optional)" errors={fields.reason.errors} inputProps={{ ...getInputProps(fields.reason, { type: 'text' }), maxLength: OUTCOME_MAX, autoComplete: 'off' }} />
			<div>
				<SubmitButton pending={pending} variant="danger" size="sm">
					<Icon name="ban" className="h-4 w-4" /> Cancel follow-up
				</SubmitButton>
			</div>
		</Form>
	)
}

// Form building blocks shared by every screen: a labelled field with its errors,
// and a submit button that shows progress. Works with and without JavaScript.
import { useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { useNavigation } from '@remix-run/react'
import type { z } from 'zod'
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react'
import { Button, type ButtonProps } from './ui/button.tsx'
import { Input, Label, Select, Textarea } from './ui/input.tsx'
import { cn } from '#app/utils/misc.ts'

export type ListOfErrors = Array<string | null | undefined> | null | undefined

export function ErrorList({ id, errors }: { id?: string; errors?: ListOfErrors }) {
	const list = errors?.filter(Boolean)
	if (!list?.length) return null
	return (
		<ul id={id} className="mt-1 flex flex-col gap-0.5">
			{list.map((e) => (
				<li key={e} className="text-[13px] text-danger-text">
					{e}
				</li>
			))}
		</ul>
	)
}

type FieldShellProps = { label: ReactNode; errors?: ListOfErrors; hint?: ReactNode; className?: string }

function useFieldIds(givenId?: string) {
	const fallback = useId()
	const id = givenId ?? fallback
	return { id, errorId: `${id}-error`, hintId: `${id}-hint` }
}

function FieldShell({ label, errors, hint, className, id, errorId, hintId, children }: FieldShellProps & ReturnType<typeof useFieldIds> & { children: ReactNode }) {
	return (
		<div className={cn('flex flex-col gap-1.5', className)}>
			<Label htmlFor={id}>{label}</Label>
			{children}
			{hint ? (
				<p id={hintId} className="text-[13px] text-muted">
					{hint}
				</p>
			) : null}
			<ErrorList id={errorId} errors={errors} />
		</div>
	)
}

function describe(errors: ListOfErrors, hint: ReactNode, ids: ReturnType<typeof useFieldIds>) {
	const invalid = Boolean(errors?.filter(Boolean).length)
	const describedBy = [invalid ? ids.errorId : null, hint ? ids.hintId : null].filter(Boolean).join(' ') || undefined
	return { 'aria-invalid': invalid || undefined, 'aria-describedby': describedBy }
}

export function Field({ label, errors, hint, className, inputProps }: FieldShellProps & { inputProps: InputHTMLAttributes<HTMLInputElement> & { key?: string } }) {
	const ids = useFieldIds(inputProps.id)
	const { key, ...rest } = inputProps
	return (
		<FieldShell label={label} errors={errors} hint={hint} className={className} {...ids}>
			<Input key={key} {...rest} id={ids.id} {...describe(errors, hint, ids)} />
		</FieldShell>
	)
}

export function TextareaField({ label, errors, hint, className, textareaProps }: FieldShellProps & { textareaProps: TextareaHTMLAttributes<HTMLTextAreaElement> & { key?: string } }) {
	const ids = useFieldIds(textareaProps.id)
	const { key, ...rest } = textareaProps
	return (
		<FieldShell label={label} errors={errors} hint={hint} className={className} {...ids}>
			<Textarea key={key} {...rest} id={ids.id} {...describe(errors, hint, ids)} />
		</FieldShell>
	)
}

export function SelectField({
	label,
	errors,
	hint,
	className,
	selectProps,
	options,
}: FieldShellProps & { selectProps: SelectHTMLAttributes<HTMLSelectElement> & { key?: string }; options: Array<{ value: string; label: string }> }) {
	const ids = useFieldIds(selectProps.id)
	const { key, ...rest } = selectProps
	return (
		<FieldShell label={label} errors={errors} hint={hint} className={className} {...ids}>
			<Select key={key} {...rest} id={ids.id} {...describe(errors, hint, ids)}>
				{options.map((o) => (
					<option key={o.value} value={o.value}>
						{o.label}
					</option>
				))}
			</Select>
		</FieldShell>
	)
}

export function CheckboxField({ label, hint, inputProps, errors }: { label: ReactNode; hint?: ReactNode; errors?: ListOfErrors; inputProps: InputHTMLAttributes<HTMLInputElement> & { key?: string } }) {
	const ids = useFieldIds(inputProps.id)
	const { key, type: _type, ...rest } = inputProps
	return (
		<div className="flex items-start gap-3">
			<input key={key} type="checkbox" {...rest} id={ids.id} className="mt-0.5 h-4 w-4 rounded border-border accent-accent" {...describe(errors, hint, ids)} />
			<div className="text-sm">
				<label htmlFor={ids.id} className="font-medium text-fg">
					{label}
				</label>
				{hint ? (
					<p id={ids.hintId} className="text-muted">
						{hint}
					</p>
				) : null}
				<ErrorList id={ids.errorId} errors={errors} />
			</div>
		</div>
	)
}

/** True while this form (matched by its intent value, if given) is being submitted. */
export function useIsPending({ formAction, intent }: { formAction?: string; intent?: string } = {}) {
	const navigation = useNavigation()
	if (navigation.state === 'idle' || !navigation.formData) return false
	if (formAction && navigation.formAction !== formAction) return false
	if (intent && navigation.formData.get('intent') !== intent) return false
	return navigation.state === 'submitting'
}

export function SubmitButton({ pending, children, ...props }: ButtonProps & { pending?: boolean }) {
	return (
		<Button type="submit" aria-disabled={pending || undefined} {...props}>
			{pending ? <span aria-hidden="true" className="h-4 w-4 animate-spin rounded-full border-2 border-current border-r-transparent" /> : null}
			{children}
		</Button>
	)
}

/**
 * Conform's useForm wired to a Zod schema the way every form here wants it:
 * browser constraints, the server's errors shown, and after a first submit the
 * fields re-check as you type. Not on blur: an error appearing on blur shifts the
 * layout under the pointer and swallows the click on a nearby link.
 */
export function useZodForm<Schema extends z.ZodTypeAny>(
	schema: Schema,
	{ id, lastResult, defaultValue }: { id: string; lastResult?: SubmissionResult<string[]> | null; defaultValue?: Record<string, unknown> },
) {
	return useForm<z.input<Schema>, z.output<Schema>>({
		id,
		constraint: getZodConstraint(schema),
		lastResult,
		defaultValue: defaultValue as never,
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema }),
	})
}

/** The submit button of a settings-style form, with a quiet "Saved" after success. */
export function SaveBar({ pending, saved, label, className }: { pending: boolean; saved: boolean; label: string; className?: string }) {
	return (
		<div className={cn('flex items-center gap-3', className)}>
			<SubmitButton pending={pending}>{label}</SubmitButton>
			{saved ? (
				<p role="status" className="text-sm text-success-text">
					Saved
				</p>
			) : null}
		</div>
	)
}

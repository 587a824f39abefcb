// Quick actions (call, WhatsApp, SMS, email, Instagram), the template picker of the
// contact page, and the "Log this as an interaction?" prompt the app shell shows
// after one was used. The links go through /go/…, which remembers the click (see
// app/models/quick-action.server.ts), so the prompt works without JavaScript too.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult } from '@conform-to/react'
import { Form, useLocation, useRevalidator, useRouteLoaderData, useSearchParams, useSubmit } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { ErrorList, SelectField, TextareaField, useZodForm } from '#app/components/forms.tsx'
import { Alert } from '#app/components/ui/alert.tsx'
import { Button, buttonClass } from '#app/components/ui/button.tsx'
import { Icon, type IconName } from '#app/components/ui/icon.tsx'
import { Label, Select } from '#app/components/ui/input.tsx'
import type { RootLoader } from '#app/root.tsx'
import { cn } from '#app/utils/misc.ts'
import { QUICK_ACTION_KINDS, QUICK_ACTION_LABELS, QUICK_ACTION_NOUNS, type QuickActionKind } from '#app/utils/quick-actions.ts'
import { formatDateTime } from '#app/utils/time.ts'
import { MEDIUM_LABELS, MEDIUMS, type Medium } from '#app/validation/interaction.ts'
import { LogPromptSchema, type TemplateType } from '#app/validation/template.ts'

export type QuickActionLinkData = { kind: QuickActionKind; label: string; href: string; title: string; newTab: boolean }

const ICONS: Record<QuickActionKind, IconName> = { call: 'phone', whatsapp: 'message', sms: 'message-square', email: 'mail', instagram: 'instagram' }

// Set when a quick action is clicked; the shell revalidates (and so shows the prompt) when the user is back.
const LEFT_FLAG = 'rapport:quick-action'

function useMarkLeaving() {
	const revalidator = useRevalidator()
	return () => {
		try {
			sessionStorage.setItem(LEFT_FLAG, '1')
		} catch {
			// Private mode without storage: the prompt shows on the next page load.
		}
		// A tel:/mailto: link may open nothing (no app for it): then the window keeps focus, ask anyway.
		window.setTimeout(() => {
			if (document.hasFocus() && sessionStorage.getItem(LEFT_FLAG)) {
				sessionStorage.removeItem(LEFT_FLAG)
				revalidator.revalidate()
			}
		}, 1500)
	}
}

/** The quick action links: labelled buttons (contact page) or compact icons (list rows). */
export function QuickActionLinks({ actions, compact = false, className }: { actions: QuickActionLinkData[]; compact?: boolean; className?: string }) {
	const markLeaving = useMarkLeaving()
	if (!actions.length) return null
	// Compact rows keep a slot per kind, so each icon lines up in its column; phones get call and WhatsApp only.
	const slots = compact ? QUICK_ACTION_KINDS.map((kind) => actions.find((a) => a.kind === kind) ?? kind) : actions
	const onPhones = (kind: QuickActionKind) => !compact || kind === 'call' || kind === 'whatsapp'
	return (
		<ul className={cn('flex flex-wrap items-center', compact ? 'gap-0.5' : 'gap-2', className)} aria-label="Quick actions">
			{slots.map((a) =>
				typeof a === 'string' ? (
					<li key={a} aria-hidden="true" className={cn('h-8 w-8', !onPhones(a) && 'hidden sm:block')} />
				) : (
					<li key={a.kind} className={cn(!onPhones(a.kind) && 'hidden sm:block')}>
						{/* A plain <a>: the browser must follow /go's redirect to another app or site. */}
						<a
							href={a.href}
							title={a.title}
							onClick={markLeaving}
							data-quick-action={a.kind}
							{...(a.newTab ? { target: '_blank', rel: 'noopener' } : {})}
							className={compact ? 'quick-action-icon' : buttonClass({ variant: 'secondary', size: 'sm' })}
						>
							<Icon name={ICONS[a.kind]} className="h-4 w-4" />
							{/* The name is the action alone; the number or address is in the title (no name repeats a contact's details). */}
							{compact ? <span className="sr-only">{a.label}</span> : a.label}
						</a>
					</li>
				),
			)}
		</ul>
	)
}

type TemplateChoice = { id: string; name: string; type: TemplateType; builtIn: boolean }

/**
 * The contact page's quick actions with a template picker: a GET form that reloads
 * the page with ?template=… (at once with JS), after which the links carry the
 * template and the filled-in message is shown.
 */
export function ContactQuickActions({
	data,
}: {
	data: { actions: QuickActionLinkData[]; templates: TemplateChoice[]; template: { id: string; name: string; message: string } | null } | null
}) {
	const submit = useSubmit()
	const [hydrated, setHydrated] = useState(false)
	useEffect(() => setHydrated(true), [])
	if (!data || !data.actions.length) {
		return <p className="text-sm text-muted">Add a phone number, email or Instagram handle to reach out from here.</p>
	}
	const messaging = data.actions.some((a) => a.kind === 'whatsapp' || a.kind === 'sms' || a.kind === 'email')
	return (
		<div className="flex flex-col gap-3">
			<div className="flex flex-wrap items-center gap-x-4 gap-y-2">
				<QuickActionLinks actions={data.actions} />
				{messaging && data.templates.length ? (
					<Form method="get" preventScrollReset className="flex items-center gap-2 text-sm">
						<Label htmlFor="quick-template" className="text-muted">
							Message
						</Label>
						<Select
							id="quick-template"
							name="template"
							defaultValue={data.template?.id ?? ''}
							key={data.template?.id ?? ''}
							className="h-8 w-auto max-w-64 py-0"
							onChange={(e) => submit(e.currentTarget.form, { replace: true, preventScrollReset: true })}
						>
							<option value="">No template</option>
							{[
								{ label: 'Built-in', list: data.templates.filter((t) => t.builtIn) },
								{ label: 'Your templates', list: data.templates.filter((t) => !t.builtIn) },
							].map((group) =>
								group.list.length ? (
									<optgroup key={group.label} label={group.label}>
										{group.list.map((t) => (
											<option key={t.id} value={t.id}>
												{t.name}
											</option>
										))}
									</optgroup>
								) : null,
							)}
						</Select>
						{/* Until JS runs (or without it) the choice is applied with a button. */}
						{hydrated ? null : (
							<Button type="submit" variant="secondary" size="sm">
								Use
							</Button>
						)}
					</Form>
				) : null}
			</div>
			{data.template ? (
				<figure className="rounded-md border border-border bg-bg/60 px-3 py-2 text-sm">
					<figcaption className="text-xs font-medium text-muted">“{data.template.name}” for this contact · WhatsApp, SMS and email open with it</figcaption>
					<p className="mt-1 line-clamp-4 whitespace-pre-line" data-testid="quick-message">
						{data.template.message}
					</p>
				</figure>
			) : null}
		</div>
	)
}

export type PendingQuickActionData = {
	kind: QuickActionKind
	contactId: string
	contactName: string
	medium: Medium
	subject: string | null
	notes: string | null
	at: string
}

/** Revalidates once the user is back after a quick action (focus, tab shown, page restored from cache). */
function useRevalidateOnReturn() {
	const revalidator = useRevalidator()
	const revalidate = useRef(revalidator.revalidate)
	revalidate.current = revalidator.revalidate
	useEffect(() => {
		const check = () => {
			if (document.visibilityState !== 'visible') return
			try {
				if (!sessionStorage.getItem(LEFT_FLAG)) return
				sessionStorage.removeItem(LEFT_FLAG)
			} catch {
				return
			}
			revalidate.current()
		}
		window.addEventListener('focus', check)
		window.addEventListener('pageshow', check)
		document.addEventListener('visibilitychange', check)
		return () => {
			window.removeEventListener('focus', check)
			window.removeEventListener('pageshow', check)
			document.removeEventListener('visibilitychange', check)
		}
	}, [])
}

/** "Log this WhatsApp message to Ada Lovelace as an interaction?" */
export function promptQuestion(p: Pick<PendingQuickActionData, 'kind' | 'contactName'>) {
	return `Log this ${QUICK_ACTION_NOUNS[p.kind]} ${p.contactName} as an interaction?`
}

/**
 * The prompt's form: "Log it" and "Dismiss", with the medium and the message filled
 * in (both can be changed under "Edit before logging", open on the full page).
 */
export function LogPromptForm({
	pending,
	redirectTo,
	lastResult,
	page = false,
}: {
	pending: PendingQuickActionData
	redirectTo: string
	lastResult?: SubmissionResult<string[]> | null
	page?: boolean
}) {
	const timezone = useRouteLoaderData<RootLoader>('root')?.user?.timezone ?? 'UTC'
	const [form, fields] = useZodForm(LogPromptSchema, {
		id: `quick-prompt-${pending.contactId}-${pending.at}`,
		lastResult,
		defaultValue: { medium: pending.medium, notes: pending.notes ?? '', subject: pending.subject ?? '' },
	})
	const invalid = Boolean(fields.medium.errors?.length || fields.notes.errors?.length)
	return (
		<Form method="post" action={`/contacts/${pending.contactId}/log-prompt`} className="flex flex-col gap-3" {...getFormProps(form)}>
			<input type="hidden" name="redirectTo" value={redirectTo} />
			<input {...getInputProps(fields.subject, { type: 'hidden' })} />
			<div className="flex flex-wrap items-start gap-x-4 gap-y-3">
				<div className="flex min-w-0 flex-[1_1_18rem] items-start gap-3">
					<span aria-hidden="true" className="mt-0.5 inline-flex h-8 w-8 shrink-0 items-center justify-center rounded-full bg-surface text-link">
						<Icon name={ICONS[pending.kind]} className="h-4 w-4" />
					</span>
					<div className="min-w-0">
						{page ? null : (
							<h2 id="quick-prompt-title" className="font-medium text-fg">
								{promptQuestion(pending)}
							</h2>
						)}
						<p className="text-muted">
							{QUICK_ACTION_LABELS[pending.kind]} opened <time dateTime={pending.at}>{formatDateTime(pending.at, timezone)}</time>
						</p>
						{pending.notes && !page ? <p className="mt-1 line-clamp-2 border-l-2 border-accent/40 pl-2 whitespace-pre-line text-fg/80">{pending.notes}</p> : null}
					</div>
				</div>
				<div className="flex shrink-0 items-center gap-2">
					<Button type="submit" name="intent" value="log" size="sm">
						Log it
					</Button>
					<Button type="submit" name="intent" value="dismiss" variant="ghost" size="sm">
						Dismiss
					</Button>
				</div>
			</div>
			<details className="group" open={page || invalid || undefined}>
				<summary className="w-fit cursor-pointer text-link select-none">Edit before logging</summary>
				<div className="mt-3 grid gap-3 sm:grid-cols-[12rem_1fr]">
					<SelectField
						label="How"
						errors={fields.medium.errors}
						selectProps={{ ...getSelectProps(fields.medium), className: 'h-9 py-0' }}
						options={MEDIUMS.map((m) => ({ value: m, label: MEDIUM_LABELS[m] }))}
					/>
					<TextareaField label="Notes" errors={fields.notes.errors} textareaProps={{ ...getTextareaProps(fields.notes), rows: 3, className: 'min-h-16' }} />
				</div>
			</details>
			<ErrorList id={form.errorId} errors={form.errors} />
		</Form>
	)
}

/** The banner on every signed-in page while a quick action waits for an answer. */
export function QuickActionPrompt({ pending }: { pending: PendingQuickActionData | null }) {
	useRevalidateOnReturn()
	const location = useLocation()
	const [params] = useSearchParams()
	if (params.get('quick') === 'logged' && !pending) {
		return (
			<Alert tone="success" className="mb-6">
				Interaction logged.
			</Alert>
		)
	}
	// The full-page version of the prompt is showing already.
	if (!pending || location.pathname.endsWith('/log-prompt')) return null
	return (
		<section aria-labelledby="quick-prompt-title" className="mb-6 rounded-lg border border-accent/30 bg-accent-soft px-4 py-3 text-sm shadow-sm">
			<LogPromptForm key={pending.at} pending={pending} redirectTo={`${location.pathname}${location.search}`} />
		</section>
	)
}

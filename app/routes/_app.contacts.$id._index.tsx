import { parseWithZod } from '@conform-to/zod'
import { userPrefs } from '#app/models/user.server.ts'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { ContactRemindersCard } from '#app/components/contact-reminders.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Fact, NotesCard } from '#app/components/record.tsx'
import { LeadStatusMenu } from '#app/components/lead-status-menu.tsx'
import { ContactQuickActions } from '#app/components/quick-actions.tsx'
import { FollowUpCard } from '#app/components/follow-up-list.tsx'
import { RecordDealsCard } from '#app/components/record-deals.tsx'
import { TagBadge } from '#app/components/tag-badge.tsx'
import { Timeline } from '#app/components/timeline.tsx'
import { Alert } from '#app/components/ui/alert.tsx'
import { Avatar } from '#app/components/ui/avatar.tsx'
import { Badge } from '#app/components/ui/badge.tsx'
import { buttonClass } from '#app/components/ui/button.tsx'
import { Card, CardHeader } from '#app/components/ui/card.tsx'
import { Icon } from '#app/components/ui/icon.tsx'
import { getContact, softDeleteContacts } from '#app/models/contact.server.ts'
import { listCustomFields } from '#app/models/custom-field.server.ts'
import { listRecordDeals } from '#app/models/deal.server.ts'
import { listRecordFollowUps } from '#app/models/follow-up.server.ts'
import { contactQuickActions } from '#app/models/quick-action.server.ts'
import { localDateOf } from '#app/models/reminder-rules.ts'
import { createCustomReminder, deleteCustomReminder, listContactReminders, ReminderFieldError, setKeepInTouch } from '#app/models/reminder.server.ts'
import { getTimeline } from '#app/models/timeline.server.ts'
import { canCreate, canEdit, requireEdit, requireMembership } from '#app/models/workspace.server.ts'
import { formatAddress, formatMonthDay, formatPhone, readAddresses, readWebsites } from '#app/utils/contact-fields.ts'
import { renderMarkdown } from '#app/utils/markdown.server.ts'
import { formatDateTime } from '#app/utils/time.ts'
import { AUTHORITY_LABELS, SOURCE_LABELS } from '#app/validation/contact.ts'
import { parseTimelineParams } from '#app/validation/interaction.ts'
import { CustomReminderSchema, KeepInTouchSchema } from '#app/validation/reminder.ts'
import { contactPictureSrc } from './_app.contacts.form.server.ts'
import { notFound } from '#app/utils/misc.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.contact.displayName ?? 'Contact'} · Rapport` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const m = await requireMembership(request)
	const contact = await getContact(m, params.id!)
	if (!contact) throw notFound()
	const [timeline, customFields, user] = await Promise.all([
		getTimeline(m, { contactId: contact.id, ...parseTimelineParams(new URL(request.url).searchParams) }),
		listCustomFields(m.workspaceId, 'CONTACT'),
		userPrefs(m.userId),
	])
	const reminders = await listContactReminders(m, contact.id)
	const followUps = await listRecordFollowUps(m, { contactId: contact.id })
	const deals = await listRecordDeals(m, { contactId: contact.id })
	// ?template= fills the chosen message template into the quick actions.
	const quickActions = await contactQuickActions(m, contact.id, new URL(request.url).searchParams.get('template'))
	const values = (contact.customFields as Record<string, unknown> | null) ?? {}
	return {
		contact: { ...contact, customFields: undefined },
		pictureSrc: contactPictureSrc(contact),
		notesHtml: renderMarkdown(contact.notes),
		custom: customFields.filter((d) => values[d.key] != null && values[d.key] !== '').map((d) => ({ label: d.label, value: String(values[d.key]) })),
		timeline,
		timezone: user.timezone,
		editable: canEdit(m, contact),
		followUps,
		deals,
		canCreateDeal: canCreate(m),
		quickActions,
		reminders,
		keepInTouch: contact.keepInTouchDays ? String(contact.keepInTouchDays) : contact.keepInTouch ? 'default' : 'off',
		noContactDays: user.noContactDays,
		now: new Date().toISOString(),
		today: localDateOf(new Date(), user.timezone),
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const m = await requireMembership(request)
	const contact = await getContact(m, params.id!)
	if (!contact) throw notFound()
	const form = await readForm(request)
	const intent = form.get('intent')
	// A reminder of my own needs only to see the contact.
	if (intent === 'add-reminder') {
		const submission = parseWithZod(form, { schema: CustomReminderSchema })
		if (submission.status !== 'success') return data({ result: submission.reply(), message: null }, { status: 400 })
		try {
			await createCustomReminder(m, contact.id, submission.value)
		} catch (error) {
			if (error instanceof ReminderFieldError) return data({ result: submission.reply({ fieldErrors: { [error.field]: [error.message] } }), message: null }, { status: 400 })
			throw error
		}
		return data({ result: submission.reply({ resetForm: true }), message: 'Reminder added.' })
	}
	if (intent === 'delete-reminder') {
		await deleteCustomReminder(m, String(form.get('seriesId') ?? ''))
		return data({ result: null, message: 'Reminder deleted.' })
	}
	requireEdit(m, contact)
	if (intent === 'keep-in-touch') {
		const submission = parseWithZod(form, { schema: KeepInTouchSchema })
		if (submission.status !== 'success') return data({ result: null, message: null }, { status: 400 })
		const choice = submission.value.keepInTouch
		await setKeepInTouch(m, contact.id, { on: choice !== 'off', days: /^\d+$/.test(choice) ? Number(choice) : null })
		return data({ result: null, message: choice === 'off' ? 'Keep in touch is off.' : 'Keep in touch saved.' })
	}
	if (intent === 'delete') {
		await softDeleteContacts(m, [contact.id])
		return redirect(`/contacts?deleted=${contact.id}`)
	}
	throw new Response('Unknown action', { status: 400 })
}


export default function ContactPage() {
	const data = useLoaderData<typeof loader>()
	const { contact: c, pictureSrc, notesHtml, custom, timeline, timezone, editable, followUps, quickActions, reminders, keepInTouch, noContactDays, now, today } = data
	const actionData = useActionData<typeof action>()
	const [params] = useSearchParams()
	const birthday = formatMonthDay(c.birthdayMonth, c.birthdayDay, c.birthdayYear)
	const anniversary = formatMonthDay(c.anniversaryMonth, c.anniversaryDay, c.anniversaryYear)
	const addresses = readAddresses(c.addresses)
	const websites = readWebsites(c.websites)
	const numbered = (kind: string, label: string | null, i: number, count: number) => (label ? `${kind} (${label})` : `${kind}${count > 1 ? ` ${i + 1}` : ''}`)
	return (
		<div className="flex flex-col gap-6">
			<Link to="/contacts" className="inline-flex items-center gap-1 text-sm text-muted hover:text-fg">
				<Icon name="chevron-left" className="h-4 w-4" /> Contacts
			</Link>
			{params.get('created') ? <Alert tone="success">Contact saved.</Alert> : null}
			{params.get('saved') ? <Alert tone="success">Changes saved.</Alert> : null}
			{params.get('merged') ? <Alert tone="success">Contacts merged. Everything from the duplicate is on this contact now.</Alert> : null}

			<Card className="p-5">
				<div className="flex flex-col gap-4 sm:flex-row sm:items-start">
					<Avatar name={c.displayName} src={pictureSrc} size="lg" />
					<div className="min-w-0 flex-1">
						<h1 className="text-2xl font-semibold tracking-tight">{c.displayName}</h1>
						<p className="mt-0.5 text-sm text-muted">
							{[c.jobTitle, c.company?.name].filter(Boolean).join(' at ') || 'No job or company yet'}
						</p>
						<div className="mt-3 flex flex-wrap items-center gap-2">
							<LeadStatusMenu entity="contact" id={c.id} name={c.displayName} status={c.leadStatus} editable={editable} />
							{c.isDecisionMaker ? <Badge tone="warning">Decision-maker{c.authorityLevel ? ` · ${AUTHORITY_LABELS[c.authorityLevel]}` : ''}</Badge> : null}
							{c.tags.map((t) => (
								<TagBadge key={t.id} name={t.name} color={t.color} />
							))}
						</div>
					</div>
					<div className="flex flex-wrap gap-2">
						{timeline.canLog ? (
							<Link to={timeline.logHref} className={buttonClass({ variant: 'secondary', size: 'sm' })}>
								<Icon name="plus" className="h-4 w-4" /> Log interaction
							</Link>
						) : null}
						{editable ? (
							<Link to="edit" className={buttonClass({ size: 'sm' })}>
								<Icon name="pencil" className="h-4 w-4" /> Edit
							</Link>
						) : null}
					</div>
				</div>
				{/* Quick actions go through /go/…, which remembers them for the "Log this?" prompt. */}
				<div className="mt-4 border-t border-border pt-4">
					<ContactQuickActions data={quickActions} />
				</div>
			</Card>

			<div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
				<div className="flex flex-col gap-6">
					<Card>
						<CardHeader title="Details" />
						<dl className="divide-y divide-border px-5">
							{c.emails.map((e, i) => (
								<Fact key={e.id} label={i === 0 ? 'Email' : `Email ${e.label ? `(${e.label})` : i + 1}`}>
									<a href={`mailto:${e.email}`} className="text-link hover:underline">
										{e.email}
									</a>
									{i === 0 && e.label ? <span className="text-muted"> · {e.label}</span> : null}
								</Fact>
							))}
							{c.phones.map((p, i) => (
								<Fact key={p.id} label={p.label ? `Phone (${p.label})` : `Phone${i ? ` ${i + 1}` : ''}`}>
									<a href={`tel:${p.phone}`} className="text-link hover:underline">
										{formatPhone(p.phone)}
									</a>
								</Fact>
							))}
							{c.whatsapp ? <Fact label="WhatsApp">{formatPhone(c.whatsapp)}</Fact> : null}
							{c.instagram ? (
								<Fact label="Instagram">
									<a href={`https://instagram.com/${c.instagram}`} className="text-link hover:underline" rel="noopener noreferrer" target="_blank">
										@{c.instagram}
									</a>
								</Fact>
							) : null}
							{c.linkedin ? <Fact label="LinkedIn">{c.linkedin}</Fact> : null}
							{c.nickname ? <Fact label="Nickname">{c.nickname}</Fact> : null}
							{websites.map((w, i) => (
								<Fact key={`w${i}`} label={numbered('Website', w.label, i, websites.length)}>
									{/^https?:\/\//i.test(w.url) ? (
										<a href={w.url} className="break-all text-link hover:underline" rel="noopener noreferrer" target="_blank">
											{w.url}
										</a>
									) : (
										w.url
									)}
								</Fact>
							))}
							{birthday ? <Fact label="Birthday">{birthday}</Fact> : null}
							{anniversary ? <Fact label="Anniversary">{anniversary}</Fact> : null}
							{addresses.map((a, i) => (
								<Fact key={`a${i}`} label={numbered('Address', a.label, i, addresses.length)}>
									{formatAddress(a)}
								</Fact>
							))}
							{c.groups.length ? <Fact label="Groups">{c.groups.map((g) => `${g.icon ? `${g.icon} ` : ''}${g.name}`).join(', ')}</Fact> : null}
							{custom.map((f) => (
								<Fact key={f.label} label={f.label}>
									{f.value}
								</Fact>
							))}
							<Fact label="Source">{SOURCE_LABELS[c.source]}</Fact>
							<Fact label="Last contacted">{c.lastContactedAt ? formatDateTime(c.lastContactedAt, timezone) : 'Never'}</Fact>
							<Fact label="Owner">{c.owner?.name ?? '—'}</Fact>
							<Fact label="Added">{formatDateTime(c.createdAt, timezone)}</Fact>
						</dl>
					</Card>
					<NotesCard html={notesHtml} />
					<Timeline timeline={timeline} timezone={timezone} returnTo={`/contacts/${c.id}`} />
				</div>
				<div className="flex flex-col gap-6">
					<FollowUpCard data={followUps} timeZone={timezone} newHref={`/follow-ups/new?contactId=${c.id}`} allHref={`/follow-ups?contactId=${c.id}&assignee=all`} />
					<RecordDealsCard deals={data.deals} newHref={data.canCreateDeal ? `/deals/new?contactId=${c.id}` : null} />
					<ContactRemindersCard
						reminders={reminders}
						keepInTouch={keepInTouch}
						noContactDays={noContactDays}
						timeZone={timezone}
						now={now}
						today={today}
						editable={editable}
						lastResult={actionData?.result}
						message={actionData?.message}
					/>
					<Card>
						<CardHeader title="Company" />
						<div className="px-5 py-4 text-sm">
							{c.company ? (
								<Link to={`/companies/${c.company.id}`} className="font-medium text-link hover:underline">
									{c.company.name}
								</Link>
							) : (
								<span className="text-muted">Not linked to a company.</span>
							)}
							{c.company?.domain ? <p className="text-muted">{c.company.domain}</p> : null}
						</div>
					</Card>
					<div className="flex flex-wrap gap-2">
						<a href={`/contacts/${c.id}.vcf`} className={buttonClass({ variant: 'secondary', size: 'sm' })}>
							<Icon name="download" className="h-4 w-4" /> Download vCard
						</a>
						{editable ? (
							<Form method="post">
								<button type="submit" name="intent" value="delete" className={buttonClass({ variant: 'ghost', size: 'sm', className: 'text-danger-text' })}>
									<Icon name="trash" className="h-4 w-4" /> Delete
								</button>
							</Form>
						) : null}
					</div>
				</div>
			</div>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

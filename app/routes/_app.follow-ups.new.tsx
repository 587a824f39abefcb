// New follow-up for a contact, company or interaction (?contactId= / ?companyId= /
// ?interactionId=). Without one, a search to pick whom it is for first.
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { addDays } from 'date-fns'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { FollowUpForm } from '#app/components/follow-up-form.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Card } from '#app/components/ui/card.tsx'
import { Icon } from '#app/components/ui/icon.tsx'
import { Input, Label } from '#app/components/ui/input.tsx'
import { createFollowUp, followUpUserSettings, FollowUpFieldError, listAssignees, resolveFollowUpTarget, searchFollowUpTargets } from '#app/models/follow-up.server.ts'
import { canCreate, requireMembership } from '#app/models/workspace.server.ts'
import { safeRedirectTo } from '#app/utils/session.server.ts'
import { formatDateTime, utcToWallTime, wallTimeToUtc } from '#app/utils/time.ts'
import { followUpFormSchema, typeForMedium } from '#app/validation/follow-up.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'New follow-up · Rapport' }]

async function requireCreator(request: Request) {
	const m = await requireMembership(request)
	if (!canCreate(m)) throw new Response('Viewers cannot add follow-ups. Ask a workspace admin.', { status: 403 })
	return m
}

function targetIds(params: URLSearchParams) {
	const get = (k: string) => params.get(k)?.trim().slice(0, 100) || null
	return { contactId: get('contactId'), companyId: get('companyId'), interactionId: get('interactionId'), dealId: get('dealId') }
}

export async function loader({ request }: LoaderFunctionArgs) {
	const m = await requireCreator(request)
	const url = new URL(request.url)
	const [settings, assignees, target] = await Promise.all([followUpUserSettings(m.userId), listAssignees(m), resolveFollowUpTarget(m, targetIds(url.searchParams))])
	const q = url.searchParams.get('q')?.trim() ?? ''
	const results = target ? null : await searchFollowUpTargets(m, q)
	// The user's default interval, at 09:00 their time.
	const today = utcToWallTime(new Date(), settings.timeZone).slice(0, 10)
	const dueDay = utcToWallTime(addDays(wallTimeToUtc(`${today}T12:00`, settings.timeZone)!, settings.followUpDays), settings.timeZone).slice(0, 10)
	const deal = target && 'deal' in target ? target.deal : null
	const recordHref = deal ? `/deals/${deal.id}` : target?.contact ? `/contacts/${target.contact.id}` : target?.company ? `/companies/${target.company.id}` : null
	const returnTo = safeRedirectTo(url.searchParams.get('returnTo'), recordHref ?? '/follow-ups')
	return {
		target,
		q,
		results,
		assignees,
		me: m.userId,
		timeZone: settings.timeZone,
		defaultDue: `${dueDay}T09:00`,
		returnTo,
		deal,
		backLabel: returnTo === recordHref ? (deal?.name ?? target?.contact?.displayName ?? target?.company?.name ?? 'Back') : returnTo === '/follow-ups' ? 'Follow-ups' : 'Back',
	}
}

export async function action({ request }: ActionFunctionArgs) {
	const m = await requireCreator(request)
	const { timeZone } = await followUpUserSettings(m.userId)
	const formData = await readForm(request)
	const submission = parseWithZod(formData, { schema: followUpFormSchema({ timeZone }) })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	try {
		await createFollowUp(m, submission.value)
	} catch (error) {
		if (!(error instanceof FollowUpFieldError)) throw error
		return data({ result: submission.reply(error.field ? { fieldErrors: { [error.field]: [error.message] } } : { formErrors: [error.message] }) }, { status: 400 })
	}
	return redirect(safeRedirectTo(formData.get('returnTo'), '/follow-ups'))
}

export default function NewFollowUp() {
	const { target, q, results, assignees, me, timeZone, defaultDue, returnTo, backLabel, deal } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const who = target?.contact ? (
		<Link to={`/contacts/${target.contact.id}`} className="text-link hover:underline">
			{target.contact.displayName}
		</Link>
	) : target?.company ? (
		<Link to={`/companies/${target.company.id}`} className="text-link hover:underline">
			{target.company.name}
		</Link>
	) : null
	return (
		<div className="mx-auto max-w-2xl">
			<PageHeader
				title="New follow-up"
				subtitle={
					who ? (
						<>
							With {who}
							{deal ? <> · for the deal {deal.name}</> : null}
							{target?.interaction ? <> · after the conversation on {formatDateTime(target.interaction.occurredAt, timeZone)}</> : null}
						</>
					) : (
						'First choose whom it is with.'
					)
				}
				back={{ to: returnTo, label: backLabel }}
			/>
			{target ? (
				<Card className="p-5">
					<FollowUpForm
						timeZone={timeZone}
						assignees={assignees}
						me={me}
						lastResult={actionData?.result}
						defaultValue={{ type: target.interaction ? typeForMedium(target.interaction.medium) : 'CALL', dueAt: defaultDue, notes: target.interaction?.nextSteps ?? null }}
						hidden={{ contactId: target.contact?.id, companyId: target.company?.id, interactionId: target.interaction?.id, dealId: deal?.id, returnTo }}
						submitLabel="Schedule follow-up"
						cancelTo={returnTo}
					/>
				</Card>
			) : (
				<Card className="p-5">
					<Form method="get" className="flex flex-col gap-2">
						<Label htmlFor="target-q">Contact or company</Label>
						<div className="flex gap-2">
							<Input id="target-q" name="q" type="search" defaultValue={q} placeholder="Name or email" autoFocus autoComplete="off" />
							<Button type="submit" variant="secondary">
								<Icon name="search" className="h-4 w-4" /> Find
							</Button>
						</div>
					</Form>
					{results && q ? (
						results.contacts.length || results.companies.length ? (
							<ul className="mt-4 divide-y divide-border rounded-md border border-border" aria-label="Matches">
								{results.contacts.map((c) => (
									<li key={c.id}>
										<Link to={`?contactId=${c.id}`} className="flex items-center gap-2 px-3 py-2 text-sm hover:bg-subtle">
											<Icon name="users" className="h-4 w-4 text-muted" />
											<span className="font-medium">{c.displayName}</span>
											{c.company ? <span className="text-muted">· {c.company.name}</span> : null}
										</Link>
									</li>
								))}
								{results.companies.map((c) => (
									<li key={c.id}>
										<Link to={`?companyId=${c.id}`} className="flex items-center gap-2 px-3 py-2 text-sm hover:bg-subtle">
											<Icon name="building" className="h-4 w-4 text-muted" />
											<span className="font-medium">{c.name}</span>
										</Link>
									</li>
								))}
							</ul>
						) : (
							<p className="mt-4 text-sm text-muted">No contact or company matches “{q}”.</p>
						)
					) : null}
				</Card>
			)}
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

// /settings/activity: the workspace's audit trail, newest first, filtered by record
// type, action and person (a GET form: the URL is the filter), paginated.
import { userPrefs } from '#app/models/user.server.ts'
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useSubmit } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Button, buttonClass } from '#app/components/ui/button.tsx'
import { Card, CardHeader } from '#app/components/ui/card.tsx'
import { Icon } from '#app/components/ui/icon.tsx'
import { Label, Select } from '#app/components/ui/input.tsx'
import { activityFilterOptions, listWorkspaceActivity, type ActivityFilters } from '#app/models/activity.server.ts'
import { requireMembership } from '#app/models/workspace.server.ts'
import { formatDateTime } from '#app/utils/time.ts'

export const meta: MetaFunction = () => [{ title: 'Activity · Settings · Rapport' }]

const KEY = /^[\w-]{1,60}$/
const RECORD_NOUNS: Record<string, string> = { Contact: 'contact', Company: 'company', Tag: 'tag', Group: 'group', Import: 'import', Template: 'template' }

function parseFilters(params: URLSearchParams): ActivityFilters {
	const pick = (name: string) => {
		const v = params.get(name)?.trim()
		return v && KEY.test(v) ? v : undefined
	}
	const page = Number(params.get('page'))
	return { entityType: pick('type'), action: pick('action'), actorId: pick('actor'), page: Number.isInteger(page) && page > 1 ? page : undefined }
}

export async function loader({ request }: LoaderFunctionArgs) {
	const m = await requireMembership(request)
	const filters = parseFilters(new URL(request.url).searchParams)
	const [log, options, user] = await Promise.all([
		listWorkspaceActivity(m, filters),
		activityFilterOptions(m.workspaceId),
		userPrefs(m.userId),
	])
	return { ...log, filters, options, timezone: user.timezone }
}

function search(filters: ActivityFilters, page?: number) {
	const params = new URLSearchParams()
	if (filters.entityType) params.set('type', filters.entityType)
	if (filters.action) params.set('action', filters.action)
	if (filters.actorId) params.set('actor', filters.actorId)
	if (page && page > 1) params.set('page', String(page))
	const s = params.toString()
	return s ? `?${s}` : '.'
}

export default function ActivitySettings() {
	const { entries, total, page, pages, filters, options, timezone } = useLoaderData<typeof loader>()
	const submit = useSubmit()
	const filtered = Boolean(filters.entityType || filters.action || filters.actorId)
	const select = (name: string, label: string, value: string | undefined, choices: Array<{ value: string; label: string }>) => (
		<div className="min-w-0">
			<Label htmlFor={`activity-${name}`} className="mb-1 text-xs text-muted">
				{label}
			</Label>
			<Select
				id={`activity-${name}`}
				name={name}
				key={value ?? ''}
				defaultValue={value ?? ''}
				className="h-9 py-0"
				onChange={(e) => submit(e.currentTarget.form, { preventScrollReset: true })}
			>
				<option value="">Any</option>
				{/* A value from the URL that is not offered (an older action) stays selectable. */}
				{value && !choices.some((c) => c.value === value) ? <option value={value}>{value}</option> : null}
				{choices.map((c) => (
					<option key={c.value} value={c.value}>
						{c.label}
					</option>
				))}
			</Select>
		</div>
	)
	return (
		<Card>
			<CardHeader title="Activity" description="Every change in this workspace: who made it, when, and what it was." />
			<Form method="get" className="grid grid-cols-1 gap-3 border-b border-border px-5 py-4 sm:grid-cols-[1fr_1fr_1fr_auto] sm:items-end">
				{select('type', 'Record', filters.entityType, options.entityTypes)}
				{select('action', 'Action', filters.action, options.actions)}
				{select('actor', 'Person', filters.actorId, options.actors)}
				<div className="flex gap-2">
					<Button type="submit" variant="secondary" size="sm" className="h-9">
						Filter
					</Button>
					{filtered ? (
						<Link to="." className={buttonClass({ variant: 'ghost', size: 'sm', className: 'h-9' })}>
							Clear
						</Link>
					) : null}
				</div>
			</Form>
			{entries.length === 0 ? <p className="px-5 py-8 text-center text-sm text-muted">{filtered ? 'Nothing matches these filters.' : 'Nothing has happened yet.'}</p> : null}
			<ol className="divide-y divide-border" aria-label="Activity">
				{entries.map((e) => (
					<li key={e.id} className="flex flex-col gap-0.5 px-5 py-3 text-sm sm:flex-row sm:items-baseline sm:gap-4">
						<time dateTime={String(e.createdAt)} className="shrink-0 text-xs text-muted tabular-nums sm:w-36">
							{formatDateTime(e.createdAt, timezone)}
						</time>
						<div className="min-w-0 flex-1">
							<p className="break-words">
								<span className="font-medium">{e.actor ?? 'Someone'}</span> · {e.label}{' '}
								<span className="text-muted">{RECORD_NOUNS[e.entityType] ?? e.entityType.toLowerCase()}</span>{' '}
								{e.recordName ? (
									e.href ? (
										<Link to={e.href} className="font-medium text-link hover:underline">
											{e.recordName}
										</Link>
									) : (
										<span className="font-medium">{e.recordName}</span>
									)
								) : e.href ? (
									<Link to={e.href} className="text-link hover:underline">
										(open)
									</Link>
								) : null}
							</p>
							{e.detail ? <p className="break-words text-muted">{e.detail}</p> : null}
						</div>
					</li>
				))}
			</ol>
			<nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 border-t border-border px-5 py-3 text-sm">
				<span className="text-muted">
					{total.toLocaleString('en')} {total === 1 ? 'entry' : 'entries'} · Page {page} of {pages}
				</span>
				<span className="flex gap-2">
					{page > 1 ? (
						<Link to={search(filters, page - 1)} className={buttonClass({ variant: 'secondary', size: 'sm' })} rel="prev">
							<Icon name="chevron-left" className="h-4 w-4" /> Newer
						</Link>
					) : null}
					{page < pages ? (
						<Link to={search(filters, page + 1)} className={buttonClass({ variant: 'secondary', size: 'sm' })} rel="next">
							Older <Icon name="chevron-right" className="h-4 w-4" />
						</Link>
					) : null}
				</span>
			</nav>
		</Card>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

// The pipeline board: a column per stage with its totals and first cards by
// position. Moves come here as a POST (a drag through a fetcher, or the card's
// "Move to" form without JavaScript).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { DealBoard } from '#app/components/deal-board.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { Alert } from '#app/components/ui/alert.tsx'
import { buttonClass } from '#app/components/ui/button.tsx'
import { Icon } from '#app/components/ui/icon.tsx'
import { getBoard, moveDeal } from '#app/models/deal.server.ts'
import { requireMembership } from '#app/models/workspace.server.ts'
import { formatTotals } from '#app/validation/deal.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'Deals · Rapport' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const m = await requireMembership(request)
	return getBoard(m)
}

/** What the board says when the server refuses a move. */
function refusal(error: unknown) {
	if (!(error instanceof Response)) throw error
	if (error.status === 403) return { status: 403, error: 'You can view this deal but not move it. Ask a workspace admin.' }
	if (error.status === 404) return { status: 404, error: 'That deal or stage no longer exists (it may have been deleted). The board has been refreshed.' }
	throw error
}

export async function action({ request }: ActionFunctionArgs) {
	const m = await requireMembership(request)
	const form = await readForm(request)
	if (form.get('intent') !== 'move') throw new Response('Unknown action', { status: 400 })
	const get = (k: string) => String(form.get(k) ?? '').slice(0, 100) || null
	const js = form.get('js') === '1'
	try {
		await moveDeal(m, get('dealId') ?? '', { stageId: get('stageId') ?? '', beforeId: get('beforeId'), afterId: get('afterId') })
	} catch (e) {
		const { status, error } = refusal(e)
		return data({ error }, { status })
	}
	return js ? { ok: true } : redirect('/deals')
}

export default function DealsBoard() {
	const board = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const open = board.columns.filter((c) => c.stage.outcome === 'OPEN')
	const totals = open.flatMap((c) => c.value)
	const weighted = open.flatMap((c) => c.weighted)
	const merge = (list: Array<{ currency: string; cents: number }>) =>
		Object.entries(list.reduce<Record<string, number>>((acc, t) => ({ ...acc, [t.currency]: (acc[t.currency] ?? 0) + t.cents }), {}))
			.map(([currency, cents]) => ({ currency, cents }))
			.sort((a, b) => b.cents - a.cents)
	const count = open.reduce((n, c) => n + c.count, 0)
	return (
		<div>
			<PageHeader
				title="Deals"
				subtitle={`${count.toLocaleString('en')} open · ${formatTotals(merge(totals))} in the pipeline · ${formatTotals(merge(weighted))} weighted`}
				actions={
					<>
						<nav aria-label="Deal views" className="flex rounded-md border border-border p-0.5 text-sm">
							<span aria-current="page" className="inline-flex items-center gap-1 rounded bg-subtle px-2 py-1 font-medium">
								<Icon name="kanban" className="h-4 w-4" /> Board
							</span>
							<Link to="/deals/list" className="inline-flex items-center gap-1 rounded px-2 py-1 text-muted hover:text-fg">
								<Icon name="list" className="h-4 w-4" /> List
							</Link>
						</nav>
						{board.canCreate ? (
							<Link to="/deals/new" className={buttonClass({ size: 'sm' })}>
								<Icon name="plus" className="h-4 w-4" /> New deal
							</Link>
						) : null}
					</>
				}
			/>
			{actionData && 'error' in actionData ? (
				<Alert tone="danger" className="mb-3">
					{actionData.error}
				</Alert>
			) : null}
			<DealBoard columns={board.columns} canCreate={board.canCreate} />
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

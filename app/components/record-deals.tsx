// A company's or contact's deals: a small card on its page.
import { Link } from '@remix-run/react'
import { Badge } from './ui/badge.tsx'
import { buttonClass } from './ui/button.tsx'
import { Card, CardHeader } from './ui/card.tsx'
import { Icon } from './ui/icon.tsx'
import { formatMoney, type StageOutcome } from '#app/validation/deal.ts'

type RecordDeal = { id: string; name: string; valueCents: number; currency: string; stage: { name: string; outcome: StageOutcome } }

export function RecordDealsCard({ deals, newHref, allHref }: { deals: RecordDeal[]; newHref?: string | null; allHref?: string }) {
	return (
		<Card id="deals">
			<CardHeader
				title="Deals"
				actions={
					newHref ? (
						<Link to={newHref} className={buttonClass({ variant: 'secondary', size: 'sm' })}>
							<Icon name="plus" className="h-4 w-4" /> New deal
						</Link>
					) : null
				}
			/>
			<ul className="divide-y divide-border" aria-label="Deals">
				{deals.length === 0 ? <li className="px-5 py-3 text-sm text-muted">No deals.</li> : null}
				{deals.map((d) => (
					<li key={d.id} className="flex items-center justify-between gap-3 px-5 py-2.5 text-sm">
						<Link to={`/deals/${d.id}`} className="min-w-0 truncate font-medium hover:underline">
							{d.name}
						</Link>
						<span className="flex shrink-0 items-center gap-2">
							<span className="tabular-nums">{formatMoney(d.valueCents, d.currency)}</span>
							<Badge tone={d.stage.outcome === 'WON' ? 'success' : d.stage.outcome === 'LOST' ? 'danger' : 'neutral'}>{d.stage.name}</Badge>
						</span>
					</li>
				))}
			</ul>
			{allHref && deals.length >= 20 ? (
				<p className="border-t border-border px-5 py-2 text-sm">
					<Link to={allHref} className="text-link hover:underline">
						All deals
					</Link>
				</p>
			) : null}
		</Card>
	)
}

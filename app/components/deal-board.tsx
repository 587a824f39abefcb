// The pipeline board: one column per stage (count, value, weighted value), cards
// that drag between and within columns (mouse, touch and keyboard, with
// screen-reader announcements), an optimistic move that rolls back if the server
// refuses, and a "Move to" form on every card that works without JavaScript.
import {
	closestCorners,
	DndContext,
	KeyboardSensor,
	PointerSensor,
	useDroppable,
	useSensor,
	useSensors,
	type Announcements,
	type DragEndEvent,
	type DragOverEvent,
	type DragStartEvent,
	type UniqueIdentifier,
} from '@dnd-kit/core'
import { arrayMove, SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable'
import { CSS } from '@dnd-kit/utilities'
import { Form, Link, useFetcher } from '@remix-run/react'
import { useEffect, useMemo, useRef, useState } from 'react'
import { Alert } from './ui/alert.tsx'
import { Icon } from './ui/icon.tsx'
import { cn } from '#app/utils/misc.ts'
import { formatDay, formatMoney, formatTotals, type StageOutcome } from '#app/validation/deal.ts'

export type BoardCard = {
	id: string
	name: string
	valueCents: number
	currency: string
	probability: number
	expectedCloseAt: string | Date | null
	canEdit: boolean
	company: { id: string; name: string } | null
	owner: { id: string; name: string } | null
}
type MoneyTotal = { currency: string; cents: number }
export type BoardColumn = {
	stage: { id: string; name: string; probability: number; outcome: StageOutcome }
	count: number
	value: MoneyTotal[]
	weighted: MoneyTotal[]
	more: number
	cards: BoardCard[]
}

type Items = Record<string, BoardCard[]>
type Totals = Record<string, { count: number; value: MoneyTotal[]; weighted: MoneyTotal[] }>
const COLUMN = 'column:'

const closeDate = (d: string | Date | null) => (d ? formatDay(d) : null)

function addMoney(list: MoneyTotal[], currency: string, cents: number) {
	const out = list.map((t) => ({ ...t }))
	const t = out.find((x) => x.currency === currency)
	if (t) t.cents += cents
	else out.push({ currency, cents })
	return out.filter((x) => x.cents !== 0 || out.length === 1)
}

export function DealBoard({ columns, canCreate }: { columns: BoardColumn[]; canCreate: boolean }) {
	const fromServer = useMemo(() => Object.fromEntries(columns.map((c) => [c.stage.id, c.cards])) as Items, [columns])
	const serverTotals = useMemo(() => Object.fromEntries(columns.map((c) => [c.stage.id, { count: c.count, value: c.value, weighted: c.weighted }])) as Totals, [columns])
	const [items, setItems] = useState<Items>(fromServer)
	const [totals, setTotals] = useState<Totals>(serverTotals)
	const [message, setMessage] = useState<string | null>(null)
	// Where the dragged card started, to roll back to.
	const snapshot = useRef<{ items: Items; totals: Totals; from: string } | null>(null)
	const fetcher = useFetcher<{ ok?: boolean; error?: string }>()
	const stages = useMemo(() => Object.fromEntries(columns.map((c) => [c.stage.id, c.stage])), [columns])

	// New data from the server (after a move or a revalidation) replaces the local copy.
	useEffect(() => {
		setItems(fromServer)
		setTotals(serverTotals)
	}, [fromServer, serverTotals])

	// A refusal puts everything back where it was.
	const pending = useRef<{ items: Items; totals: Totals } | null>(null)
	const lastRollback = useRef<unknown>(null)
	useEffect(() => {
		if (fetcher.state !== 'idle' || !fetcher.data?.error || lastRollback.current === fetcher.data) return
		lastRollback.current = fetcher.data
		const before = pending.current
		if (before) {
			setItems(before.items)
			setTotals(before.totals)
		}
		pending.current = null
		setMessage(fetcher.data.error)
	}, [fetcher.state, fetcher.data])

	const sensors = useSensors(
		useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
		useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
	)

	const columnOf = (id: UniqueIdentifier | undefined | null): string | null => {
		if (id == null) return null
		const key = String(id)
		if (key.startsWith(COLUMN)) return key.slice(COLUMN.length)
		return Object.keys(items).find((s) => items[s]!.some((c) => c.id === key)) ?? null
	}
	const cardOf = (id: UniqueIdentifier) => Object.values(items).flat().find((c) => c.id === String(id))

	const where = (id: UniqueIdentifier, over: UniqueIdentifier | null | undefined) => {
		const stageId = columnOf(over ?? null) ?? columnOf(id)
		if (!stageId) return ''
		const list = items[stageId]!
		// Over another card: the place it would take there (within a column the list only reorders on drop).
		const overIndex = over == null ? -1 : list.findIndex((c) => c.id === String(over))
		const index = overIndex >= 0 ? overIndex : list.findIndex((c) => c.id === String(id))
		const position = index >= 0 ? index + 1 : list.length + 1
		return `${stages[stageId]!.name}, position ${position} of ${Math.max(list.length, position)}`
	}
	const nameOf = (id: UniqueIdentifier) => cardOf(id)?.name ?? 'deal'
	const announcements: Announcements = {
		onDragStart: ({ active }) => `Picked up ${nameOf(active.id)} in ${where(active.id, null)}.`,
		onDragOver: ({ active, over }) => (over ? `${nameOf(active.id)} is over ${where(active.id, over.id)}.` : `${nameOf(active.id)} is no longer over a stage.`),
		onDragEnd: ({ active, over }) => (over ? `${nameOf(active.id)} was dropped in ${where(active.id, over.id)}.` : `${nameOf(active.id)} was dropped.`),
		onDragCancel: ({ active }) => `Moving ${nameOf(active.id)} was cancelled. It is back in ${snapshot.current ? stages[snapshot.current.from]!.name : 'its stage'}.`,
	}

	function onDragStart({ active }: DragStartEvent) {
		setMessage(null)
		snapshot.current = { items, totals, from: columnOf(active.id)! }
	}

	// Across columns the card moves while dragging, so the target column makes room.
	function onDragOver({ active, over }: DragOverEvent) {
		const from = columnOf(active.id)
		const to = columnOf(over?.id)
		if (!from || !to || from === to) return
		setItems((prev) => {
			const card = prev[from]!.find((c) => c.id === String(active.id))
			if (!card) return prev
			const target = prev[to]!
			const overIndex = target.findIndex((c) => c.id === String(over!.id))
			const below = over && active.rect.current.translated && over.rect ? active.rect.current.translated.top > over.rect.top + over.rect.height / 2 : false
			const index = overIndex >= 0 ? overIndex + (below ? 1 : 0) : target.length
			return { ...prev, [from]: prev[from]!.filter((c) => c.id !== card.id), [to]: [...target.slice(0, index), card, ...target.slice(index)] }
		})
	}

	function onDragEnd({ active, over }: DragEndEvent) {
		const start = snapshot.current
		snapshot.current = null
		const to = columnOf(over?.id)
		if (!start || !to) {
			if (start) setItems(start.items)
			return
		}
		let list = items[to]!
		const from = list.findIndex((c) => c.id === String(active.id))
		const overIndex = list.findIndex((c) => c.id === String(over!.id))
		if (from >= 0 && overIndex >= 0 && from !== overIndex) list = arrayMove(list, from, overIndex)
		const index = list.findIndex((c) => c.id === String(active.id))
		const unchanged = start.from === to && start.items[to]!.findIndex((c) => c.id === String(active.id)) === index
		const next = { ...items, [to]: list }
		setItems(next)
		if (unchanged) return
		const card = list[index]!
		let nextTotals = totals
		if (start.from !== to) {
			const stage = stages[to]!
			const oldWeighted = Math.round((card.valueCents * card.probability) / 100)
			const newWeighted = Math.round((card.valueCents * stage.probability) / 100)
			nextTotals = {
				...totals,
				[start.from]: { count: totals[start.from]!.count - 1, value: addMoney(totals[start.from]!.value, card.currency, -card.valueCents), weighted: addMoney(totals[start.from]!.weighted, card.currency, -oldWeighted) },
				[to]: { count: totals[to]!.count + 1, value: addMoney(totals[to]!.value, card.currency, card.valueCents), weighted: addMoney(totals[to]!.weighted, card.currency, newWeighted) },
			}
			next[to] = list.map((c) => (c.id === card.id ? { ...c, probability: stage.probability } : c))
			setItems(next)
			setTotals(nextTotals)
		}
		pending.current = { items: start.items, totals: start.totals }
		fetcher.submit(
			{ intent: 'move', dealId: card.id, stageId: to, beforeId: list[index - 1]?.id ?? '', afterId: list[index + 1]?.id ?? '', js: '1' },
			{ method: 'post', action: '/deals?index' },
		)
	}

	function onDragCancel() {
		if (snapshot.current) setItems(snapshot.current.items)
		snapshot.current = null
	}

	return (
		<div>
			{message ? (
				<Alert tone="danger" className="mb-3 flex items-center justify-between gap-3">
					<span>{message}</span>
					<button type="button" className="text-sm font-medium underline" onClick={() => setMessage(null)}>
						Dismiss
					</button>
				</Alert>
			) : null}
			<DndContext
				id="deal-board"
				sensors={sensors}
				collisionDetection={closestCorners}
				onDragStart={onDragStart}
				onDragOver={onDragOver}
				onDragEnd={onDragEnd}
				onDragCancel={onDragCancel}
				accessibility={{
					announcements,
					screenReaderInstructions: {
						draggable: 'To move a deal, press space or enter to pick it up. Use the arrow keys to move it within a stage or to another stage, press space or enter again to drop it, or escape to cancel.',
					},
				}}
			>
				{/* Columns scroll sideways on narrow screens; each column scrolls on its own. */}
				<div className="-mx-4 flex snap-x gap-3 overflow-x-auto px-4 pb-4 sm:mx-0 sm:px-0" data-testid="board">
					{columns.map((c) => (
						<Column
							key={c.stage.id}
							column={c}
							cards={items[c.stage.id] ?? []}
							totals={totals[c.stage.id] ?? { count: c.count, value: c.value, weighted: c.weighted }}
							stages={columns.map((x) => x.stage)}
							canCreate={canCreate}
						/>
					))}
				</div>
			</DndContext>
		</div>
	)
}

function Column({
	column,
	cards,
	totals,
	stages,
	canCreate,
}: {
	column: BoardColumn
	cards: BoardCard[]
	totals: { count: number; value: MoneyTotal[]; weighted: MoneyTotal[] }
	stages: BoardColumn['stage'][]
	canCreate: boolean
}) {
	const { stage } = column
	const { setNodeRef, isOver } = useDroppable({ id: `${COLUMN}${stage.id}` })
	const headingId = `stage-${stage.id}`
	const more = Math.max(0, totals.count - cards.length)
	return (
		<section aria-labelledby={headingId} className="flex w-72 shrink-0 snap-start flex-col rounded-lg border border-border bg-subtle/60" data-stage={stage.name}>
			<header className="border-b border-border px-3 py-2">
				<div className="flex items-center justify-between gap-2">
					<h2 id={headingId} className="truncate text-sm font-semibold">
						{stage.name}
					</h2>
					<span className="rounded-full bg-surface px-2 py-0.5 text-xs font-medium text-muted tabular-nums" data-testid="column-count" aria-label={`${totals.count} deals`}>
						{totals.count.toLocaleString('en')}
					</span>
				</div>
				<p className="mt-0.5 flex flex-wrap justify-between gap-x-2 text-xs text-muted tabular-nums">
					<span data-testid="column-value">{formatTotals(totals.value)}</span>
					<span data-testid="column-weighted" title={`Weighted by each deal’s probability (stage default ${stage.probability}%)`}>
						Weighted {formatTotals(totals.weighted)}
					</span>
				</p>
			</header>
			<SortableContext id={stage.id} items={cards.map((c) => c.id)} strategy={verticalListSortingStrategy}>
				<ol ref={setNodeRef} className={cn('flex min-h-24 flex-1 flex-col gap-2 p-2', isOver && 'bg-accent-soft/40')} aria-label={`Deals in ${stage.name}`}>
					{cards.map((card) => (
						<Card key={card.id} card={card} stageId={stage.id} stages={stages} />
					))}
					{cards.length === 0 ? <li className="px-1 py-4 text-center text-xs text-muted">No deals here.</li> : null}
				</ol>
			</SortableContext>
			<footer className="flex items-center justify-between gap-2 border-t border-border px-3 py-2 text-xs">
				{more > 0 ? (
					<Link to={`/deals/list?stage=${stage.id}`} className="font-medium text-link hover:underline">
						{more.toLocaleString('en')} more
					</Link>
				) : (
					<span />
				)}
				{canCreate ? (
					<Link to={`/deals/new?stageId=${stage.id}`} className="inline-flex items-center gap-1 text-muted hover:text-fg" aria-label={`New deal in ${stage.name}`}>
						<Icon name="plus" className="h-3.5 w-3.5" /> Add
					</Link>
				) : null}
			</footer>
		</section>
	)
}

function Card({ card, stageId, stages }: { card: BoardCard; stageId: string; stages: BoardColumn['stage'][] }) {
	const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: card.id, disabled: !card.canEdit })
	const close = closeDate(card.expectedCloseAt)
	return (
		<li
			ref={setNodeRef}
			style={{ transform: CSS.Translate.toString(transform), transition }}
			className={cn('rounded-md border border-border bg-surface p-2.5 text-sm shadow-xs', isDragging && 'relative z-10 opacity-80 shadow-md ring-2 ring-accent')}
			data-testid="deal-card"
			data-deal={card.name}
		>
			<div className="flex items-start gap-1.5">
				{card.canEdit ? (
					<button
						type="button"
						ref={setActivatorNodeRef}
						{...attributes}
						{...listeners}
						aria-label={`Move ${card.name}`}
						className="-ml-1 mt-0.5 shrink-0 cursor-grab touch-none rounded p-0.5 text-muted hover:text-fg focus-visible:outline-2 focus-visible:outline-accent active:cursor-grabbing"
					>
						{/* A text glyph, not an SVG: a board renders hundreds of these. */}
						<span aria-hidden="true" className="block w-4 text-center text-base leading-4">
							⠿
						</span>
					</button>
				) : null}
				<div className="min-w-0 flex-1">
					<Link to={`/deals/${card.id}`} className="block font-medium leading-snug text-fg hover:underline">
						{card.name}
					</Link>
					{card.company ? <p className="truncate text-xs text-muted">{card.company.name}</p> : null}
				</div>
			</div>
			<div className="mt-1.5 flex flex-wrap items-center justify-between gap-x-2 gap-y-0.5 text-xs text-muted">
				<span className="font-medium text-fg tabular-nums">{formatMoney(card.valueCents, card.currency)}</span>
				{close ? <span title="Expected close">{close}</span> : null}
			</div>
			<div className="mt-1 flex items-center justify-between gap-2 text-xs text-muted">
				<span className="truncate">{card.owner?.name ?? 'No owner'}</span>
				{card.canEdit ? <MoveTo card={card} stageId={stageId} stages={stages} /> : null}
			</div>
		</li>
	)
}

/** The same move as a drag, as a plain form: to the top of the chosen stage. */
function MoveTo({ card, stageId, stages }: { card: BoardCard; stageId: string; stages: BoardColumn['stage'][] }) {
	return (
		<details className="group relative">
			<summary className="cursor-pointer list-none rounded px-1 text-muted hover:text-fg [&::-webkit-details-marker]:hidden">Move to…</summary>
			<Form method="post" action="/deals?index" className="absolute right-0 z-20 mt-1 flex w-56 items-center gap-1.5 rounded-md border border-border bg-surface p-2 shadow-md">
				<input type="hidden" name="intent" value="move" />
				<input type="hidden" name="dealId" value={card.id} />
				<label htmlFor={`move-${card.id}`} className="sr-only">
					Move {card.name} to
				</label>
				<select id={`move-${card.id}`} name="stageId" defaultValue={stageId} className="h-8 min-w-0 flex-1 rounded border border-border bg-surface px-1.5 text-xs">
					{stages.map((s) => (
						<option key={s.id} value={s.id}>
							{s.name}
						</option>
					))}
				</select>
				<button type="submit" className="h-8 rounded border border-border bg-surface px-2.5 text-xs font-medium hover:bg-subtle">
					Move
				</button>
			</Form>
		</details>
	)
}

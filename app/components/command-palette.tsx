// The top bar's search. Without JavaScript: a GET form to /search (and, on phones,
// a link to it). With JavaScript, Ctrl/Cmd-K (or a click in the box, or the phone
// icon) opens a modal palette that loads /search results as you type: a combobox
// with a grouped listbox, arrows to move, Enter to open, Esc to close, Tab kept
// inside, and a live region that reads out how many results there are.
import { Form, Link, useFetcher, useNavigate } from '@remix-run/react'
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import type { SearchHit } from '#app/models/search.server.ts'
import type { loader as searchLoader } from '#app/routes/_app.search.tsx'
import { cn } from '#app/utils/misc.ts'
import { MAX_QUERY_LENGTH } from '#app/validation/search.ts'
import { SearchHitBody } from './search-hit.tsx'
import { Icon } from './ui/icon.tsx'

const TAKE = 5
const DEBOUNCE_MS = 120

function useHydrated() {
	const [hydrated, setHydrated] = useState(false)
	useEffect(() => setHydrated(true), [])
	return hydrated
}

export function TopBarSearch() {
	const hydrated = useHydrated()
	const [open, setOpen] = useState(false)
	const [seed, setSeed] = useState('')
	const boxRef = useRef<HTMLInputElement>(null)
	const [mac, setMac] = useState(false)
	useEffect(() => setMac(/Mac|iPhone|iPad/.test(navigator.platform)), [])

	const openWith = useCallback((text: string) => {
		setSeed(text)
		setOpen(true)
	}, [])

	useEffect(() => {
		function onKey(e: globalThis.KeyboardEvent) {
			if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
				e.preventDefault()
				openWith('')
			}
		}
		window.addEventListener('keydown', onKey)
		return () => window.removeEventListener('keydown', onKey)
	}, [openWith])

	return (
		<>
			<Form method="get" action="/search" role="search" className="relative hidden w-full max-w-sm sm:block">
				<label htmlFor="global-search" className="sr-only">
					Search everything
				</label>
				<Icon name="search" className="pointer-events-none absolute top-1/2 left-3 h-4 w-4 -translate-y-1/2 text-muted" />
				<input
					ref={boxRef}
					id="global-search"
					name="q"
					type="search"
					autoComplete="off"
					placeholder="Search"
					aria-keyshortcuts={hydrated ? 'Control+K Meta+K' : undefined}
					className="h-9 w-full rounded-md border border-border bg-subtle/60 pr-16 pl-9 text-sm text-fg placeholder:text-muted focus:bg-surface"
					onClick={(e) => {
						// With JS a click opens the palette (results as you type); typing
						// after Tab and Enter still submit the form to /search.
						if (!hydrated) return
						const text = e.currentTarget.value
						e.currentTarget.value = ''
						openWith(text)
					}}
				/>
				{hydrated ? (
					<kbd className="pointer-events-none absolute top-1/2 right-2 hidden -translate-y-1/2 rounded border border-border bg-surface px-1.5 font-sans text-[11px] text-muted md:block">
						{mac ? '⌘K' : 'Ctrl K'}
					</kbd>
				) : null}
				{/* No submit button: Enter in the only field submits the form (implicit submission). */}
			</Form>
			<Link
				to="/search"
				className="inline-flex h-9 w-9 items-center justify-center rounded-md text-muted hover:bg-subtle sm:hidden"
				onClick={(e) => {
					if (!hydrated) return
					e.preventDefault()
					openWith('')
				}}
			>
				<Icon name="search" className="h-5 w-5" />
				<span className="sr-only">Search</span>
			</Link>
			{hydrated && open ? <CommandPalette initial={seed} onClose={() => setOpen(false)} /> : null}
		</>
	)
}

type Option = { id: string; href: string; hit: SearchHit | null; label: string }

function CommandPalette({ initial, onClose }: { initial: string; onClose: () => void }) {
	const dialogRef = useRef<HTMLDialogElement>(null)
	const inputRef = useRef<HTMLInputElement>(null)
	const returnFocus = useRef<Element | null>(null)
	const fetcher = useFetcher<typeof searchLoader>()
	const navigate = useNavigate()
	const [q, setQ] = useState(initial)
	const [active, setActive] = useState(0)
	const baseId = useId()
	const listId = `${baseId}-list`
	const optionId = (i: number) => `${baseId}-opt-${i}`

	useEffect(() => {
		returnFocus.current = document.activeElement
		const dialog = dialogRef.current
		if (dialog && !dialog.open) dialog.showModal()
		const input = inputRef.current
		if (input) {
			input.focus()
			input.setSelectionRange(input.value.length, input.value.length)
		}
		return () => {
			const back = returnFocus.current
			if (back instanceof HTMLElement && back.id !== 'global-search') back.focus()
		}
	}, [])

	// Load results a moment after typing stops.
	const { load } = fetcher
	useEffect(() => {
		const text = q.trim()
		if (!text) return
		const timer = setTimeout(() => load(`/search?${new URLSearchParams({ q: text, take: String(TAKE) })}`), DEBOUNCE_MS)
		return () => clearTimeout(timer)
	}, [q, load])

	const data = q.trim() ? fetcher.data : undefined
	const groups = data?.results?.groups ?? []
	const options: Option[] = groups.flatMap((g) => g.hits.map((hit) => ({ id: `${hit.kind}-${hit.id}`, href: hit.href, hit, label: '' })))
	if (q.trim()) options.push({ id: 'all', href: `/search?${new URLSearchParams({ q: q.trim() })}`, hit: null, label: `See all results for “${q.trim()}”` })
	const current = Math.min(active, Math.max(options.length - 1, 0))
	const stale = fetcher.state !== 'idle' || (data ? data.q.trim() !== q.trim() : Boolean(q.trim()))
	const total = data?.results?.total ?? 0
	const announcement = !q.trim() ? '' : stale && !data ? 'Searching…' : total === 0 ? 'No results' : `${total} result${total === 1 ? '' : 's'}, use the arrow keys to choose`

	useEffect(() => setActive(0), [data])
	useEffect(() => {
		document.getElementById(optionId(current))?.scrollIntoView({ block: 'nearest' })
	}, [current])

	function go(option: Option | undefined) {
		if (!option) return
		onClose()
		navigate(option.href)
	}

	function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
		if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
			e.preventDefault()
			if (!options.length) return
			const step = e.key === 'ArrowDown' ? 1 : -1
			setActive((current + step + options.length) % options.length)
		} else if (e.key === 'Home' && e.ctrlKey) {
			setActive(0)
		} else if (e.key === 'Enter') {
			e.preventDefault()
			go(options[current])
		}
	}

	// Tab and Shift-Tab cycle inside the dialog.
	function trapTab(e: KeyboardEvent<HTMLDialogElement>) {
		if (e.key !== 'Tab' || !dialogRef.current) return
		const focusable = [...dialogRef.current.querySelectorAll<HTMLElement>('input, button, a[href]')].filter((el) => !el.hasAttribute('disabled') && el.tabIndex >= 0)
		if (!focusable.length) return
		const first = focusable[0]!
		const last = focusable[focusable.length - 1]!
		if (e.shiftKey && document.activeElement === first) {
			e.preventDefault()
			last.focus()
		} else if (!e.shiftKey && document.activeElement === last) {
			e.preventDefault()
			first.focus()
		}
	}

	let index = -1
	return (
		<dialog
			ref={dialogRef}
			aria-label="Search everything"
			className="fixed inset-x-0 top-[8vh] m-0 mx-auto w-[min(40rem,calc(100vw-1.5rem))] max-w-none overflow-hidden rounded-xl border border-border bg-surface p-0 text-fg shadow-2xl backdrop:bg-black/40"
			onCancel={(e) => {
				e.preventDefault()
				onClose()
			}}
			onKeyDown={trapTab}
			onClick={(e) => {
				if (e.target === dialogRef.current) onClose()
			}}
		>
			<div className="flex items-center gap-2 border-b border-border px-4 focus-within:border-b-focus">
				<Icon name="search" className="h-4 w-4 shrink-0 text-muted" />
				<label htmlFor={`${baseId}-q`} className="sr-only">
					Search everything
				</label>
				<input
					ref={inputRef}
					id={`${baseId}-q`}
					type="text"
					role="combobox"
					aria-expanded={options.length > 0}
					aria-controls={listId}
					aria-autocomplete="list"
					aria-activedescendant={options.length ? optionId(current) : undefined}
					autoComplete="off"
					spellCheck={false}
					value={q}
					maxLength={MAX_QUERY_LENGTH}
					placeholder="Search contacts, companies, deals, notes…"
					// The global :focus-visible outline would be clipped by the dialog; the row's underline shows focus instead.
					style={{ outline: 'none' }}
					className="h-12 min-w-0 flex-1 bg-transparent text-base text-fg placeholder:text-muted"
					onChange={(e) => setQ(e.currentTarget.value)}
					onKeyDown={onKeyDown}
				/>
				{stale && q.trim() ? <span className="text-xs text-muted" aria-hidden="true">…</span> : null}
				<button type="button" onClick={onClose} className="rounded border border-border px-1.5 py-0.5 text-[11px] text-muted hover:bg-subtle">
					Esc<span className="sr-only"> (close search)</span>
				</button>
			</div>
			<p className="sr-only" aria-live="polite" role="status">
				{announcement}
			</p>
			<div role="listbox" id={listId} aria-label="Search results" className="max-h-[min(60vh,28rem)] overflow-y-auto py-1">
				{groups.map((group) => (
					<div key={group.kind} role="group" aria-labelledby={`${listId}-${group.kind}`}>
						<div id={`${listId}-${group.kind}`} role="presentation" className="px-4 pt-2 pb-1 text-[11px] font-medium tracking-wide text-muted uppercase">
							{group.label}
						</div>
						{group.hits.map((hit) => {
							index++
							const i = index
							return (
								<div
									key={hit.id}
									id={optionId(i)}
									role="option"
									aria-selected={i === current}
									className={cn('mx-1 cursor-pointer rounded-md px-3 py-2', i === current ? 'bg-accent-soft' : 'hover:bg-subtle')}
									onMouseMove={() => i !== current && setActive(i)}
									onClick={() => go(options[i])}
								>
									<SearchHitBody hit={hit} active={i === current} />
								</div>
							)
						})}
					</div>
				))}
				{q.trim() ? (
					<div
						id={optionId(options.length - 1)}
						role="option"
						aria-selected={current === options.length - 1}
						className={cn('mx-1 mt-1 flex cursor-pointer items-center gap-3 rounded-md px-3 py-2 text-sm', current === options.length - 1 ? 'bg-accent-soft' : 'hover:bg-subtle')}
						onMouseMove={() => setActive(options.length - 1)}
						onClick={() => go(options[options.length - 1])}
					>
						<span className="inline-flex h-7 w-7 items-center justify-center rounded-md bg-subtle text-muted">
							<Icon name="search" className="h-4 w-4" />
						</span>
						<span className="truncate">{options[options.length - 1]!.label}</span>
					</div>
				) : (
					<p className="px-4 py-6 text-center text-sm text-muted">Type a name, a company, a few phone digits or a word from your notes.</p>
				)}
				{q.trim() && data && !stale && total === 0 ? <p className="px-4 pt-1 pb-3 text-sm text-muted">No matches yet: words are matched by their beginning.</p> : null}
			</div>
		</dialog>
	)
}

// The search box of a list page: a plain GET field and button without JS; with
// JS it searches as you type (debounced, replacing the history entry).
import { useSubmit } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { Button } from './ui/button.tsx'
import { Icon } from './ui/icon.tsx'
import { Input, Label } from './ui/input.tsx'

export function SearchField({ label, value, placeholder }: { label: string; value: string; placeholder: string }) {
	const submit = useSubmit()
	const input = useRef<HTMLInputElement>(null)
	const timer = useRef<ReturnType<typeof setTimeout>>()
	useEffect(() => () => clearTimeout(timer.current), [])
	// After "Clear" or Back, show the URL's search, but never rewrite what is being typed.
	useEffect(() => {
		if (input.current && document.activeElement !== input.current) input.current.value = value
	}, [value])
	return (
		<div className="flex gap-2">
			<div className="relative flex-1">
				<Label htmlFor="q" className="sr-only">
					{label}
				</Label>
				<Icon name="search" className="pointer-events-none absolute top-1/2 left-3 h-4 w-4 -translate-y-1/2 text-muted" />
				<Input
					ref={input}
					id="q"
					name="q"
					type="search"
					defaultValue={value}
					placeholder={placeholder}
					className="pl-9"
					autoComplete="off"
					onChange={(e) => {
						const form = e.currentTarget.form
						clearTimeout(timer.current)
						timer.current = setTimeout(() => submit(form, { replace: true, preventScrollReset: true }), 200)
					}}
				/>
			</div>
			<Button type="submit" variant="secondary">
				Search
			</Button>
		</div>
	)
}

// Answers shared by the loaders of one page load. Remix gives each loader (root, the
// layout, the page) its own Request object, so a WeakMap on the request cannot see
// that they belong together; the HTTP server runs each GET inside this store instead.
// Only GETs: after an action, loaders must see what the action changed.
import { AsyncLocalStorage } from 'node:async_hooks'

declare global {
	// The server (tsx) and the app bundle are separate module graphs: they share one store.
	var __rapportRequestMemo: AsyncLocalStorage<Map<string, unknown>> | undefined
}

const store = (globalThis.__rapportRequestMemo ??= new AsyncLocalStorage())

/** Runs `handle` with a fresh memo for one read-only request. */
export function withRequestMemo<T>(method: string, handle: () => T): T {
	return method === 'GET' || method === 'HEAD' ? store.run(new Map(), handle) : handle()
}

/** `load()` once per request for this key; outside a memoised request, every time. */
export function requestMemo<T>(key: string, load: () => T): T {
	const memo = store.getStore()
	if (!memo) return load()
	if (!memo.has(key)) memo.set(key, load())
	return memo.get(key) as T
}

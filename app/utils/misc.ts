import { clsx, type ClassValue } from 'clsx'
import { twMerge } from 'tailwind-merge'

export function cn(...inputs: ClassValue[]) {
	return twMerge(clsx(inputs))
}

export function initials(name: string) {
	const parts = name.trim().split(/\s+/).filter(Boolean)
	return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? parts[parts.length - 1]![0] : '')).toUpperCase() || '?'
}

/** Promise.all for an object of promises, keeping the names and types. */
export async function resolveAll<T extends Record<string, Promise<unknown>>>(promises: T): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
	const entries = await Promise.all(Object.entries(promises).map(async ([key, promise]) => [key, await promise] as const))
	return Object.fromEntries(entries) as { [K in keyof T]: Awaited<T[K]> }
}

/** No such record, or one this user may not see: the same 404 either way (never a 403). */
export function notFound() {
	return new Response('Not found', { status: 404 })
}

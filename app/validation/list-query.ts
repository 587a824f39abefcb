// The URL parameters every list shares (sort, direction, page, page size) and the
// lenient parse they all use: a list URL is typed and shared by people, so an
// unknown or malformed parameter is ignored rather than an error.
import { z } from 'zod'

export function listParams<S extends Readonly<[string, ...string[]]>>(sorts: S, pageSizes?: readonly number[]) {
	return {
		sort: z.enum(sorts).optional().catch(undefined),
		dir: z.enum(['asc', 'desc']).optional().catch(undefined),
		page: z.coerce.number().int().positive().max(100_000).optional().catch(undefined),
		pageSize: z.coerce
			.number()
			.int()
			.refine((n) => !pageSizes || pageSizes.includes(n))
			.optional()
			.catch(undefined),
	}
}

/** Never throws; empty values count as absent. */
export function parseListQuery<T extends z.ZodTypeAny>(schema: T, params: URLSearchParams): z.output<T> {
	const raw = Object.fromEntries([...params.keys()].map((k) => [k, params.get(k) || undefined]))
	const parsed = schema.safeParse(raw)
	return parsed.success ? parsed.data : ({} as z.output<T>)
}

// /contacts/export?format=csv|vcf with the list's filter parameters (the "current
// filter"), or ids=a,b,c (also ids=a&ids=b from the list's bulk form): a download.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { exportContacts } from '#app/models/export.server.ts'
import { requireMembership } from '#app/models/workspace.server.ts'
import { parseContactListQuery } from '#app/validation/contact-list.ts'

const MAX_IDS = 10_000

export async function loader({ request }: LoaderFunctionArgs) {
	const m = await requireMembership(request)
	const params = new URL(request.url).searchParams
	const format = params.get('format') === 'vcf' ? 'vcf' : 'csv'
	const ids = params
		.getAll('ids')
		.flatMap((v) => v.split(','))
		.map((v) => v.trim())
		.filter(Boolean)
		.slice(0, MAX_IDS)
	const { filename, contentType, body } = await exportContacts(m, ids.length ? { ids } : { query: parseContactListQuery(params) }, format)
	return new Response(body, {
		headers: {
			'Content-Type': contentType,
			'Content-Disposition': `attachment; filename="${filename}"`,
			'Cache-Control': 'private, no-store',
			'X-Content-Type-Options': 'nosniff',
		},
	})
}

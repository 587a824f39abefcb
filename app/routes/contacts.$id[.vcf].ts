// /contacts/:id.vcf: one contact as a vCard 4.0 file (404 for anyone who may not see it).
import type { LoaderFunctionArgs } from '@remix-run/node'
import { exportContactVcard } from '#app/models/export.server.ts'
import { requireMembership } from '#app/models/workspace.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const m = await requireMembership(request)
	const file = params.id ? await exportContactVcard(m, params.id) : null
	if (!file) throw new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
	return new Response(file.body, {
		headers: {
			'Content-Type': 'text/vcard; charset=utf-8',
			'Content-Disposition': `attachment; filename="${file.filename}"`,
			'Cache-Control': 'private, no-store',
			'X-Content-Type-Options': 'nosniff',
		},
	})
}

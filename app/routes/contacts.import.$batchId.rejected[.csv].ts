// /contacts/import/:batchId/rejected.csv: the rows an import rejected, as they were
// in the file plus the line and the reason, to fix and import again.
import type { LoaderFunctionArgs } from '@remix-run/node'
import Papa from 'papaparse'
import { getImportBatch } from '#app/models/import/import.server.ts'
import { requireMembership } from '#app/models/workspace.server.ts'
import { notFound } from '#app/utils/misc.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const m = await requireMembership(request)
	const batch = await getImportBatch(m, params.batchId ?? '')
	if (!batch) throw notFound()
	const rejected = batch.report.rejected ?? []
	const headers = batch.report.headers ?? []
	const rows = [['Line', 'Reason', ...headers], ...rejected.map((r) => [String(r.line), r.reason, ...(r.cells ?? [])])]
	const base = batch.fileName.replace(/\.[^.]+$/, '').replace(/[^\w.-]+/g, '-') || 'import'
	return new Response('\uFEFF' + Papa.unparse(rows, { escapeFormulae: /^(?:[=@\t\r]|[+-](?![\d\s().-]*$))/ }) + '\r\n', {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="${base}-rejected.csv"`,
			'Cache-Control': 'private, no-store',
			'X-Content-Type-Options': 'nosniff',
		},
	})
}

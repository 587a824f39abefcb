// "Download my data": the signed-in user's export as a JSON file.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { exportUserData } from '#app/models/account.server.ts'
import { requireUserId } from '#app/utils/session.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const userId = await requireUserId(request)
	const exported = await exportUserData(userId)
	// The date as the user sees it on their calendar (en-CA formats as YYYY-MM-DD).
	const day = new Intl.DateTimeFormat('en-CA', { timeZone: exported.user.timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
		new Date(exported.exportedAt),
	)
	return new Response(JSON.stringify(exported, null, 2), {
		headers: {
			'Content-Type': 'application/json; charset=utf-8',
			'Content-Disposition': `attachment; filename="rapport-export-${day}.json"`,
			'Cache-Control': 'private, no-store',
		},
	})
}

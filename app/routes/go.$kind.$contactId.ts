// /go/<call|whatsapp|sms|email|instagram>/<contactId>?template=<id>: remembers the
// quick action (for the "Log this as an interaction?" prompt) and redirects (302) to
// tel: / https://wa.me / sms: / mailto: / https://instagram.com.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { startQuickAction } from '#app/models/quick-action.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	return startQuickAction(request, params.kind, params.contactId)
}

import { type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { signOut } from '#app/utils/session.server.ts'

export async function action({ request }: ActionFunctionArgs) {
	return signOut(request, '/login?notice=signed-out')
}

// Visiting /logout directly also signs out (used when an account vanished mid-session).
export async function loader({ request }: LoaderFunctionArgs) {
	return signOut(request, '/login')
}

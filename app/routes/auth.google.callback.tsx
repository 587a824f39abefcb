// Where Google sends the browser back: finish the flow and sign in.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { finishGoogleSignIn } from '#app/services/google-auth.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	return finishGoogleSignIn(request)
}

// Starts sign-in with Google: the Google button posts here.
import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { startGoogleSignIn } from '#app/services/google-auth.server.ts'
import { readForm } from '#app/utils/form.server.ts'

// Only a form post starts the flow; a stray visit goes to the sign-in page.
export function loader() {
	return redirect('/login')
}

export async function action({ request }: ActionFunctionArgs) {
	const formData = await readForm(request)
	return startGoogleSignIn(request, { redirectTo: formData.get('redirectTo'), timezone: formData.get('timezone') })
}

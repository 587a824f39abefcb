import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { getUserId } from '#app/utils/session.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	return redirect((await getUserId(request)) ? '/dashboard' : '/login')
}

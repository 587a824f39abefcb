// Any unknown URL: a friendly 404 inside the normal error page.
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { notFound } from '#app/utils/misc.ts'

export async function loader() {
	throw notFound()
}

export default function NotFound() {
	return null
}

export function ErrorBoundary() {
	return (
		<main className="mx-auto flex min-h-dvh max-w-lg flex-col justify-center px-6">
			<GeneralErrorBoundary />
		</main>
	)
}

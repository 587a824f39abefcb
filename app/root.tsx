import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from '@remix-run/react'
import { useEffect, type ReactNode } from 'react'
import { GeneralErrorBoundary } from './components/error-boundary.tsx'
import { getCurrentUser } from './models/user.server.ts'
import tailwindHref from './styles/tailwind.css?url'
import { getPublicEnv } from './utils/env.server.ts'
import { useNonce } from './utils/nonce.tsx'

export const links: LinksFunction = () => [
	{ rel: 'stylesheet', href: tailwindHref },
	{ rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export const meta: MetaFunction = () => [{ title: 'Rapport' }, { name: 'description', content: 'Your relationships, remembered.' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await getCurrentUser(request)
	return { user, env: getPublicEnv() }
}

export type RootLoader = typeof loader

/** The <html> class chosen on the server: explicit themes pin color-scheme, SYSTEM follows the OS. */
function themeClass(theme: string | undefined) {
	return theme === 'DARK' ? 'dark' : theme === 'LIGHT' ? 'light' : 'system'
}

export function Layout({ children }: { children: ReactNode }) {
	const data = useRouteLoaderData<typeof loader>('root')
	const nonce = useNonce()
	return (
		<html lang="en" className={themeClass(data?.user?.theme)}>
			<head>
				<meta charSet="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<Meta />
				<Links />
			</head>
			<body className="min-h-dvh bg-bg font-sans text-fg">
				{children}
				<ScrollRestoration nonce={nonce} />
				<Scripts nonce={nonce} />
			</body>
		</html>
	)
}

export default function App() {
	// Marks a hydrated page (effects run children first, so every page's listeners are
	// attached by then): end-to-end tests wait for it before using keyboard shortcuts.
	useEffect(() => {
		document.documentElement.dataset.hydrated = 'true'
	}, [])
	return <Outlet />
}

export function ErrorBoundary() {
	return (
		<main className="mx-auto flex min-h-dvh max-w-lg flex-col justify-center px-6">
			<GeneralErrorBoundary />
		</main>
	)
}

import { vitePlugin as remix } from '@remix-run/dev'
import tailwindcss from '@tailwindcss/vite'
import { defineConfig } from 'vite'
import tsconfigPaths from 'vite-tsconfig-paths'

declare module '@remix-run/node' {
	interface Future {
		v3_singleFetch: true
	}
}

export default defineConfig({
	server: { hmr: { port: Number(process.env.HMR_PORT ?? 24678) } },
	build: { cssMinify: true },
	// Server-only; without this the dev optimizer finds it late and reloads the page mid-hydration.
	optimizeDeps: { exclude: ['file-type'] },
	plugins: [
		tailwindcss(),
		remix({
			ignoredRouteFiles: ['**/*.test.ts', '**/*.test.tsx', '**/*.server.ts', '**/.*'],
			serverModuleFormat: 'esm',
			future: {
				v3_fetcherPersist: true,
				v3_relativeSplatPath: true,
				v3_throwAbortReason: true,
				v3_singleFetch: true,
				v3_lazyRouteDiscovery: true,
			},
		}),
		tsconfigPaths(),
	],
})

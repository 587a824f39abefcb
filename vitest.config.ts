import tsconfigPaths from 'vite-tsconfig-paths'
import { defineConfig } from 'vitest/config'

export default defineConfig({
	plugins: [tsconfigPaths()],
	test: {
		include: ['app/**/*.test.{ts,tsx}', 'server/**/*.test.ts', 'prisma/**/*.test.ts', 'tests/unit/**/*.test.ts', 'scripts/**/*.test.ts'],
		globalSetup: ['tests/setup/global-db.ts'],
		setupFiles: ['tests/setup/worker-db.ts'],
		pool: 'forks',
		// Ceilings for a busy 2-core machine (CI runs beside the end-to-end suite); nothing waits for them.
		testTimeout: 30_000,
		hookTimeout: 60_000,
		env: { NODE_ENV: 'test' },
	},
})

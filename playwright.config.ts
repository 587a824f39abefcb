import { defineConfig, devices } from '@playwright/test'

const PORT = Number(process.env.E2E_PORT ?? 3100)
const GOOGLE_PORT = Number(process.env.E2E_GOOGLE_PORT ?? 3199)
export const baseURL = `http://localhost:${PORT}`
const google = `http://127.0.0.1:${GOOGLE_PORT}`

// Debian's Chromium, never a downloaded browser (see ../shared/STACK.md).
const launchOptions = {
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
}

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: true,
	workers: process.env.CI ? 2 : undefined,
	retries: 0,
	timeout: 30_000,
	expect: { timeout: 7_000 },
	reporter: process.env.CI ? [['list']] : [['list']],
	// Separate folders let several runs (on different ports) share a checkout.
	outputDir: process.env.E2E_PORT ? `test-results/port-${PORT}` : 'test-results',
	use: { baseURL, launchOptions, trace: 'retain-on-failure', screenshot: 'only-on-failure' },
	projects: [
		{ name: 'chromium', use: { ...devices['Desktop Chrome'], launchOptions } },
		// The main flows again with JavaScript off: tests tagged @nojs.
		{ name: 'no-js', grep: /@nojs/, use: { ...devices['Desktop Chrome'], launchOptions, javaScriptEnabled: false } },
	],
	webServer: [
		{
			command: 'npx tsx tests/fakes/google-oauth.ts',
			url: `${google}/health`,
			env: { FAKE_GOOGLE_PORT: String(GOOGLE_PORT) },
			reuseExistingServer: false,
		},
		{
			command: 'npx tsx scripts/setup-db.ts --reset --no-seed && npx tsx server/index.ts',
			url: `${baseURL}/healthz`,
			timeout: 120_000,
			reuseExistingServer: false,
			env: {
				NODE_ENV: 'test',
				PORT: String(PORT),
				APP_URL: baseURL,
				DATABASE_URL: `file:./tests/.tmp/e2e-${PORT}.db`,
				OUTBOX_DIR: `./tests/.tmp/e2e-outbox-${PORT}`,
				SESSION_SECRET: 'e2e-secret-newest,e2e-secret-older',
				ENCRYPTION_KEY: 'e2e-encryption-key',
				RATE_LIMIT_ACCOUNT_MAX: '1000',
				// Reminders fire when a test asks (POST /api/reminders/dispatch), not on a timer.
				REMINDERS_IN_PROCESS: 'off',
				REMINDERS_DISPATCH_SECRET: 'e2e-dispatch-secret',
				GOOGLE_CLIENT_ID: 'rapport-e2e',
				GOOGLE_CLIENT_SECRET: 'rapport-e2e-secret',
				GOOGLE_AUTH_URL: `${google}/o/oauth2/v2/auth`,
				GOOGLE_TOKEN_URL: `${google}/token`,
				GOOGLE_USERINFO_URL: `${google}/oauth2/v3/userinfo`,
				GOOGLE_API_ROOT_URL: `${google}/`,
			},
		},
	],
})

// Every page of the app, found from app/routes: it answers, hydrates, and logs no
// console error, no uncaught exception and no hydration mismatch (issues 11, 12).
// A page that logs an error is a failing page.
import type { Page } from '@playwright/test'
import { appRoutes, createRecords, expect, routeUrl, signUpAndVerify, test } from './utils.ts'

// Pages that need something a visit cannot give: a one-time token, a provider's redirect, the dev outbox's own test.
const SKIP = new Set(['$.tsx', '_index.tsx', 'auth.google.callback.tsx', 'dev.outbox.tsx', 'logout.tsx', '_auth.reset-password.tsx', '_auth.reminders.action.tsx', '_auth.verify-email.tsx'])
const EXTRA = ['/search?q=fuzz', '/contacts?q=fuzz', '/deals?view=board', '/follow-ups/calendar?view=week']

function pages() {
	return appRoutes(/export default function/).filter((r) => !SKIP.has(r.file))
}

/** Console errors, uncaught exceptions and failed requests of a page while it is visited. */
function watch(page: Page) {
	const problems: string[] = []
	page.on('console', (msg) => {
		if (msg.type() === 'error' || (msg.type() === 'warning' && /hydrat|did not match/i.test(msg.text()))) problems.push(`console ${msg.type()}: ${msg.text()}`)
	})
	page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`))
	page.on('requestfailed', (req) => {
		// A navigation away cancels the requests of the page left; those are not failures of it.
		if (req.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`)
	})
	return problems
}

test('every signed-in page answers, hydrates and logs no error', async ({ page }) => {
	test.setTimeout(180_000)
	const { email } = await signUpAndVerify(page)
	const ids = await createRecords(page, email)
	const urls = [...pages().filter((r) => r.file.startsWith('_app.')).map((r) => routeUrl(r, ids, { index: false })), ...EXTRA]
	expect(urls.length).toBeGreaterThan(35)
	const problems = watch(page)
	const report: string[] = []
	for (const url of urls) {
		problems.length = 0
		const res = await page.goto(url)
		expect(res?.status(), url).toBeLessThan(400)
		await expect(page.locator('html[data-hydrated]'), url).toBeAttached()
		if (problems.length) report.push(`${url}:\n  ${problems.join('\n  ')}`)
	}
	expect(report, report.join('\n')).toEqual([])
})

test('every signed-out page answers, hydrates and logs no error', async ({ page }) => {
	const urls = pages()
		.filter((r) => r.file.startsWith('_auth.'))
		.map((r) => routeUrl(r, {}))
	expect(urls).toEqual(expect.arrayContaining(['/login', '/signup', '/forgot-password', '/magic-link']))
	const problems = watch(page)
	for (const url of urls) {
		problems.length = 0
		const res = await page.goto(url)
		expect(res?.status(), url).toBeLessThan(400)
		await expect(page.locator('html[data-hydrated]'), url).toBeAttached()
		expect(problems, url).toEqual([])
	}
})

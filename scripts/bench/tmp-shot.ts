import fs from 'node:fs'
import { chromium } from 'playwright-core'
import { startServer } from './server.ts'
const server = await startServer({ dbFile: 'data/bench/bench.db', logFile: '/tmp/prof/server.log' })
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] })
for (const [w, h, scheme, path] of [[1280, 800, 'light', '/contacts'], [1280, 800, 'dark', '/contacts'], [390, 844, 'light', '/contacts'], [1280, 800, 'light', '/settings/tags'], [1280, 800, 'dark', '/settings/tags']] as const) {
	const ctx = await browser.newContext({ viewport: { width: w, height: h }, colorScheme: scheme })
	const page = await ctx.newPage()
	await page.goto(server.base + '/login')
	await page.getByLabel('Email').fill('bench@rapport.local')
	await page.getByLabel('Password').fill('rapport-bench')
	await page.getByRole('button', { name: /sign in/i }).click()
	await page.waitForURL(/dashboard/)
	await page.goto(server.base + path)
	if (path === '/contacts') await page.locator('tbody tr').nth(2).hover()
	if (path === '/contacts' && w === 1280) await page.evaluate(() => window.scrollTo(0, 420))
	await page.screenshot({ path: `/tmp/prof/shot-${path.replace(/\//g, '_')}-${w}-${scheme}.png` })
	if (path === '/contacts' && w === 1280 && scheme === 'light') fs.writeFileSync('/tmp/prof/list.html', await page.content())
	await ctx.close()
}
await browser.close()
await server.stop()

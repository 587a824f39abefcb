// Helpers for end-to-end tests: unique users, reading the dev outbox as a user
// would, and read-only access to the e2e database for assertions.
import fs from 'node:fs'
import path from 'node:path'
import { test as base, expect, type Page } from '@playwright/test'
import Database from 'better-sqlite3'

/**
 * The test every spec uses. With JavaScript on, `page.goto` and `page.reload` return
 * once React has hydrated the page (root.tsx marks <html data-hydrated>), so a click
 * never lands on a button whose handler is not attached yet: on a busy machine that
 * gap lasts seconds. Navigations inside the app after that are client-side.
 */
export const test = base.extend({
	page: async ({ page, javaScriptEnabled }, use) => {
		if (javaScriptEnabled) {
			const hydrated = async <R extends Awaited<ReturnType<Page['goto']>>>(response: R) => {
				if (response?.ok() && response.headers()['content-type']?.includes('text/html')) await waitForHydration(page)
				return response
			}
			const [goto, reload] = [page.goto.bind(page), page.reload.bind(page)]
			page.goto = async (...args) => hydrated(await goto(...args))
			page.reload = async (...args) => hydrated(await reload(...args))
		}
		await use(page)
	},
})
export { expect }

// One database per server port, so runs on different ports don't share state.
export const E2E_DB = path.resolve(`tests/.tmp/e2e-${process.env.E2E_PORT ?? 3100}.db`)

let counter = 0
export function uniqueEmail(prefix = 'user') {
	counter += 1
	return `${prefix}-${Date.now().toString(36)}-${process.pid}-${counter}@example.com`
}

/** Opens /dev/outbox filtered to one recipient and returns the newest email's first link. */
export async function linkFromOutbox(page: Page, to: string, subject: RegExp) {
	await page.goto(`/dev/outbox?${new URLSearchParams({ to })}`)
	const message = page.getByRole('article').filter({ hasText: subject }).first()
	await expect(message).toBeVisible()
	const href = await message.getByRole('link').first().getAttribute('href')
	if (!href) throw new Error(`No link in email "${subject}" to ${to}`)
	return href
}

/** Signs a new user up and verifies their email; ends on /dashboard. */
export async function signUpAndVerify(page: Page, { name = 'Test Person', email = uniqueEmail(), password = 'correct horse battery' } = {}) {
	await page.goto('/signup')
	await page.getByLabel('Your name').fill(name)
	await page.getByLabel('Email').fill(email)
	await page.getByLabel('Password').fill(password)
	await page.getByRole('button', { name: 'Create account' }).click()
	await expect(page).toHaveURL(/\/verify-email/)
	const link = await linkFromOutbox(page, email, /Confirm your email/)
	await page.goto(link)
	await expect(page).toHaveURL(/\/dashboard/)
	return { name, email, password }
}

export async function signIn(page: Page, email: string, password: string) {
	await page.goto('/login')
	await page.getByLabel('Email').fill(email)
	await page.getByLabel('Password').fill(password)
	await page.getByRole('button', { name: 'Sign in', exact: true }).click()
}

export function db() {
	return new Database(E2E_DB, { readonly: true, fileMustExist: true })
}

export const GOOGLE = `http://127.0.0.1:${process.env.E2E_GOOGLE_PORT ?? 3199}`

/** On the fake Google consent page: waits for it first, so the email never lands in the page we came from. */
export async function chooseGoogleAccount(page: Page, { email, name }: { email: string; name?: string }) {
	await expect(page).toHaveURL(new RegExp(`^${GOOGLE}/o/oauth2/v2/auth\\?`))
	await expect(page.getByRole('heading', { name: 'Choose an account' })).toBeVisible()
	await page.getByLabel('Email').fill(email)
	if (name !== undefined) await page.getByLabel('Name').fill(name)
	await page.getByRole('button', { name: 'Continue' }).click()
}

/** Waits until React has hydrated the page (root.tsx marks <html data-hydrated>). */
export async function waitForHydration(page: Page) {
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' })
}

/**
 * Route modules whose source matches `has` (an action, a page component), as the URL
 * each answers: in Remix's flat routes "_app." is pathless, "$id" a parameter and
 * "_index" an index route (posted to with ?index).
 */
export function appRoutes(has: RegExp) {
	const dir = 'app/routes'
	return fs
		.readdirSync(dir)
		.filter((f) => /\.tsx?$/.test(f) && !/\.(test|server)\.tsx?$/.test(f) && has.test(fs.readFileSync(`${dir}/${f}`, 'utf8')))
		.map((file) => {
			const segments = file
				.replace(/\.tsx?$/, '')
				.replace(/\[\.(\w+)\]/g, '.$1')
				.split('.')
				.filter((s) => !s.startsWith('_') || s === '_index')
			return { file, path: `/${segments.filter((s) => s !== '_index').join('/')}`.replace(/\/$/, '') || '/', index: segments.at(-1) === '_index' }
		})
}

/** Ids of records to fill route parameters with, keyed "<parent>/$<param>" ("contacts/$id"). */
export type RouteIds = Record<string, string>

/** A route's URL with its parameters filled (an unknown one becomes an id that does not exist), marked ?index for index routes when asked. */
export function routeUrl(route: { path: string; index: boolean }, ids: RouteIds, { index = true } = {}) {
	const path = route.path.replace(/\/([\w-]+)\/\$(\w+)/g, (_, parent: string, param: string) => `/${parent}/${ids[`${parent}/$${param}`] ?? 'no-such-id'}`)
	return index && route.index ? `${path}?index` : path
}

/** One record of each kind for the signed-in user (a contact, company, deal, interaction with its follow-up, import), by route parameter. */
export async function createRecords(page: Page, email: string): Promise<RouteIds> {
	const post = async (url: string, options: Parameters<Page['request']['post']>[1]) => {
		const res = await page.request.post(url, { ...options, maxRedirects: 0 })
		expect(res.status(), `POST ${url}: ${(await res.text()).slice(0, 500)}`).toBe(302)
		return res
	}
	const created = await post('/contacts/new', { multipart: { firstName: 'Fuzz', lastName: 'Target' } })
	const contactId = new URL(created.headers().location!, 'http://x').pathname.split('/').pop()!
	await post('/companies/new', { form: { name: 'Fuzz Co' } })
	const conn = db()
	try {
		const { workspaceId } = conn.prepare('SELECT m.workspaceId FROM Membership m JOIN User u ON u.id = m.userId WHERE u.email = ?').get(email) as { workspaceId: string }
		const stage = conn.prepare('SELECT id FROM PipelineStage WHERE workspaceId = ? ORDER BY position LIMIT 1').get(workspaceId) as { id: string }
		await post('/deals/new', { form: { name: 'Fuzz deal', stageId: stage.id, contactId, value: '24000', currency: 'EUR' } })
		await post('/interactions/new', { form: { contactId, medium: 'CALL', notes: 'fuzz', scheduleFollowUp: 'on', followUpDueAt: '2030-01-01T10:00', followUpType: 'CALL' } })
		const upload = await post('/contacts/import?index', { multipart: { intent: 'upload', file: { name: 'a.csv', mimeType: 'text/csv', buffer: Buffer.from('First Name,Email\nAda,ada@example.com\n') } } })
		const token = new URL(upload.headers().location!, 'http://x').searchParams.get('token')!
		await post('/contacts/import?index', { form: { intent: 'import', token } })
		const one = (sql: string) => (conn.prepare(sql).get(workspaceId) as { id: string } | undefined)?.id
		const ids: Record<string, string | undefined> = {
			'contacts/$id': contactId,
			'companies/$id': one('SELECT id FROM Company WHERE workspaceId = ?'),
			'deals/$id': one('SELECT id FROM Deal WHERE workspaceId = ?'),
			'interactions/$id': one('SELECT id FROM Interaction WHERE workspaceId = ?'),
			'follow-ups/$id': one('SELECT id FROM FollowUp WHERE workspaceId = ?'),
			'import/$batchId': one('SELECT id FROM ImportBatch WHERE workspaceId = ?'),
		}
		for (const [key, id] of Object.entries(ids)) expect(id, `a record for ${key}`).toBeTruthy()
		return ids as RouteIds
	} finally {
		conn.close()
	}
}

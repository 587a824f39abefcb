// A hostile client against every action of the app (issue 11): malformed bodies,
// odd values and odd paths must each get a 4xx with a message (or the form back
// with its errors), never a 5xx. The actions are found from app/routes, so a new
// route with an action is fuzzed without anyone adding it here.
import { type APIRequestContext } from '@playwright/test'
import { appRoutes, createRecords, expect, routeUrl, signUpAndVerify, test } from './utils.ts'

const BROKEN_MULTIPART = '--xyz\r\nContent-Disposition: form-data; name="intent"\r\n\r\nupdate\r\n--xyz\r\nContent-Disposition: form-da'

/** What a hostile client posts: each must be answered below 500. */
function bodies(): Array<{ name: string; headers?: Record<string, string>; data?: string | Buffer; form?: Record<string, string>; multipart?: Record<string, string | { name: string; mimeType: string; buffer: Buffer }> }> {
	const junk = { intent: 'ǝʇɐpdn', id: "'; DROP TABLE Contact; --", name: 'x'.repeat(20_000), email: '\u0000@\u202e', dueAt: '9999-99-99T99:99', value: 'NaN', stageId: '../../etc/passwd' }
	return [
		{ name: 'a JSON body', headers: { 'Content-Type': 'application/json' }, data: '{"intent":"delete","id":1}' },
		{ name: 'broken JSON', headers: { 'Content-Type': 'application/json' }, data: '{"intent":' },
		{ name: 'a text/plain body', headers: { 'Content-Type': 'text/plain' }, data: 'intent=delete' },
		{ name: 'no content type', headers: { 'Content-Type': '' }, data: 'intent=delete' },
		{ name: 'a multipart body cut short', headers: { 'Content-Type': 'multipart/form-data; boundary=xyz' }, data: BROKEN_MULTIPART },
		{ name: 'multipart without a boundary', headers: { 'Content-Type': 'multipart/form-data' }, data: 'intent=delete' },
		{ name: 'a file name with a quote', headers: { 'Content-Type': 'multipart/form-data; boundary=xyz' }, data: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a"b.csv"\r\nContent-Type: text/csv\r\n\r\nName\r\nAda\r\n--xyz--\r\n' },
		{ name: 'bad percent-escapes', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, data: 'intent=%E0%A4%A&name=%' },
		{ name: 'junk values', form: junk },
		{ name: 'junk values, multipart', multipart: { ...junk, avatar: { name: 'x.png', mimeType: 'image/png', buffer: Buffer.alloc(0) } } },
		{ name: 'an empty form', form: {} },
	]
}

async function expectNo5xx(request: APIRequestContext, url: string, label: string, options: Parameters<APIRequestContext['post']>[1]) {
	const res = await request.post(url, { ...options, maxRedirects: 0, failOnStatusCode: false })
	expect(res.status(), `${label}: POST ${url} answered ${res.status()}: ${(await res.text()).slice(0, 300)}`).toBeLessThan(500)
	return res
}

test('no action answers a malformed post with a 5xx', async ({ page }) => {
	test.setTimeout(180_000)
	const { email } = await signUpAndVerify(page)
	const request = page.request
	// Records of this user, so that routes with an id reach their form.
	const ids = await createRecords(page, email)

	const routes = appRoutes(/export (async )?(function|const) action\b/)
	expect(routes.length).toBeGreaterThan(40)
	for (const route of routes) {
		const url = routeUrl(route, ids)
		for (const body of bodies()) {
			const { name, ...options } = body
			await expectNo5xx(request, url, `${route.file}, ${name}`, options)
		}
		// A same-site form whose Origin is "null" (a sandboxed frame, a privacy extension).
		await expectNo5xx(request, url, `${route.file}, Origin: null`, { headers: { Origin: 'null' }, form: { intent: 'x' } })
	}
	// And the remix data requests of the same actions.
	for (const route of routes.filter((r) => !r.path.startsWith('/api/'))) {
		const url = routeUrl(route, ids).replace(/(\?index)?$/, (index) => `.data${index}`)
		await expectNo5xx(request, url, `${route.file} (.data), a JSON body`, { headers: { 'Content-Type': 'application/json' }, data: '{}' })
	}
})

test('odd paths get a 4xx, never a 5xx', async ({ page }) => {
	await signUpAndVerify(page)
	for (const path of ['/api/..%2fsettings/tags', '/api/..%2F..%2Fsettings', '/contacts/%E0%A4%A', '/contacts/..%2f..%2fsettings', '/%00', '/contacts/new.data?_data=%', '/settings/tags/..;/x', `/contacts/${'a'.repeat(5000)}`]) {
		for (const method of ['GET', 'POST'] as const) {
			const res = await page.request.fetch(path, { method, form: method === 'POST' ? { intent: 'x' } : undefined, maxRedirects: 0, failOnStatusCode: false })
			expect(res.status(), `${method} ${path}: ${(await res.text()).slice(0, 200)}`).toBeLessThan(500)
			expect(res.status(), `${method} ${path}`).toBeGreaterThanOrEqual(300)
		}
	}
})

test('an empty picture is refused beside the field at once; a picture address must be http or https @nojs', async ({ page }) => {
	await signUpAndVerify(page)
	const empty = await page.request.post('/settings?index', { multipart: { intent: 'upload-avatar', avatar: { name: 'empty.png', mimeType: 'image/png', buffer: Buffer.alloc(0) } }, failOnStatusCode: false })
	expect(empty.status()).toBe(400)
	expect(await empty.text()).toContain('That file is empty')
	await page.goto('/settings')
	await page.getByLabel('Upload a new picture').setInputFiles({ name: 'empty.png', mimeType: 'image/png', buffer: Buffer.alloc(0) })
	await page.getByRole('button', { name: 'Upload picture' }).click()
	await expect(page.getByText('That file is empty: choose a PNG, JPEG, WebP or GIF image')).toBeVisible()

	for (const url of ['javascript:alert(1)', 'data:image/png;base64,AAAA', 'file:///etc/passwd']) {
		await page.goto('/contacts/new')
		await page.getByLabel('First name').fill('Pic')
		await page.getByLabel('Or a picture address').fill(url)
		await page.getByRole('button', { name: 'Save contact' }).click()
		await expect(page.getByText(/Use an address starting with https:\/\/ or http:\/\/|Enter a full address starting with https:\/\//)).toBeVisible()
	}
})

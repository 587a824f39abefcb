// Settings end to end: profile, picture, preferences (theme, time zone), notification
// channels, password and sessions, data export and account deletion.
import fs from 'node:fs'
import zlib from 'node:zlib'
import { type Browser, type Page } from '@playwright/test'
import { chooseGoogleAccount, db, expect, signIn, signUpAndVerify, test, uniqueEmail } from './utils.ts'

const WRONG_TYPE = 'Choose a PNG, JPEG, WebP or GIF image'
const TOO_BIG = 'Choose an image of 2 MB or less'

/** A tiny but real PNG (solid colour), built byte by byte. */
function makePng(width = 8, height = 8, rgb: [number, number, number] = [79, 70, 229]) {
	const table = Array.from({ length: 256 }, (_, n) => {
		let c = n
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
		return c >>> 0
	})
	const crc32 = (buf: Buffer) => {
		let c = 0xffffffff
		for (const byte of buf) c = table[(c ^ byte) & 0xff]! ^ (c >>> 8)
		return (c ^ 0xffffffff) >>> 0
	}
	const chunk = (type: string, data: Buffer) => {
		const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
		const out = Buffer.alloc(body.length + 8)
		out.writeUInt32BE(data.length, 0)
		body.copy(out, 4)
		out.writeUInt32BE(crc32(body), body.length + 4)
		return out
	}
	const header = Buffer.alloc(13)
	header.writeUInt32BE(width, 0)
	header.writeUInt32BE(height, 4)
	header.set([8, 2, 0, 0, 0], 8) // 8-bit RGB
	const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())])
	const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))])
}

/** A second browser (its own cookies) for the same base URL as the test's page. */
async function otherBrowser(browser: Browser) {
	const context = await browser.newContext({ baseURL: test.info().project.use.baseURL })
	return { context, page: await context.newPage() }
}

async function expectSignedOut(page: Page) {
	await page.goto('/settings')
	await expect(page).toHaveURL(/\/login/)
}

test('changing the display name shows it in the top bar', async ({ page }) => {
	await signUpAndVerify(page, { name: 'Nora Before' })
	await page.goto('/settings')
	await expect(page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Profile' })).toHaveAttribute('aria-current', 'page')
	await page.getByLabel('Display name').fill('   ')
	await page.getByRole('button', { name: 'Save name' }).click()
	await expect(page.getByText('Enter your name')).toBeVisible()
	await page.getByLabel('Display name').fill('Nora After')
	await page.getByRole('button', { name: 'Save name' }).click()
	await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible()
	await expect(page.getByRole('banner')).toContainText('Nora After')
	await page.reload()
	await expect(page.getByLabel('Display name')).toHaveValue('Nora After')
})

test('uploading a profile picture: real images only, up to 2 MB @nojs', async ({ page, request }) => {
	const { email } = await signUpAndVerify(page)
	await page.goto('/settings')
	const input = page.getByLabel('Upload a new picture')

	// A text file that only claims to be a PNG.
	await input.setInputFiles({ name: 'x.png', mimeType: 'image/png', buffer: Buffer.from('this is not an image at all') })
	await page.getByRole('button', { name: 'Upload picture' }).click()
	await expect(page.getByText(WRONG_TYPE)).toBeVisible()
	await expect(page.getByLabel('Upload a new picture')).toHaveAttribute('aria-invalid', 'true')

	// Too big: refused in the browser with JS, by the multipart limit without.
	const big = Buffer.concat([makePng(), Buffer.alloc(2 * 1024 * 1024 + 10)])
	await page.getByLabel('Upload a new picture').setInputFiles({ name: 'big.png', mimeType: 'image/png', buffer: big })
	await page.getByRole('button', { name: 'Upload picture' }).click()
	await expect(page.getByText(TOO_BIG)).toBeVisible()

	const png = makePng()
	await page.getByLabel('Upload a new picture').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: png })
	await page.getByRole('button', { name: 'Upload picture' }).click()
	await expect(page.getByText('Picture updated')).toBeVisible()
	const avatar = page.getByRole('banner').locator('img')
	await expect(avatar).toHaveAttribute('src', /^\/avatars\/[^/?]+\?v=/)
	await expect.poll(() => avatar.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(8)

	// The route serves exactly the bytes, typed and cacheable.
	const src = (await avatar.getAttribute('src'))!
	const response = await page.request.get(src)
	expect(response.headers()['content-type']).toBe('image/png')
	expect(response.headers()['cache-control']).toContain('immutable')
	expect(Buffer.from(await response.body()).equals(png)).toBe(true)
	const row = db().prepare('SELECT i.contentType FROM UserImage i JOIN User u ON u.id = i.userId WHERE u.email = ?').get(email) as { contentType: string }
	expect(row.contentType).toBe('image/png')

	// No Google picture on this account, so only "Remove picture" is offered.
	await expect(page.getByRole('button', { name: 'Use my Google picture' })).toHaveCount(0)
	await page.getByRole('button', { name: 'Remove picture' }).click()
	await expect(page.getByRole('banner').locator('img')).toHaveCount(0)
	expect(db().prepare('SELECT count(*) AS n FROM UserImage i JOIN User u ON u.id = i.userId WHERE u.email = ?').get(email)).toEqual({ n: 0 })
	// Signed out, the picture is not served.
	const anonymous = await request.get(src)
	expect(anonymous.status()).toBe(404)
})

test('a Google-only account: back to the Google picture, and setting a first password', async ({ page, browser }) => {
	const email = uniqueEmail('google-settings')
	await page.goto('/login')
	await page.getByRole('button', { name: 'Sign in with Google' }).click()
	await chooseGoogleAccount(page, { email, name: 'Grace Settings' })
	await expect(page).toHaveURL(/\/dashboard/)
	const { avatarUrl } = db().prepare('SELECT avatarUrl FROM User WHERE email = ?').get(email) as { avatarUrl: string }
	const avatar = page.getByRole('banner').locator('img')
	await expect(avatar).toHaveAttribute('src', avatarUrl)

	await page.goto('/settings')
	await page.getByLabel('Upload a new picture').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: makePng() })
	await page.getByRole('button', { name: 'Upload picture' }).click()
	await expect(avatar).toHaveAttribute('src', /^\/avatars\//)
	await page.getByRole('button', { name: 'Use my Google picture' }).click()
	await expect(avatar).toHaveAttribute('src', avatarUrl)
	await expect(page.getByRole('button', { name: 'Use my Google picture' })).toHaveCount(0)

	// No current password to give: the account has none yet.
	await page.goto('/settings/security')
	await expect(page.getByRole('heading', { name: 'Set a password' })).toBeVisible()
	await expect(page.getByLabel('Current password')).toHaveCount(0)
	await page.getByLabel('New password', { exact: true }).fill('my first password')
	await page.getByLabel('Confirm new password').fill('my first password')
	await page.getByRole('button', { name: 'Set password' }).click()
	await expect(page.getByText('Your password is set.')).toBeVisible()
	await expect(page.getByRole('heading', { name: 'Change password' })).toBeVisible()

	const other = await otherBrowser(browser)
	await signIn(other.page, email, 'my first password')
	await expect(other.page).toHaveURL(/\/dashboard/)
	await other.context.close()
})

test('preferences: theme, time zone and reminder days are validated, saved and applied @nojs', async ({ page }) => {
	await signUpAndVerify(page)
	await page.goto('/settings/preferences')
	await expect(page.locator('html')).toHaveClass('system')

	await page.getByLabel('Birthday reminder (days before)').fill('31')
	await page.getByLabel('No-contact alert (days)').fill('0')
	await page.getByRole('button', { name: 'Save preferences' }).click()
	await expect(page.getByText('Enter a whole number from 0 to 30')).toBeVisible()
	await expect(page.getByText('Enter a whole number from 1 to 365')).toBeVisible()

	await page.getByLabel('Time zone').selectOption('Asia/Tokyo')
	await page.getByLabel('Birthday reminder (days before)').fill('5')
	await page.getByLabel('Anniversary reminder (days before)').fill('0')
	await page.getByLabel('Follow up after (days)').fill('14')
	await page.getByLabel('No-contact alert (days)').fill('45')
	await page.getByLabel('Dark').check()
	await page.getByRole('button', { name: 'Save preferences' }).click()
	await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible()

	// The server renders the theme: no script needed, nothing flashes.
	await page.reload()
	await expect(page.locator('html')).toHaveClass('dark')
	await expect(page.getByLabel('Dark')).toBeChecked()
	await expect(page.getByLabel('Time zone')).toHaveValue('Asia/Tokyo')
	await expect(page.getByLabel('Birthday reminder (days before)')).toHaveValue('5')
	await expect(page.getByLabel('Anniversary reminder (days before)')).toHaveValue('0')
	await expect(page.getByLabel('Follow up after (days)')).toHaveValue('14')
	await expect(page.getByLabel('No-contact alert (days)')).toHaveValue('45')
	await expect(page.getByText(/Local time there: .*\(UTC\+09:00\)/)).toBeVisible()

	// Times on pages follow the chosen zone: the session list shows Tokyo time.
	await page.goto('/settings/security')
	const created = page.getByRole('list', { name: 'Sessions' }).locator('li').first().locator('time').first()
	const instant = new Date((await created.getAttribute('datetime'))!)
	const tokyo = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Tokyo' }).format(instant)
	await expect(created).toHaveText(tokyo)
	const hour = Number(new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Tokyo' }).format(instant))
	expect(hour).toBe((instant.getUTCHours() + 9) % 24)
	expect(await created.textContent()).toContain(`${String(hour).padStart(2, '0')}:`)

	await page.goto('/settings/preferences')
	await page.getByLabel('Light').check()
	await page.getByRole('button', { name: 'Save preferences' }).click()
	await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible()
	await expect(page.locator('html')).toHaveClass('light')
})

test('notification toggles persist, including unchecked ones', async ({ page }) => {
	const { email } = await signUpAndVerify(page)
	await page.goto('/settings/notifications')
	await expect(page.getByLabel('In the app')).toBeChecked()
	await expect(page.getByLabel('Email')).toBeChecked()
	await expect(page.getByLabel('Push notifications')).not.toBeChecked()

	await page.getByLabel('In the app').uncheck()
	await page.getByLabel('Email').uncheck()
	await page.getByLabel('Push notifications').check()
	await page.getByRole('button', { name: 'Save notifications' }).click()
	await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible()

	await page.reload()
	await expect(page.getByLabel('In the app')).not.toBeChecked()
	await expect(page.getByLabel('Email')).not.toBeChecked()
	await expect(page.getByLabel('Push notifications')).toBeChecked()
	const row = db().prepare('SELECT notifyInApp, notifyEmail, notifyPush FROM User WHERE email = ?').get(email)
	expect(row).toEqual({ notifyInApp: 0, notifyEmail: 0, notifyPush: 1 })
})

test('changing the password signs out other devices and only the new password works', async ({ page, browser }) => {
	const { email, password } = await signUpAndVerify(page)
	const other = await otherBrowser(browser)
	await signIn(other.page, email, password)
	await expect(other.page).toHaveURL(/\/dashboard/)

	await page.goto('/settings/security')
	await page.getByLabel('Current password').fill('not my password')
	await page.getByLabel('New password', { exact: true }).fill('a brand new secret')
	await page.getByLabel('Confirm new password').fill('a brand new secret')
	await page.getByRole('button', { name: 'Change password' }).click()
	await expect(page.getByText('That isn’t your current password')).toBeVisible()

	await page.getByLabel('Current password').fill(password)
	await page.getByLabel('New password', { exact: true }).fill('a brand new secret')
	await page.getByLabel('Confirm new password').fill('a brand new secre')
	await page.getByRole('button', { name: 'Change password' }).click()
	await expect(page.getByText('The passwords don’t match')).toBeVisible()
	await page.getByLabel('Confirm new password').fill('a brand new secret')
	await page.getByRole('button', { name: 'Change password' }).click()
	await expect(page.getByText('Your password was changed.')).toBeVisible()
	// This browser got a fresh session and is the only one left.
	await expect(page.getByRole('list', { name: 'Sessions' }).locator('li')).toHaveCount(1)
	await page.goto('/dashboard')
	await expect(page).toHaveURL(/\/dashboard/)

	await expectSignedOut(other.page)
	await signIn(other.page, email, password)
	await expect(other.page.getByText('The email or password is incorrect.')).toBeVisible()
	await signIn(other.page, email, 'a brand new secret')
	await expect(other.page).toHaveURL(/\/dashboard/)
	await other.context.close()
})

test('“Sign out of all other devices” ends the other sessions only', async ({ page, browser }) => {
	const { email, password } = await signUpAndVerify(page)
	const other = await otherBrowser(browser)
	await signIn(other.page, email, password)
	await expect(other.page).toHaveURL(/\/dashboard/)

	await page.goto('/settings/security')
	const sessions = page.getByRole('list', { name: 'Sessions' }).locator('li')
	await expect(sessions).toHaveCount(2)
	await expect(sessions.filter({ hasText: 'This device' })).toHaveCount(1)
	await expect(sessions.filter({ hasText: 'This device' })).toContainText(/Chrome on (Windows|Linux|macOS)/)

	await page.getByRole('button', { name: 'Sign out of all other devices' }).click()
	await expect(page.getByText('Signed out of 1 other device.')).toBeVisible()
	await expect(sessions).toHaveCount(1)
	await expect(page.getByRole('button', { name: 'Sign out of all other devices' })).toBeDisabled()

	await expectSignedOut(other.page)
	await page.goto('/dashboard')
	await expect(page).toHaveURL(/\/dashboard/)
	await other.context.close()
})

test('“Download my data” gives a JSON file with the account in it', async ({ page, request }) => {
	const { email } = await signUpAndVerify(page)
	await page.goto('/settings/account')
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download my data' }).click()])
	expect(download.suggestedFilename()).toMatch(/^rapport-export-\d{4}-\d{2}-\d{2}\.json$/)
	const text = fs.readFileSync((await download.path())!, 'utf8')
	const data = JSON.parse(text)
	expect(data.user.email).toBe(email)
	expect(data.version).toBe(1)
	expect(data.workspaces).toHaveLength(1)
	expect(text).not.toContain('passwordHash')
	expect(text).not.toContain('$2')

	// Signed out, there is nothing to download.
	const anonymous = await request.get('/settings/export', { maxRedirects: 0 })
	expect(anonymous.status()).toBe(302)
	expect(anonymous.headers().location).toMatch(/^\/login/)
})

test('deleting the account needs the email and password, then removes it @nojs', async ({ page }) => {
	const { email, password } = await signUpAndVerify(page)
	await page.goto('/settings/account')
	await expect(page.getByText('your personal workspace and everything in it')).toBeVisible()

	const confirm = page.getByLabel(/to confirm/)
	await confirm.fill('someone@else.example')
	await page.getByLabel('Your password').fill(password)
	await page.getByRole('button', { name: 'Delete my account' }).click()
	await expect(page.getByText(`Type ${email} exactly as shown`)).toBeVisible()

	await page.getByLabel(/to confirm/).fill(email.toUpperCase())
	await page.getByLabel('Your password').fill('wrong password')
	await page.getByRole('button', { name: 'Delete my account' }).click()
	await expect(page.getByText('That password is incorrect')).toBeVisible()
	expect(db().prepare('SELECT count(*) AS n FROM User WHERE email = ?').get(email)).toEqual({ n: 1 })

	await page.getByLabel(/to confirm/).fill(email)
	await page.getByLabel('Your password').fill(password)
	await page.getByRole('button', { name: 'Delete my account' }).click()
	await expect(page).toHaveURL(/\/login\?notice=deleted/)
	await expect(page.getByText('Your account and all of its data were deleted.')).toBeVisible()
	expect((await page.context().cookies()).filter((c) => c.name === 'rapport_session')).toHaveLength(0)

	await expectSignedOut(page)
	await signIn(page, email, password)
	await expect(page.getByText('The email or password is incorrect.')).toBeVisible()
	expect(db().prepare('SELECT count(*) AS n FROM User WHERE email = ?').get(email)).toEqual({ n: 0 })
})

// Sign-up and sign-in with Google against the local fake Google that
// playwright.config.ts starts (tests/fakes/google-oauth.ts).
import { type Page } from '@playwright/test'
import { chooseGoogleAccount, db, expect, GOOGLE, signUpAndVerify, test, uniqueEmail } from './utils.ts'


// With JS, the Google button sends the browser's zone along for a new account.
test.use({ timezoneId: 'Asia/Tokyo' })

type UserRow = { id: string; name: string; googleId: string | null; avatarUrl: string | null; timezone: string; emailVerifiedAt: unknown; passwordHash: string | null }
function usersWithEmail(email: string) {
	return db().prepare('SELECT id, name, googleId, avatarUrl, timezone, emailVerifiedAt, passwordHash FROM User WHERE email = ?').all(email) as UserRow[]
}

/** On the fake's "Choose an account" page: pick who to be. */

async function signOut(page: Page) {
	// The summary, not its sr-only label: the avatar sits on top of that.
	await page.locator('summary').filter({ hasText: 'Account menu' }).click()
	await page.getByRole('button', { name: 'Sign out' }).click()
	await expect(page).toHaveURL(/\/login/)
}

test.describe('Google sign-in', () => {
	test('signs up with Google, signs out, and signs in again to the same account @nojs', async ({ page }, testInfo) => {
		const email = uniqueEmail('google')
		await page.goto('/signup')
		await page.getByRole('button', { name: 'Sign up with Google' }).click()
		await chooseGoogleAccount(page, { email, name: 'Grace Hopper' })
		await expect(page).toHaveURL(/\/dashboard$/)

		const [user] = usersWithEmail(email)
		expect(user).toMatchObject({ name: 'Grace Hopper', passwordHash: null })
		expect(user!.googleId).toMatch(/^\d{21}$/)
		expect(user!.avatarUrl).toBe(`${GOOGLE}/picture/${user!.googleId}.png`)
		expect(user!.emailVerifiedAt).not.toBeNull()
		expect(user!.timezone).toBe(testInfo.project.use.javaScriptEnabled === false ? 'UTC' : 'Asia/Tokyo')

		// The top bar shows the Google picture, and it loads.
		const avatar = page.locator('header summary img')
		await expect(avatar).toHaveAttribute('src', user!.avatarUrl!)
		await expect.poll(() => avatar.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(64)
		await expect(page.locator('header')).toContainText('Grace Hopper')

		await signOut(page)
		await page.getByRole('button', { name: 'Sign in with Google' }).click()
		await chooseGoogleAccount(page, { email, name: 'Amazing Grace' })
		await expect(page).toHaveURL(/\/dashboard$/)
		const again = usersWithEmail(email)
		expect(again).toHaveLength(1)
		expect(again[0]).toMatchObject({ id: user!.id, name: 'Grace Hopper' })
	})

	test('a password account signing in with Google for the first time is linked, not duplicated', async ({ page }) => {
		const { email } = await signUpAndVerify(page, { name: 'Ada Byron', email: uniqueEmail('linked') })
		const [before] = usersWithEmail(email)
		await signOut(page)
		await page.getByRole('button', { name: 'Sign in with Google' }).click()
		await chooseGoogleAccount(page, { email, name: 'Ada Lovelace' })
		await expect(page).toHaveURL(/\/dashboard$/)
		const after = usersWithEmail(email)
		expect(after).toHaveLength(1)
		expect(after[0]).toMatchObject({ id: before!.id, name: 'Ada Byron' })
		expect(after[0]!.googleId).toMatch(/^\d{21}$/)
		expect(after[0]!.passwordHash).toBe(before!.passwordHash)
	})

	test('returns to the page that asked for sign-in', async ({ page }) => {
		await page.goto('/settings')
		await expect(page).toHaveURL(/\/login\?redirectTo=%2Fsettings/)
		await page.getByRole('button', { name: 'Sign in with Google' }).click()
		await chooseGoogleAccount(page, { email: uniqueEmail('back'), name: 'Margaret Hamilton' })
		await expect(page).toHaveURL(/\/settings/)
	})

	test('cancelling at Google comes back to the sign-in page with a message @nojs', async ({ page }) => {
		const email = uniqueEmail('cancel')
		await page.goto('/login')
		await page.getByRole('button', { name: 'Sign in with Google' }).click()
		await expect(page.getByRole('heading', { name: 'Choose an account' })).toBeVisible()
		await page.getByLabel('Email').fill(email)
		await page.getByRole('button', { name: 'Cancel' }).click()
		await expect(page).toHaveURL(/\/login\?error=google$/)
		await expect(page.getByText('Signing in with Google didn’t complete')).toBeVisible()
		expect(usersWithEmail(email)).toHaveLength(0)
		// Still signed out.
		await page.goto('/dashboard')
		await expect(page).toHaveURL(/\/login/)
	})

	test('a stray or replayed callback is refused', async ({ page }) => {
		await page.goto('/auth/google/callback?code=made-up&state=forged')
		await expect(page).toHaveURL(/\/login\?error=google$/)
		await page.goto('/auth/google')
		await expect(page).toHaveURL(/\/login$/)
	})
})

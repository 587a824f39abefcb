import { db, E2E_DB, expect, linkFromOutbox, signIn, signUpAndVerify, test, uniqueEmail } from './utils.ts'

test.describe('sign-up and email verification', () => {
	test('a new user signs up, confirms the email from the outbox and lands on the dashboard @nojs', async ({ page }) => {
		const email = uniqueEmail('signup')
		await page.goto('/signup')
		await page.getByLabel('Your name').fill('Ada Lovelace')
		await page.getByLabel('Email').fill(email)
		await page.getByLabel('Password').fill('analytical-engine')
		await page.getByRole('button', { name: 'Create account' }).click()
		await expect(page).toHaveURL(/\/verify-email/)
		await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible()
		await expect(page.getByText(email)).toBeVisible()

		// Not signed in until the email is confirmed.
		await page.goto('/dashboard')
		await expect(page).toHaveURL(/\/login\?redirectTo=%2Fdashboard/)

		const link = await linkFromOutbox(page, email, /Confirm your email/)
		await page.goto(link)
		await expect(page).toHaveURL(/\/dashboard$/)
		await expect(page.getByRole('heading', { name: /Ada/ })).toBeVisible()

		// The link works once.
		await page.goto(link)
		await expect(page).toHaveURL(/\/verify-email/)
		await expect(page.getByText('already been used')).toBeVisible()

		const user = db().prepare('SELECT emailVerifiedAt, passwordHash FROM User WHERE email = ?').get(email) as { emailVerifiedAt: unknown; passwordHash: string }
		expect(user.emailVerifiedAt).not.toBeNull()
		expect(user.passwordHash).not.toContain('analytical-engine')
	})

	test('sign-up shows clear messages beside the fields @nojs', async ({ page }) => {
		const taken = (await signUpAndVerify(page)).email
		await page.context().clearCookies()
		await page.goto('/signup')
		const name = page.getByLabel('Your name')
		const email = page.getByLabel('Email')
		const password = page.getByLabel('Password')
		await name.fill('Sam')
		await email.fill('not-an-email')
		await password.fill('short')
		await page.getByRole('button', { name: 'Create account' }).click()
		await expect(page.getByText('Enter a valid email address')).toBeVisible()
		await expect(page.getByText('Use at least 8 characters')).toBeVisible()
		await expect(email).toHaveAttribute('aria-invalid', 'true')

		await email.fill(taken)
		await password.fill('long enough password')
		await page.getByRole('button', { name: 'Create account' }).click()
		await expect(page.getByText('An account with this email already exists')).toBeVisible()
		const count = db().prepare('SELECT count(*) AS n FROM User WHERE email = ?').get(taken) as { n: number }
		expect(count.n).toBe(1)
	})

	test('an unconfirmed account is asked to confirm its email before signing in', async ({ page }) => {
		const email = uniqueEmail('unverified')
		await page.goto('/signup')
		await page.getByLabel('Your name').fill('Pending Person')
		await page.getByLabel('Email').fill(email)
		await page.getByLabel('Password').fill('pending-password')
		await page.getByRole('button', { name: 'Create account' }).click()
		await expect(page).toHaveURL(/\/verify-email/)
		await signIn(page, email, 'pending-password')
		await expect(page.getByText(`Confirm your email first: we just sent a new link to ${email}`)).toBeVisible()
	})
})

test.describe('sign-in and sign-out', () => {
	test('signs in, stays signed in across pages, and signs out @nojs', async ({ page }) => {
		const { email, password, name } = await signUpAndVerify(page, { name: 'Linus Pauling' })
		await page.locator('summary', { hasText: 'Account menu' }).click()
		await page.getByRole('button', { name: 'Sign out' }).click()
		await expect(page).toHaveURL(/\/login/)
		await expect(page.getByText('You are signed out.')).toBeVisible()
		await page.goto('/dashboard')
		await expect(page).toHaveURL(/\/login/)

		await signIn(page, email, password)
		await expect(page).toHaveURL(/\/dashboard$/)
		await expect(page.getByRole('heading', { name: new RegExp(name.split(' ')[0]!) })).toBeVisible()
	})

	test('wrong password and unknown email get the same message @nojs', async ({ page }) => {
		const { email } = await signUpAndVerify(page)
		await page.context().clearCookies()
		await signIn(page, email, 'wrong password!')
		await expect(page.getByText('The email or password is incorrect.')).toBeVisible()
		await expect(page).toHaveURL(/\/login/)
		await signIn(page, uniqueEmail('nobody'), 'wrong password!')
		await expect(page.getByText('The email or password is incorrect.')).toBeVisible()
	})

	test('"remember me" keeps the cookie for 30 days; without it the cookie ends with the browser', async ({ page, browser }) => {
		const { email, password } = await signUpAndVerify(page)
		const context = await browser.newContext()
		const other = await context.newPage()
		await other.goto('/login')
		await other.getByLabel('Email').fill(email)
		await other.getByLabel('Password').fill(password)
		await other.getByLabel('Remember me for 30 days').uncheck()
		await other.getByRole('button', { name: 'Sign in', exact: true }).click()
		await expect(other).toHaveURL(/\/dashboard/)
		const short = (await context.cookies()).find((c) => c.name === 'rapport_session')
		expect(short?.expires).toBe(-1)
		await context.close()

		await page.context().clearCookies()
		await signIn(page, email, password)
		await expect(page).toHaveURL(/\/dashboard/)
		const long = (await page.context().cookies()).find((c) => c.name === 'rapport_session')
		const days = (long!.expires - Date.now() / 1000) / 86400
		expect(days).toBeGreaterThan(29)
		expect(days).toBeLessThanOrEqual(30)
		expect(long!.httpOnly).toBe(true)
	})

	test('each sign-in starts a new session id', async ({ page }) => {
		const { email, password } = await signUpAndVerify(page)
		const before = (await page.context().cookies()).find((c) => c.name === 'rapport_session')!.value
		await page.goto('/logout')
		await signIn(page, email, password)
		await expect(page).toHaveURL(/\/dashboard/)
		const after = (await page.context().cookies()).find((c) => c.name === 'rapport_session')!.value
		expect(after).not.toBe(before)
	})
})

test.describe('password reset', () => {
	test('reset by email works once; the old password and every old session stop working @nojs', async ({ page, browser }) => {
		const { email, password } = await signUpAndVerify(page)
		// A second device that is signed in.
		const otherContext = await browser.newContext()
		const other = await otherContext.newPage()
		await signIn(other, email, password)
		await expect(other).toHaveURL(/\/dashboard/)

		await page.context().clearCookies()
		await page.goto('/login')
		await page.getByRole('link', { name: 'Forgot your password?' }).click()
		await expect(page).toHaveURL(/\/forgot-password/)
		await page.getByLabel('Email').fill(email)
		await page.getByRole('button', { name: 'Send reset link' }).click()
		await expect(page.getByText(`If an account exists for ${email}`)).toBeVisible()

		const link = await linkFromOutbox(page, email, /Reset your Rapport password/)
		await page.goto(link)
		await page.getByLabel('New password', { exact: true }).fill('brand new secret')
		await page.getByLabel('Confirm new password').fill('brand new secret')
		await page.getByRole('button', { name: 'Save new password' }).click()
		await expect(page).toHaveURL(/\/login\?notice=reset/)
		await expect(page.getByText('Your password was changed.')).toBeVisible()

		await other.goto('/dashboard')
		await expect(other).toHaveURL(/\/login/)
		await otherContext.close()

		await signIn(page, email, password)
		await expect(page.getByText('The email or password is incorrect.')).toBeVisible()
		await signIn(page, email, 'brand new secret')
		await expect(page).toHaveURL(/\/dashboard/)

		await page.goto(link)
		await expect(page.getByText('already been used')).toBeVisible()
	})

	test('mismatched and short passwords are explained; an unknown address is not revealed', async ({ page }) => {
		const { email } = await signUpAndVerify(page)
		await page.context().clearCookies()
		await page.goto('/forgot-password')
		await page.getByLabel('Email').fill(uniqueEmail('ghost'))
		await page.getByRole('button', { name: 'Send reset link' }).click()
		await expect(page.getByText('If an account exists for')).toBeVisible()

		await page.goto('/forgot-password')
		await page.getByLabel('Email').fill(email)
		await page.getByRole('button', { name: 'Send reset link' }).click()
		await expect(page.getByText('If an account exists for')).toBeVisible()
		const link = await linkFromOutbox(page, email, /Reset your Rapport password/)
		await page.goto(link)
		await page.getByLabel('New password', { exact: true }).fill('short')
		await page.getByLabel('Confirm new password').fill('different')
		await page.getByRole('button', { name: 'Save new password' }).click()
		await expect(page.getByText('Use at least 8 characters')).toBeVisible()
		await page.getByLabel('New password', { exact: true }).fill('long enough now')
		await page.getByLabel('Confirm new password').fill('not the same')
		await page.getByRole('button', { name: 'Save new password' }).click()
		await expect(page.getByText('The passwords don’t match')).toBeVisible()

		await page.goto('/reset-password?token=made-up')
		await expect(page.getByText('This link is not valid')).toBeVisible()
	})
})

test.describe('magic link', () => {
	test('a magic link signs in once and then is spent @nojs', async ({ page }) => {
		const { email } = await signUpAndVerify(page)
		await page.context().clearCookies()
		await page.goto('/login')
		await page.getByRole('link', { name: 'Email me a sign-in link instead' }).click()
		await expect(page).toHaveURL(/\/magic-link/)
		await page.getByLabel('Email').fill(email)
		await page.getByRole('button', { name: 'Send sign-in link' }).click()
		await expect(page.getByText(`If an account exists for ${email}`)).toBeVisible()
		const link = await linkFromOutbox(page, email, /sign-in link/)
		await page.goto(link)
		await expect(page.getByText(`Continue as ${email}`)).toBeVisible()
		await page.getByRole('button', { name: 'Continue' }).click()
		await expect(page).toHaveURL(/\/dashboard/)

		await page.context().clearCookies()
		await page.goto(link)
		await expect(page.getByText('already been used')).toBeVisible()
	})

	test('an expired magic link is refused with a clear message', async ({ page }) => {
		const { email } = await signUpAndVerify(page)
		await page.context().clearCookies()
		await page.goto('/magic-link')
		await page.getByLabel('Email').fill(email)
		await page.getByRole('button', { name: 'Send sign-in link' }).click()
		await expect(page.getByText(`If an account exists for ${email}`)).toBeVisible()
		const link = await linkFromOutbox(page, email, /sign-in link/)
		// Age the token past its 15 minutes in the real database.
		const { default: Database } = await import('better-sqlite3')
		const writable = new Database(E2E_DB)
		writable
			.prepare("UPDATE Verification SET expiresAt = ? WHERE type = 'MAGIC_LINK' AND userId = (SELECT id FROM User WHERE email = ?)")
			.run(Date.now() - 60_000, email)
		writable.close()
		await page.goto(link)
		await expect(page.getByText('This link has expired')).toBeVisible()
	})
})

test.describe('the app shell', () => {
	test('health check, friendly 404, and security headers', async ({ page, request }) => {
		expect((await request.get('/healthz')).status()).toBe(200)
		const response = await page.goto('/no-such-page')
		expect(response?.status()).toBe(404)
		await expect(page.getByRole('heading', { name: 'We couldn’t find that page' })).toBeVisible()
		const csp = response?.headers()['content-security-policy'] ?? ''
		expect(csp).toContain("default-src 'self'")
		expect(csp).toMatch(/script-src 'self' 'nonce-/)
		expect(response?.headers()['x-content-type-options']).toBe('nosniff')
	})

	test('a form posted from another site is refused', async ({ request }) => {
		const response = await request.post('/login', {
			headers: { Origin: 'http://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' },
			data: 'email=a%40b.co&password=whatever',
		})
		expect(response.status()).toBe(403)
	})

	test('two accounts see only their own things', async ({ browser }) => {
		const a = await browser.newContext()
		const b = await browser.newContext()
		const pageA = await a.newPage()
		const pageB = await b.newPage()
		const userA = await signUpAndVerify(pageA, { name: 'Alice Archer' })
		await signUpAndVerify(pageB, { name: 'Bob Baker' })
		await expect(pageB.getByRole('heading', { name: /Bob/ })).toBeVisible()
		await expect(pageB.getByText('Alice')).toHaveCount(0)
		const exportB = await pageB.request.get('/settings/export')
		expect(exportB.status()).toBe(200)
		expect(await exportB.text()).not.toContain(userA.email)
		await a.close()
		await b.close()
	})
})

// Helpers for end-to-end tests: unique users, reading the dev outbox as a user
// would, and read-only access to the e2e database for assertions.
import path from 'node:path'
import { expect, type Page } from '@playwright/test'
import Database from 'better-sqlite3'

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

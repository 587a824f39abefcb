// Global search end to end: the top bar's box is a plain GET form to /search
// (with and without JavaScript), results are grouped with the matched words in
// <mark>; with JavaScript, Ctrl/Cmd-K opens a palette driven by the keyboard alone.
import { type Page } from '@playwright/test'
import { expect, signUpAndVerify, test, waitForHydration } from './utils.ts'

async function createContact(page: Page, first: string, last: string, phone: string) {
	await page.goto('/contacts/new')
	await page.getByLabel('First name').fill(first)
	await page.getByLabel('Last name').fill(last)
	await page.getByLabel('Phone', { exact: true }).fill(phone)
	await page.getByRole('button', { name: 'Save contact' }).click()
	await expect(page.getByRole('heading', { level: 1, name: `${first} ${last}` })).toBeVisible()
	return page.url().split('/contacts/')[1]!.split(/[?#]/)[0]!
}

async function createCompany(page: Page, name: string) {
	await page.goto('/companies/new')
	await page.getByLabel('Name', { exact: true }).fill(name)
	await page.getByRole('button', { name: 'Save company' }).click()
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
	return page.url().split('/companies/')[1]!.split(/[?#]/)[0]!
}

async function logNote(page: Page, contactId: string, notes: string) {
	await page.goto(`/interactions/new?contactId=${contactId}`)
	await page.getByLabel('Notes').fill(notes)
	await page.getByRole('button', { name: 'Log interaction' }).click()
	await expect(page).toHaveURL(new RegExp(`/contacts/${contactId}`))
}

test('search from the top bar finds a company by part of its name and an interaction by a word of its notes @nojs', async ({ page }) => {
	await signUpAndVerify(page)
	const companyId = await createCompany(page, 'Quasar Rocketworks')
	const contactId = await createContact(page, 'Ada', 'Lovelace', '(415) 555-2671')
	await logNote(page, contactId, 'Talked about the gyroscope retrofit')

	const box = page.getByRole('search').getByLabel('Search everything')
	await box.fill('rocketw')
	await box.press('Enter')
	await expect(page).toHaveURL(/\/search\?q=rocketw/)
	await expect(page.getByRole('heading', { level: 1, name: 'Search' })).toBeVisible()
	const companies = page.getByRole('region', { name: 'Companies' })
	const hit = companies.getByRole('link', { name: /Quasar Rocketworks/ })
	await expect(hit.locator('mark')).toHaveText('Rocketworks')
	await hit.click()
	await expect(page.getByRole('heading', { level: 1, name: 'Quasar Rocketworks' })).toBeVisible()
	expect(page.url()).toContain(`/companies/${companyId}`)

	// The search page's own form: a word from the notes finds the interaction, marked.
	await page.goto('/search')
	await page.getByLabel('Search everything', { exact: true }).last().fill('gyro')
	await page.getByRole('button', { name: 'Search', exact: true }).last().click()
	await expect(page).toHaveURL(/\/search\?q=gyro/)
	const notes = page.getByRole('region', { name: 'Interactions' })
	await expect(notes.locator('mark')).toHaveText('gyroscope')
	await notes.getByRole('link', { name: /Lovelace/ }).click()
	await expect(page.getByRole('heading', { level: 1, name: 'Ada Lovelace' })).toBeVisible()

	// Hostile text is just text: no error page, an empty result.
	await page.goto(`/search?q=${encodeURIComponent('"*-( NEAR OR')}`)
	await expect(page.getByText(/No matches for/)).toBeVisible()
})

test('Ctrl+K opens the palette: type, arrow down, Enter lands on the record, keyboard only', async ({ page }) => {
	await signUpAndVerify(page)
	const contactId = await createContact(page, 'Grace', 'Hopper', '+1 212 555 0199')
	await createContact(page, 'Grace', 'Kelly', '+1 310 555 0111')
	await page.goto('/dashboard')
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
	// The shortcut is a listener added once React has hydrated the page.
	await waitForHydration(page)

	await page.keyboard.press('Control+K')
	const dialog = page.getByRole('dialog', { name: 'Search everything' })
	await expect(dialog).toBeVisible()
	const input = dialog.getByRole('combobox', { name: 'Search everything' })
	await expect(input).toBeFocused()
	// A phone fragment from the middle of the number.
	await page.keyboard.type('5550199')
	const option = dialog.getByRole('option', { name: /Grace Hopper/ })
	await expect(option).toBeVisible()
	await expect(option.locator('mark')).toHaveText('555 0199')
	await expect(dialog.getByRole('status')).toHaveText(/1 result/)
	// The first option is active; Down moves to "See all results", Up comes back.
	await expect(option).toHaveAttribute('aria-selected', 'true')
	await page.keyboard.press('ArrowDown')
	await expect(dialog.getByRole('option', { name: /See all results/ })).toHaveAttribute('aria-selected', 'true')
	await page.keyboard.press('ArrowUp')
	await expect(option).toHaveAttribute('aria-selected', 'true')
	await expect(input).toHaveAttribute('aria-activedescendant', (await option.getAttribute('id'))!)
	await page.keyboard.press('Enter')
	await expect(page.getByRole('heading', { level: 1, name: 'Grace Hopper' })).toBeVisible()
	expect(page.url()).toContain(`/contacts/${contactId}`)
	await expect(dialog).toBeHidden()

	// Esc closes; Tab stays inside the dialog.
	await page.keyboard.press('Control+K')
	await expect(input).toBeFocused()
	await page.keyboard.type('grace')
	await expect(dialog.getByRole('option', { name: /Grace Kelly/ })).toBeVisible()
	await page.keyboard.press('Tab')
	await page.keyboard.press('Tab')
	await expect(input).toBeFocused()
	await page.keyboard.press('Escape')
	await expect(dialog).toBeHidden()

	// "See all results" opens the full page.
	await page.keyboard.press('Control+K')
	await page.keyboard.type('hopper')
	await expect(dialog.getByRole('option', { name: /Grace Hopper/ })).toBeVisible()
	await page.keyboard.press('ArrowUp')
	await page.keyboard.press('Enter')
	await expect(page).toHaveURL(/\/search\?q=hopper/)
	await expect(page.getByRole('region', { name: 'Contacts' }).locator('mark')).toHaveText('Hopper')
})

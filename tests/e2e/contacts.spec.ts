import { type Page } from '@playwright/test'
import { db, expect, signUpAndVerify, test } from './utils.ts'

async function createAda(page: Page, { jsEnabled = true } = {}) {
	await page.goto('/contacts/new')
	await page.getByLabel('First name').fill('Ada')
	await page.getByLabel('Last name').fill('Lovelace')
	await page.getByLabel('Email', { exact: true }).fill('Ada@Example.com')
	await page.getByLabel('Email 1 label').fill('work')
	// Add a second email row: a real submit button, so it works without JS too.
	await page.getByRole('button', { name: 'Add email' }).click()
	await page.getByLabel('Email 2', { exact: true }).fill('ada@home.example')
	await page.getByLabel('Phone', { exact: true }).fill('(415) 555-2671')
	await page.getByLabel('Phone 1 label').fill('mobile')
	await page.getByRole('button', { name: 'Add phone' }).click()
	await page.getByLabel('Phone 2', { exact: true }).fill('+44 20 7946 0018')
	await page.getByLabel('Or a new company').fill('Analytical Engines')
	await page.getByLabel('Job title').fill('Mathematician')
	await page.getByLabel('Tags').fill('VIP, Pioneers')
	await page.getByLabel('Birthday month').selectOption({ label: 'December' })
	await page.getByLabel('Birthday day').fill('10')
	await page.getByLabel('Notes').fill('Met at the **Difference Engine** demo')
	void jsEnabled
	await page.getByRole('button', { name: 'Save contact' }).click()
	await expect(page.getByRole('heading', { level: 1, name: 'Ada Lovelace' })).toBeVisible()
	return page.url().split('/contacts/')[1]!.split('?')[0]!
}

test('create, edit, find, delete and restore a contact @nojs', async ({ page }) => {
	await signUpAndVerify(page)
	const id = await createAda(page)
	await expect(page.getByText('Mathematician at Analytical Engines')).toBeVisible()
	await expect(page.getByRole('link', { name: 'ada@example.com', exact: true })).toBeVisible()
	await expect(page.getByRole('link', { name: 'ada@home.example', exact: true })).toBeVisible()
	await expect(page.getByRole('link', { name: '+1 415 555 2671', exact: true })).toBeVisible()
	await expect(page.getByRole('link', { name: '+44 20 7946 0018', exact: true })).toBeVisible()
	await expect(page.getByText('10 December', { exact: true })).toBeVisible()
	await expect(page.getByText('VIP')).toBeVisible()
	await expect(page.locator('.prose-notes strong')).toHaveText('Difference Engine')

	// Edit: a new title and a status.
	await page.getByRole('link', { name: 'Edit' }).click()
	await page.getByLabel('Job title').fill('Analyst')
	await page.getByLabel('Lead status').selectOption('INTERESTED')
	await page.getByRole('button', { name: 'Save changes' }).click()
	await expect(page.getByText('Changes saved.')).toBeVisible()
	await expect(page.getByText('Analyst at Analytical Engines')).toBeVisible()
	await expect(page.getByText('Edited')).toBeVisible()

	// Find it by partial name, phone digits and tag.
	for (const q of ['lovel', '5552671', 'pioneers']) {
		await page.goto(`/contacts?q=${q}`)
		await expect(page.getByRole('link', { name: /Ada Lovelace/ }), q).toBeVisible()
	}
	await page.goto('/contacts')
	await page.getByLabel('Search contacts').fill('ada lov')
	await page.getByRole('button', { name: 'Search' }).click()
	await expect(page).toHaveURL(/q=ada\+lov/)
	await expect(page.getByRole('link', { name: /Ada Lovelace/ })).toBeVisible()

	// Delete from its page, then restore from Recently deleted.
	await page.goto(`/contacts/${id}`)
	await page.getByRole('button', { name: 'Delete' }).click()
	await expect(page.getByText('Ada Lovelace was moved to Recently deleted.')).toBeVisible()
	await expect(page.getByRole('link', { name: /Ada Lovelace/ })).toHaveCount(0)
	await page.goto('/contacts/deleted')
	await page.getByRole('button', { name: 'Restore Ada Lovelace' }).click()
	await expect(page.getByRole('heading', { level: 1, name: 'Ada Lovelace' })).toBeVisible()

	const row = db().prepare('SELECT whatsapp, instagram, birthdayYear, deletedAt FROM Contact WHERE id = ?').get(id) as Record<string, unknown>
	expect(row).toEqual({ whatsapp: '+14155552671', instagram: null, birthdayYear: null, deletedAt: null })
})

test('a contact keeps several labelled addresses and websites, and a nickname @nojs', async ({ page, javaScriptEnabled }) => {
	await signUpAndVerify(page)
	await page.goto('/contacts/new')
	// With JavaScript, "Add address" adds a row in place: only once React has hydrated.
	if (javaScriptEnabled) await page.locator('html[data-hydrated]').waitFor({ state: 'attached' })
	await page.getByLabel('First name').fill('Hedy')
	await page.getByLabel('Last name').fill('Lamarr')
	await page.getByLabel('Nickname').fill('The Inventor')
	await page.getByLabel('Website', { exact: true }).fill('hedy.example')
	await page.getByLabel('Website 1 label').fill('blog')
	await page.getByRole('button', { name: 'Add website' }).click()
	await page.getByLabel('Website 2', { exact: true }).fill('https://patents.example/frequency-hopping')
	await page.getByLabel('Label', { exact: true }).fill('home')
	await page.getByLabel('Street', { exact: true }).fill('1 Sunset Blvd')
	await page.getByLabel('City', { exact: true }).fill('Los Angeles')
	await page.getByRole('button', { name: 'Add address' }).click()
	await page.getByLabel('Label (address 2)').fill('studio')
	await page.getByLabel('Street (address 2)').fill('Lot 3, MGM Studios')
	await page.getByLabel('City (address 2)').fill('Culver City')
	await page.getByLabel('Country (address 2)').fill('United States')
	await page.getByRole('button', { name: 'Save contact' }).click()
	await expect(page.getByRole('heading', { level: 1, name: 'Hedy Lamarr' })).toBeVisible()

	await expect(page.getByText('The Inventor')).toBeVisible()
	await expect(page.getByText('Address (home)')).toBeVisible()
	await expect(page.getByText('1 Sunset Blvd, Los Angeles')).toBeVisible()
	await expect(page.getByText('Address (studio)')).toBeVisible()
	await expect(page.getByText('Lot 3, MGM Studios, Culver City, United States')).toBeVisible()
	await expect(page.getByRole('link', { name: 'https://hedy.example' })).toHaveAttribute('href', 'https://hedy.example')
	// An address that already has a scheme keeps it as it is.
	await expect(page.getByRole('link', { name: 'https://patents.example/frequency-hopping' })).toBeVisible()

	// Both survive an edit that removes nothing, and a removed one is gone.
	await page.getByRole('link', { name: 'Edit' }).click()
	await expect(page.getByLabel('Street (address 2)')).toHaveValue('Lot 3, MGM Studios')
	if (javaScriptEnabled) await page.locator('html[data-hydrated]').waitFor({ state: 'attached' })
	await page.getByRole('button', { name: 'Remove website 1' }).click()
	await expect(page.getByLabel('Website', { exact: true })).toHaveValue('https://patents.example/frequency-hopping')
	await page.getByRole('button', { name: 'Save changes' }).click()
	await expect(page.getByText('Changes saved.')).toBeVisible()
	await expect(page.getByRole('link', { name: 'https://hedy.example' })).toHaveCount(0)
	await expect(page.getByText('Lot 3, MGM Studios, Culver City, United States')).toBeVisible()
})

test('bad input is explained beside the field and nothing is saved @nojs', async ({ page }) => {
	await signUpAndVerify(page)
	await page.goto('/contacts/new')
	await page.getByLabel('Email', { exact: true }).fill('bob@')
	await page.getByLabel('Birthday month').selectOption({ label: 'February' })
	await page.getByLabel('Birthday day').fill('30')
	await page.getByRole('button', { name: 'Save contact' }).click()
	await expect(page.getByText('Enter a first or last name')).toBeVisible()
	await expect(page.getByText('Enter a valid email address, like name@example.com')).toBeVisible()
	await expect(page.getByText('That date does not exist')).toBeVisible()
	await expect(page.getByLabel('Email', { exact: true })).toHaveValue('bob@')
})

test('filters live in the URL; bulk tagging and deleting selected rows @nojs', async ({ page }) => {
	await signUpAndVerify(page)
	for (const [first, status] of [['Grace', 'NEW'], ['Alan', 'INTERESTED'], ['Edsger', 'NEW']] as const) {
		await page.goto('/contacts/new')
		await page.getByLabel('First name').fill(first)
		await page.getByLabel('Lead status').selectOption(status)
		await page.getByRole('button', { name: 'Save contact' }).click()
		await expect(page.getByRole('heading', { level: 1, name: first })).toBeVisible()
	}
	await page.goto('/contacts?status=NEW&sort=name&dir=desc')
	const names = page.locator('tbody tr td:nth-child(2) .font-medium')
	await expect(names).toHaveText(['Grace', 'Edsger'])

	await page.goto('/contacts')
	await page.getByLabel('Select Grace').check()
	await page.getByLabel('Select Alan').check()
	await page.getByLabel('Tag to add').fill('Legends')
	await page.getByRole('button', { name: 'Add tag' }).click()
	await expect(page.getByText('Tagged 2 contacts.')).toBeVisible()
	await page.goto('/contacts?q=legends&sort=name')
	await expect(names).toHaveText(['Alan', 'Grace'])

	await page.goto('/contacts')
	await page.getByLabel('Select Edsger').check()
	await page.getByRole('button', { name: 'Delete' }).click()
	await expect(page.getByText('1 contact moved to Recently deleted.')).toBeVisible()
	await expect(names).toHaveText(['Alan', 'Grace'])
})

test('another user’s contact is a 404 everywhere', async ({ browser }) => {
	const a = await browser.newContext()
	const b = await browser.newContext()
	const pageA = await a.newPage()
	const pageB = await b.newPage()
	await signUpAndVerify(pageA)
	const id = await createAda(pageA)
	await signUpAndVerify(pageB)
	for (const path of [`/contacts/${id}`, `/contacts/${id}/edit`, `/contacts/${id}.vcf`, `/contacts/${id}/picture`]) {
		const response = await pageB.goto(path)
		expect(response?.status(), path).toBe(404)
	}
	const post = await pageB.request.post(`/contacts/${id}`, { form: { intent: 'delete' }, headers: { Origin: new URL(pageB.url()).origin } })
	expect(post.status()).toBe(404)
	await pageB.goto('/contacts?q=ada')
	await expect(pageB.getByText('No contacts match')).toBeVisible()
	await a.close()
	await b.close()
})

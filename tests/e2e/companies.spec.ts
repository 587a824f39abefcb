// Companies end to end: create and edit (also without JavaScript), the list's
// search, filters and sort, the company page with its people and primary contact,
// delete with undo, and another workspace's ids answering 404.
import { type Page } from '@playwright/test'
import { db, expect, signUpAndVerify, test } from './utils.ts'

async function createCompany(page: Page, fields: { name: string; website?: string; industry?: string; size?: string; tags?: string; phone?: string }) {
	await page.goto('/companies/new')
	await page.getByLabel('Name', { exact: true }).fill(fields.name)
	if (fields.website) await page.getByLabel('Website').fill(fields.website)
	if (fields.industry) await page.getByLabel('Industry').fill(fields.industry)
	if (fields.size) await page.getByLabel('Size').selectOption(fields.size)
	if (fields.tags) await page.getByLabel('Tags').fill(fields.tags)
	if (fields.phone) await page.getByLabel('Phone').fill(fields.phone)
	await page.getByRole('button', { name: 'Save company' }).click()
	await expect(page.getByRole('heading', { level: 1, name: fields.name })).toBeVisible()
	return page.url().split('/companies/')[1]!.split('?')[0]!
}

test('create a company with a website, then edit it @nojs', async ({ page }) => {
	await signUpAndVerify(page)
	await page.goto('/companies')
	await expect(page.getByText('No companies yet.')).toBeVisible()
	await page.getByRole('link', { name: 'New company' }).click()

	// Mistakes are explained beside the fields and nothing is saved.
	await page.getByLabel('Website').fill('not a website')
	await page.getByLabel('Email').fill('hello@')
	await page.getByRole('button', { name: 'Save company' }).click()
	await expect(page.getByText('Enter the company’s name')).toBeVisible()
	await expect(page.getByText('Enter a website, like example.com')).toBeVisible()

	await page.getByLabel('Name', { exact: true }).fill('Acme Rockets')
	await page.getByLabel('Website').fill('https://www.Acme-Rockets.com/about')
	await page.getByLabel('Email').fill('Hello@Acme-Rockets.com')
	await page.getByLabel('Phone').fill('(415) 555-2671')
	await page.getByLabel('Industry').fill('Aerospace')
	await page.getByLabel('Size').selectOption('51-200')
	await page.getByLabel('Lead status').selectOption('INTERESTED')
	await page.getByLabel('Tags').fill('Hot lead, Partner')
	await page.getByLabel('Notes').fill('Met at **LaunchCon**')
	await page.getByRole('button', { name: 'Save company' }).click()

	await expect(page.getByRole('heading', { level: 1, name: 'Acme Rockets' })).toBeVisible()
	await expect(page.getByText('Company saved.')).toBeVisible()
	await expect(page.getByRole('link', { name: 'acme-rockets.com', exact: true })).toHaveAttribute('href', 'https://www.Acme-Rockets.com/about')
	await expect(page.getByText('Aerospace · 51–200 people')).toBeVisible()
	await expect(page.getByText('Interested', { exact: true })).toBeVisible()
	await expect(page.getByText('Hot lead', { exact: true })).toBeVisible()
	await expect(page.getByRole('link', { name: '+1 415 555 2671', exact: true })).toBeVisible()
	await expect(page.getByRole('link', { name: 'hello@acme-rockets.com', exact: true })).toBeVisible()
	await expect(page.locator('.prose-notes strong')).toHaveText('LaunchCon')
	const id = page.url().split('/companies/')[1]!.split('?')[0]!

	await page.getByRole('link', { name: 'Edit' }).click()
	await expect(page.getByLabel('Tags')).toHaveValue('Hot lead, Partner')
	await page.getByLabel('Name', { exact: true }).fill('Acme Space')
	await page.getByLabel('Website').fill('acmespace.io')
	await page.getByLabel('Size').selectOption('201-1000')
	await page.getByRole('button', { name: 'Save changes' }).click()
	await expect(page.getByText('Changes saved.')).toBeVisible()
	await expect(page.getByRole('heading', { level: 1, name: 'Acme Space' })).toBeVisible()
	await expect(page.getByRole('link', { name: 'acmespace.io', exact: true })).toBeVisible()
	await expect(page.getByRole('list', { name: 'Activity' })).toContainText('name, size, website')

	const row = db().prepare('SELECT domain, website, phone, email, sizeBand FROM Company WHERE id = ?').get(id)
	expect(row).toEqual({ domain: 'acmespace.io', website: 'https://acmespace.io', phone: '+14155552671', email: 'hello@acme-rockets.com', sizeBand: '201-1000' })
})

test('the list searches by name or domain, filters by industry, size and tag, and sorts', async ({ page }) => {
	await signUpAndVerify(page)
	await createCompany(page, { name: 'Bluth Company', website: 'bluth.example', industry: 'Real Estate', size: '11-50' })
	await createCompany(page, { name: 'Cyberdyne', website: 'cyberdyne.io', industry: 'Aerospace', size: '1000+', tags: 'AI' })
	await createCompany(page, { name: 'Acme Rockets', website: 'acme.com', industry: 'Aerospace', size: '1-10' })

	await page.goto('/companies')
	await expect(page.getByText('3 companies')).toBeVisible()
	const names = page.locator('tbody tr td:first-child span.truncate.font-medium')
	await expect(names).toHaveText(['Acme Rockets', 'Bluth Company', 'Cyberdyne'])

	// Search by domain, as you type.
	await page.getByLabel('Search companies').fill('cyberdyne.io')
	await expect(page).toHaveURL(/q=cyberdyne\.io/)
	await expect(names).toHaveText(['Cyberdyne'])

	// Filters live in the URL.
	await page.goto('/companies')
	await page.getByLabel('Industry').selectOption('Aerospace')
	await expect(page).toHaveURL(/industry=Aerospace/)
	await expect(names).toHaveText(['Acme Rockets', 'Cyberdyne'])
	await page.getByLabel('Size').selectOption('1000+')
	await expect(names).toHaveText(['Cyberdyne'])
	await page.getByRole('link', { name: 'Clear' }).click()
	await page.getByLabel('Tag').selectOption({ label: 'AI' })
	await expect(names).toHaveText(['Cyberdyne'])

	// Size sorts by band, not alphabetically; a second click reverses.
	await page.goto('/companies')
	await page.getByRole('link', { name: 'Size' }).click()
	await expect(page).toHaveURL(/sort=size&dir=asc/)
	await expect(names).toHaveText(['Acme Rockets', 'Bluth Company', 'Cyberdyne'])
	await page.getByRole('link', { name: 'Size' }).click()
	await expect(page).toHaveURL(/sort=size&dir=desc/)
	await expect(names).toHaveText(['Cyberdyne', 'Bluth Company', 'Acme Rockets'])
})

test('the company page lists its people, marks decision-makers and the primary contact', async ({ page }) => {
	await signUpAndVerify(page)
	const id = await createCompany(page, { name: 'Initech', website: 'initech.com' })
	await expect(page.getByText('No contacts at this company yet.')).toBeVisible()

	// Contacts join the company from the contact form.
	for (const [first, title, dm] of [
		['Bill', 'VP', true],
		['Peter', 'Engineer', false],
	] as const) {
		await page.goto('/contacts/new')
		await page.getByLabel('First name').fill(first)
		await page.getByLabel('Company', { exact: true }).selectOption({ label: 'Initech' })
		await page.getByLabel('Job title').fill(title)
		if (dm) {
			await page.getByLabel('Decision-maker').check()
			await page.getByLabel('Authority level').selectOption('PRIMARY')
		}
		await page.getByRole('button', { name: 'Save contact' }).click()
		await expect(page.getByRole('heading', { level: 1, name: first })).toBeVisible()
	}

	await page.goto(`/companies/${id}`)
	const people = page.getByRole('list', { name: 'Contacts at this company' }).getByRole('listitem')
	await expect(people).toHaveCount(2)
	await expect(people.first()).toContainText('Bill')
	await expect(people.first()).toContainText('VP')
	await expect(people.first()).toContainText('Decision-maker · Primary')
	await expect(people.getByText('Primary contact')).toHaveCount(0)

	await page.getByLabel('Primary contact').selectOption({ label: 'Peter' })
	await page.getByRole('button', { name: 'Set primary contact' }).click()
	await expect(page.getByText('Primary contact saved.')).toBeVisible()
	await expect(people.filter({ hasText: 'Peter' })).toContainText('Primary contact')
	await expect(page.getByRole('list', { name: 'Activity' })).toContainText('primary contact: nothing → Peter')

	await page.goto('/companies?sort=contacts')
	await expect(page.locator('tbody tr').first()).toContainText('2')
})

test('delete asks first and can be undone; another workspace’s company is not found', async ({ page, browser }) => {
	await signUpAndVerify(page)
	const id = await createCompany(page, { name: 'Vandelay Industries' })
	await page.locator('summary', { hasText: 'Delete company' }).click()
	await page.getByRole('button', { name: 'Yes, delete Vandelay Industries' }).click()
	await expect(page).toHaveURL(/\/companies\?deleted=/)
	await expect(page.getByText('Vandelay Industries was deleted.')).toBeVisible()
	await expect(page.getByText('No companies yet.')).toBeVisible()
	await page.getByRole('button', { name: 'Undo' }).click()
	await expect(page.getByText('Company restored.')).toBeVisible()
	await expect(page.getByRole('heading', { level: 1, name: 'Vandelay Industries' })).toBeVisible()

	const context = await browser.newContext({ baseURL: test.info().project.use.baseURL })
	const other = await context.newPage()
	await signUpAndVerify(other)
	for (const path of [`/companies/${id}`, `/companies/${id}/edit`]) {
		const response = await other.goto(path)
		expect(response?.status(), path).toBe(404)
		await expect(other.getByText('We couldn’t find that page')).toBeVisible()
	}
	const post = await other.request.post(`/companies/${id}`, { form: { intent: 'delete' }, headers: { origin: test.info().project.use.baseURL! } })
	expect(post.status()).toBe(404)
	await other.goto('/companies')
	await expect(other.getByText('No companies yet.')).toBeVisible()
	await context.close()
	expect((db().prepare('SELECT deletedAt FROM Company WHERE id = ?').get(id) as { deletedAt: unknown }).deletedAt).toBeNull()
})

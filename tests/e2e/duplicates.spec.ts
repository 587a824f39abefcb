// Duplicates end to end: the warning on a new contact that shares an email, the
// page of likely pairs, and a merge that keeps the chosen values and both phones.
import { type Page } from '@playwright/test'
import { db, expect, signUpAndVerify, test } from './utils.ts'

async function newContact(page: Page, c: { first: string; last: string; email: string; phone: string; title: string }) {
	await page.goto('/contacts/new')
	await page.getByLabel('First name').fill(c.first)
	await page.getByLabel('Last name').fill(c.last)
	await page.getByLabel('Email', { exact: true }).fill(c.email)
	await page.getByLabel('Phone', { exact: true }).fill(c.phone)
	await page.getByLabel('Job title').fill(c.title)
	await page.getByRole('button', { name: 'Save contact' }).click()
}

const contactId = (page: Page) => new URL(page.url()).pathname.split('/contacts/')[1]!

test('warn about a duplicate, list the pair, merge it @nojs', async ({ page }) => {
	await signUpAndVerify(page)
	await newContact(page, { first: 'Ada', last: 'Lovelace', email: 'ada@example.com', phone: '+1 415 555 2671', title: 'Analyst' })
	await expect(page.getByRole('heading', { level: 1, name: 'Ada Lovelace' })).toBeVisible()
	const adaId = contactId(page)

	// The same email, typed differently: a warning linking to Ada, then "Save anyway".
	await newContact(page, { first: 'Augusta', last: 'King', email: 'ADA@example.com', phone: '+44 20 7946 0018', title: 'Countess' })
	const warning = page.getByRole('status').filter({ hasText: 'This may be someone you already have' })
	await expect(warning).toBeVisible()
	await expect(warning.getByRole('link', { name: /Ada Lovelace/ })).toHaveAttribute('href', `/contacts/${adaId}`)
	await expect(warning).toContainText('same email ada@example.com')
	await expect(page.getByLabel('First name')).toHaveValue('Augusta')
	await page.getByRole('button', { name: 'Save anyway' }).click()
	await expect(page.getByRole('heading', { level: 1, name: 'Augusta King' })).toBeVisible()
	const augustaId = contactId(page)

	// The pair is listed, with the reason.
	await page.goto('/contacts/duplicates')
	await expect(page.getByText('1 likely duplicate pair')).toBeVisible()
	await expect(page.getByText('Same email: ada@example.com')).toBeVisible()
	await page.getByRole('link', { name: 'Merge Ada Lovelace and Augusta King' }).click()

	// Keep Ada's record (the older one, chosen by default) with Augusta's job title.
	await expect(page.getByRole('heading', { level: 1, name: 'Merge contacts' })).toBeVisible()
	await expect(page.getByRole('radiogroup', { name: 'Which record stays' }).getByRole('radio').first()).toBeChecked()
	await page.getByRole('radiogroup', { name: 'Job title' }).getByRole('radio', { name: 'Countess' }).check()
	await page.getByRole('radiogroup', { name: 'First name' }).getByRole('radio', { name: 'Ada' }).check()
	await page.getByRole('radiogroup', { name: 'Last name' }).getByRole('radio', { name: 'Lovelace' }).check()
	await page.getByRole('button', { name: 'Merge contacts' }).click()

	await expect(page).toHaveURL(new RegExp(`/contacts/${adaId}\\?merged=1$`))
	await expect(page.getByRole('heading', { level: 1, name: 'Ada Lovelace' })).toBeVisible()
	await expect(page.getByText('Countess', { exact: true })).toBeVisible()
	await expect(page.getByRole('link', { name: '+1 415 555 2671', exact: true })).toBeVisible()
	await expect(page.getByRole('link', { name: '+44 20 7946 0018', exact: true })).toBeVisible()
	await expect(page.getByText('Contacts merged.')).toBeVisible()

	// The other one is gone from the list, and the merge is in the activity log.
	await page.goto('/contacts/duplicates')
	await expect(page.getByText('No likely duplicates')).toBeVisible()
	await page.goto(`/contacts/${augustaId}`)
	await expect(page.getByRole('heading', { name: 'We couldn’t find that page' })).toBeVisible()

	const database = db()
	const gone = database.prepare('SELECT deletedAt FROM Contact WHERE id = ?').get(augustaId) as { deletedAt: unknown }
	expect(gone.deletedAt).not.toBeNull()
	const log = database.prepare("SELECT diff FROM ActivityLog WHERE entityId = ? AND action = 'merged'").get(adaId) as { diff: string }
	expect(JSON.parse(log.diff)).toMatchObject({ merged: [{ id: augustaId, name: 'Augusta King' }, null], jobTitle: ['Analyst', 'Countess'] })
	database.close()
})

test('another workspace’s contacts cannot be merged or even shown @nojs', async ({ page, browser }) => {
	await signUpAndVerify(page)
	await newContact(page, { first: 'Grace', last: 'Hopper', email: 'grace@example.com', phone: '+1 202 555 0147', title: 'Admiral' })
	await expect(page.getByRole('heading', { level: 1, name: 'Grace Hopper' })).toBeVisible()
	const a = contactId(page)
	await newContact(page, { first: 'Grace', last: 'Hopper', email: 'hopper@example.com', phone: '+1 202 555 0147', title: 'Admiral' })
	await page.getByRole('button', { name: 'Save anyway' }).click()
	await expect(page.getByRole('heading', { level: 1, name: 'Grace Hopper' })).toBeVisible()
	const b = contactId(page)

	const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, javaScriptEnabled: test.info().project.use.javaScriptEnabled })
	const stranger = await context.newPage()
	await signUpAndVerify(stranger)
	const response = await stranger.goto(`/contacts/duplicates/merge?a=${a}&b=${b}`)
	expect(response?.status()).toBe(404)
	await stranger.goto('/contacts/duplicates')
	await expect(stranger.getByText('No likely duplicates')).toBeVisible()
	// Posting the forms by hand changes nothing either.
	const origin = { Origin: String(test.info().project.use.baseURL) }
	const merge = await stranger.request.post(`/contacts/duplicates/merge?a=${a}&b=${b}`, { form: { a, b, keep: 'a' }, headers: origin })
	expect(merge.status()).toBe(404)
	const dismiss = await stranger.request.post('/contacts/duplicates', { form: { intent: 'dismiss', a, b }, headers: origin })
	expect(dismiss.status()).toBe(404)
	await context.close()

	const database = db()
	expect(database.prepare('SELECT COUNT(*) AS n FROM Contact WHERE id IN (?, ?) AND deletedAt IS NULL').get(a, b)).toEqual({ n: 2 })
	expect(database.prepare('SELECT COUNT(*) AS n FROM DuplicateDismissal WHERE contactAId IN (?, ?)').get(a, b)).toEqual({ n: 0 })
	database.close()

	// The owner still sees the pair (same phone) and can say they are two people.
	await page.goto('/contacts/duplicates')
	await expect(page.getByText('Same phone: +1 202 555 0147')).toBeVisible()
	await page.getByRole('button', { name: 'Grace Hopper and Grace Hopper are not duplicates' }).click()
	await expect(page.getByText('Marked as two different people.')).toBeVisible()
	await expect(page.getByText('No likely duplicates')).toBeVisible()
})

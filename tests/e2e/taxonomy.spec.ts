// Tags, groups and custom fields end to end: the settings pages, and what they
// change on contacts and companies.
import { type Page } from '@playwright/test'
import { db, expect, signUpAndVerify, test } from './utils.ts'

async function createCompany(page: Page, name: string, tags: string) {
	await page.goto('/companies/new')
	await page.getByLabel('Name', { exact: true }).fill(name)
	await page.getByLabel('Tags').fill(tags)
	await page.getByRole('button', { name: 'Save company' }).click()
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
	return page.url().split('/companies/')[1]!.split('?')[0]!
}

const tagRow = (page: Page, name: string) => page.getByRole('list', { name: 'Tags' }).locator(`li[data-tag="${name}"]`)

test('tags: counts, rename and recolour, merge, delete @nojs', async ({ page }) => {
	const { email } = await signUpAndVerify(page)
	const acme = await createCompany(page, 'Acme', 'Investor, VIP')
	await createCompany(page, 'Globex', 'Investors')
	await page.goto('/contacts/new')
	await page.getByLabel('First name').fill('Grace')
	await page.getByLabel('Tags').fill('Investor')
	await page.getByRole('button', { name: 'Save contact' }).click()
	await expect(page.getByRole('heading', { level: 1, name: 'Grace' })).toBeVisible()

	await page.goto('/settings')
	await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Tags' }).click()
	await expect(page).toHaveURL(/\/settings\/tags$/)
	await expect(tagRow(page, 'Investor')).toContainText('1 contact · 1 company')
	await expect(tagRow(page, 'Investors')).toContainText('0 contacts · 1 company')

	// Rename and recolour.
	await tagRow(page, 'VIP').locator('summary').click()
	await tagRow(page, 'VIP').getByLabel('Name').fill('Very important')
	await tagRow(page, 'VIP').getByRole('radio', { name: 'Violet' }).check()
	await tagRow(page, 'VIP').getByRole('button', { name: 'Save' }).click()
	await expect(page.getByText('Saved “Very important”.')).toBeVisible()
	await expect(tagRow(page, 'Very important')).toBeVisible()

	// A name another tag has is refused beside the field.
	await tagRow(page, 'Very important').locator('summary').click()
	await tagRow(page, 'Very important').getByLabel('Name').fill('investors')
	await tagRow(page, 'Very important').getByRole('button', { name: 'Save' }).click()
	await expect(page.getByText('There is already a tag with that name. To combine them, merge this tag into it.')).toBeVisible()

	// Merge "Investor" into "Investors": its contact and company move over.
	await page.goto('/settings/tags')
	await tagRow(page, 'Investor').locator('summary').click()
	await tagRow(page, 'Investor').getByLabel('Merge into').selectOption({ label: 'Investors' })
	await tagRow(page, 'Investor').getByRole('button', { name: 'Merge' }).click()
	await expect(page.getByText('Merged into “Investors”: 1 contact moved.')).toBeVisible()
	await expect(tagRow(page, 'Investor')).toHaveCount(0)
	await expect(tagRow(page, 'Investors')).toContainText('1 contact · 2 companies')
	await page.goto('/contacts?q=investors')
	await expect(page.getByRole('link', { name: /Grace/ })).toBeVisible()

	// Delete: the tag goes, the company stays.
	await page.goto('/settings/tags')
	await tagRow(page, 'Very important').locator('summary').click()
	await tagRow(page, 'Very important').getByRole('button', { name: 'Delete tag' }).click()
	await expect(page.getByText('Deleted the tag “Very important”.')).toBeVisible()
	await expect(tagRow(page, 'Very important')).toHaveCount(0)
	await page.goto(`/companies/${acme}`)
	await expect(page.getByText('Investors', { exact: true })).toBeVisible()
	await expect(page.getByText('Very important')).toHaveCount(0)

	// New tag from the settings page, with a colour.
	await page.goto('/settings/tags')
	const form = page.locator('form', { has: page.getByRole('button', { name: 'Add tag' }) })
	await form.getByLabel('Name').fill('Newsletter')
	await form.getByRole('radio', { name: 'Teal' }).check()
	await form.getByRole('button', { name: 'Add tag' }).click()
	await expect(tagRow(page, 'Newsletter')).toContainText('0 contacts · 0 companies')
	const colors = db()
		.prepare('SELECT t.name, t.color FROM Tag t JOIN Membership m ON m.workspaceId = t.workspaceId JOIN User u ON u.id = m.userId WHERE u.email = ? ORDER BY t.name')
		.all(email)
	expect(colors).toEqual([
		{ name: 'Investors', color: 'slate' },
		{ name: 'Newsletter', color: 'teal' },
	])
})

test('groups: create with an emoji, make private, rename, delete @nojs', async ({ page }) => {
	const { email } = await signUpAndVerify(page)
	await page.goto('/settings/groups')
	await expect(page.getByText('No groups yet.')).toBeVisible()
	const form = page.locator('form', { has: page.getByRole('button', { name: 'Add group' }) })
	await form.getByLabel('Name').fill('Book club')
	await form.getByLabel('Emoji').fill('📚')
	await form.getByRole('button', { name: 'Add group' }).click()
	await expect(page.getByText('Added the group “Book club”.')).toBeVisible()

	await form.getByLabel('Emoji').fill('not an emoji')
	await form.getByLabel('Name').fill('Advisors')
	await form.getByRole('button', { name: 'Add group' }).click()
	await expect(page.getByText('Use a single emoji, like 🎓')).toBeVisible()
	await form.getByLabel('Emoji').fill('🧭')
	await form.getByLabel('Private').check()
	await form.getByRole('button', { name: 'Add group' }).click()
	await expect(page.getByText('Added the group “Advisors”.')).toBeVisible()

	const rows = page.getByRole('list', { name: 'Groups' }).getByRole('listitem')
	await expect(rows).toHaveCount(2)
	// The badge sits in the row's summary line, outside the (closed) edit form.
	const badge = (name: string) => rows.filter({ hasText: name }).locator('> div').getByText('Private', { exact: true })
	await expect(badge('Advisors')).toBeVisible()
	await expect(badge('Book club')).toHaveCount(0)
	await expect(rows.filter({ hasText: 'Book club' })).toContainText('0 contacts')

	// A contact can join a group from the contact form; the count follows.
	await page.goto('/contacts/new')
	await page.getByLabel('First name').fill('Ada')
	await page.getByLabel('Book club').check()
	await page.getByRole('button', { name: 'Save contact' }).click()
	await expect(page.getByRole('heading', { level: 1, name: 'Ada' })).toBeVisible()
	await page.goto('/settings/groups')
	await expect(rows.filter({ hasText: 'Book club' })).toContainText('1 contact')

	// Rename and make it private.
	const book = rows.filter({ hasText: 'Book club' })
	await book.locator('summary').click()
	await book.getByLabel('Name').fill('Reading circle')
	await book.getByLabel('Private').check()
	await book.getByRole('button', { name: 'Save' }).click()
	await expect(page.getByText('Saved “Reading circle”.')).toBeVisible()
	await expect(badge('Reading circle')).toBeVisible()

	// Delete: the contact stays.
	const advisors = rows.filter({ hasText: 'Advisors' })
	await advisors.locator('summary').click()
	await advisors.getByRole('button', { name: 'Delete group' }).click()
	await expect(page.getByText('Deleted the group “Advisors”.')).toBeVisible()
	await expect(rows).toHaveCount(1)
	const groups = db().prepare('SELECT g.name, g.icon, g.isPrivate FROM "Group" g JOIN Membership m ON m.workspaceId = g.workspaceId JOIN User u ON u.id = m.userId WHERE u.email = ?').all(email)
	expect(groups).toEqual([{ name: 'Reading circle', icon: '📚', isPrivate: 1 }])
})

test('custom fields: defined in settings, filled on the company form, shown, reordered, deleted', async ({ page }) => {
	await signUpAndVerify(page)
	await page.goto('/settings/fields')
	const companyForm = page.locator('form', { has: page.locator('input[name="entity"][value="COMPANY"]') })
	// The choices box appears only for a choice list.
	await expect(companyForm.getByLabel('Choices')).toBeHidden()
	await companyForm.getByLabel('Label').fill('Tier')
	await companyForm.getByLabel('Type').selectOption('SELECT')
	await companyForm.getByRole('button', { name: 'Add field' }).click()
	await expect(companyForm.getByText('Enter at least one choice, one per line')).toBeVisible()
	await companyForm.getByLabel('Choices').fill('Gold\nSilver\n\nBronze')
	await companyForm.getByRole('button', { name: 'Add field' }).click()
	await expect(page.getByText('Added “Tier”.')).toBeVisible()
	await companyForm.getByLabel('Label').fill('Seats')
	await companyForm.getByLabel('Type').selectOption('NUMBER')
	await companyForm.getByRole('button', { name: 'Add field' }).click()
	await expect(page.getByText('Added “Seats”.')).toBeVisible()
	const contactForm = page.locator('form', { has: page.locator('input[name="entity"][value="CONTACT"]') })
	await contactForm.getByLabel('Label').fill('Gift idea')
	await contactForm.getByRole('button', { name: 'Add field' }).click()
	await expect(page.getByText('Added “Gift idea”.')).toBeVisible()
	const companyFields = page.getByRole('list', { name: 'Company fields' }).getByRole('listitem')
	await expect(companyFields).toHaveText([/Tier.*Choice list.*Gold · Silver · Bronze/, /Seats.*Number/])

	await page.goto('/companies/new')
	await page.getByLabel('Name', { exact: true }).fill('Initech')
	await page.getByLabel('Tier').selectOption('Silver')
	await page.getByLabel('Seats').fill('1200')
	await page.getByRole('button', { name: 'Save company' }).click()
	await expect(page.getByRole('heading', { level: 1, name: 'Initech' })).toBeVisible()
	const id = page.url().split('/companies/')[1]!.split('?')[0]!
	await expect(page.getByText('Silver', { exact: true })).toBeVisible()
	await expect(page.getByText('1,200', { exact: true })).toBeVisible()
	await page.goto('/contacts/new')
	await expect(page.getByLabel('Gift idea')).toBeVisible()

	// Reorder: Seats first on the form.
	await page.goto('/settings/fields')
	await page.getByRole('button', { name: 'Move Seats up' }).click()
	await expect(companyFields).toHaveText([/Seats/, /Tier/])
	await page.goto(`/companies/${id}/edit`)
	await expect(page.locator('form label').filter({ hasText: /^(Seats|Tier)$/ })).toHaveText(['Seats', 'Tier'])

	// Delete a field: its value is hidden but kept.
	await page.goto('/settings/fields')
	const tier = companyFields.filter({ hasText: 'Tier' })
	await tier.locator('summary').click()
	await tier.getByRole('button', { name: 'Delete field' }).click()
	await expect(page.getByText(/Field deleted/)).toBeVisible()
	await expect(companyFields).toHaveCount(1)
	await page.goto(`/companies/${id}`)
	await expect(page.getByText('Silver', { exact: true })).toHaveCount(0)
	const stored = db().prepare('SELECT customFields FROM Company WHERE id = ?').get(id) as { customFields: string }
	expect(JSON.parse(stored.customFields)).toEqual({ tier: 'Silver', seats: 1200 })
})

// Lead status end to end: one-click changes from the contact list and the company
// page, the Leads view counting and dating conversions, and the workspace activity
// log saying who changed what from what to what. With and without JavaScript.
import { db, expect, signUpAndVerify, test } from './utils.ts'

test('INTERESTED → CONVERTED from the list in one click; /leads counts it with the date; the activity log shows who, from and to @nojs', async ({ page }) => {
	const { email } = await signUpAndVerify(page, { name: 'Lena Lead' })
	await page.goto('/contacts/new')
	await page.getByLabel('First name').fill('Ivy')
	await page.getByLabel('Last name').fill('Interested')
	await page.getByLabel('Lead status').selectOption('INTERESTED')
	await page.getByRole('button', { name: 'Save contact' }).click()
	await expect(page.getByRole('heading', { level: 1, name: 'Ivy Interested' })).toBeVisible()
	const contactId = page.url().split('/contacts/')[1]!.split('?')[0]!

	await page.goto('/contacts')
	const row = page.getByRole('row', { name: /Ivy Interested/ })
	await row.getByRole('button', { name: 'Lead status of Ivy Interested: Interested. Change' }).click()
	// With JS the badge changes at once (optimistic): wait for the server's answer before reading the database.
	const saved = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.startsWith('/leads'))
	await row.getByRole('button', { name: 'Set to Converted' }).click()
	await saved
	await expect(row.getByRole('button', { name: 'Lead status of Ivy Interested: Converted. Change' })).toBeVisible()
	await expect(page).toHaveURL(/\/contacts/)

	const user = db().prepare('SELECT id, timezone FROM User WHERE email = ?').get(email) as { id: string; timezone: string }
	const log = db().prepare("SELECT actorId, diff, createdAt FROM ActivityLog WHERE entityId = ? AND action = 'status_changed'").all(contactId) as Array<{ actorId: string; diff: string; createdAt: string }>
	expect(log).toHaveLength(1)
	expect(log[0]!.actorId).toBe(user.id)
	expect(JSON.parse(log[0]!.diff)).toEqual({ leadStatus: ['INTERESTED', 'CONVERTED'] })
	expect((db().prepare('SELECT leadStatus FROM Contact WHERE id = ?').get(contactId) as { leadStatus: string }).leadStatus).toBe('CONVERTED')

	// A company, converted from its own page.
	await page.goto('/companies/new')
	await page.getByLabel('Name', { exact: true }).fill('Acme Rockets')
	await page.getByRole('button', { name: 'Save company' }).click()
	await expect(page.getByRole('heading', { level: 1, name: 'Acme Rockets' })).toBeVisible()
	await page.getByRole('button', { name: 'Lead status of Acme Rockets: none. Change' }).click()
	const companySaved = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.startsWith('/leads'))
	await page.getByRole('button', { name: 'Set to Converted' }).click()
	await companySaved
	await expect(page.getByRole('button', { name: 'Lead status of Acme Rockets: Converted. Change' })).toBeVisible()

	await page.getByRole('link', { name: 'Leads' }).click()
	await expect(page.getByRole('heading', { level: 1, name: 'Leads' })).toBeVisible()
	await expect(page.getByTestId('count-CONVERTED')).toHaveText('2')
	await expect(page.getByTestId('count-INTERESTED')).toHaveText('0')
	const converted = page.getByRole('region', { name: /Converted/ })
	const date = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: user.timezone }).format(new Date(log[0]!.createdAt))
	await expect(converted.getByRole('listitem').filter({ hasText: 'Ivy Interested' })).toContainText(`Converted ${date}`)
	await expect(converted.getByRole('listitem').filter({ hasText: 'Acme Rockets' })).toContainText('Converted')
	await page.getByRole('navigation', { name: 'Show' }).getByRole('link', { name: 'Contacts' }).click()
	await expect(page.getByTestId('count-CONVERTED')).toHaveText('1')

	// The activity log: who, and from what to what.
	await page.goto('/settings/activity')
	await page.getByLabel('Action').selectOption('status_changed')
	await page.getByRole('button', { name: 'Filter' }).click()
	await expect(page).toHaveURL(/action=status_changed/)
	const entries = page.getByRole('list', { name: 'Activity' }).getByRole('listitem')
	await expect(entries).toHaveCount(2)
	const ivy = entries.filter({ hasText: 'Ivy Interested' })
	await expect(ivy).toContainText('Lena Lead · Changed the lead status contact Ivy Interested')
	await expect(ivy).toContainText('Interested → Converted')
	await ivy.getByRole('link', { name: 'Ivy Interested' }).click()
	await expect(page.getByRole('heading', { level: 1, name: 'Ivy Interested' })).toBeVisible()
})

test('Leads: moving a lead between statuses from /leads, searching and paging', async ({ page }) => {
	await signUpAndVerify(page)
	for (let i = 1; i <= 12; i++) {
		await page.goto('/contacts/new')
		await page.getByLabel('First name').fill(`Lead ${String(i).padStart(2, '0')}`)
		await page.getByLabel('Lead status').selectOption('NEW')
		await page.getByRole('button', { name: 'Save contact' }).click()
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
	}
	await page.goto('/leads')
	await expect(page.getByTestId('count-NEW')).toHaveText('12')
	const fresh = page.getByRole('region', { name: /^New/ })
	await expect(fresh.getByRole('listitem')).toHaveCount(10)
	await fresh.getByRole('link', { name: 'Next' }).click()
	await expect(fresh.getByRole('listitem')).toHaveCount(2)
	await expect(page).toHaveURL(/page_new=2/)

	await page.goto('/leads?q=lead 03')
	await expect(page.getByTestId('count-NEW')).toHaveText('1')
	await fresh.getByRole('button', { name: /Lead status of Lead 03/ }).click()
	await fresh.getByRole('button', { name: 'Set to Interested' }).click()
	await expect(page.getByTestId('count-INTERESTED')).toHaveText('1')
	await expect(page.getByRole('region', { name: /^Interested/ })).toContainText('Lead 03')
})

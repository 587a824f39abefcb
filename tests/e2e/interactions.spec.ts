// Interactions end to end: log a meeting with a follow-up from the contact page,
// see it on the timeline and in "last contacted", edit it, delete one (last
// contacted goes back), the global "Log interaction" with its contact picker, and
// another workspace's ids answering 404. The main flow also runs without JavaScript.
import { type Page } from '@playwright/test'
import { db, expect, signUpAndVerify, test } from './utils.ts'

async function createContact(page: Page, first: string, last: string, company?: string) {
	await page.goto('/contacts/new')
	await page.getByLabel('First name').fill(first)
	await page.getByLabel('Last name').fill(last)
	if (company) await page.getByLabel('Or a new company').fill(company)
	await page.getByRole('button', { name: 'Save contact' }).click()
	await expect(page.getByRole('heading', { level: 1, name: `${first} ${last}` })).toBeVisible()
	return page.url().split('/contacts/')[1]!.split('?')[0]!
}

const main = (page: Page) => page.getByRole('main')
const lastContacted = (page: Page) => page.locator('dt', { hasText: 'Last contacted' }).locator('xpath=following-sibling::dd')

test('log a meeting with a follow-up, edit it, delete another: last contacted follows @nojs', async ({ page }) => {
	await signUpAndVerify(page)
	const id = await createContact(page, 'Ada', 'Lovelace', 'Analytical Engines')
	await expect(lastContacted(page)).toHaveText('Never')
	await expect(page.getByRole('list', { name: 'Timeline' })).toContainText('Created')

	await main(page).getByRole('link', { name: 'Log interaction' }).first().click()
	await expect(page.getByRole('heading', { level: 1, name: 'Log an interaction' })).toBeVisible()
	await expect(page.getByText('With Ada Lovelace · Analytical Engines')).toBeVisible()
	// "When" starts at now; a time far ahead is explained, and nothing typed is lost.
	await expect(page.getByLabel('When')).not.toHaveValue('')
	await page.getByText('In person', { exact: true }).click()
	await page.getByLabel('When').fill('2099-01-01T10:00')
	await page.getByLabel('Subject').fill('Coffee at the Royal Society')
	await page.getByRole('button', { name: 'Log interaction' }).click()
	await expect(page.getByText('That is more than a day from now.', { exact: false })).toBeVisible()
	await expect(page.getByLabel('Subject')).toHaveValue('Coffee at the Royal Society')
	await expect(page.getByLabel('In person')).toBeChecked()

	await page.getByLabel('When').fill('2026-10-15T10:30')
	await page.getByLabel('Duration (minutes)').fill('45')
	await page.getByLabel('Notes').fill('Talked about the **engine**\nand the loom')
	await page.getByLabel('Outcome').fill('Keen on a pilot')
	await page.getByLabel('Next steps').fill('Send the proposal')
	await page.getByLabel('Schedule a follow-up').check()
	// The proposed date is today + the default interval (7 days).
	await expect(page.getByLabel('Follow up on')).toHaveValue(/T09:00$/)
	await page.getByLabel('Follow-up type').selectOption('MEETING')
	await page.getByRole('button', { name: 'Log interaction' }).click()

	await expect(page).toHaveURL(new RegExp(`/contacts/${id}\\?interaction=logged`))
	await expect(page.getByText('Interaction logged.')).toBeVisible()
	await expect(lastContacted(page)).toHaveText('15 Oct 2026, 10:30')
	const timeline = page.getByRole('list', { name: 'Timeline' })
	const meeting = timeline.getByRole('listitem').filter({ hasText: 'Coffee at the Royal Society' })
	await expect(meeting).toContainText('In person')
	await expect(meeting).toContainText('45 min')
	await expect(meeting).toContainText('Outcome: Keen on a pilot')
	await expect(meeting).toContainText('Next steps: Send the proposal')
	await expect(meeting.locator('.prose-notes strong')).toHaveText('engine')
	await expect(timeline.getByRole('listitem').filter({ hasText: 'Follow-up: Meeting' })).toContainText('Scheduled')

	const database = db()
	const contact = database.prepare('SELECT lastContactedAt, companyId FROM Contact WHERE id = ?').get(id) as { lastContactedAt: string; companyId: string }
	const interaction = database.prepare('SELECT id, medium, durationMinutes, occurredAt, companyId FROM Interaction WHERE contactId = ?').get(id) as Record<string, unknown>
	expect(interaction).toMatchObject({ medium: 'IN_PERSON', durationMinutes: 45, companyId: contact.companyId })
	expect(contact.lastContactedAt).toBe(interaction.occurredAt)
	const followUp = database.prepare('SELECT status, type, notes, assigneeId, createdById FROM FollowUp WHERE contactId = ?').get(id) as Record<string, unknown>
	expect(followUp).toMatchObject({ status: 'PENDING', type: 'MEETING', notes: 'Send the proposal' })
	expect(followUp.assigneeId).toBe(followUp.createdById)
	database.close()

	// The follow-up it scheduled is waiting under Upcoming.
	await page.goto('/follow-ups')
	await expect(page.getByRole('region', { name: 'Upcoming' }).getByRole('link', { name: 'Ada Lovelace', exact: true })).toBeVisible()

	// The contact list shows it too.
	await page.goto('/contacts')
	await expect(page.getByRole('row', { name: /Ada Lovelace/ })).toContainText('15 Oct 2026')

	// Edit: an earlier time moves "last contacted" with it.
	await page.goto(`/contacts/${id}`)
	await page.getByRole('link', { name: 'Edit in person “Coffee at the Royal Society”' }).click()
	await expect(page.getByLabel('Subject')).toHaveValue('Coffee at the Royal Society')
	await expect(page.getByLabel('When')).toHaveValue('2026-10-15T10:30')
	await page.getByLabel('Subject').fill('Tea at the Royal Society')
	await page.getByLabel('When').fill('2026-10-10T09:00')
	await page.getByRole('button', { name: 'Save changes' }).click()
	await expect(page.getByText('Interaction saved.')).toBeVisible()
	await expect(lastContacted(page)).toHaveText('10 Oct 2026, 09:00')
	await expect(page.getByRole('list', { name: 'Timeline' })).toContainText('Tea at the Royal Society')
	await expect(page.getByRole('list', { name: 'Timeline' })).toContainText('Edited an interaction')

	// A later call becomes the latest; deleting it brings the meeting back.
	await main(page).getByRole('link', { name: 'Log interaction' }).first().click()
	await page.getByText('Phone call', { exact: true }).click()
	await page.getByLabel('When').fill('2026-10-12T08:00')
	await page.getByLabel('Subject').fill('Quick check-in')
	await page.getByRole('button', { name: 'Log interaction' }).click()
	await expect(lastContacted(page)).toHaveText('12 Oct 2026, 08:00')
	await page.getByRole('link', { name: 'Edit phone call “Quick check-in”' }).click()
	await page.locator('summary', { hasText: 'Delete this interaction' }).click()
	await page.getByRole('button', { name: 'Yes, delete it' }).click()
	await expect(page.getByText('Interaction deleted.')).toBeVisible()
	await expect(lastContacted(page)).toHaveText('10 Oct 2026, 09:00')
	const after = page.getByRole('list', { name: 'Timeline' })
	// Only the log entry about it is left.
	await expect(after.getByRole('link', { name: /^Edit phone call/ })).toHaveCount(0)
	await expect(after.getByRole('listitem').filter({ hasText: 'Quick check-in' })).toHaveCount(1)
	await expect(after.getByRole('listitem').filter({ hasText: 'Deleted an interaction' })).toContainText('Phone call: Quick check-in')

	// Filter by kind: plain links.
	await page.getByRole('navigation', { name: 'Show on the timeline' }).getByRole('link', { name: 'Follow-ups' }).click()
	await expect(page).toHaveURL(/timeline=followup/)
	await expect(page.getByRole('list', { name: 'Timeline' }).getByRole('listitem')).toHaveCount(1)
	await expect(page.getByRole('list', { name: 'Timeline' })).toContainText('Follow-up: Meeting')

	// The company's timeline shows its contact's meeting.
	await page.goto(`/contacts/${id}`)
	await page.getByRole('link', { name: 'Analytical Engines' }).first().click()
	await expect(page.getByRole('heading', { level: 1, name: 'Analytical Engines' })).toBeVisible()
	const companyTimeline = page.getByRole('list', { name: 'Timeline' })
	await expect(companyTimeline.getByRole('listitem').filter({ hasText: 'Tea at the Royal Society' })).toContainText('with Ada Lovelace')
})

test('the global "Log interaction" picks the contact with a search @nojs', async ({ page }) => {
	await signUpAndVerify(page)
	await createContact(page, 'Grace', 'Hopper', 'Navy')
	const alan = await createContact(page, 'Alan', 'Turing')
	await page.getByRole('banner').getByRole('link', { name: 'Log interaction' }).click()
	await expect(page).toHaveURL(/\/interactions\/new$/)
	await expect(page.getByText('Who was it with?')).toBeVisible()
	await page.getByLabel('Search contacts').fill('turi')
	await page.getByRole('button', { name: 'Search' }).click()
	const results = page.getByRole('list', { name: 'Contacts' })
	await expect(results.getByRole('link')).toHaveCount(1)
	await results.getByRole('link', { name: /Alan Turing/ }).click()
	await expect(page.getByText('With Alan Turing')).toBeVisible()
	await page.getByText('Video call', { exact: true }).click()
	await page.getByLabel('Subject').fill('Enigma debrief')
	await page.getByRole('button', { name: 'Log interaction' }).click()
	await expect(page).toHaveURL(new RegExp(`/contacts/${alan}\\?interaction=logged`))
	await expect(page.getByRole('list', { name: 'Timeline' })).toContainText('Video call · Enigma debrief')
	await expect(lastContacted(page)).not.toHaveText('Never')

	// Unknown search, and the picker's "recently in touch" list puts Alan first now.
	await page.goto('/interactions/new?q=nobody-like-this')
	await expect(page.getByText('No contacts match “nobody-like-this”.')).toBeVisible()
	await page.goto('/interactions/new')
	await expect(page.getByRole('list', { name: 'Contacts' }).getByRole('link').first()).toContainText('Alan Turing')
})

test('another workspace’s contact or interaction answers 404', async ({ page, browser }) => {
	await signUpAndVerify(page)
	const id = await createContact(page, 'Private', 'Person')
	await main(page).getByRole('link', { name: 'Log interaction' }).first().click()
	await page.getByLabel('Subject').fill('Secret call')
	await page.getByRole('button', { name: 'Log interaction' }).click()
	await expect(page.getByText('Interaction logged.')).toBeVisible()
	const database = db()
	const { id: interactionId } = database.prepare('SELECT id FROM Interaction WHERE contactId = ?').get(id) as { id: string }
	database.close()

	const context = await browser.newContext({ baseURL: test.info().project.use.baseURL })
	const other = await context.newPage()
	await signUpAndVerify(other)
	for (const path of [`/interactions/new?contactId=${id}`, `/interactions/${interactionId}/edit`]) {
		const response = await other.goto(path)
		expect(response?.status(), path).toBe(404)
		await expect(other.getByText('We couldn’t find that page')).toBeVisible()
	}
	const origin = test.info().project.use.baseURL!
	const post = await other.request.post('/interactions/new', { form: { contactId: id, medium: 'CALL', subject: 'Sneaky' }, headers: { origin } })
	expect(post.status()).toBe(404)
	const del = await other.request.post(`/interactions/${interactionId}/edit`, { form: { intent: 'delete' }, headers: { origin } })
	expect(del.status()).toBe(404)
	await context.close()

	const check = db()
	expect(check.prepare('SELECT count(*) AS n FROM Interaction WHERE contactId = ?').get(id)).toEqual({ n: 1 })
	check.close()
})

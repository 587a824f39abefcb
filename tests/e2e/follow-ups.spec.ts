// Follow-ups end to end: schedule one from a contact page (a past date is refused
// beside the field), find it under Upcoming and in the calendar, complete it with
// an outcome logged as an interaction (also without JavaScript), reschedule and
// cancel another, and another workspace's follow-up answering 404.
import { type Page } from '@playwright/test'
import { db, expect, signUpAndVerify, test } from './utils.ts'

// With JS the browser's zone becomes the user's: a zone far from UTC keeps the app honest.
test.use({ timezoneId: 'Asia/Tokyo' })

async function createContact(page: Page, firstName: string, lastName: string) {
	await page.goto('/contacts/new')
	await page.getByLabel('First name').fill(firstName)
	await page.getByLabel('Last name').fill(lastName)
	await page.getByRole('button', { name: 'Save contact' }).click()
	await expect(page.getByRole('heading', { level: 1, name: `${firstName} ${lastName}` })).toBeVisible()
	return page.url().split('/contacts/')[1]!.split('?')[0]!
}

/** The user's zone, as stored at signup (the browser's with JS, UTC without). */
function userZone(email: string) {
	const conn = db()
	try {
		return (conn.prepare('SELECT timezone FROM User WHERE email = ?').get(email) as { timezone: string }).timezone
	} finally {
		conn.close()
	}
}

/** A datetime-local value `days` from now at `time`, in `zone`. */
function wallTime(zone: string, days: number, time: string) {
	const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * 86_400_000))
	return `${parts}T${time}`
}

function query<T>(sql: string, ...params: unknown[]) {
	const conn = db()
	try {
		return conn.prepare(sql).get(...params) as T
	} finally {
		conn.close()
	}
}

async function scheduleFrom(page: Page, contactId: string, fields: { type?: string; due: string; notes?: string }) {
	await page.goto(`/contacts/${contactId}`)
	await page.getByRole('link', { name: 'Add follow-up' }).click()
	await expect(page.getByRole('heading', { level: 1, name: 'New follow-up' })).toBeVisible()
	if (fields.type) await page.getByText(fields.type, { exact: true }).click()
	await page.getByLabel('Due', { exact: true }).fill(fields.due)
	if (fields.notes) await page.getByLabel('Notes').fill(fields.notes)
	await page.getByRole('button', { name: 'Schedule follow-up' }).click()
}

test('schedule a follow-up from a contact, find it, complete it and log it @nojs', async ({ page }) => {
	const { email } = await signUpAndVerify(page)
	const zone = userZone(email)
	const contactId = await createContact(page, 'Ada', 'Lovelace')
	await expect(page.getByRole('region', { name: 'Follow-ups' }).getByText('Nothing scheduled.')).toBeVisible()

	// A due time in the past is explained beside the field, and nothing is saved.
	await scheduleFrom(page, contactId, { type: 'Meeting', due: wallTime(zone, -1, '10:00') })
	await expect(page.getByLabel('Due', { exact: true })).toHaveAccessibleDescription(/Choose a date and time in the future/)
	expect(query<{ n: number }>('SELECT count(*) AS n FROM FollowUp WHERE contactId = ?', contactId).n).toBe(0)

	const due = wallTime(zone, 1, '10:00')
	await page.getByText('Meeting', { exact: true }).click()
	await page.getByLabel('Due', { exact: true }).fill(due)
	await page.getByLabel('Notes').fill('Bring the proposal')
	await page.getByRole('button', { name: 'Schedule follow-up' }).click()

	// Back on the contact, its card lists it.
	await expect(page).toHaveURL(new RegExp(`/contacts/${contactId}$`))
	const card = page.getByRole('region', { name: 'Follow-ups' })
	await expect(card.getByRole('link', { name: 'Meeting' })).toBeVisible()
	await expect(card.getByText('Bring the proposal')).toBeVisible()
	const { id } = query<{ id: string }>('SELECT id FROM FollowUp WHERE contactId = ?', contactId)

	// Under Upcoming on /follow-ups, and on its day in the calendar.
	await page.goto('/follow-ups')
	const upcoming = page.getByRole('region', { name: 'Upcoming' })
	await expect(upcoming.getByRole('link', { name: 'Ada Lovelace', exact: true })).toBeVisible()
	await expect(upcoming.getByText('Bring the proposal')).toBeVisible()
	await expect(page.getByRole('region', { name: 'Today' }).getByText('Nothing else due today.')).toBeVisible()
	await page.goto(`/follow-ups/calendar?month=${due.slice(0, 7)}`)
	await expect(page.getByRole('table').getByRole('link', { name: /10:00\s*Ada Lovelace/ })).toHaveAttribute('href', `/follow-ups/${id}`)

	// Complete it from the list: the outcome is required.
	await page.goto('/follow-ups')
	await page.getByRole('link', { name: 'Complete follow-up with Ada Lovelace' }).click()
	await expect(page).toHaveURL(new RegExp(`/follow-ups/${id}#complete$`))
	const complete = page.getByRole('region', { name: 'Complete' })
	await expect(complete.getByLabel('Also log it as an interaction')).toBeChecked()
	// The plan's notes are offered for editing, never silently replaced.
	await expect(complete.getByLabel('Notes')).toHaveValue('Bring the proposal')
	await complete.getByRole('button', { name: 'Complete follow-up' }).click()
	await expect(page.getByLabel('Outcome')).toHaveAccessibleDescription(/Say briefly how it went/)
	await page.getByLabel('Outcome').fill('Agreed to a pilot')
	await page.getByRole('region', { name: 'Complete' }).getByLabel('Notes').fill('Starts in May')
	await page.getByRole('button', { name: 'Complete follow-up' }).click()
	await expect(page.getByText('Follow-up completed.')).toBeVisible()
	await expect(page.getByRole('definition').filter({ hasText: 'Agreed to a pilot' })).toBeVisible()

	const row = query<{ status: string; outcome: string; notes: string; interactionId: string | null; completedAt: unknown }>('SELECT status, outcome, notes, interactionId, completedAt FROM FollowUp WHERE id = ?', id)
	expect(row).toMatchObject({ status: 'COMPLETED', outcome: 'Agreed to a pilot', notes: 'Starts in May' })
	expect(row.completedAt).not.toBeNull()
	const interaction = query<{ medium: string; contactId: string; outcome: string }>('SELECT medium, contactId, outcome FROM Interaction WHERE id = ?', row.interactionId)
	expect(interaction).toEqual({ medium: 'IN_PERSON', contactId, outcome: 'Agreed to a pilot' })
	expect(query<{ lastContactedAt: unknown }>('SELECT lastContactedAt FROM Contact WHERE id = ?', contactId).lastContactedAt).not.toBeNull()
	expect(query<{ n: number }>("SELECT count(*) AS n FROM ActivityLog WHERE entityId = ? AND action = 'follow_up_completed'", contactId).n).toBe(1)

	await page.goto('/follow-ups')
	await expect(page.getByRole('region', { name: 'Completed' }).getByRole('link', { name: 'Ada Lovelace', exact: true })).toBeVisible()
	await expect(page.getByRole('region', { name: 'Completed' }).getByText('Agreed to a pilot')).toBeVisible()
	await expect(page.getByRole('region', { name: 'Upcoming' }).getByText('Nothing scheduled after today.')).toBeVisible()
})

test('reschedule and cancel a follow-up', async ({ page }) => {
	const { email } = await signUpAndVerify(page)
	const zone = userZone(email)
	const contactId = await createContact(page, 'Grace', 'Hopper')
	await scheduleFrom(page, contactId, { due: wallTime(zone, 2, '15:30'), notes: 'Call about the conference' })
	await expect(page.getByRole('region', { name: 'Follow-ups' }).getByRole('link', { name: 'Call' })).toBeVisible()
	const { id } = query<{ id: string }>('SELECT id FROM FollowUp WHERE contactId = ?', contactId)

	// Reschedule: again only into the future.
	await page.goto('/follow-ups')
	await page.getByRole('link', { name: 'Reschedule follow-up with Grace Hopper' }).click()
	const reschedule = page.getByRole('region', { name: 'Reschedule' })
	await reschedule.getByLabel('New due date and time').fill(wallTime(zone, -2, '09:00'))
	await reschedule.getByRole('button', { name: 'Reschedule' }).click()
	await expect(page.getByLabel('New due date and time')).toHaveAccessibleDescription(/Choose a date and time in the future/)
	await page.getByLabel('New due date and time').fill(wallTime(zone, 5, '09:00'))
	await page.getByRole('button', { name: 'Reschedule' }).click()
	await expect(page.getByText('Follow-up rescheduled.')).toBeVisible()
	expect(query<{ n: number }>("SELECT count(*) AS n FROM ActivityLog WHERE entityId = ? AND action = 'follow_up_rescheduled'", contactId).n).toBe(1)

	await page.getByText('Cancel this follow-up').click()
	await page.getByLabel('Reason (optional)').fill('They went with another supplier')
	await page.getByRole('button', { name: 'Cancel follow-up' }).click()
	await expect(page.getByText('Follow-up cancelled.')).toBeVisible()
	expect(query<{ status: string; outcome: string }>('SELECT status, outcome FROM FollowUp WHERE id = ?', id)).toEqual({ status: 'CANCELLED', outcome: 'They went with another supplier' })
	// Closed: no more forms.
	await expect(page.getByRole('button', { name: 'Complete follow-up' })).toHaveCount(0)

	await page.goto('/follow-ups')
	await expect(page.getByRole('region', { name: 'Upcoming' }).getByText('Nothing scheduled after today.')).toBeVisible()
	await expect(page.getByRole('region', { name: 'Cancelled' }).getByRole('link', { name: 'Grace Hopper', exact: true })).toBeVisible()
	await expect(page.getByRole('region', { name: 'Cancelled' }).getByText('They went with another supplier')).toBeVisible()
	await page.goto(`/contacts/${contactId}`)
	await expect(page.getByRole('region', { name: 'Follow-ups' }).getByText('Nothing scheduled.')).toBeVisible()
})

test('another workspace’s follow-up is not found', async ({ page, browser }) => {
	const { email } = await signUpAndVerify(page)
	const contactId = await createContact(page, 'Alan', 'Turing')
	await scheduleFrom(page, contactId, { due: wallTime(userZone(email), 3, '11:00') })
	await expect(page.getByRole('region', { name: 'Follow-ups' }).getByRole('link', { name: 'Call' })).toBeVisible()
	const { id } = query<{ id: string }>('SELECT id FROM FollowUp WHERE contactId = ?', contactId)

	const other = await browser.newContext()
	const intruder = await other.newPage()
	await signUpAndVerify(intruder)
	for (const path of [`/follow-ups/${id}`, `/follow-ups/new?contactId=${contactId}`]) {
		const response = await intruder.goto(path)
		expect(response?.status()).toBe(404)
		await expect(intruder.getByText('We couldn’t find that page')).toBeVisible()
	}
	const post = await intruder.request.post(`/follow-ups/${id}`, { form: { intent: 'complete', outcome: 'Hijacked' } })
	expect(post.status()).toBe(404)
	await intruder.goto('/follow-ups')
	await expect(intruder.getByText('Alan Turing')).toHaveCount(0)
	await other.close()
	expect(query<{ status: string }>('SELECT status FROM FollowUp WHERE id = ?', id).status).toBe('PENDING')
})

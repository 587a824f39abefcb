// Reminders end to end: a contact whose birthday is in two days shows on
// /reminders; after the dispatch runs (the guarded test endpoint) it is in the
// notification center with an unread badge; Snooze, Done and Dismiss work there
// and on /reminders (also without JavaScript); the email's Snooze link works
// without signing in; and custom reminders and keep in touch on a contact page.
import fs from 'node:fs'
import path from 'node:path'
import { type APIRequestContext, type Page } from '@playwright/test'
import { db, expect, signUpAndVerify, test } from './utils.ts'

test.use({ timezoneId: 'Asia/Kolkata' })

const PORT = Number(process.env.E2E_PORT ?? 3100)
const OUTBOX = path.resolve(`tests/.tmp/e2e-outbox-${PORT}`)

function query<T>(sql: string, ...params: unknown[]) {
	const conn = db()
	try {
		return conn.prepare(sql).get(...params) as T
	} finally {
		conn.close()
	}
}

/** Month (name) and day `days` from now in `zone`. */
function dayIn(zone: string, days: number) {
	const at = new Date(Date.now() + days * 86_400_000)
	const month = new Intl.DateTimeFormat('en-GB', { timeZone: zone, month: 'long' }).format(at)
	const day = new Intl.DateTimeFormat('en-GB', { timeZone: zone, day: 'numeric' }).format(at)
	return { month, day }
}

async function dispatch(request: APIRequestContext) {
	const res = await request.post('/api/reminders/dispatch', { headers: { authorization: 'Bearer e2e-dispatch-secret' } })
	expect(res.status()).toBe(200)
	return (await res.json()) as { claimed: number }
}

/** Morning time 00:00, so a reminder for today is already due whatever the hour the test runs. */
async function earlyMornings(page: Page) {
	await page.goto('/settings/preferences')
	await page.getByLabel('Morning time').fill('00:00')
	await page.getByRole('button', { name: 'Save preferences' }).click()
	await expect(page.getByText('Saved')).toBeVisible()
}

async function contactWithBirthdayIn2Days(page: Page, email: string, name = ['Ada', 'Lovelace']) {
	await earlyMornings(page)
	const { timezone } = query<{ timezone: string }>('SELECT timezone FROM User WHERE email = ?', email)
	const { month, day } = dayIn(timezone, 2)
	await page.goto('/contacts/new')
	await page.getByLabel('First name').fill(name[0]!)
	await page.getByLabel('Last name').fill(name[1]!)
	await page.getByLabel('Birthday month').selectOption({ label: month })
	await page.getByLabel('Birthday day').fill(day)
	await page.getByRole('button', { name: 'Save contact' }).click()
	await expect(page.getByRole('heading', { level: 1, name: name.join(' ') })).toBeVisible()
	return page.url().split('/contacts/')[1]!.split('?')[0]!
}

test('a birthday in two days shows on /reminders and, after the dispatch, in the notification center; snooze, done and dismiss @nojs', async ({ page }) => {
	const { email } = await signUpAndVerify(page)
	const contactId = await contactWithBirthdayIn2Days(page, email)
	// The contact page lists what will remind me.
	await expect(page.getByText('Ada Lovelace’s birthday is in 2 days')).toBeVisible()

	await page.getByRole('link', { name: 'Reminders', exact: true }).click()
	await expect(page.getByRole('heading', { level: 1, name: 'Reminders' })).toBeVisible()
	const today = page.getByRole('region', { name: 'Today' })
	await expect(today.getByRole('link', { name: 'Ada Lovelace’s birthday is in 2 days' })).toBeVisible()
	await expect(page.getByRole('region', { name: /in 2 days/ }).getByRole('link', { name: 'Ada Lovelace’s birthday is today' })).toBeVisible()
	await expect(page.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible()

	// The dispatch fires the lead reminder (due this morning): once, however often it runs.
	await dispatch(page.request)
	await dispatch(page.request)
	await page.reload()
	await expect(page.getByRole('link', { name: 'Notifications, 1 unread' })).toBeVisible()
	await expect(page.getByRole('region', { name: 'Waiting for you' }).getByText('Ada Lovelace’s birthday is in 2 days')).toBeVisible()

	await page.getByRole('link', { name: 'Notifications, 1 unread' }).click()
	await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible()
	await expect(page.getByText('1 unread', { exact: true })).toBeVisible()
	const item = page.getByRole('listitem').filter({ hasText: 'Ada Lovelace’s birthday is in 2 days' })
	await expect(item).toHaveCount(1)

	// Snooze a day from the notification center: it leaves the badge and comes back tomorrow.
	await item.getByLabel('Snooze: Ada Lovelace’s birthday is in 2 days').click()
	await item.getByRole('button', { name: '1 day' }).click()
	await expect(page.getByRole('status')).toHaveText('Snoozed.')
	await expect(page.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible()
	const snoozed = query<{ status: string; scheduledAt: number | string }>("SELECT status, scheduledAt FROM Reminder WHERE contactId = ? AND dedupeKey LIKE '%:2d'", contactId)
	expect(snoozed.status).toBe('SNOOZED')
	expect(typeof snoozed.scheduledAt === 'number' ? snoozed.scheduledAt : Date.parse(snoozed.scheduledAt)).toBeGreaterThan(Date.now() + 23 * 3600_000)
	await page.goto('/reminders')
	await expect(page.getByRole('region', { name: 'Tomorrow' }).getByText('Snoozed', { exact: true })).toBeVisible()

	// Done on the birthday itself from /reminders; Dismiss the snoozed one.
	await page.getByRole('button', { name: 'Done: Ada Lovelace’s birthday is today' }).click()
	await expect(page.getByRole('status')).toHaveText('Marked done.')
	await page.getByRole('button', { name: 'Dismiss: Ada Lovelace’s birthday is in 2 days' }).click()
	await expect(page.getByRole('status')).toHaveText('Dismissed.')
	await expect(page.getByText('Nothing in the next 30 days')).toBeVisible()
	// Nothing fires again for the same moment.
	await dispatch(page.request)
	await page.goto('/notifications')
	await expect(page.getByText('All caught up', { exact: true })).toBeVisible()
	expect(query<{ n: number }>("SELECT COUNT(*) AS n FROM Notification n JOIN Reminder r ON r.id = n.reminderId WHERE r.contactId = ? AND n.channel = 'IN_APP'", contactId).n).toBe(1)
})

test('mark all read clears the bell, and the email’s Snooze link works without signing in', async ({ page, browser }) => {
	const { email } = await signUpAndVerify(page)
	await contactWithBirthdayIn2Days(page, email, ['Grace', 'Hopper'])
	await dispatch(page.request)
	await page.goto('/notifications')
	await expect(page.getByText('1 unread', { exact: true })).toBeVisible()
	await page.getByRole('button', { name: 'Mark all read' }).click()
	await expect(page.getByText('All caught up', { exact: true })).toBeVisible()
	await expect(page.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible()

	const files = fs.readdirSync(OUTBOX).filter((f) => f.endsWith('.json'))
	const mail = files
		.map((f) => JSON.parse(fs.readFileSync(path.join(OUTBOX, f), 'utf8')) as { to: string; subject: string; text: string })
		.find((m) => m.to === email && m.subject === 'Grace Hopper’s birthday is in 2 days')
	expect(mail).toBeTruthy()
	const snoozeLink = /Snooze: (\S+)/.exec(mail!.text)![1]!
	expect(snoozeLink).toContain('/reminders/action?token=')

	// A browser that is not signed in.
	const other = await browser.newContext()
	const anon = await other.newPage()
	await anon.goto(snoozeLink)
	await expect(anon.getByRole('heading', { name: 'Grace Hopper’s birthday is in 2 days' })).toBeVisible()
	await anon.getByRole('button', { name: '1 week' }).click()
	await expect(anon.getByRole('status')).toContainText('Snoozed until')
	await other.close()

	await page.goto('/reminders')
	await expect(page.getByRole('listitem').filter({ hasText: 'Grace Hopper’s birthday is in 2 days' }).getByText('Snoozed', { exact: true })).toBeVisible()
})

test('custom reminders and keep in touch on a contact page @nojs', async ({ page }) => {
	const { email } = await signUpAndVerify(page)
	const contactId = await contactWithBirthdayIn2Days(page, email, ['Alan', 'Turing'])
	const reminders = page.getByRole('region', { name: 'Reminders' })

	await reminders.getByLabel('Keep in touch').selectOption({ label: 'Every month' })
	await reminders.getByRole('button', { name: 'Save' }).click()
	await expect(reminders.getByText('Keep in touch saved.')).toBeVisible()
	await expect(reminders.getByText('Get in touch with Alan Turing')).toBeVisible()

	// A date in the past is refused beside the field.
	await reminders.getByLabel('What').fill('Ask about the paper')
	await reminders.getByLabel('Date').fill('2020-01-01')
	await reminders.getByRole('button', { name: 'Add reminder' }).click()
	await expect(reminders.getByText(/Choose a date/)).toBeVisible()

	const { timezone } = query<{ timezone: string }>('SELECT timezone FROM User WHERE email = ?', email)
	const inTen = new Intl.DateTimeFormat('en-CA', { timeZone: timezone }).format(new Date(Date.now() + 10 * 86_400_000))
	await reminders.getByLabel('What').fill('Ask about the paper')
	await reminders.getByLabel('Date').fill(inTen)
	await reminders.getByLabel('Repeat').selectOption({ label: 'Every month' })
	await reminders.getByRole('button', { name: 'Add reminder' }).click()
	await expect(reminders.getByText('Reminder added.')).toBeVisible()
	await expect(reminders.getByText('Ask about the paper')).toBeVisible()
	expect(query<{ n: number }>("SELECT COUNT(*) AS n FROM Reminder WHERE contactId = ? AND type = 'CUSTOM' AND recurrence = 'MONTHLY'", contactId).n).toBe(1)

	await page.goto('/reminders')
	await expect(page.getByRole('link', { name: 'Ask about the paper' })).toBeVisible()
	await page.goto(`/contacts/${contactId}`)
	await page.getByRole('button', { name: 'Delete reminder: Ask about the paper' }).click()
	await expect(page.getByText('Reminder deleted.')).toBeVisible()
	await expect(page.getByRole('region', { name: 'Reminders' }).getByText('Ask about the paper')).toHaveCount(0)
})

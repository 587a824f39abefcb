// Quick actions end to end: a message template with a preview, the exact outside
// URLs behind Call / WhatsApp / SMS / Email / Instagram, and the "Log this as an
// interaction?" prompt on return, logged in one click, with and without JavaScript.
import { type Page } from '@playwright/test'
import { db, expect, signUpAndVerify, test } from './utils.ts'

// "Hi {{firstName}} 👋\nCoffee & cake at {{company}}?" for Ada at Analytical Engines:
const MESSAGE = 'Hi Ada 👋\nCoffee & cake at Analytical Engines?'
const LF = 'Hi%20Ada%20%F0%9F%91%8B%0ACoffee%20%26%20cake%20at%20Analytical%20Engines%3F'
const CRLF = 'Hi%20Ada%20%F0%9F%91%8B%0D%0ACoffee%20%26%20cake%20at%20Analytical%20Engines%3F'

async function createTemplate(page: Page, js: boolean) {
	await page.goto('/settings/templates')
	await expect(page.getByRole('list', { name: 'Built-in templates' })).toContainText('Happy birthday!')
	const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Add template' }) })
	await form.getByLabel('Name').fill('Coffee?')
	await form.getByLabel('Used for').selectOption('FOLLOW_UP')
	// An unknown placeholder is a clear error, and nothing is saved.
	await form.getByLabel('Message').fill('Hi {{nickname}}')
	await form.getByRole('button', { name: 'Add template' }).click()
	await expect(page.getByText('{{nickname}} is not a placeholder.')).toBeVisible()

	await form.getByLabel('Message').fill('Hi {{firstName}} 👋\nCoffee & cake at {{company}}?')
	// The preview: as you type with JS, with the Preview button without.
	if (!js) await form.getByRole('button', { name: 'Preview' }).click()
	await expect(page.getByTestId('preview-new')).toHaveText('Hi Ada 👋\nCoffee & cake at Analytical Engines?')
	await form.getByRole('button', { name: 'Add template' }).click()
	await expect(page.getByText('Added “Coffee?”.')).toBeVisible()
	await expect(page.getByRole('list', { name: 'Your templates' })).toContainText('Coffee?')
}

async function createAda(page: Page) {
	await page.goto('/contacts/new')
	await page.getByLabel('First name').fill('Ada')
	await page.getByLabel('Last name').fill('Lovelace')
	await page.getByLabel('Email', { exact: true }).fill('ada@example.com')
	await page.getByLabel('Phone', { exact: true }).fill('(415) 555-2671')
	await page.getByLabel('Phone 1 label').fill('mobile')
	await page.getByLabel('Or a new company').fill('Analytical Engines')
	await page.getByLabel('Instagram').fill('@Ada.L')
	await page.getByRole('button', { name: 'Save contact' }).click()
	await expect(page.getByRole('heading', { level: 1, name: 'Ada Lovelace' })).toBeVisible()
	return page.url().split('/contacts/')[1]!.split('?')[0]!
}

/** Where an app URL redirects to, without following it (the browser would hand tel:/sms:/mailto: to another app). */
async function location(page: Page, href: string) {
	const response = await page.request.get(href, { maxRedirects: 0 })
	expect(response.status(), href).toBe(302)
	return response.headers()['location']
}

test('a quick action with a template goes out with the exact URL; back in Rapport, one click logs it @nojs', async ({ page }, testInfo) => {
	const js = testInfo.project.name !== 'no-js'
	await signUpAndVerify(page, { name: 'Grace Hopper' })
	await createTemplate(page, js)
	const id = await createAda(page)

	// Each action is there because Ada has what it needs.
	const actions = page.getByRole('list', { name: 'Quick actions' })
	for (const name of [/^Call/, /^WhatsApp/, /^SMS/, /^Email/, /^Instagram/]) await expect(actions.getByRole('link', { name })).toBeVisible()

	// Choose the template: the links carry it and the message shows, filled in for Ada.
	const use = page.getByRole('button', { name: 'Use', exact: true })
	// With JS the choice applies itself, once the page is live (the button goes away then).
	if (js) await expect(use).toBeHidden()
	await page.getByLabel('Message', { exact: true }).selectOption({ label: 'Coffee?' })
	if (!js) await use.click()
	await expect(page.getByTestId('quick-message')).toHaveText(MESSAGE)
	await expect(actions.getByRole('link', { name: /^WhatsApp/ })).toHaveAttribute('href', /template=/)

	// tel:, sms:, mailto: and Instagram: the app URL answers 302 with the exact Location.
	const href = async (name: RegExp) => (await actions.getByRole('link', { name }).getAttribute('href'))!
	expect(await location(page, await href(/^Call/))).toBe('tel:+14155552671')
	expect(await location(page, await href(/^SMS/))).toBe(`sms:+14155552671?body=${LF}`)
	expect(await location(page, await href(/^Email/))).toBe(`mailto:ada@example.com?subject=Coffee%3F&body=${CRLF}`)
	expect(await location(page, await href(/^Instagram/))).toBe('https://instagram.com/ada.l')

	// WhatsApp opens in a new tab: the request goes to wa.me, exactly so.
	let whatsapp = ''
	await page.context().route('https://wa.me/**', (route) => {
		whatsapp = route.request().url()
		return route.fulfill({ contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>WhatsApp</title><p>Opening WhatsApp…</p>' })
	})
	const clickedAt = Date.now()
	const popupOpened = page.waitForEvent('popup')
	await actions.getByRole('link', { name: /^WhatsApp/ }).click()
	const popup = await popupOpened
	await expect(popup.getByText('Opening WhatsApp…')).toBeVisible()
	expect(whatsapp).toBe(`https://wa.me/14155552671?text=${LF}`)
	await popup.close()

	// Back on the contact page, Rapport asks; "Log it" records the interaction.
	await page.goto(`/contacts/${id}`)
	const prompt = page.getByRole('region', { name: 'Log this WhatsApp message to Ada Lovelace as an interaction?' })
	await expect(prompt).toBeVisible()
	await expect(prompt).toContainText('Coffee & cake at Analytical Engines?')
	await prompt.getByRole('button', { name: 'Log it' }).click()
	await expect(page.getByText('Interaction logged.')).toBeVisible()
	await expect(prompt).toBeHidden()

	const rows = db()
		.prepare('SELECT medium, subject, notes, occurredAt, userId FROM Interaction WHERE contactId = ?')
		.all(id) as Array<{ medium: string; subject: string; notes: string; occurredAt: string; userId: string }>
	expect(rows).toHaveLength(1)
	expect(rows[0]).toMatchObject({ medium: 'WHATSAPP', subject: 'Coffee?', notes: MESSAGE })
	// At the time of the click.
	const at = new Date(rows[0]!.occurredAt).getTime()
	expect(at).toBeGreaterThanOrEqual(clickedAt - 1000)
	expect(at).toBeLessThanOrEqual(Date.now())
	const contact = db().prepare('SELECT lastContactedAt FROM Contact WHERE id = ?').get(id) as { lastContactedAt: string }
	expect(new Date(contact.lastContactedAt).getTime()).toBe(at)

	// Answered: it does not ask again.
	await page.goto(`/contacts/${id}`)
	await expect(page.getByRole('heading', { level: 1, name: 'Ada Lovelace' })).toBeVisible()
	await expect(page.getByText(/as an interaction\?/)).toHaveCount(0)

	// An email this time, answered with "Dismiss" from another page: nothing is logged.
	await location(page, await href(/^Email/))
	await page.goto('/contacts')
	const emailPrompt = page.getByRole('region', { name: 'Log this email to Ada Lovelace as an interaction?' })
	await expect(emailPrompt).toBeVisible()
	await emailPrompt.getByRole('button', { name: 'Dismiss' }).click()
	await expect(emailPrompt).toBeHidden()
	await expect(page).toHaveURL(/\/contacts$/)
	expect((db().prepare('SELECT COUNT(*) AS n FROM Interaction WHERE contactId = ?').get(id) as { n: number }).n).toBe(1)
})

test('the prompt can be edited before logging, and the list rows have compact quick actions', async ({ page }) => {
	await signUpAndVerify(page, { name: 'Grace Hopper' })
	const id = await createAda(page)
	await page.goto('/contacts')
	const row = page.getByRole('row', { name: /Ada Lovelace/ })
	const call = row.getByRole('link', { name: 'Call', exact: true })
	await expect(call).toHaveAttribute('title', 'Call +1 415 555 2671')
	await location(page, (await call.getAttribute('href'))!)

	await page.reload()
	const prompt = page.getByRole('region', { name: 'Log this call with Ada Lovelace as an interaction?' })
	await prompt.getByText('Edit before logging').click()
	await prompt.getByLabel('How').selectOption('VIDEO')
	await prompt.getByLabel('Notes').fill('Talked about the Analytical Engine')
	await prompt.getByRole('button', { name: 'Log it' }).click()
	await expect(page.getByText('Interaction logged.')).toBeVisible()
	const row2 = db().prepare('SELECT medium, notes FROM Interaction WHERE contactId = ?').get(id)
	expect(row2).toEqual({ medium: 'VIDEO', notes: 'Talked about the Analytical Engine' })
})

test('another workspace’s contact is not found, and a forged medium is an error, not a 500', async ({ page, browser }) => {
	await signUpAndVerify(page)
	const id = await createAda(page)
	const other = await browser.newPage()
	await signUpAndVerify(other)
	expect((await other.request.get(`/go/whatsapp/${id}`, { maxRedirects: 0 })).status()).toBe(404)
	expect((await other.request.get(`/go/telegram/${id}`, { maxRedirects: 0 })).status()).toBe(404)
	await other.close()

	await location(page, `/go/sms/${id}`)
	const response = await page.request.post(`/contacts/${id}/log-prompt`, {
		form: { intent: 'log', medium: 'CARRIER_PIGEON', notes: 'hi' },
		headers: { origin: new URL(page.url()).origin },
	})
	expect(response.status()).toBe(400)
	expect(await response.text()).toContain('Choose how you were in touch')
	expect((db().prepare('SELECT COUNT(*) AS n FROM Interaction WHERE contactId = ?').get(id) as { n: number }).n).toBe(0)
})

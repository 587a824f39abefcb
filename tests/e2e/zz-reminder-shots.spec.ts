import { expect, test } from '@playwright/test'
import { signUpAndVerify } from './utils.ts'

test.use({ timezoneId: 'Asia/Kolkata' })

test('shots', async ({ page }) => {
	test.setTimeout(180_000)
	await signUpAndVerify(page, { name: 'Priya Sharma' })
	await page.goto('/settings/preferences')
	await page.getByLabel('Morning time').fill('00:00')
	await page.getByRole('button', { name: 'Save preferences' }).click()
	await expect(page.getByText('Saved')).toBeVisible()
	const at = (d: number) => new Date(Date.now() + d * 86_400_000)
	const md = (d: number) => ({ month: new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Kolkata', month: 'long' }).format(at(d)), day: new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Kolkata', day: 'numeric' }).format(at(d)) })
	const people: Array<[string, string, number]> = [['Ada', 'Lovelace', 2], ['Grace', 'Hopper', 0], ['Alan', 'Turing', 9], ['Katherine', 'Johnson', 17]]
	let firstId = ''
	for (const [f, l, d] of people) {
		await page.goto('/contacts/new')
		await page.getByLabel('First name').fill(f)
		await page.getByLabel('Last name').fill(l)
		await page.getByLabel('Birthday month').selectOption({ label: md(d).month })
		await page.getByLabel('Birthday day').fill(md(d).day)
		await page.getByRole('button', { name: 'Save contact' }).click()
		await expect(page.getByRole('heading', { level: 1, name: `${f} ${l}` })).toBeVisible()
		if (!firstId) firstId = page.url().split('/contacts/')[1]!.split('?')[0]!
	}
	const reminders = page.getByRole('region', { name: 'Reminders' })
	await reminders.getByLabel('Keep in touch').selectOption({ label: 'Every month' })
	await reminders.getByRole('button', { name: 'Save' }).click()
	await expect(reminders.getByText('Keep in touch saved.')).toBeVisible()
	await reminders.getByLabel('What').fill('Send the conference photos')
	await reminders.getByLabel('Date').fill(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata' }).format(at(5)))
	await reminders.getByLabel('Repeat').selectOption({ label: 'Every month' })
	await reminders.getByRole('button', { name: 'Add reminder' }).click()
	await expect(reminders.getByText('Reminder added.')).toBeVisible()
	await page.request.post('/api/reminders/dispatch', { headers: { authorization: 'Bearer e2e-dispatch-secret' } })
	const pages: Array<[string, string]> = [['reminders', '/reminders'], ['notifications', '/notifications'], ['contact', `/contacts/${firstId}`], ['settings-notifications', '/settings/notifications'], ['preferences', '/settings/preferences']]
	for (const theme of ['Light', 'Dark']) {
		await page.setViewportSize({ width: 1280, height: 900 })
		await page.goto('/settings/preferences')
		await page.getByText(theme, { exact: true }).click()
		await page.getByRole('button', { name: 'Save preferences' }).click()
		await expect(page.getByText('Saved')).toBeVisible()
		for (const width of [1280, 390]) {
			await page.setViewportSize({ width, height: 900 })
			for (const [name, url] of pages) {
				await page.goto(url)
				await page.screenshot({ path: `/tmp/wt-reminders-shots/${name}-${width}-${theme.toLowerCase()}.png`, fullPage: true })
			}
		}
	}
	// The snooze menu open, and the email link page.
	await page.setViewportSize({ width: 1280, height: 900 })
	await page.goto('/reminders')
	await page.locator('summary').filter({ hasText: 'Snooze' }).first().click()
	await page.screenshot({ path: `/tmp/wt-reminders-shots/reminders-snooze-open.png` })
})

// Import and export end to end: a Google CSV through preview, import, re-import and
// undo (also with JavaScript off); an Apple vCard with its photo; a large file in the
// background; an exported CSV; malformed files refused; other users' records 404.
import fs from 'node:fs'
import path from 'node:path'
import { type Page } from '@playwright/test'
import { db, expect, signUpAndVerify, test } from './utils.ts'

const fixture = (name: string) => path.resolve('tests/fixtures', name)

function workspaceOf(email: string) {
	const conn = db()
	try {
		const row = conn.prepare('SELECT m.workspaceId FROM Membership m JOIN User u ON u.id = m.userId WHERE u.email = ?').get(email) as { workspaceId: string }
		return row.workspaceId
	} finally {
		conn.close()
	}
}

function query<T>(sql: string, ...params: unknown[]) {
	const conn = db()
	try {
		return conn.prepare(sql).all(...params) as T[]
	} finally {
		conn.close()
	}
}

async function upload(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }) {
	await page.goto('/contacts/import')
	await page.getByLabel('Contacts file').setInputFiles(file)
	await page.getByRole('button', { name: 'Upload and preview' }).click()
}

const count = (page: Page, outcome: string) => page.getByTestId('import-counts').locator(`[data-outcome="${outcome}"]`)

test('Google CSV: preview, import, re-import without duplicates, undo @nojs', async ({ page }) => {
	const { email } = await signUpAndVerify(page)
	const workspaceId = workspaceOf(email)

	await upload(page, fixture('google-contacts.csv'))
	await expect(page).toHaveURL(/\/contacts\/import\?token=/)
	await expect(page.getByText('Google Contacts (CSV)')).toBeVisible()
	await expect(count(page, 'create')).toHaveText('6')
	await expect(count(page, 'reject')).toHaveText('1')
	// A bad value is left out and said beside its line; the contact is kept.
	await expect(page.getByText('Line 8: the email address ‘bob@’ (home) is not a valid email address, so it was left out')).toBeVisible()
	await expect(page.getByText('Line 9', { exact: true })).toBeVisible()
	await expect(page.getByRole('combobox', { name: 'Column “E-mail 1 - Value” imports as' })).toHaveValue('email')
	expect(query('SELECT id FROM Contact WHERE workspaceId = ?', workspaceId)).toHaveLength(0)

	await page.getByRole('button', { name: 'Import 6 contacts' }).click()
	await expect(page).toHaveURL(/\/contacts\/import\/[a-z0-9]+$/)
	const report = page.getByTestId('import-report')
	await expect(report.getByText('Created').locator('..')).toContainText('6')
	await expect(page.getByRole('heading', { name: 'Rejected rows' })).toBeVisible()
	await expect(page.getByText('Line 9', { exact: true })).toBeVisible()
	await expect(page.getByText('Line 11: the birthday ‘1990-02-30’ is not a real date (1990 has no 30 February), so it was left out')).toBeVisible()
	const batchUrl = page.url()

	const contacts = query<{ id: string; displayName: string; source: string }>('SELECT id, displayName, source FROM Contact WHERE workspaceId = ? ORDER BY displayName', workspaceId)
	expect(contacts.map((c) => c.displayName)).toEqual(['Bob Typo', 'Hedy Lamarr', 'Margaret Hamilton', 'Radia Perlman', 'Tim Berners-Lee', 'no.name'])
	expect(contacts.every((c) => c.source === 'IMPORT')).toBe(true)
	await page.goto('/contacts')
	await expect(page.getByRole('link', { name: 'Margaret Hamilton' })).toBeVisible()
	const margaret = contacts.find((c) => c.displayName === 'Margaret Hamilton')!
	await page.goto(`/contacts/${margaret.id}`)
	await expect(page.getByRole('heading', { name: 'Margaret Hamilton' })).toBeVisible()
	await expect(page.getByText('Apollo Software').first()).toBeVisible()

	// The same file again: nothing new.
	await upload(page, fixture('google-contacts.csv'))
	await expect(count(page, 'create')).toHaveText('0')
	await expect(count(page, 'duplicate')).toHaveText('6')
	await expect(page.getByRole('button', { name: 'Import 0 contacts' })).toBeDisabled()
	expect(query('SELECT id FROM Contact WHERE workspaceId = ?', workspaceId)).toHaveLength(6)

	// Undo, behind a confirm step.
	await page.goto(batchUrl)
	await page.getByRole('link', { name: 'Undo this import…' }).click()
	await page.getByRole('button', { name: 'Yes, delete 6 contacts' }).click()
	await expect(page.getByText('Import undone: 6 contacts removed.')).toBeVisible()
	expect(query('SELECT id FROM Contact WHERE workspaceId = ?', workspaceId)).toHaveLength(0)
	await page.goto('/contacts/import')
	await expect(page.getByRole('row', { name: /google-contacts\.csv/ }).first()).toContainText('Undone')
})

test('changing the column mapping updates the preview @nojs', async ({ page }) => {
	await signUpAndVerify(page)
	await upload(page, { name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from('Nom,Courriel,Remarque\nLovelace,ada@example.com,Pioneer\n') })
	await expect(count(page, 'create')).toHaveText('1')
	const notes = page.getByRole('combobox', { name: 'Column “Remarque” imports as' })
	await expect(notes).toHaveValue('')
	await notes.selectOption('notes')
	// With JavaScript the change is sent at once; without, with the button.
	if (test.info().project.name === 'no-js') await page.getByRole('button', { name: 'Update preview' }).click()
	await expect(page).toHaveURL(/map=notes/)
	await expect(page.getByRole('combobox', { name: 'Column “Remarque” imports as' })).toHaveValue('notes')
})

test('an Apple vCard keeps its photo and its year-less birthday', async ({ page }) => {
	const { email } = await signUpAndVerify(page)
	const workspaceId = workspaceOf(email)
	await upload(page, fixture('apple-contacts.vcf'))
	await expect(page.getByText('vCard', { exact: true })).toBeVisible()
	await expect(count(page, 'create')).toHaveText('3')
	await page.getByRole('button', { name: 'Import 3 contacts' }).click()
	await expect(page).toHaveURL(/\/contacts\/import\/[a-z0-9]+$/)

	const [ada] = query<{ id: string; birthdayMonth: number; birthdayDay: number; birthdayYear: number | null; contentType: string; size: number }>(
		'SELECT c.id, c.birthdayMonth, c.birthdayDay, c.birthdayYear, i.contentType, length(i.blob) AS size FROM Contact c JOIN ContactImage i ON i.contactId = c.id WHERE c.workspaceId = ? AND c.lastName = ?',
		workspaceId,
		'Lovelace',
	)
	expect(ada).toMatchObject({ birthdayMonth: 12, birthdayDay: 10, birthdayYear: 1985, contentType: 'image/png', size: 512 })
	const [grace] = query<{ birthdayMonth: number; birthdayDay: number; birthdayYear: number | null }>('SELECT birthdayMonth, birthdayDay, birthdayYear FROM Contact WHERE workspaceId = ? AND lastName = ?', workspaceId, 'Hopper')
	expect(grace).toEqual({ birthdayMonth: 3, birthdayDay: 14, birthdayYear: null })

	await page.goto(`/contacts/${ada!.id}`)
	const picture = page.locator(`img[src^="/contacts/${ada!.id}/picture"]`).first()
	await expect(picture).toBeVisible()
	expect((await page.request.get((await picture.getAttribute('src'))!)).headers()['content-type']).toBe('image/png')

	// One contact back out as a vCard.
	const card = await page.request.get(`/contacts/${ada!.id}.vcf`)
	expect(card.status()).toBe(200)
	expect(card.headers()['content-disposition']).toContain('Ada-Augusta-Lovelace.vcf')
	const text = await card.text()
	expect(text).toContain('BDAY:19851210')
	expect(text).toContain('PHOTO:data:image/png;base64,')
})

test('a large file imports in the background while the page shows progress @nojs', async ({ page }) => {
	const { email } = await signUpAndVerify(page)
	const workspaceId = workspaceOf(email)
	const rows = ['First Name,Last Name,Email,Phone']
	// Over 5,000 rows: validated by the worker thread, written in several chunks.
	for (let i = 0; i < 6000; i++) rows.push(`Person${i},Bulk,person${i}@bulk.example,`)
	await upload(page, { name: 'bulk.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) })
	await page.getByRole('button', { name: 'Import 6,000 contacts' }).click()
	await expect(page).toHaveURL(/\/contacts\/import\/[a-z0-9]+$/)
	// Polled with JavaScript, refreshed by a meta tag without: either way it ends done.
	await expect(page.getByText('Done', { exact: true })).toBeVisible({ timeout: 20_000 })
	await expect(page.getByTestId('import-report').getByText('Created').locator('..')).toContainText('6,000')
	expect(query('SELECT id FROM Contact WHERE workspaceId = ?', workspaceId)).toHaveLength(6000)
})

test('export CSV downloads the contacts, and vCard too', async ({ page }) => {
	await signUpAndVerify(page)
	await upload(page, fixture('outlook-contacts.csv'))
	await page.getByRole('button', { name: 'Import 3 contacts' }).click()
	await expect(page).toHaveURL(/\/contacts\/import\/[a-z0-9]+$/)

	await page.goto('/contacts')
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()])
	expect(download.suggestedFilename()).toMatch(/^rapport-contacts-\d{4}-\d{2}-\d{2}\.csv$/)
	const csv = fs.readFileSync((await download.path())!, 'utf8')
	expect(csv.split('\r\n')[0]).toContain('First name,Last name,Nickname,Email 1,Email 1 label')
	for (const name of ['Barbara,Liskov', 'Ken,Thompson', 'Dennis,Ritchie']) expect(csv).toContain(name)
	expect(csv).toContain('+16175550141,mobile')

	const vcf = await page.request.get('/contacts/export?format=vcf')
	expect(vcf.headers()['content-type']).toBe('text/vcard; charset=utf-8')
	expect((await vcf.text()).match(/BEGIN:VCARD/g)).toHaveLength(3)
})

test('malformed files get a clear message and nothing is created @nojs', async ({ page }) => {
	const { email } = await signUpAndVerify(page)
	const workspaceId = workspaceOf(email)
	await upload(page, fixture('malformed-binary.csv'))
	await expect(page.getByRole('alert')).toContainText('isn’t a CSV or vCard file')
	await upload(page, fixture('malformed-no-header.csv'))
	await expect(page.getByRole('alert')).toContainText('The first row looks like a contact, not column names')
	await upload(page, fixture('malformed-unclosed-quote.csv'))
	await expect(page.getByRole('alert')).toContainText('Line 3: a quote')
	await upload(page, { name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) })
	await expect(page.getByText('Choose a CSV or vCard (.vcf) file')).toBeVisible()
	expect(query('SELECT id FROM Contact WHERE workspaceId = ?', workspaceId)).toHaveLength(0)
	expect(query('SELECT id FROM ImportBatch WHERE workspaceId = ?', workspaceId)).toHaveLength(0)
})

test('another user’s import, contact card and export are out of reach', async ({ page, browser }) => {
	await signUpAndVerify(page)
	await upload(page, fixture('linkedin-connections.csv'))
	await expect(page.getByText('LinkedIn connections (CSV)')).toBeVisible()
	await page.getByRole('button', { name: 'Import 3 contacts' }).click()
	await expect(page).toHaveURL(/\/contacts\/import\/[a-z0-9]+$/)
	const batchPath = new URL(page.url()).pathname
	const [sophie] = query<{ id: string }>("SELECT id FROM Contact WHERE displayName = 'Sophie Wilson' ORDER BY createdAt DESC LIMIT 1")

	const context = await browser.newContext({ baseURL: test.info().project.use.baseURL })
	const other = await context.newPage()
	await signUpAndVerify(other)
	expect((await other.goto(batchPath))!.status()).toBe(404)
	expect((await other.request.get(`${batchPath}/rejected.csv`)).status()).toBe(404)
	expect((await other.request.get(`/contacts/${sophie!.id}.vcf`)).status()).toBe(404)
	const theirs = await other.request.get(`/contacts/export?ids=${sophie!.id}`)
	expect((await theirs.text()).trim().split('\r\n')).toHaveLength(1)
	await context.close()
})

// Deals end to end: create one; the board with mouse and keyboard dragging (totals
// that update and survive a reload), "Move to" without JavaScript, a refused move
// rolling back; the list's filters; the deal page logging an interaction and
// scheduling a follow-up, won/lost; and the pipeline settings.
import { type Locator, type Page } from '@playwright/test'
import { expect, signUpAndVerify, test } from './utils.ts'

async function selectStage(page: Page, stage: string) {
	const select = page.getByLabel('Stage')
	const value = await select.locator('option', { hasText: new RegExp(`^${stage} \\(`) }).getAttribute('value')
	await select.selectOption(value!)
}

async function newDeal(page: Page, fields: { name: string; value?: string; stage?: string; company?: string; close?: string }) {
	await page.goto('/deals/new')
	await expect(page.getByRole('heading', { name: 'New deal' })).toBeVisible()
	await page.getByLabel('Name', { exact: true }).fill(fields.name)
	if (fields.value) await page.getByLabel('Value').fill(fields.value)
	if (fields.stage) await selectStage(page, fields.stage)
	if (fields.company) await page.getByLabel('Company').selectOption({ label: fields.company })
	if (fields.close) await page.getByLabel('Expected close').fill(fields.close)
	await page.getByRole('button', { name: 'Save deal' }).click()
	await expect(page.getByRole('heading', { level: 1, name: fields.name })).toBeVisible()
	return page.url().split('/deals/')[1]!.split('?')[0]!
}
const column = (page: Page, stage: string) => page.locator(`section[data-stage="${stage}"]`)
const card = (page: Page, name: string) => page.locator(`[data-testid="deal-card"][data-deal="${name}"]`)

async function expectColumn(col: Locator, count: number, value: string) {
	await expect(col.getByTestId('column-count')).toHaveText(String(count))
	await expect(col.getByTestId('column-value')).toHaveText(value)
}

/** Waits for hydration: the drag handles get dnd-kit's role description only on the client. */
async function hydrated(page: Page) {
	await expect(page.locator('[aria-roledescription="sortable"]').first()).toBeVisible()
}

async function mouseDrag(page: Page, from: Locator, to: Locator) {
	const a = (await from.boundingBox())!
	const b = (await to.boundingBox())!
	await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2)
	await page.mouse.down()
	await page.mouse.move(a.x + a.width / 2 + 10, a.y + a.height / 2 + 10, { steps: 5 })
	await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 15 })
	await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2 + 2, { steps: 2 })
	await page.mouse.up()
}

test('create a deal; it shows on the board, the list and its page @nojs', async ({ page }) => {
	await signUpAndVerify(page)
	await page.goto('/deals')
	await expect(page.getByRole('heading', { name: 'Deals', level: 1 })).toBeVisible()
	await page.getByRole('link', { name: 'New deal' }).first().click()
	await expect(page.getByRole('heading', { name: 'New deal' })).toBeVisible()
	// Mistakes are explained and nothing is saved.
	await page.getByLabel('Value').fill('lots')
	await page.getByRole('button', { name: 'Save deal' }).click()
	await expect(page.getByText('Name the deal')).toBeVisible()
	await expect(page.getByText('Enter an amount, like 12500 or 12,500.50')).toBeVisible()

	await page.getByLabel('Name', { exact: true }).fill('Rocket fuel contract')
	await page.getByLabel('Value').fill('12,500')
	await selectStage(page, 'Qualification')
	await page.getByLabel('Expected close').fill('2027-03-15')
	await page.getByRole('button', { name: 'Save deal' }).click()
	await expect(page.getByRole('heading', { level: 1, name: 'Rocket fuel contract' })).toBeVisible()
	await expect(page.getByText('$12,500').first()).toBeVisible()
	// Probability came from the stage.
	await expect(page.getByText('25% likely')).toBeVisible()
	await expect(page.getByText('Created in Qualification')).toBeVisible()

	// Edit: a new value; the stage's probability stays.
	await page.getByRole('link', { name: 'Edit' }).click()
	await expect(page.getByRole('heading', { name: 'Edit Rocket fuel contract' })).toBeVisible()
	await expect(page.getByLabel('Value')).toHaveValue('12500')
	await page.getByLabel('Value').fill('12,000.50')
	await page.getByRole('button', { name: 'Save changes' }).click()
	await expect(page.getByText('Changes saved.')).toBeVisible()
	await expect(page.getByText('$12,000.50').first()).toBeVisible()
	await expect(page.getByText('25% likely')).toBeVisible()
	await page.getByRole('link', { name: 'Edit' }).click()
	await expect(page.getByLabel('Value')).toHaveValue('12000.5')
	await page.getByLabel('Value').fill('12500')
	await page.getByRole('button', { name: 'Save changes' }).click()
	await expect(page.getByText('Changes saved.')).toBeVisible()

	await page.goto('/deals')
	await expectColumn(column(page, 'Qualification'), 1, '$12,500')
	await expect(column(page, 'Qualification').getByTestId('column-weighted')).toHaveText('Weighted $3,125')
	await expect(card(page, 'Rocket fuel contract')).toContainText('Mar 15, 2027')
	await page.goto('/deals/list')
	await expect(page.getByTestId('deal-row')).toHaveCount(1)
})

test('drag a deal with the mouse and with the keyboard; totals update and survive a reload', async ({ page }) => {
	await signUpAndVerify(page)
	await newDeal(page, { name: 'Alpha', value: '1000', stage: 'Prospecting' })
	await newDeal(page, { name: 'Bravo', value: '3000', stage: 'Prospecting' })
	// The board renders on the server and hydrates without a mismatch.
	const problems: string[] = []
	page.on('console', (msg) => {
		if (msg.type() === 'error' || /hydrat|did not match/i.test(msg.text())) problems.push(msg.text())
	})
	page.on('pageerror', (error) => problems.push(error.message))
	await page.goto('/deals')
	await hydrated(page)
	expect(problems).toEqual([])
	const prospecting = column(page, 'Prospecting')
	const qualification = column(page, 'Qualification')
	const proposal = column(page, 'Proposal')
	await expectColumn(prospecting, 2, '$4,000')

	// Mouse: Alpha's handle onto the Qualification column.
	await mouseDrag(page, page.getByRole('button', { name: 'Move Alpha' }), qualification.locator('ol'))
	await expect(qualification.getByTestId('deal-card')).toHaveText([/Alpha/])
	await expectColumn(prospecting, 1, '$3,000')
	await expectColumn(qualification, 1, '$1,000')
	await expect(qualification.getByTestId('column-weighted')).toHaveText('Weighted $250')

	// Keyboard: space picks Bravo up, the right arrow goes to the next stage, space drops it.
	const handle = page.getByRole('button', { name: 'Move Bravo' })
	await handle.focus()
	// dnd-kit's live region reads each step out with the deal's and stages' names.
	const live = page.locator('[id^="DndLiveRegion"]')
	await page.keyboard.press('Space')
	await expect(handle).toHaveAttribute('aria-pressed', 'true')
	await expect(live).toContainText(/Bravo .*Prospecting/)
	await page.keyboard.press('ArrowRight')
	await expect(live).toHaveText(/Bravo is over Qualification/)
	await page.keyboard.press('ArrowRight')
	await expect(live).toHaveText(/Bravo is over Proposal/)
	await page.keyboard.press('Space')
	await expect(live).toHaveText(/Bravo was dropped in Proposal/)
	await expect(proposal.getByTestId('deal-card')).toHaveText([/Bravo/])
	await expectColumn(prospecting, 0, '$0')
	await expectColumn(proposal, 1, '$3,000')

	// The server kept both moves.
	await page.waitForLoadState('networkidle')
	await page.reload()
	await hydrated(page)
	await expectColumn(prospecting, 0, '$0')
	await expectColumn(qualification, 1, '$1,000')
	await expectColumn(proposal, 1, '$3,000')
	await expect(proposal.getByTestId('column-weighted')).toHaveText('Weighted $1,500')

	// Within a column: Charlie (new, on top) goes below Alpha with the keyboard.
	await newDeal(page, { name: 'Charlie', value: '500', stage: 'Qualification' })
	await page.goto('/deals')
	await hydrated(page)
	await expect(qualification.getByTestId('deal-card')).toHaveText([/Charlie/, /Alpha/])
	const charlie = page.getByRole('button', { name: 'Move Charlie' })
	await charlie.focus()
	// Each key waits for dnd-kit to have taken the last one (its live region says so).
	await page.keyboard.press('Space')
	await expect(charlie).toHaveAttribute('aria-pressed', 'true')
	await expect(live).toHaveText(/Charlie is over Qualification, position 1 of 2/)
	await page.keyboard.press('ArrowDown')
	await expect(live).toHaveText(/Charlie is over Qualification, position 2 of 2/)
	await page.keyboard.press('Space')
	await expect(live).toHaveText(/Charlie was dropped in Qualification/)
	await expect(qualification.getByTestId('deal-card')).toHaveText([/Alpha/, /Charlie/])
	await page.waitForLoadState('networkidle')
	await page.reload()
	await expect(qualification.getByTestId('deal-card')).toHaveText([/Alpha/, /Charlie/])
})

test('without JavaScript, "Move to" moves a deal @nojs', async ({ page }) => {
	await signUpAndVerify(page)
	await newDeal(page, { name: 'Quiet deal', value: '2000', stage: 'Prospecting' })
	await page.goto('/deals')
	const c = card(page, 'Quiet deal')
	await c.getByText('Move to…').click()
	await c.getByLabel('Move Quiet deal to').selectOption({ label: 'Negotiation' })
	await c.getByRole('button', { name: 'Move', exact: true }).click()
	await expect(page).toHaveURL(/\/deals$/)
	await expectColumn(column(page, 'Negotiation'), 1, '$2,000')
	await expectColumn(column(page, 'Prospecting'), 0, '$0')
	await expect(column(page, 'Negotiation').getByTestId('column-weighted')).toHaveText('Weighted $1,500')
})

test('a move the server refuses rolls back with a message', async ({ page, context }) => {
	await signUpAndVerify(page)
	const id = await newDeal(page, { name: 'Doomed deal', value: '700', stage: 'Prospecting' })
	await page.goto('/deals')
	await hydrated(page)
	// Meanwhile, in another tab, the deal is deleted.
	const other = await context.newPage()
	await other.goto(`/deals/${id}`)
	await other.getByText('Delete deal').click()
	await other.getByRole('button', { name: 'Yes, delete Doomed deal' }).click()
	await expect(other).toHaveURL(/\/deals$/)
	await other.close()

	await mouseDrag(page, page.getByRole('button', { name: 'Move Doomed deal' }), column(page, 'Proposal').locator('ol'))
	await expect(page.getByRole('alert')).toContainText('no longer exists')
	await expect(column(page, 'Prospecting').getByTestId('deal-card')).toHaveText([/Doomed deal/])
	await expectColumn(column(page, 'Prospecting'), 1, '$700')
	await expectColumn(column(page, 'Proposal'), 0, '$0')
})

test('the deal list filters by stage, value and close date @nojs', async ({ page }) => {
	await signUpAndVerify(page)
	await newDeal(page, { name: 'Small early', value: '100', stage: 'Prospecting', close: '2027-01-10' })
	await newDeal(page, { name: 'Big early', value: '9000', stage: 'Prospecting', close: '2027-01-20' })
	await newDeal(page, { name: 'Big late', value: '8000', stage: 'Proposal', close: '2027-06-01' })
	await page.goto('/deals/list')
	await expect(page.getByTestId('deal-row')).toHaveCount(3)
	await expect(page.getByTestId('list-totals')).toHaveText('3 deals · $17,100 · $4,910 weighted')

	const filters = page.getByRole('search', { name: 'Filter deals' })
	await filters.getByLabel('Stage').selectOption({ label: 'Prospecting' })
	await filters.getByLabel('Value from').fill('1,000')
	await filters.getByRole('button', { name: 'Apply filters' }).click()
	await expect(page).toHaveURL(/min=1%2C000/)
	await expect(page.getByTestId('deal-row')).toHaveText([/Big early/])
	await expect(page.getByTestId('list-totals')).toHaveText('1 matching · $9,000 · $900 weighted')

	await page.goto('/deals/list?closeFrom=2027-01-15&sort=value&dir=asc')
	await expect(page.getByTestId('deal-row')).toHaveText([/Big late/, /Big early/])
})

test('the deal page logs an interaction, schedules a follow-up, and wins the deal', async ({ page }) => {
	await signUpAndVerify(page)
	await page.goto('/companies/new')
	await page.getByLabel('Name', { exact: true }).fill('Orbital Foods')
	await page.getByRole('button', { name: 'Save company' }).click()
	await expect(page.getByRole('heading', { level: 1, name: 'Orbital Foods' })).toBeVisible()
	const id = await newDeal(page, { name: 'Canteen rollout', value: '5000', stage: 'Proposal', company: 'Orbital Foods' })

	await page.locator('#interactions').getByRole('link', { name: 'Log interaction' }).click()
	await expect(page.getByRole('heading', { name: 'Log an interaction' })).toBeVisible()
	await page.getByLabel('Subject').fill('Pricing call')
	await page.getByRole('button', { name: 'Log interaction' }).click()
	await expect(page).toHaveURL(new RegExp(`/deals/${id}\\?interaction=logged`))
	await expect(page.getByRole('list', { name: 'Interactions' })).toContainText('Pricing call')

	await page.getByRole('link', { name: 'Schedule' }).click()
	await expect(page.getByRole('heading', { name: 'New follow-up' })).toBeVisible()
	await page.getByLabel('Due', { exact: true }).fill('2099-05-01T09:00')
	await page.getByLabel('Notes').fill('Send the revised quote')
	await page.getByRole('button', { name: 'Schedule follow-up' }).click()
	await expect(page).toHaveURL(new RegExp(`/deals/${id}`))
	await expect(page.getByRole('list', { name: 'Follow-ups' })).toContainText('Send the revised quote')

	await page.getByLabel('Reason (won or lost)').fill('Best price and fast rollout')
	await page.getByRole('button', { name: 'Mark won' }).click()
	await expect(page.getByText('Marked as won.')).toBeVisible()
	await expect(page.getByText('Won because: Best price and fast rollout')).toBeVisible()
	await expect(page.getByRole('list', { name: 'Stage history' })).toContainText('Proposal → Closed won')

	// The company's page lists the deal.
	await page.getByRole('link', { name: 'Orbital Foods' }).first().click()
	await expect(page.getByRole('list', { name: 'Deals' })).toContainText('Canteen rollout')
})

test('settings rename, reorder, add and remove a stage, moving its deals @nojs', async ({ page }) => {
	await signUpAndVerify(page)
	await newDeal(page, { name: 'Moving house', value: '400', stage: 'Negotiation' })
	await page.goto('/settings/pipeline')
	await expect(page.getByRole('heading', { name: 'Pipeline stages' })).toBeVisible()
	const stages = page.getByRole('list', { name: 'Stages' }).locator('> li')
	await expect(stages).toHaveCount(6)

	// Rename Proposal.
	const proposal = page.locator('li[data-stage="Proposal"]')
	await proposal.getByText('Edit or remove').click()
	await proposal.getByLabel('Name').fill('Quote sent')
	await proposal.getByRole('button', { name: 'Save stage' }).click()
	await expect(page.getByText('Saved “Quote sent”.')).toBeVisible()

	// Negotiation up one place.
	await page.getByRole('button', { name: 'Move Negotiation up' }).click()
	await expect(page.getByText('Order saved.')).toBeVisible()
	await expect(stages.getByTestId('stage-name')).toHaveText(['Prospecting', 'Qualification', 'Negotiation', 'Quote sent', 'Closed won', 'Closed lost'])

	// Add one.
	await page.getByRole('form', { name: 'New stage' }).getByLabel('Name').fill('Demo booked')
	await page.getByRole('form', { name: 'New stage' }).getByLabel('Probability (%)').fill('30')
	await page.getByRole('button', { name: 'Add stage' }).click()
	await expect(page.getByText('Added “Demo booked”.')).toBeVisible()

	// Remove Negotiation: its deal goes to Qualification.
	const negotiation = page.locator('li[data-stage="Negotiation"]')
	await negotiation.getByText('Edit or remove').click()
	await negotiation.getByLabel('Move its 1 deal to').selectOption({ label: 'Qualification' })
	await negotiation.getByRole('button', { name: 'Remove stage' }).click()
	await expect(page.getByText('Stage removed; 1 deal moved.')).toBeVisible()
	await expect(stages.getByTestId('stage-name')).toHaveText(['Prospecting', 'Qualification', 'Quote sent', 'Demo booked', 'Closed won', 'Closed lost'])

	// The last won stage cannot go.
	const won = page.locator('li[data-stage="Closed won"]')
	await won.getByText('Edit or remove').click()
	await won.getByRole('button', { name: 'Remove stage' }).click()
	await expect(page.getByRole('alert')).toHaveText('Keep at least one won stage.')

	await page.goto('/deals')
	await expect(page.locator('section[data-stage] h2')).toHaveText(['Prospecting', 'Qualification', 'Quote sent', 'Demo booked', 'Closed won', 'Closed lost'])
	await expect(column(page, 'Qualification').getByTestId('deal-card')).toHaveText([/Moving house/])
})

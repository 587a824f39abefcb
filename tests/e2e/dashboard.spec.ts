// The dashboard's numbers against the database. Each test seeds a new user's
// workspace straight through SQL (contacts, companies, interactions, follow-ups,
// reminders, deals, lead conversions in the activity log), then recomputes every
// figure with its own SQL (SQLite's date functions, with the user's fixed +09:00
// offset, Asia/Tokyo having no DST) and compares it with what the page shows,
// charts' data tables included. Tagged @nojs: the charts are server-rendered SVG.
import { randomUUID } from 'node:crypto'
import { type Page } from '@playwright/test'
import Database from 'better-sqlite3'
import { db, E2E_DB, expect, signUpAndVerify, test } from './utils.ts'

const TZ = 'Asia/Tokyo'
const OFFSET = '+9 hours'
const DAY = 86_400_000
const at = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00')
const money = (cents: number) => new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(cents / 100)
const n = (s: string) => Number(s.replace(/[^0-9-]/g, ''))

/** Seeds one workspace: about 80 contacts, 200 interactions, follow-ups, reminders, 30 deals, conversions. */
function seed(email: string) {
	const w = new Database(E2E_DB)
	try {
		w.prepare('UPDATE User SET timezone = ?, noContactDays = 45 WHERE email = ?').run(TZ, email)
		const { userId, workspaceId } = w.prepare('SELECT m.userId, m.workspaceId FROM Membership m JOIN User u ON u.id = m.userId WHERE u.email = ?').get(email) as { userId: string; workspaceId: string }
		let state = 42
		const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
		const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)]!
		const now = Date.now()
		const nowAt = at(now)
		// Today in Tokyo, as UTC instants: [start, end).
		const local = (ms: number) => new Date(ms + 9 * 3_600_000)
		const startOfToday = Date.UTC(local(now).getUTCFullYear(), local(now).getUTCMonth(), local(now).getUTCDate()) - 9 * 3_600_000
		const endOfToday = startOfToday + DAY

		const contact = w.prepare(
			`INSERT INTO Contact (id, workspaceId, displayName, firstName, leadStatus, birthdayMonth, birthdayDay, anniversaryMonth, anniversaryDay, lastContactedAt, ownerId, deletedAt, createdAt, updatedAt)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		)
		const ids: string[] = []
		w.transaction(() => {
			for (let i = 0; i < 80; i++) {
				const id = randomUUID()
				ids.push(id)
				const created = now - Math.floor(random() * 420) * DAY - Math.floor(random() * DAY)
				const soon = local(now + Math.floor(random() * 10) * DAY)
				const birthday = random() < 0.3 ? [soon.getUTCMonth() + 1, soon.getUTCDate()] : random() < 0.5 ? [1 + Math.floor(random() * 12), 1 + Math.floor(random() * 28)] : [null, null]
				const anniversary = random() < 0.1 ? [soon.getUTCMonth() + 1, soon.getUTCDate()] : [null, null]
				const last = random() < 0.8 ? at(now - Math.floor(random() * 120 * DAY)) : null
				const deleted = i % 17 === 5 ? at(now - DAY) : null
				const status = pick([null, null, 'NEW', 'INTERESTED', 'NOT_INTERESTED', 'CONVERTED'] as const)
				contact.run(id, workspaceId, `Person ${String(i).padStart(2, '0')}`, `Person`, status, birthday[0], birthday[1], anniversary[0], anniversary[1], last, userId, deleted, at(created), at(created))
			}
			const company = w.prepare(`INSERT INTO Company (id, workspaceId, name, leadStatus, ownerId, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?)`)
			for (let i = 0; i < 12; i++) {
				const created = at(now - Math.floor(random() * 200) * DAY)
				company.run(randomUUID(), workspaceId, `Company ${i}`, pick([null, 'NEW', 'INTERESTED', 'CONVERTED'] as const), userId, created, created)
			}

			const interaction = w.prepare(`INSERT INTO Interaction (id, workspaceId, contactId, userId, occurredAt, medium, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
			const media = ['CALL', 'WHATSAPP', 'EMAIL', 'SMS', 'IN_PERSON', 'VIDEO', 'INSTAGRAM_DM', 'NOTE', 'OTHER'] as const
			for (let i = 0; i < 200; i++) {
				const when = at(now - Math.floor(random() * 100 * DAY))
				interaction.run(randomUUID(), workspaceId, pick(ids), userId, when, pick(media), when, when)
			}
			// Either side of this Tokyo month's first midnight and of this Tokyo week's Monday midnight.
			const first = Date.UTC(local(now).getUTCFullYear(), local(now).getUTCMonth(), 1) - 9 * 3_600_000
			const monday = startOfToday - ((local(now).getUTCDay() + 6) % 7) * DAY
			for (const edge of [first, monday]) {
				for (const when of [edge - 60_000, edge]) if (when <= now) interaction.run(randomUUID(), workspaceId, ids[0], userId, at(when), 'VIDEO', at(when), at(when))
			}

			const followUp = w.prepare(`INSERT INTO FollowUp (id, workspaceId, contactId, dueAt, status, createdById, assigneeId, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
			const laterToday = now + Math.min(30 * 60_000, (endOfToday - now) / 2)
			for (const [due, status] of [
				[now - 2 * 3_600_000, 'PENDING'],
				[now - 5 * 3_600_000, 'PENDING'],
				[laterToday, 'PENDING'],
				[endOfToday + 3_600_000, 'PENDING'],
				[endOfToday + 3 * DAY, 'PENDING'],
				[endOfToday + 6 * DAY + 3_600_000, 'PENDING'],
				[endOfToday + 9 * DAY, 'PENDING'],
				[now - 3 * DAY, 'MISSED'],
				[laterToday, 'COMPLETED'],
			] as const) {
				followUp.run(randomUUID(), workspaceId, pick(ids.slice(1, 5)), at(due), status, userId, userId, nowAt, nowAt)
			}

			const reminder = w.prepare(`INSERT INTO Reminder (id, workspaceId, userId, contactId, type, title, scheduledAt, status, snoozedUntil, dedupeKey, createdAt, updatedAt) VALUES (?, ?, ?, ?, 'CUSTOM', ?, ?, ?, ?, ?, ?, ?)`)
			for (const [title, scheduled, status, snoozed] of [
				['Call back about the offer', startOfToday + 60_000, 'PENDING', null],
				['Send the contract', startOfToday + 2 * 3_600_000, 'SENT', null],
				['Snoozed until today', startOfToday - 2 * DAY, 'SNOOZED', startOfToday + 3_600_000],
				['Snoozed until tomorrow', startOfToday + 3_600_000, 'SNOOZED', endOfToday + 3_600_000],
				['Already done', startOfToday + 3_600_000, 'DONE', null],
				['Tomorrow', endOfToday + 60_000, 'PENDING', null],
			] as const) {
				reminder.run(randomUUID(), workspaceId, userId, ids[1], title, at(scheduled), status, snoozed === null ? null : at(snoozed), randomUUID(), nowAt, nowAt)
			}

			const stages = w.prepare('SELECT id, outcome FROM PipelineStage WHERE workspaceId = ? ORDER BY position').all(workspaceId) as Array<{ id: string; outcome: string }>
			const deal = w.prepare(`INSERT INTO Deal (id, workspaceId, name, valueCents, currency, stageId, expectedCloseAt, ownerId, deletedAt, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
			for (let i = 0; i < 30; i++) {
				const close = random() < 0.8 ? at(now + Math.floor((random() * 60 - 10) * DAY)) : null
				deal.run(randomUUID(), workspaceId, `Deal ${i}`, (1 + Math.floor(random() * 500)) * 1000, i % 6 === 0 ? 'EUR' : 'USD', pick(stages).id, close, userId, i % 11 === 3 ? nowAt : null, nowAt, nowAt)
			}

			// Conversions as the lead model logs them, some long ago; one record converted twice.
			const log = w.prepare(`INSERT INTO ActivityLog (id, workspaceId, actorId, entityType, entityId, action, diff, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
			for (const [entity, ago, to] of [
				[ids[2], 2, 'CONVERTED'],
				[ids[3], 10, 'CONVERTED'],
				[ids[3], 9, 'CONVERTED'],
				[ids[4], 20, 'INTERESTED'],
				[ids[5], 50, 'CONVERTED'],
				[ids[6], 200, 'CONVERTED'],
			] as const) {
				log.run(randomUUID(), workspaceId, userId, 'Contact', entity, 'status_changed', JSON.stringify({ leadStatus: ['NEW', to] }), at(now - ago * DAY))
			}
		})()
		return { userId, workspaceId }
	} finally {
		w.close()
	}
}

/** Every figure, computed from the database alone (no app code), for a range of `days` days ending today in Tokyo. */
function expected(workspaceId: string, userId: string, range: { from: string; to: string }) {
	const r = db()
	try {
		const one = (sql: string, ...p: unknown[]) => Number((r.prepare(sql).get(...p) as { n: number }).n)
		const today = (r.prepare(`SELECT date('now', '${OFFSET}') AS d`).get() as { d: string }).d
		const local = (col: string) => `date(${col}, '${OFFSET}')`
		const mondays = r.prepare(`WITH RECURSIVE w(k, d) AS (SELECT 0, date('now', '${OFFSET}', 'weekday 0', '-6 days') UNION ALL SELECT k + 1, date(d, '-7 days') FROM w WHERE k < 11) SELECT d FROM w ORDER BY d`).all() as Array<{ d: string }>
		const perWeek = mondays.map(
			({ d }) => one(`SELECT count(*) AS n FROM Interaction WHERE workspaceId = ? AND date(occurredAt, '${OFFSET}', 'weekday 0', '-6 days') = ?`, workspaceId, d),
		)
		const byMedium = r
			.prepare(`SELECT medium, count(*) AS n FROM Interaction WHERE workspaceId = ? AND ${local('occurredAt')} >= ? GROUP BY medium`)
			.all(workspaceId, mondays[0]!.d) as Array<{ medium: string; n: number }>
		const months = (r.prepare(`WITH RECURSIVE m(k, d) AS (SELECT 0, date('now', '${OFFSET}', 'start of month') UNION ALL SELECT k + 1, date(d, '-1 month') FROM m WHERE k < 11) SELECT strftime('%Y-%m', d) AS ym FROM m ORDER BY d`).all() as Array<{ ym: string }>).map((x) => x.ym)
		const added = months.map((ym) => one(`SELECT count(*) AS n FROM Contact WHERE workspaceId = ? AND deletedAt IS NULL AND strftime('%Y-%m', createdAt, '${OFFSET}') = ?`, workspaceId, ym))
		const next7 = (r.prepare(`WITH RECURSIVE d(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM d WHERE k < 6) SELECT CAST(strftime('%m', 'now', '${OFFSET}', k || ' days') AS INTEGER) AS m, CAST(strftime('%d', 'now', '${OFFSET}', k || ' days') AS INTEGER) AS d FROM d`).all() as Array<{ m: number; d: number }>)
		const inNext7 = (prefix: string) => `(${next7.map((x) => `(${prefix}Month = ${x.m} AND ${prefix}Day = ${x.d})`).join(' OR ')})`
		const leads = (status: string) =>
			one(`SELECT count(*) AS n FROM Contact WHERE workspaceId = ? AND deletedAt IS NULL AND leadStatus = ? AND ${local('createdAt')} BETWEEN ? AND ?`, workspaceId, status, range.from, range.to) +
			one(`SELECT count(*) AS n FROM Company WHERE workspaceId = ? AND deletedAt IS NULL AND leadStatus = ? AND ${local('createdAt')} BETWEEN ? AND ?`, workspaceId, status, range.from, range.to)
		const openStages = r.prepare(`SELECT id, name FROM PipelineStage WHERE workspaceId = ? AND outcome = 'OPEN' ORDER BY position`).all(workspaceId) as Array<{ id: string; name: string }>
		return {
			today,
			contacts: one('SELECT count(*) AS n FROM Contact WHERE workspaceId = ? AND deletedAt IS NULL', workspaceId),
			meetings: one(`SELECT count(*) AS n FROM Interaction WHERE workspaceId = ? AND medium IN ('IN_PERSON', 'VIDEO', 'CALL') AND strftime('%Y-%m', occurredAt, '${OFFSET}') = strftime('%Y-%m', 'now', '${OFFSET}')`, workspaceId),
			occasions:
				one(`SELECT count(*) AS n FROM Contact WHERE workspaceId = ? AND deletedAt IS NULL AND ${inNext7('birthday')}`, workspaceId) +
				one(`SELECT count(*) AS n FROM Contact WHERE workspaceId = ? AND deletedAt IS NULL AND ${inNext7('anniversary')}`, workspaceId),
			overdue: one(`SELECT count(*) AS n FROM FollowUp WHERE workspaceId = ? AND status = 'PENDING' AND dueAt < ?`, workspaceId, at(Date.now())),
			followUpsToday: one(`SELECT count(*) AS n FROM FollowUp WHERE workspaceId = ? AND status = 'PENDING' AND dueAt >= ? AND ${local('dueAt')} = ?`, workspaceId, at(Date.now()), today),
			upcoming: one(`SELECT count(*) AS n FROM FollowUp WHERE workspaceId = ? AND status = 'PENDING' AND ${local('dueAt')} > ? AND ${local('dueAt')} <= date(?, '+7 days')`, workspaceId, today, today),
			remindersToday: one(`SELECT count(*) AS n FROM Reminder WHERE userId = ? AND status IN ('PENDING', 'SENT', 'SNOOZED') AND ${local('COALESCE(snoozedUntil, scheduledAt)')} = ?`, userId, today),
			needsAttention: one(`SELECT count(*) AS n FROM Contact WHERE workspaceId = ? AND deletedAt IS NULL AND lastContactedAt < ?`, workspaceId, at(Date.now() - 45 * DAY)),
			recentlyContacted: (r.prepare(`SELECT displayName FROM Contact WHERE workspaceId = ? AND deletedAt IS NULL AND lastContactedAt IS NOT NULL ORDER BY lastContactedAt DESC LIMIT 5`).all(workspaceId) as Array<{ displayName: string }>).map((x) => x.displayName),
			leads: { NEW: leads('NEW'), INTERESTED: leads('INTERESTED'), NOT_INTERESTED: leads('NOT_INTERESTED'), CONVERTED: leads('CONVERTED') },
			conversions: one(
				`SELECT count(DISTINCT entityId) AS n FROM ActivityLog WHERE workspaceId = ? AND json_extract(diff, '$.leadStatus[1]') = 'CONVERTED' AND ${local('createdAt')} BETWEEN ? AND ?`,
				workspaceId,
				range.from,
				range.to,
			),
			perWeek,
			byMedium,
			added,
			pipeline: openStages.map((st) => ({
				name: st.name,
				count: one(`SELECT count(*) AS n FROM Deal WHERE stageId = ? AND deletedAt IS NULL AND currency = 'USD'`, st.id),
				cents: one(`SELECT COALESCE(sum(valueCents), 0) AS n FROM Deal WHERE stageId = ? AND deletedAt IS NULL AND currency = 'USD'`, st.id),
			})),
			closing: one(
				`SELECT count(*) AS n FROM Deal d JOIN PipelineStage s ON s.id = d.stageId WHERE d.workspaceId = ? AND d.deletedAt IS NULL AND s.outcome = 'OPEN' AND d.expectedCloseAt >= ? AND d.expectedCloseAt < ?`,
				workspaceId,
				at(Date.now()),
				at(Date.now() + 30 * DAY),
			),
		}
	} finally {
		r.close()
	}
}

/** Minutes before Tokyo midnight the figures could change under the test: wait them out. */
async function awayFromMidnight(page: Page) {
	const toMidnight = DAY - ((Date.now() + 9 * 3_600_000) % DAY)
	if (toMidnight < 90_000) {
		test.setTimeout(180_000)
		await page.waitForTimeout(toMidnight + 2_000)
	}
}

async function chartRows(page: Page, id: string) {
	const figure = page.locator(`figure[data-chart="${id}"]`)
	await expect(figure.locator('svg[role="img"]')).toBeVisible()
	await figure.getByText('Show data').click()
	const table = figure.locator(`table[data-chart-table="${id}"]`)
	await expect(table).toBeVisible()
	return table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('th, td')].map((c) => c.textContent?.trim() ?? '')))
}

test('every dashboard number and chart table matches the database @nojs', async ({ page }) => {
	await awayFromMidnight(page)
	const { email } = await signUpAndVerify(page, { name: 'Dana Board' })
	const { userId, workspaceId } = seed(email)
	await page.goto('/dashboard?range=90')
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Dana')

	const today = (db().prepare(`SELECT date('now', '${OFFSET}') AS d`).get() as { d: string }).d
	const from = (db().prepare(`SELECT date('now', '${OFFSET}', '-89 days') AS d`).get() as { d: string }).d
	const e = expected(workspaceId, userId, { from, to: today })
	const stat = async (id: string) => n(await page.getByTestId(`stat-${id}`).innerText())

	expect(await stat('contacts')).toBe(e.contacts)
	expect(await stat('meetings')).toBe(e.meetings)
	expect(await stat('occasions')).toBe(e.occasions)
	expect(await stat('follow-ups-today')).toBe(e.followUpsToday)
	expect(await stat('reminders-today')).toBe(e.remindersToday)
	expect(await stat('needs-attention')).toBe(e.needsAttention)
	expect(n(await page.getByTestId('overdue-count').innerText())).toBe(e.overdue)
	expect(n(await page.getByTestId('upcoming-count').innerText())).toBe(e.upcoming)
	// The seed makes each of these non-zero, so a page showing zeros cannot pass.
	expect(e.remindersToday).toBe(3)
	expect(e.overdue).toBe(2)
	expect(e.upcoming).toBe(3)
	await expect(page.getByTestId('today-reminder')).toHaveCount(3)
	await expect(page.getByTestId('today').getByText('Snoozed until today')).toBeVisible()
	await expect(page.getByTestId('today').getByText('Snoozed until tomorrow')).toHaveCount(0)
	await expect(page.getByTestId('recently-contacted').getByRole('link')).toHaveText(e.recentlyContacted)

	// Leads and conversions over the last 90 days.
	for (const [status, count] of Object.entries(e.leads)) expect(n(await page.getByTestId(`leads-${status}`).innerText()), status).toBe(count)
	expect(n(await page.getByTestId('leads-total').innerText())).toBe(Object.values(e.leads).reduce((a, b) => a + b, 0))
	expect(e.conversions).toBe(3)
	expect(n(await page.getByTestId('leads-conversions').innerText())).toBe(e.conversions)
	expect(n(await page.getByTestId('closing-count').innerText())).toBe(e.closing)

	// The charts: SVG with a title and description, and a data table with the database's numbers.
	for (const [id, title] of [
		['interactions-per-week', 'Interactions per week'],
		['interactions-by-medium', 'Interactions by medium'],
		['contacts-added', 'Contacts added per month'],
		['pipeline-by-stage', 'Pipeline value by stage (USD)'],
	] as const) {
		const svg = page.locator(`figure[data-chart="${id}"] svg[role="img"]`)
		await expect(svg).toHaveAttribute('aria-labelledby', `${id}-title ${id}-desc`)
		await expect(svg.locator('title').first()).toHaveText(title)
		expect((await svg.locator('desc').textContent())?.length).toBeGreaterThan(20)
	}
	const weeks = await chartRows(page, 'interactions-per-week')
	expect(weeks.map((r) => n(r[1]!))).toEqual(e.perWeek)
	expect(e.perWeek.reduce((a, b) => a + b, 0)).toBeGreaterThan(50)
	const media = await chartRows(page, 'interactions-by-medium')
	const shown = Object.fromEntries(media.map((r) => [r[0], n(r[1]!)]))
	const labels: Record<string, string> = { CALL: 'Phone call', WHATSAPP: 'WhatsApp', EMAIL: 'Email', SMS: 'SMS', IN_PERSON: 'In person', VIDEO: 'Video call', INSTAGRAM_DM: 'Instagram DM', NOTE: 'Note', OTHER: 'Other' }
	for (const [medium, label] of Object.entries(labels)) expect(shown[label], label).toBe(e.byMedium.find((x) => x.medium === medium)?.n ?? 0)
	const added = await chartRows(page, 'contacts-added')
	expect(added.map((r) => n(r[1]!))).toEqual(e.added)
	const pipeline = await chartRows(page, 'pipeline-by-stage')
	expect(pipeline.map((r) => [r[0], n(r[1]!), r[2]])).toEqual(e.pipeline.map((p) => [p.name, p.count, money(p.cents)]))
	// Other currencies are listed beside the chart, never added to it.
	const eur = db()
		.prepare(`SELECT count(*) AS n, sum(valueCents) AS cents FROM Deal d JOIN PipelineStage s ON s.id = d.stageId WHERE d.workspaceId = ? AND d.deletedAt IS NULL AND s.outcome = 'OPEN' AND d.currency = 'EUR'`)
		.get(workspaceId) as { n: number; cents: number }
	expect(eur.n).toBeGreaterThan(0)
	const euros = new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(eur.cents / 100)
	await expect(page.getByTestId('other-currencies')).toHaveText(`Also open, not converted: ${euros} in ${eur.n} deal${eur.n === 1 ? '' : 's'}`)
})

test('the date range form: presets and a custom from/to change the lead figures @nojs', async ({ page }) => {
	await awayFromMidnight(page)
	const { email } = await signUpAndVerify(page, { name: 'Ray Range' })
	const { userId, workspaceId } = seed(email)
	await page.goto('/dashboard')
	const leads = page.getByTestId('leads')
	await leads.getByRole('link', { name: 'Last 7 days' }).click()
	await expect(page).toHaveURL(/range=7/)
	await expect(leads.getByRole('link', { name: 'Last 7 days' })).toHaveAttribute('aria-current', 'true')
	const today = (db().prepare(`SELECT date('now', '${OFFSET}') AS d`).get() as { d: string }).d
	const week = expected(workspaceId, userId, { from: (db().prepare(`SELECT date('now', '${OFFSET}', '-6 days') AS d`).get() as { d: string }).d, to: today })
	expect(week.conversions).toBe(1)
	expect(n(await page.getByTestId('leads-conversions').innerText())).toBe(1)

	// A custom range covering 5 to 12 days ago: only the contact converted (twice) then.
	const from = (db().prepare(`SELECT date('now', '${OFFSET}', '-12 days') AS d`).get() as { d: string }).d
	const to = (db().prepare(`SELECT date('now', '${OFFSET}', '-5 days') AS d`).get() as { d: string }).d
	await leads.getByLabel('From', { exact: true }).fill(from)
	await leads.getByLabel('To', { exact: true }).fill(to)
	await leads.getByRole('button', { name: 'Apply' }).click()
	await expect(page).toHaveURL(new RegExp(`range=custom&from=${from}&to=${to}`))
	const custom = expected(workspaceId, userId, { from, to })
	expect(custom.conversions).toBe(1)
	await expect(page.getByTestId('leads-conversions')).toHaveText('1')
	for (const [status, count] of Object.entries(custom.leads)) expect(n(await page.getByTestId(`leads-${status}`).innerText()), status).toBe(count)
	await expect(leads).toContainText('(8 days)')
})

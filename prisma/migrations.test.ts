// Migrations that move data: run the ones before against a scratch file, write rows
// the old way, apply the migration, and read what users will see.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Database } from '#app/utils/sqlite.server.ts'
import { readAddresses, readWebsites } from '#app/utils/contact-fields.ts'

const DIR = path.resolve('prisma/migrations')
const ALL = fs
	.readdirSync(DIR)
	.filter((n) => fs.statSync(path.join(DIR, n)).isDirectory())
	.sort()
const files: string[] = []

function migratedUpTo(name: string) {
	const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-migration-')), 'db.sqlite')
	files.push(file)
	const db = new Database(file)
	for (const m of ALL.slice(0, ALL.indexOf(name))) db.exec(fs.readFileSync(path.join(DIR, m, 'migration.sql'), 'utf8'))
	return { db, apply: () => db.exec(fs.readFileSync(path.join(DIR, name, 'migration.sql'), 'utf8')) }
}

afterEach(() => {
	for (const f of files.splice(0)) fs.rmSync(path.dirname(f), { recursive: true, force: true })
})

describe('20261204000000_contact_addresses_websites_nickname', () => {
	it('keeps the one address and website a contact had as the first of its lists', () => {
		const { db, apply } = migratedUpTo('20261204000000_contact_addresses_websites_nickname')
		const now = new Date().toISOString()
		db.prepare(`INSERT INTO Workspace (id, name, createdAt, updatedAt) VALUES ('w', 'W', ?, ?)`).run(now, now)
		const insert = db.prepare(
			`INSERT INTO Contact (id, workspaceId, displayName, street, city, region, postalCode, country, website, createdAt, updatedAt) VALUES (?, 'w', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		)
		insert.run('full', 'Ada', "12 St James's Square", 'London', null, 'SW1Y 4JH', 'United Kingdom', 'https://ada.example', now, now)
		insert.run('city', 'Grace', null, 'Arlington', null, null, null, null, now, now)
		insert.run('none', 'Linus', null, null, null, null, null, '', now, now)
		apply()
		const rows = db.prepare(`SELECT id, addresses, websites, nickname FROM Contact ORDER BY id`).all() as Array<{ id: string; addresses: string | null; websites: string | null; nickname: null }>
		const byId = Object.fromEntries(rows.map((r) => [r.id, { addresses: readAddresses(r.addresses && JSON.parse(r.addresses)), websites: readWebsites(r.websites && JSON.parse(r.websites)), raw: r }]))
		expect(byId.full!.addresses).toEqual([{ label: null, street: "12 St James's Square", city: 'London', region: null, postalCode: 'SW1Y 4JH', country: 'United Kingdom' }])
		expect(byId.full!.websites).toEqual([{ label: null, url: 'https://ada.example' }])
		expect(byId.city!.addresses).toEqual([{ label: null, street: null, city: 'Arlington', region: null, postalCode: null, country: null }])
		expect(byId.none!.raw).toMatchObject({ addresses: null, websites: null, nickname: null })
		const columns = (db.prepare(`PRAGMA table_info(Contact)`).all() as Array<{ name: string }>).map((c) => c.name)
		expect(columns).not.toContain('street')
		expect(columns).not.toContain('website')
		db.close()
	})
})

describe('20261204010000_search_folds_every_letter', () => {
	it('rebuilds the search rows already there, folded, with the job title', () => {
		const { db, apply } = migratedUpTo('20261204010000_search_folds_every_letter')
		const now = new Date().toISOString()
		db.prepare(`INSERT INTO Workspace (id, name, createdAt, updatedAt) VALUES ('w', 'W', ?, ?)`).run(now, now)
		db.prepare(`INSERT INTO Company (id, workspaceId, name, createdAt, updatedAt) VALUES ('co', 'w', 'Công ty Đông Á', ?, ?)`).run(now, now)
		db.prepare(`INSERT INTO Contact (id, workspaceId, firstName, lastName, displayName, jobTitle, createdAt, updatedAt) VALUES ('c', 'w', 'Thu Hà', 'Đặng', 'Đặng Thu Hà', 'Giám đốc', ?, ?)`).run(now, now)
		// As the app wrote it before: unfolded, no title.
		db.prepare(`INSERT INTO ContactSearch (contactId, workspaceId, name, emails, phones, company, tags) VALUES ('c', 'w', 'Đặng Thu Hà Thu Hà Đặng', '', '84912345678 912345678', '', 'Đối tác')`).run()
		const find = (table: string, q: string) => db.prepare(`SELECT count(*) AS n FROM "${table}" WHERE "${table}" MATCH ?`).pluck().get(q)
		expect(find('CompanySearch', '"dong"*')).toBe(0)
		apply()
		expect(find('CompanySearch', '"dong"* "a"*')).toBe(1)
		expect(find('ContactSearch', '"dang"*')).toBe(1)
		expect(find('ContactSearch', '"doi"* "tac"*')).toBe(1)
		expect(find('ContactSearch', '"giam"* "doc"*')).toBe(1)
		expect(find('ContactSearch', '"912345678"*')).toBe(1)
		// The triggers fold what is written after the migration.
		db.prepare(`INSERT INTO Company (id, workspaceId, name, createdAt, updatedAt) VALUES ('co2', 'w', 'Łódź Ørsted', ?, ?)`).run(now, now)
		expect(find('CompanySearch', '"lodz"* "orsted"*')).toBe(1)
		db.close()
	})
})

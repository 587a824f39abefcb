// Builds the benchmark database: every migration applied, then one workspace with
// 100,000 contacts, 500,000 interactions and 20,000 deals, written straight through
// better-sqlite3 (Prisma would take minutes). Deterministic for a given seed, apart
// from dates, which are relative to the day it runs.
//
// Emails use example.com / example.org / example.net and phone numbers use ranges
// reserved for fiction (NANP 555, Ofcom drama, ARCEP, ACMA), as prisma/seed-data.ts
// does, so nothing in this database can reach a real person.
import fs from 'node:fs'
import path from 'node:path'
import { Faker, base, de, en, en_IN, es, fr } from '@faker-js/faker'
import bcrypt from 'bcryptjs'
import Database from 'better-sqlite3'
import { CONTACT_SEARCH_COLUMNS, contactSearchRow, rebuildSql, SEARCH_KINDS, SEARCH_TRIGGERS } from '../../app/models/search-index.server.ts'
import { DEFAULT_STAGES } from '../../app/validation/deal.ts'

export const BENCH_EMAIL = 'bench@rapport.local'
export const BENCH_PASSWORD = 'rapport-bench'
/** Bump when the shape of the generated data changes, so old files are rebuilt. */
const SEED_VERSION = 1
const SEED = 20261121

export type Scale = { contacts: number; companies: number; interactions: number; deals: number; followUps: number }
export const FULL_SCALE: Scale = { contacts: 100_000, companies: 5_000, interactions: 500_000, deals: 20_000, followUps: 10_000 }

export function scaled(factor: number): Scale {
	if (factor === 1) return FULL_SCALE
	const s = (n: number) => Math.max(10, Math.round(n * factor))
	return { contacts: s(FULL_SCALE.contacts), companies: s(FULL_SCALE.companies), interactions: s(FULL_SCALE.interactions), deals: s(FULL_SCALE.deals), followUps: s(FULL_SCALE.followUps) }
}

export type BenchMeta = {
	version: number
	scale: Scale
	migrations: string[]
	userId: string
	workspaceId: string
	seededAt: string
	seedMs: number
	counts: Record<string, number>
}

const META_TABLE = 'BenchMeta'
const DAY = 86_400_000

// ───────────────────────── migrations ─────────────────────────

export function migrationNames() {
	const dir = path.resolve('prisma/migrations')
	return fs
		.readdirSync(dir)
		.filter((n) => fs.statSync(path.join(dir, n)).isDirectory())
		.sort()
}

/** As tests/setup/db-template.ts: each migration.sql through db.exec, in order. */
function applyMigrations(db: Database.Database, names: string[]) {
	for (const name of names) db.exec(fs.readFileSync(path.resolve('prisma/migrations', name, 'migration.sql'), 'utf8'))
}

// ───────────────────────── reuse ─────────────────────────

export function readMeta(file: string): BenchMeta | null {
	if (!fs.existsSync(file)) return null
	const db = new Database(file, { readonly: true, fileMustExist: true })
	try {
		const row = db.prepare(`SELECT value FROM "${META_TABLE}" WHERE key = 'meta'`).get() as { value: string } | undefined
		return row ? (JSON.parse(row.value) as BenchMeta) : null
	} catch {
		return null
	} finally {
		db.close()
	}
}

function writeMeta(db: Database.Database, meta: BenchMeta) {
	db.exec(`CREATE TABLE IF NOT EXISTS "${META_TABLE}" (key TEXT PRIMARY KEY, value TEXT NOT NULL)`)
	db.prepare(`INSERT OR REPLACE INTO "${META_TABLE}" (key, value) VALUES ('meta', ?)`).run(JSON.stringify(meta))
}

export type EnsureResult = { meta: BenchMeta; reused: boolean; notes: string[] }

/**
 * Reuses the file when its marker says it is complete and of this seed version and
 * scale; migrations added since are applied on top (as `migrate deploy` would).
 * Otherwise builds a new file next to it and renames it into place, so an
 * interrupted run never leaves a file that looks complete.
 */
export function ensureBenchDatabase(file: string, scale: Scale, opts: { reseed?: boolean; log?: (s: string) => void } = {}): EnsureResult {
	const log = opts.log ?? console.log
	const notes: string[] = []
	const all = migrationNames()
	const meta = opts.reseed ? null : readMeta(file)
	const sameScale = meta && JSON.stringify(meta.scale) === JSON.stringify(scale)
	if (meta && meta.version === SEED_VERSION && sameScale && meta.migrations.every((m) => all.includes(m))) {
		const missing = all.filter((m) => !meta.migrations.includes(m))
		if (missing.length) {
			const db = new Database(file)
			try {
				applyMigrations(db, missing)
				meta.migrations = all
				writeMeta(db, meta)
				notes.push(`applied ${missing.length} new migration(s) to the existing database: ${missing.join(', ')}`)
			} finally {
				db.close()
			}
		}
		return { meta, reused: true, notes }
	}
	if (meta) log(`Rebuilding ${file}: it was made by another seed version, scale or migration history.`)
	const tmp = `${file}.building`
	fs.mkdirSync(path.dirname(file), { recursive: true })
	for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(tmp + suffix, { force: true })
	const started = performance.now()
	const built = seedDatabase(tmp, scale, all, log)
	built.seedMs = Math.round(performance.now() - started)
	const db = new Database(tmp)
	writeMeta(db, built)
	// WAL as the app's prepareDatabaseFile leaves it; the marker is written last.
	db.pragma('journal_mode = WAL')
	db.close()
	for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
	fs.renameSync(tmp, file)
	return { meta: built, reused: false, notes }
}

// ───────────────────────── generation helpers ─────────────────────────

/** mulberry32: small, fast and seeded, for the millions of structural choices. */
function rng(seed: number) {
	let a = seed >>> 0
	return () => {
		a = (a + 0x6d2b79f5) >>> 0
		let t = a
		t = Math.imul(t ^ (t >>> 15), t | 1)
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296
	}
}

/** Picks by weight from a [value, weight][] table. */
function weighted<T>(random: () => number, table: Array<[T, number]>) {
	const total = table.reduce((s, [, w]) => s + w, 0)
	return () => {
		let r = random() * total
		for (const [value, w] of table) if ((r -= w) < 0) return value
		return table[table.length - 1]![0]
	}
}

/** SQLite text as the Prisma better-sqlite3 adapter writes DateTime (iso8601). */
const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00')

/** cuid-shaped (c + 8 time + 6 counter + 10 random = 25 chars) and increasing, like real cuids. */
function idMaker(random: () => number, startMs: number) {
	let counter = 0
	const time = startMs.toString(36).padStart(8, '0').slice(-8)
	const chars = 'abcdefghijklmnopqrstuvwxyz0123456789'
	return () => {
		let tail = ''
		for (let i = 0; i < 10; i++) tail += chars[Math.floor(random() * 36)]
		return `c${time}${(counter++).toString(36).padStart(6, '0')}${tail}`
	}
}

const ascii = (s: string) =>
	s
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '')

const pad = (n: number, width: number) => String(n).padStart(width, '0')

const TAGS: Array<[string, string]> = [
	['customer', 'green'],
	['prospect', 'blue'],
	['vip', 'amber'],
	['partner', 'violet'],
	['friend', 'pink'],
	['family', 'rose'],
	['colleague', 'slate'],
	['investor', 'emerald'],
	['supplier', 'orange'],
	['press', 'cyan'],
	['newsletter', 'sky'],
	['referral', 'lime'],
	['alumni', 'indigo'],
	['conference-2025', 'teal'],
	['hot-lead', 'red'],
	['cold', 'slate'],
	['mentor', 'purple'],
	['neighbor', 'yellow'],
	['event', 'fuchsia'],
	['wholesale', 'stone'],
]
const GROUPS: Array<[string, string, boolean]> = [
	['Family', 'home', true],
	['Close friends', 'heart', true],
	['Book club', 'book', false],
	['Board', 'briefcase', false],
	['Team', 'users', false],
	['Key clients', 'star', false],
	['Running club', 'activity', false],
	['Neighbours', 'map-pin', false],
	['University', 'graduation-cap', false],
	['Advisors', 'lightbulb', false],
]
const INDUSTRIES = ['Software', 'Retail', 'Healthcare', 'Finance', 'Education', 'Manufacturing', 'Real estate', 'Hospitality', 'Logistics', 'Media', 'Legal', 'Construction', 'Energy', 'Agriculture', 'Consulting']
const SIZE_BANDS = ['1-10', '11-50', '51-200', '201-1000', '1000+']
const PERSONAL_DOMAINS = ['example.com', 'example.org', 'example.net', 'mail.example.com', 'post.example.org', 'inbox.example.net']
const US_AREAS = [201, 202, 206, 212, 213, 214, 303, 305, 310, 312, 404, 415, 469, 503, 512, 602, 617, 646, 702, 713, 718, 773, 786, 808, 818, 858, 917, 949, 416, 604]

// ───────────────────────── the seed ─────────────────────────

function seedDatabase(file: string, scale: Scale, migrations: string[], log: (s: string) => void): BenchMeta {
	const t0 = performance.now()
	const step = (label: string) => log(`  ${label.padEnd(34)} ${((performance.now() - t0) / 1000).toFixed(1)} s`)
	const db = new Database(file)
	applyMigrations(db, migrations)
	// Nothing here needs to survive a crash: the file is renamed into place only when complete.
	db.pragma('journal_mode = OFF')
	db.pragma('synchronous = OFF')
	db.pragma('cache_size = -400000')
	db.pragma('temp_store = MEMORY')
	db.pragma('foreign_keys = OFF')

	// Building indexes once at the end is several times faster than maintaining them per row.
	const tables = ['Contact', 'ContactEmail', 'ContactPhone', 'Company', 'Interaction', 'Deal', 'DealStageChange', 'FollowUp', '_ContactToTag', '_ContactToGroup', 'Tag', 'Group']
	const indexes = db
		.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables.map(() => '?').join(',')})`)
		.all(...tables) as Array<{ name: string; sql: string }>
	for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`)
	// Likewise the global-search triggers (migration 20261122020000_global_search): the
	// same rows are built at the end in one INSERT…SELECT per kind, with the SQL the
	// triggers are generated from; scripts/bench/search-check.ts compares the two.
	const triggers = db
		.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (${SEARCH_TRIGGERS.map(() => '?').join(',')})`)
		.all(...SEARCH_TRIGGERS) as Array<{ name: string; sql: string }>
	for (const trigger of triggers) db.exec(`DROP TRIGGER "${trigger.name}"`)

	const random = rng(SEED)
	const now = Date.now()
	const today = now - (now % DAY)
	const newId = idMaker(random, today)
	const fakers = ([
		[en, 58],
		[es, 12],
		[en_IN, 12],
		[de, 9],
		[fr, 9],
	] as const).map(([locale, weight], i) => {
		const f = new Faker({ locale: [locale, en, base] })
		f.seed(SEED + i)
		return [f, weight] as [Faker, number]
	})
	const pickFaker = weighted(random, fakers)
	const faker = fakers[0]![0]
	const chance = (p: number) => random() < p
	const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1))
	const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!

	// ── account: the shape of app/models/user.server.ts createUser
	const userId = newId()
	const workspaceId = newId()
	const at = iso(now)
	db.prepare(
		`INSERT INTO "User" (id, email, passwordHash, name, timezone, emailVerifiedAt, createdAt, updatedAt) VALUES (?, ?, ?, ?, 'UTC', ?, ?, ?)`,
	).run(userId, BENCH_EMAIL, bcrypt.hashSync(BENCH_PASSWORD, 10), 'Bench User', at, at, at)
	db.prepare(`INSERT INTO "Workspace" (id, name, personal, createdAt, updatedAt) VALUES (?, ?, 1, ?, ?)`).run(workspaceId, "Bench's workspace", at, at)
	db.prepare(`INSERT INTO "Membership" (id, userId, workspaceId, role, createdAt) VALUES (?, ?, ?, 'OWNER', ?)`).run(newId(), userId, workspaceId, at)

	// ── tags and groups
	const tagIds = TAGS.map(() => newId())
	const insertTag = db.prepare(`INSERT INTO "Tag" (id, workspaceId, name, color, createdAt) VALUES (?, ?, ?, ?, ?)`)
	TAGS.forEach(([name, color], i) => insertTag.run(tagIds[i], workspaceId, name, color, at))
	const groupIds = GROUPS.map(() => newId())
	const insertGroup = db.prepare(`INSERT INTO "Group" (id, workspaceId, name, icon, isPrivate, ownerId, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)`)
	GROUPS.forEach(([name, icon, isPrivate], i) => insertGroup.run(groupIds[i], workspaceId, name, icon, isPrivate ? 1 : 0, userId, at))

	// ── companies
	const companies: Array<{ id: string; name: string; domain: string }> = []
	const insertCompany = db.prepare(
		`INSERT INTO "Company" (id, workspaceId, name, industry, sizeBand, website, domain, phone, email, city, country, leadStatus, ownerId, deletedAt, createdAt, updatedAt)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	)
	const companyStatus = weighted(random, [[null, 60], ['NEW', 10], ['INTERESTED', 12], ['NOT_INTERESTED', 8], ['CONVERTED', 10]])
	db.transaction(() => {
		for (let i = 0; i < scale.companies; i++) {
			const f = pickFaker()
			const name = f.company.name()
			const domain = `${ascii(name).slice(0, 24) || 'company'}${i}.example.com`
			const created = now - Math.floor(random() * 3 * 365 * DAY)
			const id = newId()
			companies.push({ id, name, domain })
			insertCompany.run(
				id,
				workspaceId,
				name,
				pick(INDUSTRIES),
				pick(SIZE_BANDS),
				`https://${domain}`,
				domain,
				chance(0.5) ? `+1${pick(US_AREAS)}555${pad(int(0, 9999), 4)}` : null,
				chance(0.5) ? `hello@${domain}` : null,
				chance(0.7) ? f.location.city() : null,
				chance(0.7) ? f.location.countryCode() : null,
				companyStatus(),
				userId,
				chance(0.01) ? iso(now - int(1, 20) * DAY) : null,
				iso(created),
				iso(created + Math.floor(random() * (now - created))),
			)
		}
	})()
	step(`${scale.companies.toLocaleString('en')} companies`)

	// ── interactions are drawn first so each contact's lastContactedAt is its latest one
	const n = scale.contacts
	const active = Array.from({ length: n }, (_, i) => i).filter(() => chance(0.78))
	const interactionContact = new Int32Array(scale.interactions)
	const interactionAt = new Float64Array(scale.interactions)
	const lastContacted = new Float64Array(n)
	const firstContacted = new Float64Array(n).fill(Number.POSITIVE_INFINITY)
	for (let i = 0; i < scale.interactions; i++) {
		// Skewed: a few people you talk to constantly, a long tail you rarely do.
		const c = active[Math.floor(active.length * random() ** 2)]!
		const t = now - Math.floor(random() ** 1.7 * 3 * 365 * DAY)
		interactionContact[i] = c
		interactionAt[i] = t
		if (t > lastContacted[c]!) lastContacted[c] = t
		if (t < firstContacted[c]!) firstContacted[c] = t
	}

	// ── contacts, their emails, phones, tags and groups, and their search rows
	const insertContact = db.prepare(
		`INSERT INTO "Contact" (id, workspaceId, firstName, lastName, displayName, whatsapp, instagram, companyId, companyName, jobTitle, isDecisionMaker, authorityLevel,
			addresses, notes, birthdayMonth, birthdayDay, birthdayYear, anniversaryMonth, anniversaryDay, anniversaryYear,
			leadStatus, ownerId, source, lastContactedAt, keepInTouchDays, deletedAt, createdAt, updatedAt)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	)
	const insertEmail = db.prepare(`INSERT INTO "ContactEmail" (id, contactId, email, label, isPrimary) VALUES (?, ?, ?, ?, ?)`)
	const insertPhone = db.prepare(`INSERT INTO "ContactPhone" (id, contactId, phone, label, isPrimary) VALUES (?, ?, ?, ?, ?)`)
	const insertContactTag = db.prepare(`INSERT INTO "_ContactToTag" (A, B) VALUES (?, ?)`)
	const insertContactGroup = db.prepare(`INSERT INTO "_ContactToGroup" (A, B) VALUES (?, ?)`)
	const insertSearch = db.prepare(`INSERT INTO ContactSearch (${CONTACT_SEARCH_COLUMNS.join(', ')}) VALUES (${CONTACT_SEARCH_COLUMNS.map(() => '?').join(', ')})`)

	const leadStatus = weighted(random, [[null, 45], ['NEW', 20], ['INTERESTED', 15], ['NOT_INTERESTED', 10], ['CONVERTED', 10]])
	const source = weighted(random, [['MANUAL', 40], ['IMPORT', 35], ['WEBHOOK', 6], ['EMBED', 6], ['WORDPRESS', 3], ['EXTENSION', 3], ['GMAIL', 3], ['CALENDAR', 2], ['API', 2]])
	const tagCount = weighted(random, [[0, 40], [1, 35], [2, 18], [3, 7]])
	// Popular tags are much more common than rare ones (1/k).
	const tagIndex = weighted(random, TAGS.map((_, i) => [i, 1 / (i + 1)] as [number, number]))
	const groupCount = weighted(random, [[0, 70], [1, 22], [2, 8]])
	const phoneCount = weighted(random, [[0, 20], [1, 55], [2, 25]])
	const emailCount = weighted(random, [[1, 70], [2, 30]])
	const authority = weighted(random, [['PRIMARY', 40], ['SECONDARY', 35], ['INFLUENCER', 25]])
	const country = weighted(random, [['US', 70], ['GB', 14], ['FR', 8], ['AU', 8]])
	/** E.164 from ranges reserved for drama and examples. */
	const phone = () => {
		switch (country()) {
			case 'GB':
				return chance(0.6) ? `+447700900${pad(int(0, 999), 3)}` : `+44207946${pad(int(0, 999), 4)}`
			case 'FR':
				return `+3363998${pad(int(0, 9999), 4)}`
			case 'AU':
				return `+61${pick([2, 3, 7, 8])}5550${pad(int(0, 9999), 4)}`
			default:
				return `+1${pick(US_AREAS)}555${pad(int(0, 9999), 4)}`
		}
	}
	const notes = Array.from({ length: 400 }, () => faker.lorem.sentences({ min: 1, max: 3 }))
	const jobTitles = Array.from({ length: 600 }, () => faker.person.jobTitle())
	let emailRows = 0
	let phoneRows = 0
	let tagLinks = 0
	let groupLinks = 0
	const contactIds: string[] = new Array(n)
	const contactCompany: Array<number> = new Array(n)

	db.transaction(() => {
		for (let i = 0; i < n; i++) {
			const f = pickFaker()
			const sex = chance(0.5) ? 'female' : 'male'
			const firstName = f.person.firstName(sex)
			const lastName = chance(0.03) ? '' : f.person.lastName(sex)
			const displayName = [firstName, lastName].filter(Boolean).join(' ')
			const id = newId()
			contactIds[i] = id
			// About 40% work somewhere; big companies employ many of them.
			const companyIdx = chance(0.4) ? Math.floor(scale.companies * random() ** 2) : -1
			contactCompany[i] = companyIdx
			const company = companyIdx >= 0 ? companies[companyIdx]! : null

			const emails: string[] = []
			const local = ascii(firstName) + (lastName ? pick(['.', '_', '']) + ascii(lastName) : '')
			for (let e = emailCount(); e > 0; e--) {
				const work = company && emails.length === 0
				const name = emails.length === 0 ? local : `${ascii(firstName)}${int(1, 99)}`
				const email = work ? `${name}@${company.domain}` : `${name}${chance(0.3) ? int(1, 999) : ''}@${pick(PERSONAL_DOMAINS)}`
				emails.push(email)
				insertEmail.run(newId(), id, email, work ? 'work' : 'personal', emails.length === 1 ? 1 : 0)
			}
			emailRows += emails.length

			const phones: string[] = []
			const labels: string[] = []
			for (let p = phoneCount(); p > 0; p--) {
				const label = phones.length === 0 ? pick(['mobile', 'mobile', 'mobile', 'work', 'home']) : pick(['work', 'home', 'mobile'])
				const number = phone()
				phones.push(number)
				labels.push(label)
				insertPhone.run(newId(), id, number, label, phones.length === 1 ? 1 : 0)
			}
			phoneRows += phones.length
			// WhatsApp defaults to the mobile number, as contactColumns does.
			const mobile = labels.indexOf('mobile')
			const whatsapp = mobile >= 0 && chance(0.8) ? phones[mobile]! : null

			const picked = new Set<number>()
			for (let t = tagCount(); t > 0; t--) picked.add(tagIndex())
			// In tag-id order, as Prisma reads a many-to-many relation back.
			const tags = [...picked].sort((a, b) => a - b)
			for (const t of tags) insertContactTag.run(id, tagIds[t])
			tagLinks += tags.length
			const groups = new Set<number>()
			for (let g = groupCount(); g > 0; g--) groups.add(int(0, GROUPS.length - 1))
			for (const g of groups) insertContactGroup.run(id, groupIds[g])
			groupLinks += groups.size

			const hasBirthday = chance(0.6)
			const bMonth = hasBirthday ? int(1, 12) : null
			const bDay = bMonth ? int(1, new Date(Date.UTC(2000, bMonth, 0)).getUTCDate()) : null
			const hasAnniversary = chance(0.1)
			const aMonth = hasAnniversary ? int(1, 12) : null
			const aDay = aMonth ? int(1, new Date(Date.UTC(2001, aMonth, 0)).getUTCDate()) : null
			const decisionMaker = company !== null && chance(0.15)
			const last = lastContacted[i] || null
			const created = Math.min(now - Math.floor(random() * 3 * 365 * DAY), firstContacted[i]! - int(1, 30) * DAY)
			const updated = Math.max(created, last ?? created) + int(0, 3) * DAY
			const withAddress = chance(0.45)
			const jobTitle = company || chance(0.15) ? pick(jobTitles) : null

			insertContact.run(
				id,
				workspaceId,
				firstName,
				lastName,
				displayName,
				whatsapp,
				chance(0.1) ? `${local}${int(1, 99)}` : null,
				company?.id ?? null,
				// As the app inserts contacts: with the company's name (no insert trigger fills it).
				company?.name ?? null,
				jobTitle,
				decisionMaker ? 1 : 0,
				decisionMaker ? authority() : null,
				withAddress
					? JSON.stringify([
							{
								label: chance(0.5) ? 'home' : 'work',
								street: chance(0.5) ? f.location.streetAddress() : null,
								city: f.location.city(),
								region: null,
								postalCode: chance(0.6) ? f.location.zipCode() : null,
								country: f.location.countryCode(),
							},
						])
					: null,
				chance(0.15) ? pick(notes) : null,
				bMonth,
				bDay,
				bMonth && chance(0.6) ? int(1950, 2005) : null,
				aMonth,
				aDay,
				aMonth && chance(0.7) ? int(1980, 2024) : null,
				leadStatus(),
				userId,
				source(),
				last ? iso(last) : null,
				chance(0.1) ? pick([14, 30, 60, 90]) : null,
				chance(0.01) ? iso(now - int(1, 25) * DAY) : null,
				iso(created),
				iso(Math.min(updated, now)),
			)

			// The row reindexContacts (app/models/contact-search.server.ts) builds.
			insertSearch.run(
				...contactSearchRow(workspaceId, { id, displayName, firstName, lastName, jobTitle, emails, phones: [...phones, whatsapp ?? ''], company: company?.name, tags: tags.map((t) => TAGS[t]![0]) }),
			)
		}
	})()
	step(`${n.toLocaleString('en')} contacts + search rows`)

	// ── deals
	// The workspace's default pipeline (as createUser makes it); deals spread over it.
	const stageIdOf: Record<string, string> = {}
	const insertStage = db.prepare(`INSERT INTO "PipelineStage" (id, workspaceId, name, position, probability, outcome, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
	DEFAULT_STAGES.forEach((st, i) => {
		stageIdOf[st.key] = newId()
		insertStage.run(stageIdOf[st.key], workspaceId, st.name, i, st.probability, st.outcome, iso(now), iso(now))
	})
	const stageName = Object.fromEntries(DEFAULT_STAGES.map((st) => [st.key, st.name]))
	const stage = weighted(random, [['PROSPECTING', 25], ['QUALIFICATION', 20], ['PROPOSAL', 15], ['NEGOTIATION', 10], ['CLOSED_WON', 18], ['CLOSED_LOST', 12]])
	const probability = Object.fromEntries(DEFAULT_STAGES.map((st) => [st.key, st.probability])) as Record<string, number>
	const positions: Record<string, number> = {}
	const products = ['Annual licence', 'Pilot', 'Renewal', 'Expansion', 'Consulting', 'Support plan', 'Onboarding', 'Hardware', 'Training', 'Retainer']
	const dealIds: string[] = []
	const insertDeal = db.prepare(
		`INSERT INTO "Deal" (id, workspaceId, name, valueCents, currency, stageId, probability, expectedCloseAt, closedAt, companyId, contactId, ownerId, position, deletedAt, createdAt, updatedAt)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	)
	const insertChange = db.prepare(
		`INSERT INTO "DealStageChange" (id, workspaceId, dealId, fromStageId, toStageId, fromName, toName, changedById, changedAt) VALUES (?, ?, ?, NULL, ?, NULL, ?, ?, ?)`,
	)
	db.transaction(() => {
		for (let i = 0; i < scale.deals; i++) {
			const s = stage()
			const company = companies[Math.floor(scale.companies * random() ** 1.5)]!
			const created = now - Math.floor(random() * 2 * 365 * DAY)
			const closed = s === 'CLOSED_WON' || s === 'CLOSED_LOST'
			positions[s] = (positions[s] ?? 0) + 1024
			const id = newId()
			dealIds.push(id)
			insertDeal.run(
				id,
				workspaceId,
				`${company.name}: ${pick(products)}`,
				// Log-normal-ish: most deals small, a few large.
				Math.round(Math.exp(6 + random() * 7)) * 100,
				chance(0.85) ? 'USD' : pick(['EUR', 'GBP', 'AUD']),
				stageIdOf[s],
				probability[s],
				iso(created + int(14, 180) * DAY),
				closed ? iso(created + int(7, 200) * DAY) : null,
				company.id,
				chance(0.7) ? contactIds[int(0, n - 1)] : null,
				userId,
				positions[s],
				chance(0.01) ? iso(now - int(1, 20) * DAY) : null,
				iso(created),
				iso(created + Math.floor(random() * (now - created))),
			)
			// One history row per deal, like the migration writes for existing deals.
			insertChange.run(newId(), workspaceId, id, stageIdOf[s], stageName[s], userId, iso(created))
		}
	})()
	step(`${scale.deals.toLocaleString('en')} deals`)

	// ── interactions
	const medium = weighted(random, [['CALL', 22], ['EMAIL', 25], ['WHATSAPP', 18], ['SMS', 6], ['IN_PERSON', 10], ['VIDEO', 8], ['INSTAGRAM_DM', 3], ['NOTE', 6], ['OTHER', 2]])
	const subjects = Array.from({ length: 300 }, () => faker.company.catchPhrase())
	const outcomes = ['Interested', 'Call back next week', 'Sent proposal', 'No answer', 'Left voicemail', 'Booked a demo', 'Not now', 'Happy customer']
	const insertInteraction = db.prepare(
		`INSERT INTO "Interaction" (id, workspaceId, contactId, companyId, dealId, userId, occurredAt, medium, subject, notes, outcome, durationMinutes, createdAt, updatedAt)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	)
	const BATCH = 50_000
	for (let start = 0; start < scale.interactions; start += BATCH) {
		db.transaction(() => {
			for (let i = start; i < Math.min(start + BATCH, scale.interactions); i++) {
				const c = interactionContact[i]!
				const m = medium()
				const when = iso(interactionAt[i]!)
				const companyIdx = contactCompany[c]!
				insertInteraction.run(
					newId(),
					workspaceId,
					contactIds[c],
					companyIdx >= 0 ? companies[companyIdx]!.id : null,
					chance(0.03) ? pick(dealIds) : null,
					userId,
					when,
					m,
					chance(0.6) ? pick(subjects) : null,
					chance(0.3) ? pick(notes) : null,
					chance(0.25) ? pick(outcomes) : null,
					m === 'CALL' || m === 'IN_PERSON' || m === 'VIDEO' ? int(5, 90) : null,
					when,
					when,
				)
			}
		})()
	}
	step(`${scale.interactions.toLocaleString('en')} interactions`)

	// ── follow-ups: the dashboard counts pending ones and lists the overdue
	const fuType = weighted(random, [['CALL', 35], ['EMAIL', 30], ['WHATSAPP', 15], ['SMS', 5], ['MEETING', 10], ['OTHER', 5]])
	const insertFollowUp = db.prepare(
		`INSERT INTO "FollowUp" (id, workspaceId, contactId, dueAt, type, status, assigneeId, createdById, outcome, completedAt, createdAt, updatedAt)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	)
	const fuStatus = weighted(random, [['PENDING', 35], ['COMPLETED', 50], ['CANCELLED', 8], ['MISSED', 7]])
	db.transaction(() => {
		for (let i = 0; i < scale.followUps; i++) {
			const s = fuStatus()
			// Pending ones are mostly ahead, some overdue; done ones are behind.
			const due = s === 'PENDING' ? now + Math.floor((random() - 0.15) * 60 * DAY) : now - Math.floor(random() * 365 * DAY)
			const created = Math.min(due, now) - int(1, 30) * DAY
			insertFollowUp.run(
				newId(),
				workspaceId,
				contactIds[int(0, n - 1)],
				iso(due),
				fuType(),
				s,
				userId,
				userId,
				s === 'COMPLETED' ? pick(outcomes) : null,
				s === 'COMPLETED' ? iso(due) : null,
				iso(created),
				iso(Math.min(now, Math.max(due, created))),
			)
		}
	})()
	step(`${scale.followUps.toLocaleString('en')} follow-ups`)

	for (const index of indexes) db.exec(index.sql)
	step('indexes rebuilt')
	db.transaction(() => {
		for (const kind of SEARCH_KINDS) for (const sql of rebuildSql(kind)) db.exec(sql)
	})()
	for (const trigger of triggers) db.exec(trigger.sql)
	step('global search rows')
	db.close()

	return {
		version: SEED_VERSION,
		scale,
		migrations,
		userId,
		workspaceId,
		seededAt: new Date(now).toISOString(),
		seedMs: 0,
		counts: {
			contacts: n,
			contactEmails: emailRows,
			contactPhones: phoneRows,
			companies: scale.companies,
			tagLinks,
			groupLinks,
			interactions: scale.interactions,
			deals: scale.deals,
			followUps: scale.followUps,
		},
	}
}

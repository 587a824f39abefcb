// The import pipeline: read a CSV or vCard file, classify every row against the
// workspace (create / update / duplicate / reject) exactly the same way for the
// preview and the real run, then write in chunked transactions with bulk inserts.
//
// Speed (100,000 rows in under 20 s on 2 cores; docs/decisions/0007): existing
// emails, phones, names, companies, tags and groups are loaded into Maps once;
// large files are validated in a worker thread one chunk ahead of the writes; ids
// are generated here, and rows are written through a direct better-sqlite3
// connection (Prisma's query compiler spends longer on a 2,000-row createMany than
// SQLite spends running it). Each chunk is one transaction: a row is never
// half-written, and other writers get the database between chunks.
import crypto from 'node:crypto'
import { Database, type BetterSqlite3 } from '#app/utils/sqlite.server.ts'
import { fileTypeFromBuffer } from 'file-type'
import type { Prisma } from '#app/generated/prisma/client.ts'
import { displayNameOf, formatAddress, phoneSearchTokens, readAddresses, readWebsites } from '#app/utils/contact-fields.ts'
import { databasePath } from '#app/utils/db-adapter.ts'
import { prisma } from '#app/utils/db.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { sqlDate } from '#app/utils/sql.server.ts'
import type { ContactInput, CustomFieldDef } from '#app/validation/contact.ts'
import { logActivity } from '../activity.server.ts'
import { contactColumns } from '../contact.server.ts'
import { CONTACT_SEARCH_COLUMNS, contactSearchRow, reindexContacts, removeFromIndex } from '../contact-search.server.ts'
import { listCustomFields } from '../custom-field.server.ts'
import { canCreate, canEdit, type Membership } from '../workspace.server.ts'
import { applyMapping, autoMapping, columnSamples, detectSource, readCsv, sanitizeMapping, type CsvFile } from './csv.server.ts'
import { ImportFileError, SOURCE_FORMAT_LABELS, type ImportFieldKey, type RawContact, type SourceFormat } from './fields.ts'
import type { InvalidRow, RowRecord, ValidRow } from './rows.ts'
import { discardStaged, loadStaged } from './staging.server.ts'
import { RowValidator, WORKER_MIN_ROWS } from './validator.server.ts'
import { readVcards, type VcardCard } from './vcard.server.ts'

export { ImportFileError }
export { discardStaged, loadStaged, stageUpload } from './staging.server.ts'


export type ImportFile = { name: string; content: Uint8Array | string }
export type Outcome = 'create' | 'update' | 'duplicate' | 'reject'
/** One row's fate; contactId is the existing contact it matched, for a link. */
export type RowResult = { line: number; outcome: Outcome; name: string; detail: string; contactId?: string }
type Counts = Record<Outcome, number>

// Rows per transaction. Each commit rewrites every index page the chunk touched,
// so bigger chunks write less (100,000 rows: 17.3 s in chunks of 2,000, 16 s in
// 5,000); 5,000 rows hold the database for about 0.5 s, and progress moves as often.
export const CHUNK_SIZE = 5000
const SAMPLE_SIZE = 20
const MAX_REJECTED_KEPT = 5000
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024
const PHOTO_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif']

// ───────────────────────── reading the file ─────────────────────────

/** Bytes → text: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252. Refuses binary files. */
export function decodeImportFile(content: Uint8Array | string): string {
	if (typeof content === 'string') return content
	if (content.length === 0) throw new ImportFileError('The file is empty.')
	if (content[0] === 0x50 && content[1] === 0x4b && content[2] === 0x03 && content[3] === 0x04) {
		throw new ImportFileError('This is a spreadsheet workbook (such as .xlsx), not a CSV file. In Excel, Numbers or Google Sheets, save or download it as CSV and upload that.')
	}
	let text: string
	if (content[0] === 0xff && content[1] === 0xfe) text = new TextDecoder('utf-16le').decode(content.subarray(2))
	else if (content[0] === 0xfe && content[1] === 0xff) text = new TextDecoder('utf-16be').decode(content.subarray(2))
	else {
		if (content.subarray(0, 8192).includes(0)) throw notText()
		try {
			text = new TextDecoder('utf-8', { fatal: true }).decode(content)
		} catch {
			// Excel and Outlook on Windows still write "ANSI" CSV files.
			text = new TextDecoder('windows-1252').decode(content)
		}
	}
	const sample = text.slice(0, 8192)
	const control = sample.match(/[\u0000-\u0008\u000e-\u001f\ufffd]/g)?.length ?? 0
	if (control > Math.max(2, sample.length * 0.01)) throw notText()
	return text
}

function notText() {
	return new ImportFileError('This isn’t a CSV or vCard file: it looks like a binary file (an image, a PDF or a spreadsheet workbook). Export your contacts as CSV or vCard (.vcf) and upload that.')
}

type Parsed = { format: 'CSV'; source: SourceFormat; csv: CsvFile } | { format: 'VCARD'; source: 'vcard'; cards: VcardCard[] }

export function parseImportFile(file: ImportFile): Parsed {
	const text = decodeImportFile(file.content)
	const looksVcard = /^\s*BEGIN:VCARD/i.test(text.replace(/^\uFEFF/, ''))
	if (looksVcard || /\.(vcf|vcard)$/i.test(file.name)) {
		const cards = readVcards(text)
		if (!cards.length) throw new ImportFileError('This vCard file has no complete contact cards in it.')
		return { format: 'VCARD', source: 'vcard', cards }
	}
	const csv = readCsv(text)
	return { format: 'CSV', source: detectSource(csv.headers), csv }
}

type Record_ = { line: number; raw?: RawContact; error?: string; warnings?: string[]; cells?: string[] }
type Prepared = { parsed: Parsed; mapping: ImportFieldKey[] | null; total: number; record: (i: number) => Record_ }

function prepare(file: ImportFile, ctx: Ctx, posted?: string[] | null): Prepared {
	const parsed = parseImportFile(file)
	if (parsed.format === 'VCARD') {
		return { parsed, mapping: null, total: parsed.cards.length, record: (i) => parsed.cards[i]! }
	}
	const { csv } = parsed
	const customKeys = ctx.customFields.map((f) => f.key)
	const mapping = posted?.length ? sanitizeMapping(posted, csv.headers.length, customKeys) : autoMapping(csv.headers, parsed.source, ctx.customFields)
	if (!posted?.length && mapping.every((m) => !m)) {
		throw new ImportFileError('We couldn’t recognise any column of this file. Its first row should name the columns, such as First Name, Last Name, Email, Phone.')
	}
	return {
		parsed,
		mapping,
		total: csv.rows.length,
		record: (i) => {
			const row = csv.rows[i]!
			return { line: row.line, raw: applyMapping(row.cells, mapping), cells: row.cells }
		},
	}
}

// ───────────────────────── one row → a validated contact ─────────────────────────

type Ctx = {
	m: Membership
	defaultCountry: string
	customFields: CustomFieldDef[]
}

async function loadContext(m: Membership): Promise<Ctx> {
	const [user, customFields] = await Promise.all([
		prisma.user.findUniqueOrThrow({ where: { id: m.userId }, select: { defaultCountry: true } }),
		listCustomFields(m.workspaceId, 'CONTACT'),
	])
	return { m, defaultCountry: user.defaultCountry, customFields }
}

type RowData = {
	line: number
	input: ContactInput
	cols: ReturnType<typeof contactColumns>
	groups: string[]
	photo?: { contentType: string; bytes: Uint8Array }
	nameKey: string
	warnings: string[]
	phoneTokens: Record<string, string[]>
}

/** A validated row made ready to match: the photo checked, the columns normalised as the form does. */
async function complete(row: ValidRow, ctx: Ctx): Promise<RowData> {
	const warnings = [...row.warnings]
	let photo: RowData['photo']
	if (row.photo) {
		const checked = await checkPhoto(row.photo)
		if (typeof checked === 'string') warnings.push(checked)
		else photo = checked
	}
	const cols = contactColumns(row.input, ctx.defaultCountry)
	return { line: row.line, input: row.input, cols, groups: row.groups, photo, nameKey: nameKeyOf(cols.displayName, row.input.companyName), warnings, phoneTokens: row.phoneTokens }
}

function nameKeyOf(displayName: string, company: string | null | undefined) {
	return `${displayName.trim().toLowerCase()}|${(company ?? '').trim().toLowerCase()}`
}

async function checkPhoto(bytes: Uint8Array): Promise<{ contentType: string; bytes: Uint8Array } | string> {
	if (bytes.length > PHOTO_MAX_BYTES) return 'the photo is larger than 2 MB and was left out'
	const type = await fileTypeFromBuffer(bytes)
	if (!type || !PHOTO_TYPES.includes(type.mime)) return 'the photo is not a PNG, JPEG, WebP or GIF image and was left out'
	return { contentType: type.mime, bytes }
}

// ───────────────────────── matching and merging ─────────────────────────

const SIMPLE_FILL = ['firstName', 'lastName', 'nickname', 'whatsapp', 'instagram', 'linkedin', 'jobTitle', 'leadStatus', 'notes', 'avatarUrl'] as const
const FILL_LABELS: Record<string, string> = {
	firstName: 'first name',
	lastName: 'last name',
	whatsapp: 'WhatsApp',
	instagram: 'Instagram',
	linkedin: 'LinkedIn',
	nickname: 'nickname',
	jobTitle: 'job title',
	leadStatus: 'lead status',
	notes: 'notes',
	avatarUrl: 'picture',
}

type Cols = Omit<ReturnType<typeof contactColumns>, 'emails' | 'phones'>

type Snap = {
	id: string
	/** pending: created by this import and not yet written; written: in the database. */
	state: 'pending' | 'written'
	existing: boolean
	line?: number
	ownerId: string | null
	assigneeId: string | null
	cols: Cols
	company: string | null
	emails: Set<string>
	phones: Set<string>
	tags: Set<string>
	groups: Set<string>
	hasImage: boolean
	// What the next write must add (for a pending contact: everything).
	patch: Record<string, unknown>
	newCompany: string | null
	newEmails: Array<{ email: string; label: string | null; isPrimary: boolean }>
	newPhones: Array<{ phone: string; label: string | null; isPrimary: boolean }>
	newTags: string[]
	newGroups: string[]
	newPhoto: { contentType: string; bytes: Uint8Array } | null
	/** Search tokens of the numbers, from the validator. */
	phoneTokens: Record<string, string[]>
}

/** `have` and the items of `more` it lacks (by key), in order. */
function unionBy<T>(have: T[], more: T[], key: (t: T) => string) {
	const seen = new Set(have.map(key))
	return [...have, ...more.filter((t) => !seen.has(key(t)) && Boolean(seen.add(key(t))))]
}

const empty = (v: unknown) => v === null || v === undefined || v === '' || (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0)

/** Adds what the row has and the contact lacks; never overwrites a value. Returns what was added. */
function merge(snap: Snap, row: RowData): string[] {
	const added = new Set<string>()
	const { emails, phones, ...cols } = row.cols
	const set = (key: keyof Cols, value: unknown) => {
		;(snap.cols as Record<string, unknown>)[key] = value
		snap.patch[key] = value
	}
	for (const key of SIMPLE_FILL) {
		if (empty(snap.cols[key]) && !empty(cols[key])) {
			set(key, cols[key])
			added.add(FILL_LABELS[key]!)
		}
	}
	if (snap.patch.firstName !== undefined || snap.patch.lastName !== undefined) set('displayName', displayNameOf(snap.cols.firstName, snap.cols.lastName))
	for (const prefix of ['birthday', 'anniversary'] as const) {
		const [mk, dk, yk] = [`${prefix}Month`, `${prefix}Day`, `${prefix}Year`] as const
		if (snap.cols[mk] == null && cols[mk] != null) {
			set(mk, cols[mk])
			set(dk, cols[dk])
			set(yk, cols[yk])
			added.add(prefix)
		} else if (snap.cols[mk] === cols[mk] && snap.cols[dk] === cols[dk] && snap.cols[yk] == null && cols[yk] != null) {
			set(yk, cols[yk])
			added.add(`${prefix} year`)
		}
	}
	// Addresses and websites the contact lacks are added whole, so two half-addresses never mix.
	const addresses = unionBy(snap.cols.addresses, cols.addresses, (a) => formatAddress(a).toLowerCase())
	if (addresses.length > snap.cols.addresses.length) {
		set('addresses', addresses)
		added.add('address')
	}
	const websites = unionBy(snap.cols.websites, cols.websites, (w) => w.url.toLowerCase().replace(/\/$/, ''))
	if (websites.length > snap.cols.websites.length) {
		set('websites', websites)
		added.add('website')
	}
	if (!snap.cols.isDecisionMaker && cols.isDecisionMaker) {
		set('isDecisionMaker', true)
		set('authorityLevel', cols.authorityLevel)
		added.add('decision-maker')
	}
	if (cols.customFields) {
		const current = { ...((snap.cols.customFields as Record<string, unknown> | undefined) ?? {}) }
		let changed = false
		for (const [k, v] of Object.entries(cols.customFields as Record<string, unknown>)) {
			if (empty(current[k]) && !empty(v)) {
				current[k] = v
				changed = true
			}
		}
		if (changed) {
			set('customFields', current)
			added.add('custom fields')
		}
	}
	if (!snap.company && row.input.companyName) {
		snap.company = row.input.companyName
		snap.newCompany = row.input.companyName
		added.add('company')
	}
	for (const e of emails) {
		if (snap.emails.has(e.email)) continue
		snap.newEmails.push({ email: e.email, label: e.label, isPrimary: snap.emails.size === 0 })
		snap.emails.add(e.email)
		added.add('email')
	}
	Object.assign(snap.phoneTokens, row.phoneTokens)
	for (const p of phones) {
		if (snap.phones.has(p.phone)) continue
		snap.newPhones.push({ phone: p.phone, label: p.label, isPrimary: snap.phones.size === 0 })
		snap.phones.add(p.phone)
		added.add('phone')
	}
	for (const t of row.input.tagNames) {
		if (snap.tags.has(t.toLowerCase())) continue
		snap.tags.add(t.toLowerCase())
		snap.newTags.push(t)
		added.add('tags')
	}
	for (const g of row.groups) {
		if (snap.groups.has(g.toLowerCase())) continue
		snap.groups.add(g.toLowerCase())
		snap.newGroups.push(g)
		added.add('groups')
	}
	if (!snap.hasImage && row.photo) {
		snap.hasImage = true
		snap.newPhoto = row.photo
		added.add('photo')
	}
	return [...added]
}

/** Generates ids like Prisma's cuid(): sortable by time, unguessable, 25 characters. */
let counter = crypto.randomInt(1_679_616)
let pool = Buffer.alloc(0)
let poolAt = 0
export function newId() {
	counter = (counter + 1) % 1_679_616
	// One random read per 512 ids: crypto calls are slow next to 100,000 rows.
	if (poolAt + 8 > pool.length) {
		pool = crypto.randomBytes(4096)
		poolAt = 0
	}
	const random = pool.readBigUInt64BE(poolAt).toString(36).padStart(13, '0').slice(-12)
	poolAt += 8
	return `c${Date.now().toString(36).padStart(8, '0')}${counter.toString(36).padStart(4, '0')}${random}`
}

type Named = { id: string; name: string }

/** The workspace as the classifier needs it: every lookup is a Map, loaded once. */
class Workspace {
	snaps = new Map<string, Snap>()
	/** Contacts this import created, with the line that created them. */
	createdLines = new Map<string, number>()
	byEmail = new Map<string, string>()
	byPhone = new Map<string, string>()
	byName = new Map<string, string>()
	companies = new Map<string, Named>()
	tags = new Map<string, Named>()
	groups = new Map<string, Named>()
	constructor(
		readonly ctx: Ctx,
		private readonly db: Sql,
	) {}

	/** Every existing email, phone, name, company, tag and group of the workspace, in one pass each. */
	load() {
		const { db } = this
		const { m } = this.ctx
		// The same rows visibleTo(m) allows, in SQL: a REP may be limited to their own contacts.
		const own = m.role === 'REP' && m.hideOthersRecords ? ' AND (c.ownerId = @userId OR c.assigneeId = @userId)' : ''
		const params = { ws: m.workspaceId, userId: m.userId }
		const rows = (sql: string) => db.prepare(sql).raw().all(params) as string[][]
		for (const [email, id] of rows(`SELECT e.email, e.contactId FROM ContactEmail e JOIN Contact c ON c.id = e.contactId WHERE c.workspaceId = @ws AND c.deletedAt IS NULL${own}`)) {
			if (!this.byEmail.has(email!)) this.byEmail.set(email!, id!)
		}
		for (const [phone, id] of rows(`SELECT p.phone, p.contactId FROM ContactPhone p JOIN Contact c ON c.id = p.contactId WHERE c.workspaceId = @ws AND c.deletedAt IS NULL${own}`)) {
			if (!this.byPhone.has(phone!)) this.byPhone.set(phone!, id!)
		}
		for (const [id, name, company] of rows(`SELECT c.id, c.displayName, co.name FROM Contact c LEFT JOIN Company co ON co.id = c.companyId WHERE c.workspaceId = @ws AND c.deletedAt IS NULL${own}`)) {
			const key = nameKeyOf(name!, company)
			if (!this.byName.has(key)) this.byName.set(key, id!)
		}
		for (const [id, name] of rows('SELECT id, name FROM Company WHERE workspaceId = @ws AND deletedAt IS NULL ORDER BY createdAt')) {
			if (!this.companies.has(name!.toLowerCase())) this.companies.set(name!.toLowerCase(), { id: id!, name: name! })
		}
		for (const [id, name] of rows('SELECT id, name FROM Tag WHERE workspaceId = @ws')) this.tags.set(name!.toLowerCase(), { id: id!, name: name! })
		for (const [id, name] of rows('SELECT id, name FROM "Group" WHERE workspaceId = @ws')) this.groups.set(name!.toLowerCase(), { id: id!, name: name! })
	}

	matchId(row: RowData) {
		for (const e of row.cols.emails) {
			const id = this.byEmail.get(e.email)
			if (id) return id
		}
		for (const p of row.cols.phones) {
			const id = this.byPhone.get(p.phone)
			if (id) return id
		}
		// Without an email or a phone, the same name at the same company is the same person.
		if (!row.cols.emails.length && !row.cols.phones.length) return this.byName.get(row.nameKey)
		return undefined
	}

	/** Loads the full record of the existing contacts these rows match: a handful of queries per chunk. */
	loadMatches(rows: RowData[]) {
		const ids = [...new Set(rows.map((r) => this.matchId(r)).filter((id): id is string => Boolean(id) && !this.snaps.has(id!)))]
		if (!ids.length) return
		const list = `(${ids.map(() => '?').join(',')})`
		const all = <T>(sql: string, ...params: unknown[]) => this.db.prepare(sql).all(...params) as T[]
		const contacts = all<Record<string, unknown> & { id: string; ownerId: string | null; assigneeId: string | null; company: string | null }>(
			`SELECT c.id, c.ownerId, c.assigneeId, ${CONTACT_COLUMNS.map((k) => `c."${k}"`).join(', ')}, co.name AS company
			 FROM Contact c LEFT JOIN Company co ON co.id = c.companyId WHERE c.workspaceId = ? AND c.id IN ${list}`,
			this.ctx.m.workspaceId,
			...ids,
		)
		const grouped = (sql: string) => {
			const map = new Map<string, string[]>()
			for (const [id, value] of this.db.prepare(sql).raw().all(...ids) as string[][]) {
				const values = map.get(id!)
				if (values) values.push(value!)
				else map.set(id!, [value!])
			}
			return map
		}
		const emails = grouped(`SELECT contactId, email FROM ContactEmail WHERE contactId IN ${list}`)
		const phones = grouped(`SELECT contactId, phone FROM ContactPhone WHERE contactId IN ${list}`)
		const tags = grouped(`SELECT ct.A, t.name FROM "_ContactToTag" ct JOIN Tag t ON t.id = ct.B WHERE ct.A IN ${list}`)
		const groups = grouped(`SELECT cg.A, g.name FROM "_ContactToGroup" cg JOIN "Group" g ON g.id = cg.B WHERE cg.A IN ${list}`)
		const images = new Set(this.db.prepare(`SELECT contactId FROM ContactImage WHERE contactId IN ${list}`).pluck().all(...ids) as string[])
		for (const { id, ownerId, assigneeId, company, ...cols } of contacts) {
			cols.isDecisionMaker = Boolean(cols.isDecisionMaker)
			cols.customFields = typeof cols.customFields === 'string' ? JSON.parse(cols.customFields) : null
			cols.addresses = readAddresses(typeof cols.addresses === 'string' ? JSON.parse(cols.addresses) : null)
			cols.websites = readWebsites(typeof cols.websites === 'string' ? JSON.parse(cols.websites) : null)
			this.snaps.set(id, {
				id,
				state: 'written',
				existing: !this.createdLines.has(id),
				line: this.createdLines.get(id),
				ownerId,
				assigneeId,
				cols: cols as unknown as Cols,
				company,
				emails: new Set(emails.get(id)),
				phones: new Set(phones.get(id)),
				tags: new Set(tags.get(id)?.map((t) => t.toLowerCase())),
				groups: new Set(groups.get(id)?.map((g) => g.toLowerCase())),
				hasImage: images.has(id),
				phoneTokens: {},
				...blankChanges(),
			})
		}
	}

	index(snap: Snap, row: RowData) {
		for (const e of row.cols.emails) if (!this.byEmail.has(e.email)) this.byEmail.set(e.email, snap.id)
		for (const p of row.cols.phones) if (!this.byPhone.has(p.phone)) this.byPhone.set(p.phone, snap.id)
		if (!this.byName.has(row.nameKey)) this.byName.set(row.nameKey, snap.id)
	}

	/** Decides what one row does, and records it in the contact it creates or adds to. */
	classify(row: RowData): { snap: Snap | null; result: RowResult } {
		const id = this.matchId(row)
		const snap = id ? this.snaps.get(id) : undefined
		const name = row.cols.displayName
		if (!snap) {
			const { emails, phones, ...cols } = row.cols
			const created: Snap = {
				id: newId(),
				state: 'pending',
				existing: false,
				line: row.line,
				ownerId: this.ctx.m.userId,
				assigneeId: null,
				cols,
				company: row.input.companyName,
				emails: new Set(emails.map((e) => e.email)),
				phones: new Set(phones.map((p) => p.phone)),
				tags: new Set(row.input.tagNames.map((t) => t.toLowerCase())),
				groups: new Set(row.groups.map((g) => g.toLowerCase())),
				hasImage: Boolean(row.photo),
				patch: {},
				newCompany: row.input.companyName,
				newEmails: emails,
				newPhones: phones,
				newTags: row.input.tagNames,
				newGroups: row.groups,
				newPhoto: row.photo ?? null,
				phoneTokens: row.phoneTokens,
			}
			this.snaps.set(created.id, created)
			this.createdLines.set(created.id, row.line)
			this.index(created, row)
			return { snap: created, result: { line: row.line, outcome: 'create', name, detail: '', contactId: created.id } }
		}
		const target = snap.line ? `the contact from line ${snap.line}` : snap.cols.displayName
		if (snap.existing && !canEdit(this.ctx.m, snap)) {
			return { snap: null, result: { line: row.line, outcome: 'duplicate', name, detail: `Matches ${snap.cols.displayName}, which you can’t edit; left unchanged`, contactId: snap.id } }
		}
		const added = merge(snap, row)
		this.index(snap, row)
		if (!added.length) {
			const detail = snap.line ? `Same as line ${snap.line}` : `Already in Rapport as ${snap.cols.displayName}`
			return { snap: null, result: { line: row.line, outcome: 'duplicate', name, detail, contactId: snap.existing ? snap.id : undefined } }
		}
		return { snap, result: { line: row.line, outcome: 'update', name, detail: `Adds ${added.join(', ')} to ${target}`, contactId: snap.existing ? snap.id : undefined } }
	}

	/** The id of a company, tag or group by name; a new one is added to `created` for the writer to insert. */
	named(map: Map<string, Named>, name: string, created: Named[]) {
		const key = name.toLowerCase()
		let found = map.get(key)
		if (!found) {
			found = { id: newId(), name }
			map.set(key, found)
			created.push(found)
		}
		return found.id
	}
}

function blankChanges() {
	return { patch: {}, newCompany: null, newEmails: [], newPhones: [], newTags: [], newGroups: [], newPhoto: null } satisfies Partial<Snap>
}

// ───────────────────────── preview (dry run) ─────────────────────────

export type ImportPreview = {
	fileName: string
	format: 'CSV' | 'VCARD'
	source: SourceFormat
	sourceLabel: string
	headers: string[] | null
	mapping: ImportFieldKey[] | null
	samples: string[] | null
	total: number
	counts: Counts
	examples: Record<Outcome, RowResult[]>
	warnings: Array<{ line: number; message: string }>
}

function assertCanImport(m: Membership) {
	if (!canCreate(m)) throw new Response('Your role can view contacts but not import them. Ask a workspace admin.', { status: 403 })
}

/** The file-level checks alone (format, header, columns), for the upload step. Throws ImportFileError. */
export async function inspectImportFile(m: Membership, file: ImportFile) {
	assertCanImport(m)
	const prepared = prepare(file, await loadContext(m), null)
	return { format: prepared.parsed.format, source: prepared.parsed.source, total: prepared.total }
}

/** Classifies every row without writing anything: the same rules as runImport. */
export async function previewImport(m: Membership, file: ImportFile, mapping?: string[] | null): Promise<ImportPreview> {
	assertCanImport(m)
	const ctx = await loadContext(m)
	const prepared = prepare(file, ctx, mapping)
	const counts: Counts = { create: 0, update: 0, duplicate: 0, reject: 0 }
	const examples: ImportPreview['examples'] = { create: [], update: [], duplicate: [], reject: [] }
	const warnings: ImportPreview['warnings'] = []
	const db = openDatabase()
	try {
		const ws = new Workspace(ctx, db)
		ws.load()
		for await (const { start, rows } of validatedChunks(prepared, ctx)) {
			const { results, rowWarnings } = await classifyChunk(ws, prepared, start, rows)
			for (const r of results) {
				counts[r.outcome]++
				if (examples[r.outcome].length < SAMPLE_SIZE) examples[r.outcome].push(r)
			}
			warnings.push(...rowWarnings.slice(0, Math.max(0, 50 - warnings.length)))
		}
	} finally {
		db.close()
	}
	const { parsed } = prepared
	return {
		fileName: file.name,
		format: parsed.format,
		source: parsed.source,
		sourceLabel: SOURCE_FORMAT_LABELS[parsed.source],
		headers: parsed.format === 'CSV' ? parsed.csv.headers : null,
		mapping: prepared.mapping,
		samples: parsed.format === 'CSV' ? columnSamples(parsed.csv) : null,
		total: prepared.total,
		counts,
		examples,
		warnings,
	}
}
/** The records of one chunk, as the validator takes them (without the CSV cells). */
function chunkRecords(prepared: Prepared, start: number): RowRecord[] {
	const records: RowRecord[] = []
	for (let i = start; i < Math.min(prepared.total, start + CHUNK_SIZE); i++) {
		const { line, raw, error, warnings } = prepared.record(i)
		records.push({ line, raw, error, warnings })
	}
	return records
}

/**
 * Validates chunk after chunk, one ahead: while the caller matches and writes
 * chunk n, the validator (a worker, for large files) is already on chunk n + 1.
 */
async function* validatedChunks(prepared: Prepared, ctx: Ctx) {
	const validator = new RowValidator({ defaultCountry: ctx.defaultCountry, customFields: ctx.customFields }, prepared.total >= WORKER_MIN_ROWS)
	try {
		let next = prepared.total ? validator.validate(chunkRecords(prepared, 0)) : null
		for (let start = 0; start < prepared.total; start += CHUNK_SIZE) {
			const rows = await next!
			next = start + CHUNK_SIZE < prepared.total ? validator.validate(chunkRecords(prepared, start + CHUNK_SIZE)) : null
			yield { start, rows }
		}
	} finally {
		validator.close()
	}
}

async function classifyChunk(ws: Workspace, prepared: Prepared, start: number, validated: Array<ValidRow | InvalidRow>) {
	const rows: Array<RowData | InvalidRow> = []
	for (const row of validated) rows.push('error' in row ? row : await complete(row, ws.ctx))
	const valid = rows.filter((r): r is RowData => !('error' in r))
	ws.loadMatches(valid)
	const results: RowResult[] = []
	const touched = new Set<Snap>()
	const rowWarnings: Array<{ line: number; message: string }> = []
	const rejected: Array<{ line: number; reason: string; cells?: string[] }> = []
	rows.forEach((row, i) => {
		if ('error' in row) {
			results.push({ line: row.line, outcome: 'reject', name: row.name, detail: row.error })
			rejected.push({ line: row.line, reason: row.error, cells: prepared.record(start + i).cells })
			return
		}
		const { snap, result } = ws.classify(row)
		if (snap) touched.add(snap)
		results.push(result)
		for (const w of row.warnings) rowWarnings.push({ line: row.line, message: w })
	})
	return { results, touched: [...touched], rowWarnings, rejected }
}

// ───────────────────────── the run ─────────────────────────

export type ImportReport = {
	source: SourceFormat
	headers?: string[] | null
	mapping?: ImportFieldKey[] | null
	heartbeatAt?: string
	samples?: Partial<Record<Outcome, RowResult[]>>
	rejected?: Array<{ line: number; reason: string; cells?: string[] }>
	rejectedTruncated?: boolean
	warnings?: Array<{ line: number; message: string }>
	createdRecords?: { companies: string[]; tags: string[]; groups: string[] }
	error?: string
}

export type ImportSummary = {
	batchId: string
	status: 'COMPLETED' | 'FAILED'
	total: number
	counts: Counts
	error?: string
	/** Milliseconds spent per phase, for the benchmark. */
	timings: { load: number; classify: number; write: number; index: number }
}

declare global {
	// Imports running in this process, by workspace: one at a time per workspace.
	var __rapportImports: Map<string, string> | undefined
}
const running = (globalThis.__rapportImports ??= new Map<string, string>())

export function isImportRunning(workspaceId: string) {
	return running.has(workspaceId)
}

/**
 * Creates the ImportBatch and imports the file into it. Returns at once with the
 * batch id and a promise of the outcome; pass `background: true` to not wait for it
 * (the import page then shows progress). A file that can't be read throws
 * ImportFileError before anything is written.
 */
export async function runImport(
	m: Membership,
	file: ImportFile,
	opts: { mapping?: string[] | null; background?: boolean } = {},
): Promise<{ batchId: string; total: number; done: Promise<ImportSummary>; summary?: ImportSummary }> {
	assertCanImport(m)
	const ctx = await loadContext(m)
	const prepared = prepare(file, ctx, opts.mapping)
	if (running.has(m.workspaceId)) throw new ImportFileError('Another import is still running in this workspace. Wait for it to finish, then try again.')
	const report: ImportReport = { source: prepared.parsed.source, heartbeatAt: new Date().toISOString() }
	const batch = await prisma.importBatch.create({
		data: {
			workspaceId: m.workspaceId,
			userId: m.userId,
			fileName: file.name.slice(0, 200) || 'contacts',
			format: prepared.parsed.format,
			status: 'RUNNING',
			totalRows: prepared.total,
			report: report as Prisma.InputJsonValue,
		},
		select: { id: true },
	})
	running.set(m.workspaceId, batch.id)
	const done = execute(ctx, prepared, batch.id, file.name).finally(() => running.delete(m.workspaceId))
	if (opts.background) return { batchId: batch.id, total: prepared.total, done }
	const summary = await done
	return { batchId: batch.id, total: prepared.total, done, summary }
}

async function execute(ctx: Ctx, prepared: Prepared, batchId: string, fileName: string): Promise<ImportSummary> {
	const { m } = ctx
	const counts: Counts = { create: 0, update: 0, duplicate: 0, reject: 0 }
	const report: ImportReport = {
		source: prepared.parsed.source,
		headers: prepared.parsed.format === 'CSV' ? prepared.parsed.csv.headers : null,
		mapping: prepared.mapping,
		samples: { create: [], update: [], duplicate: [] },
		rejected: [],
		warnings: [],
		createdRecords: { companies: [], tags: [], groups: [] },
	}
	let processed = 0
	const timings = { load: 0, classify: 0, write: 0, index: 0 }
	let t = performance.now()
	const lap = (phase: keyof typeof timings) => {
		const now = performance.now()
		timings[phase] += now - t
		t = now
	}
	let db: Sql | null = null
	try {
		db = openDatabase()
		const sql = statements(db)
		const ws = new Workspace(ctx, db)
		ws.load()
		lap('load')
		for await (const { start, rows } of validatedChunks(prepared, ctx)) {
			const { results, touched, rowWarnings, rejected } = await classifyChunk(ws, prepared, start, rows)
			lap('classify')
			// Counted once the chunk is written: a failed chunk leaves no trace in the totals.
			const after = { ...counts }
			for (const r of results) after[r.outcome]++
			const updatedIds = writeChunk(db, sql, ws, touched, batchId, report, { processed: processed + results.length, counts: after })
			lap('write')
			Object.assign(counts, after)
			processed += results.length
			for (const r of results) {
				const samples = report.samples![r.outcome as Exclude<Outcome, 'reject'>]
				if (samples && samples.length < SAMPLE_SIZE) samples.push(r)
			}
			for (const r of rejected) {
				if (report.rejected!.length < MAX_REJECTED_KEPT) report.rejected!.push(r)
				else report.rejectedTruncated = true
			}
			for (const w of rowWarnings) if (report.warnings!.length < 500) report.warnings!.push(w)
			await reindexContacts(m.workspaceId, updatedIds)
			lap('index')
		}
		await prisma.$transaction(async (tx) => {
			await tx.importBatch.update({
				where: { id: batchId },
				data: { status: 'COMPLETED', processed, ...countColumns(counts), finishedAt: new Date(), report: report as Prisma.InputJsonValue },
			})
			await logActivity(tx, m, {
				entityType: 'Import',
				entityId: batchId,
				action: 'imported',
				diff: { file: fileName, created: counts.create, updated: counts.update, skipped: counts.duplicate, rejected: counts.reject },
			})
		})
		return { batchId, status: 'COMPLETED', total: prepared.total, counts, timings }
	} catch (error) {
		console.error(`Import ${batchId} failed`, error)
		const message = `The import stopped after ${processed.toLocaleString('en')} rows because of an unexpected error. The contacts imported before that are kept; undo the import to remove them.`
		await prisma.importBatch
			.update({ where: { id: batchId }, data: { status: 'FAILED', processed, ...countColumns(counts), finishedAt: new Date(), report: { ...report, error: message } as Prisma.InputJsonValue } })
			.catch(() => {})
		return { batchId, status: 'FAILED', total: prepared.total, counts, error: message, timings }
	} finally {
		// Leave the WAL short, so no user's next write pays for a big checkpoint.
		db?.pragma('wal_checkpoint(PASSIVE)')
		db?.close()
	}
}

function countColumns(counts: Counts) {
	return { created: counts.create, updated: counts.update, skipped: counts.duplicate, rejected: counts.reject }
}

type Sql = BetterSqlite3.Database

function openDatabase(): Sql {
	const db = new Database(databasePath(getEnv().DATABASE_URL), { timeout: 15_000 })
	db.pragma('foreign_keys = ON')
	// Room for the pages of Contact's dozen indexes while 100,000 rows go in, and a
	// checkpoint every 40 MB of WAL instead of every 4 MB (each commit rewrites the
	// index pages it touched; copying them back less often saves a third of the time).
	db.pragma('cache_size = -65536')
	db.pragma('wal_autocheckpoint = 10000')
	// Contact has an insert trigger, so each insert opens a statement journal: in memory,
	// not a temporary file (a third of the write phase went to those file writes).
	db.pragma('temp_store = MEMORY')
	return db
}


const CONTACT_COLUMNS = [
	'firstName',
	'lastName',
	'displayName',
	'whatsapp',
	'instagram',
	'linkedin',
	'nickname',
	'addresses',
	'websites',
	'jobTitle',
	'isDecisionMaker',
	'authorityLevel',
	'leadStatus',
	'notes',
	'birthdayMonth',
	'birthdayDay',
	'birthdayYear',
	'anniversaryMonth',
	'anniversaryDay',
	'anniversaryYear',
	'avatarUrl',
	'customFields',
] as const

function sqlValue(key: string, value: unknown) {
	if (value === undefined || value === null) return null
	if (typeof value === 'boolean') return value ? 1 : 0
	if (key === 'customFields') return JSON.stringify(value)
	// A list column is NULL when empty, as contactColumns' Prisma writes store it.
	if (key === 'addresses' || key === 'websites') return (value as unknown[]).length ? JSON.stringify(value) : null
	return value as string | number
}

/** Prepared statements for one run, compiled once. */
function statements(db: Sql) {
	// companyName too: given, it spares the insert trigger's second write of the row.
	const contactCols = ['id', 'workspaceId', ...CONTACT_COLUMNS, 'companyId', 'companyName', 'ownerId', 'source', 'importBatchId', 'createdAt', 'updatedAt']
	const updates = new Map<string, BetterSqlite3.Statement>()
	return {
		contact: db.prepare(`INSERT INTO Contact (${contactCols.map((c) => `"${c}"`).join(', ')}) VALUES (${contactCols.map(() => '?').join(', ')})`),
		email: db.prepare('INSERT INTO ContactEmail (id, contactId, email, label, isPrimary) VALUES (?, ?, ?, ?, ?)'),
		phone: db.prepare('INSERT INTO ContactPhone (id, contactId, phone, label, isPrimary) VALUES (?, ?, ?, ?, ?)'),
		image: db.prepare('INSERT INTO ContactImage (id, contactId, contentType, blob, createdAt) VALUES (?, ?, ?, ?, ?)'),
		tagLink: db.prepare('INSERT OR IGNORE INTO "_ContactToTag" ("A", "B") VALUES (?, ?)'),
		groupLink: db.prepare('INSERT OR IGNORE INTO "_ContactToGroup" ("A", "B") VALUES (?, ?)'),
		company: db.prepare('INSERT INTO Company (id, workspaceId, name, ownerId, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?)'),
		// Someone may create the same tag or group while the import runs: keep theirs.
		tag: db.prepare('INSERT OR IGNORE INTO Tag (id, workspaceId, name, createdAt) VALUES (?, ?, ?, ?)'),
		tagId: db.prepare('SELECT id FROM Tag WHERE workspaceId = ? AND name = ?').pluck(),
		group: db.prepare('INSERT OR IGNORE INTO "Group" (id, workspaceId, name, ownerId, createdAt) VALUES (?, ?, ?, ?, ?)'),
		groupId: db.prepare('SELECT id FROM "Group" WHERE workspaceId = ? AND name = ?').pluck(),
		progress: db.prepare('UPDATE ImportBatch SET processed = ?, created = ?, updated = ?, skipped = ?, rejected = ?, report = ? WHERE id = ?'),
		search: db.prepare(`INSERT INTO ContactSearch (${CONTACT_SEARCH_COLUMNS.join(', ')}) VALUES (${CONTACT_SEARCH_COLUMNS.map(() => '?').join(', ')})`),
		update(columns: string[]) {
			const key = columns.join(',')
			let statement = updates.get(key)
			if (!statement) {
				statement = db.prepare(`UPDATE Contact SET ${columns.map((c) => `"${c}" = ?`).join(', ')}, updatedAt = ? WHERE id = ?`)
				updates.set(key, statement)
			}
			return statement
		},
	}
}
type Statements = ReturnType<typeof statements>

/**
 * Writes what a chunk decided, in one transaction. New contacts get their search
 * row in the same transaction (the row reindexContacts would build: the test
 * "indexes imported contacts as reindexContacts does" keeps the two in step);
 * contacts that gained values are returned for reindexContacts.
 */
function writeChunk(db: Sql, sql: Statements, ws: Workspace, touched: Snap[], batchId: string, report: ImportReport, progress: { processed: number; counts: Counts }) {
	const { m } = ws.ctx
	const now = sqlDate(new Date())
	const newCompanies: Named[] = []
	const newTags: Named[] = []
	const newGroups: Named[] = []
	db.transaction(() => {
		const named = (map: Map<string, Named>, name: string, created: Named[]) => {
			const before = created.length
			const id = ws.named(map, name, created)
			if (created.length === before) return id
			if (map === ws.companies) sql.company.run(id, m.workspaceId, name, m.userId, now, now)
			else {
				const [insert, lookup] = map === ws.tags ? [sql.tag, sql.tagId] : [sql.group, sql.groupId]
				const args = map === ws.tags ? [id, m.workspaceId, name, now] : [id, m.workspaceId, name, m.userId, now]
				if (insert.run(...args).changes === 0) {
					const existing = lookup.get(m.workspaceId, name) as string
					map.set(name.toLowerCase(), { id: existing, name })
					created.pop()
					return existing
				}
			}
			return id
		}
		for (const snap of touched) {
			const companyId = snap.newCompany ? named(ws.companies, snap.newCompany, newCompanies) : null
			const tagIds = snap.newTags.map((t) => named(ws.tags, t, newTags))
			if (snap.state === 'pending') {
				const cols = snap.cols as Record<string, unknown>
				const companyName = snap.newCompany ? ws.companies.get(snap.newCompany.toLowerCase())!.name : null
				sql.contact.run(snap.id, m.workspaceId, ...CONTACT_COLUMNS.map((c) => sqlValue(c, cols[c])), companyId, companyName, m.userId, 'IMPORT', batchId, now, now)
				const searchable = {
					...snap.cols,
					id: snap.id,
					emails: snap.newEmails.map((e) => e.email),
					phones: [...snap.newPhones.map((p) => p.phone), snap.cols.whatsapp ?? ''],
					company: companyName,
					tags: snap.newTags.map((t) => ws.tags.get(t.toLowerCase())?.name ?? t),
				}
				sql.search.run(...contactSearchRow(m.workspaceId, searchable, (p) => (snap.phoneTokens[p] ??= phoneSearchTokens(p))))
			} else {
				const columns = Object.keys(snap.patch).filter((k) => (CONTACT_COLUMNS as readonly string[]).includes(k))
				if (companyId) columns.push('companyId')
				const values = columns.map((c) => (c === 'companyId' ? companyId : sqlValue(c, snap.patch[c])))
				if (columns.length) sql.update(columns).run(...values, now, snap.id)
			}
			for (const e of snap.newEmails) sql.email.run(newId(), snap.id, e.email, e.label, e.isPrimary ? 1 : 0)
			for (const p of snap.newPhones) sql.phone.run(newId(), snap.id, p.phone, p.label, p.isPrimary ? 1 : 0)
			for (const tagId of tagIds) sql.tagLink.run(snap.id, tagId)
			for (const g of snap.newGroups) sql.groupLink.run(snap.id, named(ws.groups, g, newGroups))
			if (snap.newPhoto) sql.image.run(newId(), snap.id, snap.newPhoto.contentType, Buffer.from(snap.newPhoto.bytes), now)
		}
		const c = progress.counts
		sql.progress.run(progress.processed, c.create, c.update, c.duplicate, c.reject, JSON.stringify({ source: report.source, heartbeatAt: new Date().toISOString() }), batchId)
	})()
	report.createdRecords!.companies.push(...newCompanies.map((x) => x.id))
	report.createdRecords!.tags.push(...newTags.map((x) => x.id))
	report.createdRecords!.groups.push(...newGroups.map((x) => x.id))
	// Written contacts are dropped from memory; a later row that matches one loads it again.
	ws.snaps.clear()
	return touched.filter((snap) => snap.state === 'written').map((snap) => snap.id)
}

// ───────────────────────── batches: read, list, undo ─────────────────────────

/** A RUNNING batch with no progress for this long was cut short (the server restarted). */
const STALE_AFTER_MS = 2 * 60_000

export async function getImportBatch(m: Membership, id: string) {
	const batch = await prisma.importBatch.findFirst({
		where: { id, workspaceId: m.workspaceId },
		select: {
			id: true,
			fileName: true,
			format: true,
			status: true,
			totalRows: true,
			processed: true,
			created: true,
			updated: true,
			skipped: true,
			rejected: true,
			report: true,
			createdAt: true,
			finishedAt: true,
			undoneAt: true,
			userId: true,
			user: { select: { name: true } },
		},
	})
	if (!batch) return null
	const report = (batch.report ?? { source: 'generic' }) as ImportReport
	if (batch.status === 'RUNNING' && !running.has(m.workspaceId)) {
		const beat = Date.parse(report.heartbeatAt ?? '') || batch.createdAt.getTime()
		if (Date.now() - beat > STALE_AFTER_MS) {
			const error = 'The import was interrupted (the server restarted). The contacts imported before that are kept; undo the import to remove them, then import the file again.'
			await prisma.importBatch.update({ where: { id }, data: { status: 'FAILED', finishedAt: new Date(), report: { ...report, error } as Prisma.InputJsonValue } })
			return { ...batch, status: 'FAILED' as const, report: { ...report, error } }
		}
	}
	return { ...batch, report }
}

export function listImports(m: Membership, take = 20) {
	return prisma.importBatch.findMany({
		where: { workspaceId: m.workspaceId },
		orderBy: { createdAt: 'desc' },
		take,
		select: { id: true, fileName: true, format: true, status: true, totalRows: true, processed: true, created: true, updated: true, skipped: true, rejected: true, createdAt: true, user: { select: { name: true } } },
	})
}

export function canUndo(m: Membership, batch: { userId: string | null }) {
	return m.role === 'OWNER' || m.role === 'ADMIN' || (canCreate(m) && batch.userId === m.userId)
}

/**
 * Deletes exactly the contacts this import created (not the ones it added to), and
 * the companies, tags and groups it created that nothing else uses any more.
 */
export async function undoImport(m: Membership, batchId: string): Promise<{ ok: true; deleted: number } | { ok: false; error: string } | null> {
	const batch = await prisma.importBatch.findFirst({ where: { id: batchId, workspaceId: m.workspaceId }, select: { id: true, status: true, userId: true, report: true } })
	if (!batch) return null
	if (!canUndo(m, batch)) return { ok: false, error: 'Only the person who ran this import or a workspace admin can undo it.' }
	if (batch.status === 'RUNNING') return { ok: false, error: 'This import is still running. Undo it once it has finished.' }
	if (batch.status === 'UNDONE') return { ok: true, deleted: 0 }
	const ids = (await prisma.contact.findMany({ where: { importBatchId: batchId, workspaceId: m.workspaceId }, select: { id: true } })).map((c) => c.id)
	const created = (batch.report as ImportReport | null)?.createdRecords
	await prisma.$transaction(
		async (tx) => {
			await tx.contact.deleteMany({ where: { importBatchId: batchId, workspaceId: m.workspaceId } })
			if (created?.companies.length) {
				await tx.company.deleteMany({
					where: { id: { in: created.companies }, workspaceId: m.workspaceId, contacts: { none: {} }, deals: { none: {} }, interactions: { none: {} }, followUps: { none: {} } },
				})
			}
			if (created?.tags.length) await tx.tag.deleteMany({ where: { id: { in: created.tags }, workspaceId: m.workspaceId, contacts: { none: {} }, companies: { none: {} } } })
			if (created?.groups.length) await tx.group.deleteMany({ where: { id: { in: created.groups }, workspaceId: m.workspaceId, contacts: { none: {} } } })
			await tx.importBatch.update({ where: { id: batchId }, data: { status: 'UNDONE', undoneAt: new Date() } })
			await logActivity(tx, m, { entityType: 'Import', entityId: batchId, action: 'undone', diff: { deleted: ids.length } })
		},
		{ timeout: 120_000, maxWait: 30_000 },
	)
	for (let i = 0; i < ids.length; i += 500) await removeFromIndex(ids.slice(i, i + 500))
	return { ok: true, deleted: ids.length }
}

/** Rows at or below this many are imported before the page answers; bigger files run in the background. */
export const INLINE_ROWS = 2000

/** Starts the import of a staged upload; the staged file is removed when the run ends. */
export async function startStagedImport(m: Membership, token: string, mapping: string[] | null) {
	const file = await loadStaged(m, token)
	if (!file) throw new ImportFileError('That upload has expired or was already imported. Choose the file again.')
	const { batchId, total, done } = await runImport(m, file, { mapping, background: true })
	const finished = done.finally(() => discardStaged(m, token))
	if (total <= INLINE_ROWS) await finished
	else finished.catch(() => {})
	return batchId
}

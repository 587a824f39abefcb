// The import pipeline: read a CSV or vCard file, classify every row against the
// workspace (create / update / duplicate / reject) exactly the same way for the
// preview and the real run, then write in chunked transactions with bulk inserts.
//
// Speed (100,000 rows in under 20 s): existing emails, phones, names, companies,
// tags and groups are loaded into Maps once; ids are generated here so children
// are inserted in bulk; nothing is queried per row except the UPDATE of a matched
// contact that gains a value. The bulk reads and writes go through a direct
// better-sqlite3 connection to the same file: Prisma's query compiler spends
// longer compiling a 1,000-row createMany than SQLite takes to run it. Each chunk
// is one transaction, so a row is never half-written and other writers get the
// database between chunks.
import crypto from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { createRequire } from 'node:module'
import type BetterSqlite3 from 'better-sqlite3'
import { fileTypeFromBuffer } from 'file-type'
import type { Prisma } from '#app/generated/prisma/client.ts'
import { displayNameOf, phoneSearchTokens } from '#app/utils/contact-fields.ts'
import { databasePath } from '#app/utils/db-adapter.ts'
import { prisma } from '#app/utils/db.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { AUTHORITY_LABELS, AUTHORITY_LEVELS, contactFormSchema, LEAD_STATUS_LABELS, LEAD_STATUSES, type ContactInput, type CustomFieldDef } from '#app/validation/contact.ts'
import { logActivity } from '../activity.server.ts'
import { contactColumns } from '../contact.server.ts'
import { reindexContacts, removeFromIndex } from '../contact-search.server.ts'
import { listCustomFields } from '../custom-field.server.ts'
import { canCreate, canEdit, visibleTo, type Membership } from '../workspace.server.ts'
import { applyMapping, autoMapping, columnSamples, detectSource, readCsv, sanitizeMapping, type CsvFile } from './csv.server.ts'
import { ImportFileError, parseDateValue, SOURCE_FORMAT_LABELS, type ImportFieldKey, type RawContact, type SourceFormat } from './fields.ts'
import { readVcards, type VcardCard } from './vcard.server.ts'

export { ImportFileError }

export type ImportFile = { name: string; content: Uint8Array | string }
export type Outcome = 'create' | 'update' | 'duplicate' | 'reject'
/** One row's fate; contactId is the existing contact it matched, for a link. */
export type RowResult = { line: number; outcome: Outcome; name: string; detail: string; contactId?: string }
type Counts = Record<Outcome, number>

export const CHUNK_SIZE = 1000
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

type Record_ = { line: number; raw?: RawContact; error?: string; cells?: string[] }
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
	schema: ReturnType<typeof contactFormSchema>
}

async function loadContext(m: Membership): Promise<Ctx> {
	const [user, customFields] = await Promise.all([
		prisma.user.findUniqueOrThrow({ where: { id: m.userId }, select: { defaultCountry: true } }),
		listCustomFields(m.workspaceId, 'CONTACT'),
	])
	return { m, defaultCountry: user.defaultCountry, customFields, schema: contactFormSchema(customFields) }
}

const FIELD_NAMES: Record<string, string> = {
	firstName: 'First name',
	lastName: 'Last name',
	whatsapp: 'WhatsApp',
	instagram: 'Instagram',
	linkedin: 'LinkedIn',
	website: 'Website',
	companyName: 'Company',
	jobTitle: 'Job title',
	tags: 'Tags',
	street: 'Street',
	city: 'City',
	region: 'Region',
	postalCode: 'Postal code',
	country: 'Country',
	notes: 'Notes',
	birthdayMonth: 'Birthday',
	birthdayDay: 'Birthday',
	birthdayYear: 'Birthday',
	anniversaryMonth: 'Anniversary',
	anniversaryDay: 'Anniversary',
	anniversaryYear: 'Anniversary',
	avatarUrl: 'Picture URL',
}

function quote(value: unknown) {
	const s = String(value ?? '')
	return `‘${s.length > 60 ? `${s.slice(0, 57)}…` : s}’`
}

function matchChoice<T extends string>(value: string, choices: readonly T[], labels: Record<T, string>) {
	const v = value.trim().toLowerCase().replace(/[\s_-]+/g, ' ')
	return choices.find((c) => c.toLowerCase().replace(/_/g, ' ') === v || labels[c].toLowerCase() === v)
}

type RowData = {
	line: number
	input: ContactInput
	cols: ReturnType<typeof contactColumns>
	groups: string[]
	photo?: { contentType: string; bytes: Uint8Array }
	nameKey: string
	warnings: string[]
}

/** Validates one row with the contact form's own schema; returns the reason when it can't be imported. */
type RowError = { line: number; error: string; name: string }

async function readRow(rec: Record_, ctx: Ctx): Promise<RowData | RowError> {
	const row = await readRowInner(rec, ctx)
	if (!('error' in row)) return row
	const raw = rec.raw
	const name = raw ? [raw.firstName, raw.lastName].filter(Boolean).join(' ') || raw.fullName || raw.emails[0]?.value || raw.company || '' : ''
	return { line: row.line, error: row.error, name }
}

async function readRowInner(rec: Record_, ctx: Ctx): Promise<RowData | { line: number; error: string }> {
	const { line } = rec
	if (rec.error) return { line, error: rec.error.charAt(0).toUpperCase() + rec.error.slice(1) }
	const raw = rec.raw!
	const warnings: string[] = []
	let firstName = [raw.firstName, raw.middleName].filter(Boolean).join(' ')
	let lastName = raw.lastName ?? ''
	if (!firstName && !lastName && raw.fullName) {
		const parts = raw.fullName.trim().split(/\s+/)
		lastName = parts.length > 1 ? parts.pop()! : ''
		firstName = parts.join(' ')
	}
	if (!firstName && !lastName) {
		const email = raw.emails.find((e) => e.value.trim())?.value.trim()
		if (!email) return { line, error: 'This row has no name and no email address' }
		firstName = email.split('@')[0] || email
		warnings.push(`no name, so “${firstName}” (from the email address) was used`)
	}
	const values: Record<string, unknown> = {
		firstName,
		lastName,
		emails: dedupe(raw.emails, (e) => e.value.trim().toLowerCase()).map((e) => ({ email: e.value.trim(), label: e.label })),
		phones: dedupe(raw.phones, (p) => p.value.replace(/[^\d+]/g, '') || p.value.trim()).map((p) => ({ phone: p.value.trim(), label: p.label })),
		whatsapp: raw.whatsapp,
		instagram: raw.instagram,
		linkedin: raw.linkedin,
		website: raw.website,
		companyName: raw.company,
		jobTitle: raw.jobTitle,
		tags: raw.tags.map((t) => t.replace(/,/g, ' ').trim()).join(', '),
		street: raw.street,
		city: raw.city,
		region: raw.region,
		postalCode: raw.postalCode,
		country: raw.country,
		notes: raw.notes,
		source: 'IMPORT',
	}
	if (raw.address && !raw.street && !raw.city && !raw.region && !raw.postalCode && !raw.country) {
		values.street = raw.address.replace(/\s*[\r\n]+\s*/g, ', ')
	}
	for (const [key, text] of [
		['birthday', raw.birthday],
		['anniversary', raw.anniversary],
	] as const) {
		const date = parseDateValue(text, ctx.defaultCountry)
		if (date === 'invalid') return { line, error: `${quote(text)} is not a date we can read (${key}); use a date like 1990-03-14, or --03-14 without a year` }
		if (!date) continue
		// The form takes years 1900–2100; an older one is dropped rather than losing the whole contact.
		if (date.year && (date.year < 1900 || date.year > 2100)) {
			warnings.push(`the ${key} year ${date.year} is outside 1900–2100, so only the day and month were kept`)
			date.year = null
		}
		Object.assign(values, { [`${key}Month`]: String(date.month), [`${key}Day`]: String(date.day), [`${key}Year`]: date.year ? String(date.year) : undefined })
	}
	if (raw.leadStatus) {
		const status = matchChoice(raw.leadStatus, LEAD_STATUSES, LEAD_STATUS_LABELS)
		if (!status) return { line, error: `${quote(raw.leadStatus)} is not a lead status (use New, Interested, Not interested or Converted)` }
		values.leadStatus = status
	}
	if (raw.decisionMaker) values.isDecisionMaker = /^(yes|y|true|1|x|✓|✔)$/i.test(raw.decisionMaker.trim())
	if (raw.authorityLevel) {
		const level = matchChoice(raw.authorityLevel, AUTHORITY_LEVELS, AUTHORITY_LABELS)
		if (!level) return { line, error: `${quote(raw.authorityLevel)} is not an authority level (use Primary, Secondary or Influencer)` }
		values.authorityLevel = level
		if (raw.decisionMaker === undefined) values.isDecisionMaker = true
	}
	if (raw.avatarUrl) {
		if (/^https?:\/\/\S+$/i.test(raw.avatarUrl)) values.avatarUrl = raw.avatarUrl
		else warnings.push('the picture address is not a web address and was left out')
	}
	const custom: Record<string, string> = {}
	for (const def of ctx.customFields) {
		const value = raw.custom[def.key]?.trim()
		if (!value) continue
		if (def.type === 'DATE') {
			const date = parseDateValue(value, ctx.defaultCountry)
			custom[def.key] = date && date !== 'invalid' && date.year ? `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}` : value
		} else custom[def.key] = value
	}
	values.custom = custom
	const parsed = ctx.schema.safeParse(values)
	if (!parsed.success) return { line, error: describeIssues(parsed.error.issues, values, raw) }
	const input = parsed.data
	const groups = dedupe(raw.groups.map((g) => g.trim().slice(0, 100)).filter(Boolean), (g) => g.toLowerCase())
	let photo: RowData['photo']
	if (raw.photo?.length) {
		const checked = await checkPhoto(raw.photo)
		if (typeof checked === 'string') warnings.push(checked)
		else photo = checked
	}
	const cols = contactColumns(input, ctx.defaultCountry)
	return { line, input, cols, groups, photo, nameKey: nameKeyOf(cols.displayName, input.companyName), warnings }
}

function dedupe<T>(items: T[], key: (t: T) => string) {
	const seen = new Set<string>()
	return items.filter((item) => {
		const k = key(item)
		if (!k || seen.has(k)) return false
		seen.add(k)
		return true
	})
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

/** Zod's issues, said the way a person fixing the file needs them. */
function describeIssues(issues: Array<{ path: Array<string | number>; message: string }>, values: Record<string, unknown>, raw: RawContact) {
	// One message per field: "call me" fails both the characters and the length rule.
	const seen = new Set<string>()
	const firsts = issues.filter((issue) => {
		const key = issue.path.join('.')
		if (seen.has(key)) return false
		seen.add(key)
		return true
	})
	const messages = firsts.map((issue) => {
		const [head, index] = issue.path
		if (head === 'emails') {
			const value = (values.emails as Array<{ email: string }>)[Number(index)]?.email
			return `${quote(value)} is not a valid email address`
		}
		if (head === 'phones') {
			const value = (values.phones as Array<{ phone: string }>)[Number(index)]?.phone
			return `${quote(value)} is not a valid phone number (${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)})`
		}
		if (typeof head === 'string' && head.startsWith('birthday')) return `${quote(raw.birthday)} is not a valid birthday (${issue.message.toLowerCase()})`
		if (typeof head === 'string' && head.startsWith('anniversary')) return `${quote(raw.anniversary)} is not a valid anniversary (${issue.message.toLowerCase()})`
		if (head === 'custom') return `${String(index)}: ${issue.message}`
		const name = FIELD_NAMES[String(head)] ?? String(head)
		return `${name}: ${issue.message}`
	})
	return [...new Set(messages)].join('; ')
}

// ───────────────────────── matching and merging ─────────────────────────

const SIMPLE_FILL = ['firstName', 'lastName', 'whatsapp', 'instagram', 'linkedin', 'website', 'jobTitle', 'leadStatus', 'notes', 'avatarUrl'] as const
const ADDRESS = ['street', 'city', 'region', 'postalCode', 'country'] as const
const FILL_LABELS: Record<string, string> = {
	firstName: 'first name',
	lastName: 'last name',
	whatsapp: 'WhatsApp',
	instagram: 'Instagram',
	linkedin: 'LinkedIn',
	website: 'website',
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
	// An address is filled as a whole, so two half-addresses never mix.
	if (ADDRESS.every((k) => empty(snap.cols[k])) && ADDRESS.some((k) => !empty(cols[k]))) {
		for (const k of ADDRESS) set(k, cols[k])
		added.add('address')
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

type Named = { id: string; name: string; pending: boolean }

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
	constructor(readonly ctx: Ctx) {}

	/** Every existing email, phone, name, company, tag and group of the workspace, in one pass each. */
	load(db: Sql) {
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
			if (!this.companies.has(name!.toLowerCase())) this.companies.set(name!.toLowerCase(), { id: id!, name: name!, pending: false })
		}
		for (const [id, name] of rows('SELECT id, name FROM Tag WHERE workspaceId = @ws')) this.tags.set(name!.toLowerCase(), { id: id!, name: name!, pending: false })
		for (const [id, name] of rows('SELECT id, name FROM "Group" WHERE workspaceId = @ws')) this.groups.set(name!.toLowerCase(), { id: id!, name: name!, pending: false })
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

	/** Loads the full record of existing contacts these rows match, in one query per chunk. */
	async loadMatches(rows: RowData[]) {
		const ids = [...new Set(rows.map((r) => this.matchId(r)).filter((id): id is string => Boolean(id) && !this.snaps.has(id!)))]
		for (let i = 0; i < ids.length; i += 500) {
			const found = await prisma.contact.findMany({
				where: { id: { in: ids.slice(i, i + 500) }, workspaceId: this.ctx.m.workspaceId },
				select: {
					id: true,
					ownerId: true,
					assigneeId: true,
					firstName: true,
					lastName: true,
					displayName: true,
					whatsapp: true,
					instagram: true,
					linkedin: true,
					website: true,
					jobTitle: true,
					isDecisionMaker: true,
					authorityLevel: true,
					leadStatus: true,
					street: true,
					city: true,
					region: true,
					postalCode: true,
					country: true,
					notes: true,
					birthdayMonth: true,
					birthdayDay: true,
					birthdayYear: true,
					anniversaryMonth: true,
					anniversaryDay: true,
					anniversaryYear: true,
					avatarUrl: true,
					customFields: true,
					company: { select: { name: true } },
					emails: { select: { email: true } },
					phones: { select: { phone: true } },
					tags: { select: { name: true } },
					groups: { select: { name: true } },
					image: { select: { id: true } },
				},
			})
			for (const c of found) {
				const { id, ownerId, assigneeId, company, emails, phones, tags, groups, image, ...cols } = c
				this.snaps.set(id, {
					id,
					state: 'written',
					existing: !this.createdLines.has(id),
					line: this.createdLines.get(id),
					ownerId,
					assigneeId,
					cols: cols as unknown as Cols,
					company: company?.name ?? null,
					emails: new Set(emails.map((e) => e.email)),
					phones: new Set(phones.map((p) => p.phone)),
					tags: new Set(tags.map((t) => t.name.toLowerCase())),
					groups: new Set(groups.map((g) => g.name.toLowerCase())),
					hasImage: Boolean(image),
					...blankChanges(),
				})
			}
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

	named(map: Map<string, Named>, name: string, pendingOut: Named[]) {
		const key = name.toLowerCase()
		let found = map.get(key)
		if (!found) {
			found = { id: newId(), name, pending: true }
			map.set(key, found)
			pendingOut.push(found)
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
	const ws = new Workspace(ctx)
	const db = openDatabase()
	try {
		ws.load(db)
	} finally {
		db.close()
	}
	const counts: Counts = { create: 0, update: 0, duplicate: 0, reject: 0 }
	const examples: ImportPreview['examples'] = { create: [], update: [], duplicate: [], reject: [] }
	const warnings: ImportPreview['warnings'] = []
	for (let start = 0; start < prepared.total; start += CHUNK_SIZE) {
		const { results, rowWarnings } = await classifyChunk(ws, prepared, start)
		for (const r of results) {
			counts[r.outcome]++
			if (examples[r.outcome].length < SAMPLE_SIZE) examples[r.outcome].push(r)
		}
		warnings.push(...rowWarnings.slice(0, Math.max(0, 50 - warnings.length)))
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

async function classifyChunk(ws: Workspace, prepared: Prepared, start: number) {
	const end = Math.min(prepared.total, start + CHUNK_SIZE)
	const rows: Array<RowData | RowError> = []
	for (let i = start; i < end; i++) rows.push(await readRow(prepared.record(i), ws.ctx))
	const valid = rows.filter((r): r is RowData => !('error' in r))
	await ws.loadMatches(valid)
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
	let t = process.env.IMPORT_CPU_TIMINGS ? process.cpuUsage().user / 1000 : performance.now()
	const lap = (phase: keyof typeof timings) => {
		const now = process.env.IMPORT_CPU_TIMINGS ? process.cpuUsage().user / 1000 : performance.now()
		timings[phase] += now - t
		t = now
	}
	let db: Sql | null = null
	try {
		db = openDatabase()
		const sql = statements(db)
		const ws = new Workspace(ctx)
		ws.load(db)
		lap('load')
		for (let start = 0; start < prepared.total; start += CHUNK_SIZE) {
			const { results, touched, rowWarnings, rejected } = await classifyChunk(ws, prepared, start)
			lap('classify')
			for (const r of results) {
				counts[r.outcome]++
				const samples = report.samples![r.outcome as Exclude<Outcome, 'reject'>]
				if (samples && samples.length < SAMPLE_SIZE) samples.push(r)
			}
			for (const r of rejected) {
				if (report.rejected!.length < MAX_REJECTED_KEPT) report.rejected!.push(r)
				else report.rejectedTruncated = true
			}
			for (const w of rowWarnings) if (report.warnings!.length < 500) report.warnings!.push(w)
			processed += results.length
			const updatedIds = writeChunk(db, sql, ws, touched, batchId, report, { processed, counts })
			lap('write')
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
		db?.close()
	}
}

function countColumns(counts: Counts) {
	return { created: counts.create, updated: counts.update, skipped: counts.duplicate, rejected: counts.reject }
}

// The better-sqlite3 that Prisma's adapter loaded, not the app's own copy: two SQLite
// libraries in one process break each other's file locks (a close in one drops the
// other's POSIX locks), and Prisma's connection then stops seeing committed rows.
const requireHere = createRequire(import.meta.url)
const Database = createRequire(requireHere.resolve('@prisma/adapter-better-sqlite3'))('better-sqlite3') as typeof BetterSqlite3
type Sql = BetterSqlite3.Database

function openDatabase(): Sql {
	const db = new Database(databasePath(getEnv().DATABASE_URL), { timeout: 15_000 })
	db.pragma('foreign_keys = ON')
	// Room for the pages of Contact's dozen indexes while 100,000 rows go in.
	db.pragma('cache_size = -65536')
	return db
}

/** How Prisma's SQLite adapter stores a DateTime, so Prisma reads these rows back as usual. */
const isoDate = (d: Date) => d.toISOString().replace('Z', '+00:00')

const CONTACT_COLUMNS = [
	'firstName',
	'lastName',
	'displayName',
	'whatsapp',
	'instagram',
	'linkedin',
	'website',
	'jobTitle',
	'isDecisionMaker',
	'authorityLevel',
	'leadStatus',
	'street',
	'city',
	'region',
	'postalCode',
	'country',
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
	return value as string | number
}

/** Prepared statements for one run, compiled once. */
function statements(db: Sql) {
	const contactCols = ['id', 'workspaceId', ...CONTACT_COLUMNS, 'companyId', 'ownerId', 'source', 'importBatchId', 'createdAt', 'updatedAt']
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
		search: db.prepare('INSERT INTO ContactSearch (contactId, workspaceId, name, emails, phones, company, tags) VALUES (?, ?, ?, ?, ?, ?, ?)'),
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
	const now = isoDate(new Date())
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
					map.set(name.toLowerCase(), { id: existing, name, pending: false })
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
				sql.contact.run(snap.id, m.workspaceId, ...CONTACT_COLUMNS.map((c) => sqlValue(c, cols[c])), companyId, m.userId, 'IMPORT', batchId, now, now)
				// The WhatsApp number is usually the mobile: tokenise each number once.
				const tokens = new Map<string, string[]>()
				const phones = [...snap.newPhones.map((p) => p.phone), snap.cols.whatsapp ?? ''].flatMap((p) => {
					if (!p) return []
					let t = tokens.get(p)
					if (!t) tokens.set(p, (t = phoneSearchTokens(p)))
					return t
				})
				sql.search.run(
					snap.id,
					m.workspaceId,
					[snap.cols.displayName, snap.cols.firstName, snap.cols.lastName].join(' '),
					snap.newEmails.map((e) => e.email).join(' '),
					phones.join(' '),
					snap.newCompany ? ws.companies.get(snap.newCompany.toLowerCase())!.name : '',
					snap.newTags.map((t) => ws.tags.get(t.toLowerCase())?.name ?? t).join(' '),
				)
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
	for (const x of [...newCompanies, ...newTags, ...newGroups]) x.pending = false
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

// ───────────────────────── the uploaded file between preview and run ─────────────────────────

const STAGE_DIR = path.resolve('data/imports')
const STAGE_TTL_MS = 24 * 3600_000
const TOKEN = /^[A-Za-z0-9_-]{24}$/

function stagePaths(workspaceId: string, token: string) {
	const dir = path.join(STAGE_DIR, workspaceId)
	return { dir, data: path.join(dir, `${token}.upload`), meta: path.join(dir, `${token}.json`) }
}

/**
 * Keeps an uploaded file for the preview → import steps, so the form carries only
 * an opaque token. Files live under the workspace's folder: a token from another
 * workspace finds nothing.
 */
export async function stageUpload(m: Membership, file: { name: string; bytes: Uint8Array }) {
	await removeStaleUploads()
	const token = crypto.randomBytes(18).toString('base64url')
	const p = stagePaths(m.workspaceId, token)
	await fs.mkdir(p.dir, { recursive: true })
	await fs.writeFile(p.data, file.bytes)
	await fs.writeFile(p.meta, JSON.stringify({ name: file.name, userId: m.userId, createdAt: new Date().toISOString() }))
	return token
}

export async function loadStaged(m: Membership, token: string): Promise<ImportFile | null> {
	if (!TOKEN.test(token)) return null
	const p = stagePaths(m.workspaceId, token)
	try {
		const meta = JSON.parse(await fs.readFile(p.meta, 'utf8')) as { name: string; userId: string }
		if (meta.userId !== m.userId) return null
		return { name: meta.name, content: new Uint8Array(await fs.readFile(p.data)) }
	} catch {
		return null
	}
}

export async function discardStaged(m: Membership, token: string) {
	if (!TOKEN.test(token)) return
	const p = stagePaths(m.workspaceId, token)
	await Promise.all([fs.rm(p.data, { force: true }), fs.rm(p.meta, { force: true })])
}

async function removeStaleUploads() {
	const now = Date.now()
	const dirs = await fs.readdir(STAGE_DIR).catch(() => [] as string[])
	for (const d of dirs) {
		const dir = path.join(STAGE_DIR, d)
		for (const f of await fs.readdir(dir).catch(() => [] as string[])) {
			const file = path.join(dir, f)
			const stat = await fs.stat(file).catch(() => null)
			if (stat && now - stat.mtimeMs > STAGE_TTL_MS) await fs.rm(file, { force: true })
		}
	}
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

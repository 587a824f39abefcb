// Import fidelity on a corpus of real address-book exports (issue 11). Each file in
// tests/fixtures/corpus, written in the dialect of the program that exports it, is
// imported for real (preview, then commit, into a workspace of its own), and each
// important field of each contact is compared with what a perfect import stores,
// as told by the <file>.expected.json beside it. The bar: at least 95% of the
// fields arrive intact, every one that does not is named in the import's report
// (line, field, value), and each defect of the file gets the warning it calls for.
import fs from 'node:fs'
import path from 'node:path'
import { parsePhoneNumberFromString } from 'libphonenumber-js/max'
import Papa from 'papaparse'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Prisma } from '#app/generated/prisma/client.ts'
import { readAddresses, readWebsites } from '#app/utils/contact-fields.ts'
import { prisma } from '#app/utils/db.server.ts'
import { createUser } from '../user.server.ts'
import type { Membership } from '../workspace.server.ts'
import { normalizeLabel } from './fields.ts'
import { getImportBatch, previewImport, runImport, type ImportPreview, type ImportSummary } from './import.server.ts'

// ───────────── How a stored contact reads: the one place to change with the schema ─────────────

const STORED = {
	emails: true,
	phones: true,
	company: { select: { name: true } },
	tags: { select: { name: true } },
	groups: { select: { name: true } },
	image: { select: { id: true } },
} satisfies Prisma.ContactInclude
type StoredContact = Prisma.ContactGetPayload<{ include: typeof STORED }>

/** A stored contact in the corpus's shape. Today a contact has one address, one website and no nickname: lists of at most one. */
function readStored(c: StoredContact): Shape {
	return {
		name: { first: c.firstName, last: c.lastName, nickname: c.nickname },
		emails: c.emails.map((e) => ({ value: e.email, label: e.label })),
		phones: c.phones.map((p) => ({ value: p.phone, label: p.label })),
		organization: c.company?.name ?? null,
		title: c.jobTitle,
		birthday: c.birthdayMonth && c.birthdayDay ? { year: c.birthdayYear, month: c.birthdayMonth, day: c.birthdayDay } : null,
		anniversary: c.anniversaryMonth && c.anniversaryDay ? { year: c.anniversaryYear, month: c.anniversaryMonth, day: c.anniversaryDay } : null,
		addresses: readAddresses(c.addresses),
		websites: readWebsites(c.websites),
		note: c.notes,
		// A picture stored with the contact, or the address of one (PHOTO and Google's Photo column as URLs).
		photo: Boolean(c.image || c.avatarUrl),
		// Tags and groups are both the labels a person sees on the contact.
		tags: [...c.tags, ...c.groups].map((t) => t.name),
	}
}

// ───────────────────────── the corpus ─────────────────────────

type Label = { label?: string | null }
type DateParts = { year?: number | null; month: number; day: number }
type Address = Label & { street?: string | null; city?: string | null; region?: string | null; postalCode?: string | null; country?: string | null }
type Shape = {
	name: { first: string; last: string; nickname?: string | null }
	emails: Array<Label & { value: string }>
	phones: Array<Label & { value: string }>
	organization?: string | null
	title?: string | null
	birthday?: DateParts | null
	anniversary?: DateParts | null
	addresses: Address[]
	websites: Array<Label & { url: string }>
	note?: string | null
	photo: boolean
	tags: string[]
}
type FieldName = 'name' | 'nickname' | 'emails' | 'phones' | 'organization' | 'title' | 'birthday' | 'anniversary' | 'addresses' | 'websites' | 'note' | 'photo' | 'tags'
/** What a perfect import of one contact stores; absent lists are empty, absent values are none. */
type ExpectedContact = Partial<Shape> & Pick<Shape, 'name'> & { line: number }
/** A warning the report must give: on that line, naming the field and containing every one of the value's strings. */
type ExpectedWarning = { line: number; field: FieldName; value: string | string[] }
type Expectation = { source: string; defaultCountry?: string; contacts: ExpectedContact[]; warnings?: ExpectedWarning[] }

const CORPUS = 'tests/fixtures/corpus'
const files = fs
	.readdirSync(CORPUS)
	.filter((f) => /\.(csv|vcf)$/.test(f))
	.sort()
const expectation = (file: string) => JSON.parse(fs.readFileSync(path.join(CORPUS, `${file}.expected.json`), 'utf8')) as Expectation

function fillIn(e: ExpectedContact): Shape {
	return { emails: [], phones: [], addresses: [], websites: [], tags: [], photo: false, ...e }
}

// ───────────────────────── what counts as the same ─────────────────────────

/** Text a person would call the same: NFC, CRLF as LF, each line trimmed, runs of spaces as one. */
function text(value: string | null | undefined) {
	return (value ?? '')
		.normalize('NFC')
		.replace(/\r\n?/g, '\n')
		.split('\n')
		.map((l) => l.trim().replace(/\s+/g, ' '))
		.join('\n')
		.trim()
}
const folded = (value: string | null | undefined) => text(value).toLowerCase()
/** An address part: lines of a street joined with commas, case aside. */
const part = (value: string | null | undefined) => folded(value).replace(/\n+/g, ', ')
const labelKey = (label: string | null | undefined) => normalizeLabel(label)?.toLowerCase() ?? null
const nicknames = (value: string | null | undefined) => folded(value).split(/\s*,\s*/).filter(Boolean).join(', ')

/** E.164 with ";ext=N" when there is an extension; a number that isn't international stays as written. */
function phoneKey(value: string) {
	const v = value.trim().replace(/^tel:/i, '')
	const parsed = v.startsWith('+') ? parsePhoneNumberFromString(v) : undefined
	return parsed ? `${parsed.number}${parsed.ext ? `;ext=${parsed.ext}` : ''}` : v
}
/** The national digits a report quoting the number as written would contain (its last seven). */
function phoneDigits(value: string) {
	const parsed = parsePhoneNumberFromString(value.trim().replace(/^tel:/i, ''))
	return (parsed?.nationalNumber ?? value.replace(/\D/g, '')).slice(-7)
}
/** A web address without its scheme and final slash: "www.x.example" is https://www.x.example, "https://https\://x" is not x. */
const urlKey = (value: string) =>
	folded(value)
		.replace(/^[a-z][a-z\d+.-]*:\/\//, '')
		.replace(/\/$/, '')
const dateKey = (d: DateParts) => `${d.year ?? 'no year'}-${d.month}-${d.day}`
const showDate = (d: DateParts) => `${d.year ? `${d.year}-` : '--'}${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`
const showAddress = (a: Address) => [a.street, a.city, a.region, a.postalCode, a.country].filter(Boolean).map((p) => text(p).replace(/\n+/g, ', ')).join(', ')
const withLabel = (label: string | null | undefined, value: string) => (label ? `${label}: ${value}` : value)

// ───────────────────────── comparing a contact ─────────────────────────

/** Something a report line quoting the value contains: its text, or its digits. */
type Needle = { text: string } | { digits: string }
/** One important field (or one item of a list) of one contact; expected NONE means stored but not in the file. */
type Unit = { field: FieldName; expected: string; got: string; intact: boolean; needles: Needle[] }

const NONE = '—'

function dateNeedles(d: DateParts): Needle[] {
	const [m, dd, mm, day] = [String(d.month), String(d.day), String(d.month).padStart(2, '0'), String(d.day).padStart(2, '0')]
	return [...new Set([m + dd, mm + day, dd + m, day + mm])].map((digits) => ({ digits }))
}

function compare(want: Shape, have: Shape | null): Unit[] {
	const units: Unit[] = []
	const missing = have ? NONE : 'not imported'
	const got = have ?? fillIn({ line: 0, name: { first: '', last: '' } })
	const single = (field: FieldName, wanted: string | null | undefined, stored: string | null | undefined, same: (a: string, b: string) => boolean, needles: (v: string) => Needle[]) => {
		const [w, s] = [text(wanted), text(stored)]
		if (!w && !s) return
		units.push({ field, expected: w || NONE, got: s || missing, intact: Boolean(w && s && same(w, s)), needles: needles(w || s) })
	}
	const start = (v: string) => [{ text: v.split('\n')[0]!.slice(0, 20) }]
	const full = `${want.name.first} ${want.name.last}`.trim()
	units.push({
		field: 'name',
		expected: full,
		got: have ? `${have.name.first} ${have.name.last}`.trim() || NONE : missing,
		intact: Boolean(have) && text(want.name.first) === text(got.name.first) && text(want.name.last) === text(got.name.last),
		needles: [want.name.first, want.name.last].filter(Boolean).map((t) => ({ text: t })),
	})
	single('nickname', want.name.nickname, got.name.nickname, (a, b) => nicknames(a) === nicknames(b), (v) => nicknames(v).split(', ').map((t) => ({ text: t })))
	single('organization', want.organization, got.organization, (a, b) => a === b, start)
	single('title', want.title, got.title, (a, b) => a === b, start)
	single('note', want.note, got.note, (a, b) => a === b, start)
	for (const field of ['birthday', 'anniversary'] as const) {
		const [w, s] = [want[field], got[field]]
		if (!w && !s) continue
		units.push({ field, expected: w ? showDate(w) : NONE, got: s ? showDate(s) : missing, intact: Boolean(w && s && dateKey(w) === dateKey(s)), needles: dateNeedles((w ?? s)!) })
	}
	if (want.photo || got.photo) units.push({ field: 'photo', expected: want.photo ? 'a photo' : NONE, got: got.photo ? 'a photo' : missing, intact: want.photo === got.photo, needles: [] })
	const list = <T extends Label>(
		field: FieldName,
		wanted: T[],
		stored: T[],
		o: { key: (t: T) => string; near: (a: T, b: T) => boolean; show: (t: T) => string; needles: (t: T) => Needle[] },
	) => {
		// A stored item as the table shows it, saying so when the label the file gave is gone.
		const shown = (w: T, s: T) => withLabel(s.label ?? (w.label ? '(no label)' : null), o.show(s))
		const left = [...stored]
		const unmatched: T[] = []
		for (const w of wanted) {
			const i = left.findIndex((s) => o.key(s) === o.key(w))
			if (i === -1) {
				unmatched.push(w)
				continue
			}
			const [s] = left.splice(i, 1)
			const labelled = !w.label || labelKey(w.label) === labelKey(s!.label)
			units.push({ field, expected: withLabel(w.label, o.show(w)), got: shown(w, s!), intact: labelled, needles: o.needles(w) })
		}
		// A value stored differently (a number in the wrong country, a mangled address) is one field lost, not two.
		for (const w of unmatched) {
			const i = left.findIndex((s) => o.near(w, s))
			const [s] = i === -1 ? [] : left.splice(i, 1)
			units.push({ field, expected: withLabel(w.label, o.show(w)), got: s ? shown(w, s) : missing, intact: false, needles: o.needles(w) })
		}
		for (const s of left) units.push({ field, expected: NONE, got: withLabel(s.label, o.show(s)), intact: false, needles: o.needles(s) })
	}
	list('emails', want.emails, got.emails, {
		key: (e) => folded(e.value),
		near: (a, b) => folded(a.value).split('@')[0] === folded(b.value).split('@')[0],
		show: (e) => e.value,
		needles: (e) => [{ text: e.value }],
	})
	list('phones', want.phones, got.phones, {
		key: (p) => phoneKey(p.value),
		near: (a, b) => phoneKey(b.value).replace(/\D/g, '').endsWith(phoneDigits(a.value)),
		show: (p) => p.value,
		needles: (p) => [{ digits: phoneDigits(p.value) }],
	})
	list('addresses', want.addresses, got.addresses, {
		key: (a) => JSON.stringify([a.street, a.city, a.region, a.postalCode, a.country].map(part)),
		near: (a, b) => (['street', 'city', 'postalCode'] as const).some((k) => part(a[k]) && part(a[k]) === part(b[k])),
		show: showAddress,
		needles: (a) => [a.street, a.city, a.postalCode].filter(Boolean).map((t) => ({ text: text(t).split('\n')[0]! })),
	})
	list('websites', want.websites, got.websites, {
		key: (w) => urlKey(w.url),
		near: (a, b) => urlKey(b.url).includes(urlKey(a.url).split('/')[0]!),
		show: (w) => w.url,
		needles: (w) => [{ text: urlKey(w.url).split('/')[0]! }],
	})
	list(
		'tags',
		want.tags.map((t) => ({ value: t, label: null })),
		got.tags.map((t) => ({ value: t, label: null })),
		{ key: (t) => folded(t.value), near: () => false, show: (t) => t.value, needles: (t) => [{ text: t.value }] },
	)
	return units
}

/** Pairs each expected contact with the stored contact most like it (shared emails and numbers first, then the name). */
function pair(expected: Shape[], stored: Shape[]) {
	const score = (e: Shape, s: Shape) => {
		const emails = new Set(s.emails.map((x) => folded(x.value)))
		const phones = new Set(s.phones.map((x) => phoneKey(x.value)))
		let n = 0
		for (const x of e.emails) if (emails.has(folded(x.value))) n += 3
		for (const x of e.phones) if (phones.has(phoneKey(x.value))) n += 3
		if (folded(e.name.last) && folded(e.name.last) === folded(s.name.last)) n += 2
		if (folded(e.name.first) && folded(s.name.first).includes(folded(e.name.first).replace(/\W+$/, ''))) n += 2
		return n
	}
	const candidates = expected.flatMap((e, i) => stored.map((s, j) => ({ i, j, n: score(e, s) }))).filter((c) => c.n > 0)
	candidates.sort((a, b) => b.n - a.n)
	const match = new Map<number, number>()
	const taken = new Set<number>()
	for (const c of candidates) {
		if (match.has(c.i) || taken.has(c.j)) continue
		match.set(c.i, c.j)
		taken.add(c.j)
	}
	return { match, extra: stored.filter((_, j) => !taken.has(j)) }
}

// ───────────────────────── the report ─────────────────────────

/** One thing the import told the user: a warning, a rejected row, or (line null) the refusal of the whole file. */
type Message = { line: number | null; text: string }

const FIELD_WORDS: Record<FieldName, RegExp> = {
	name: /name/i,
	nickname: /nickname/i,
	emails: /e-?mail/i,
	phones: /phone|number|\btel\b/i,
	organization: /company|organi[sz]ation/i,
	title: /title|position|role/i,
	birthday: /birth/i,
	anniversary: /anniversary/i,
	addresses: /address|street|city|region|state|postal|zip|country/i,
	websites: /web ?site|web ?page|url|link|home ?page/i,
	note: /note/i,
	photo: /photo|picture|image|avatar/i,
	tags: /tag|label|categor|group/i,
}

function mentions(message: string, needle: Needle) {
	if ('digits' in needle) return message.replace(/\D/g, '').includes(needle.digits)
	return folded(message).replace(/\s+/g, ' ').includes(folded(needle.text).replace(/\s+/g, ' '))
}

/** Whether the report names this lost field: on the contact's line, the field, and its value (any of its needles). */
function named(messages: Message[], line: number, unit: Unit) {
	return messages.some((m) => m.line === line && FIELD_WORDS[unit.field].test(m.text) && (unit.needles.length === 0 || unit.needles.some((n) => mentions(m.text, n))))
}

// ───────────────────────── importing the corpus ─────────────────────────

type ContactResult = { line: number; who: string; units: Unit[]; unnamed: Unit[] }
type FileResult = {
	file: string
	source: string
	error?: string
	preview?: ImportPreview
	summary?: ImportSummary
	messages: Message[]
	contacts: ContactResult[]
	/** Stored contacts no expected contact matches (a card split in two, say). */
	extra: string[]
	missingWarnings: ExpectedWarning[]
}

async function member(defaultCountry: string): Promise<Membership> {
	const user = await createUser({ email: `corpus-${Math.random().toString(36).slice(2)}@example.com`, name: 'Corpus Importer' })
	await prisma.user.update({ where: { id: user.id }, data: { defaultCountry } })
	const { workspaceId } = await prisma.membership.findFirstOrThrow({ where: { userId: user.id } })
	return { userId: user.id, workspaceId, role: 'OWNER', personal: true, hideOthersRecords: false }
}

async function importFile(file: string): Promise<FileResult> {
	const exp = expectation(file)
	const m = await member(exp.defaultCountry ?? 'US')
	const f = { name: file, content: new Uint8Array(fs.readFileSync(path.join(CORPUS, file))) }
	const result: FileResult = { file, source: exp.source, messages: [], contacts: [], extra: [], missingWarnings: [] }
	let stored: StoredContact[] = []
	try {
		result.preview = await previewImport(m, f)
		const run = await runImport(m, f)
		result.summary = run.summary
		const report = (await getImportBatch(m, run.batchId))!.report
		if (report.error) result.messages.push({ line: null, text: report.error })
		for (const w of report.warnings ?? []) result.messages.push({ line: w.line, text: w.message })
		for (const r of report.rejected ?? []) result.messages.push({ line: r.line, text: r.reason })
		stored = await prisma.contact.findMany({ where: { workspaceId: m.workspaceId, importBatchId: run.batchId }, include: STORED })
	} catch (error) {
		// A file refused as a whole: every field of it is lost, and none is named.
		result.error = error instanceof Error ? error.message : String(error)
		result.messages.push({ line: null, text: result.error })
	}
	const wanted = exp.contacts.map(fillIn)
	const have = stored.map(readStored)
	const { match, extra } = pair(wanted, have)
	result.extra = extra.map((s) => `${s.name.first} ${s.name.last}`.trim())
	exp.contacts.forEach((e, i) => {
		const j = match.get(i)
		const units = compare(wanted[i]!, j === undefined ? null : have[j]!)
		const lost = units.filter((u) => !u.intact)
		result.contacts.push({ line: e.line, who: `${e.name.first} ${e.name.last}`.trim(), units, unnamed: lost.filter((u) => !named(result.messages, e.line, u)) })
	})
	result.missingWarnings = (exp.warnings ?? []).filter((w) => {
		const values = [w.value].flat()
		return !result.messages.some((msg) => msg.line === w.line && FIELD_WORDS[w.field].test(msg.text) && values.every((v) => mentions(msg.text, { text: v })))
	})
	return result
}

// ───────────────────────── the table ─────────────────────────

const FIELDS: FieldName[] = ['name', 'nickname', 'emails', 'phones', 'organization', 'title', 'birthday', 'anniversary', 'addresses', 'websites', 'note', 'photo', 'tags']
const clip = (s: string, n: number) => {
	const one = s.replace(/\n/g, '⏎')
	return one.length > n ? `${one.slice(0, n - 1)}…` : one
}

function tally(results: FileResult[]) {
	const units = results.flatMap((r) => r.contacts.flatMap((c) => c.units))
	// A stored contact no expected contact matches is one field (its name) lost.
	const extra = results.reduce((n, r) => n + r.extra.length, 0)
	return { intact: units.filter((u) => u.intact).length, total: units.length + extra }
}

function table(results: FileResult[], details = true) {
	const { intact, total } = tally(results)
	const out = [`Import fidelity on ${CORPUS}: ${intact} of ${total} important fields intact (${((100 * intact) / total).toFixed(1)}%; 95% required)`, '']
	const lostBy = (units: Unit[]) =>
		FIELDS.map((f) => {
			const of = units.filter((u) => u.field === f)
			const lost = of.filter((u) => !u.intact).length
			return lost ? `${f} ${lost}/${of.length}` : ''
		})
			.filter(Boolean)
			.join(', ')
	const all = results.flatMap((r) => r.contacts.flatMap((c) => c.units))
	out.push(`All files, lost per field: ${lostBy(all) || 'nothing'}`, '')
	out.push(`${'file'.padEnd(26)}${'intact'.padEnd(9)}lost per field (lost/total)`)
	for (const r of results) {
		const t = tally([r])
		out.push(`${r.file.padEnd(26)}${`${t.intact}/${t.total}`.padEnd(9)}${lostBy(r.contacts.flatMap((c) => c.units)) || '—'}${r.extra.length ? `; ${r.extra.length} unexpected contact(s)` : ''}`)
	}
	if (!details) return out.join('\n')
	out.push('', 'What was lost (✗: not named in the import report; ✓: named):')
	for (const r of results) {
		const lost = r.contacts.flatMap((c) => c.units.filter((u) => !u.intact).map((u) => ({ c, u })))
		if (!lost.length && !r.extra.length && !r.error) continue
		out.push(`${r.file} (${r.source.split(':')[0]})${r.error ? `: the file was refused: ${r.error}` : ''}`)
		for (const { c, u } of lost) {
			const mark = c.unnamed.includes(u) ? '✗' : '✓'
			out.push(`  ${mark} line ${String(c.line).padEnd(4)}${clip(c.who, 22).padEnd(23)}${u.field.padEnd(13)}expected ${clip(u.expected, 48).padEnd(49)}got ${clip(u.got, 48)}`)
		}
		for (const who of r.extra) out.push(`  ✗ ${'?'.padEnd(9)}${clip(who, 22).padEnd(23)}${'name'.padEnd(13)}expected ${NONE.padEnd(49)}got an unexpected contact`)
	}
	return out.join('\n')
}

// ───────────────────────── the tests ─────────────────────────

/** Where each contact starts: the BEGIN:VCARD lines, or the first line of each CSV row (quoted newlines span lines). */
function contactLines(file: string) {
	const content = fs.readFileSync(path.join(CORPUS, file), 'latin1')
	if (file.endsWith('.vcf')) return content.split(/\r\n|\r|\n/).flatMap((l, i) => (/^BEGIN:VCARD\s*$/i.test(l) ? [i + 1] : []))
	const lines: number[] = []
	let [cursor, line] = [0, 1]
	Papa.parse<string[]>(content, {
		step: (row) => {
			const start = line
			line += (content.slice(cursor, row.meta.cursor).match(/\n/g) ?? []).length
			cursor = row.meta.cursor
			if (row.data.some((c) => c.trim())) lines.push(start)
		},
	})
	return lines.slice(1)
}

describe('importing real address-book exports (tests/fixtures/corpus)', () => {
	let results: FileResult[] = []
	beforeAll(async () => {
		results = []
		for (const file of files) results.push(await importFile(file))
	}, 120_000)

	it('has an expectation for every file, pointing at the line where each of its contacts starts', () => {
		expect(files.length).toBeGreaterThanOrEqual(10)
		const expectations = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.expected.json'))
		expect(expectations.sort()).toEqual(files.map((f) => `${f}.expected.json`))
		for (const file of files) {
			const exp = expectation(file)
			const starts = contactLines(file)
			expect(exp.contacts.map((c) => c.line), file).toEqual(starts)
			for (const w of exp.warnings ?? []) expect(starts, `${file}: warning on line ${w.line}`).toContain(w.line)
		}
	})

	it('counts a contact stored as the file says as intact, and each way of getting it wrong as lost', () => {
		for (const file of files) {
			for (const e of expectation(file).contacts) expect(compare(fillIn(e), fillIn(e)).filter((u) => !u.intact), `${file} line ${e.line}`).toEqual([])
		}
		const want = fillIn({
			line: 1,
			name: { first: 'Léa', last: 'Rousseau' },
			phones: [{ value: '+33612345678', label: 'mobile' }],
			websites: [{ url: 'www.lea.example' }, { label: 'work', url: 'http://lea-work.example' }],
			addresses: [{ label: 'home', street: '8 rue de la Paix\nBât. B', city: 'Lyon' }],
			tags: ['Famille'],
		})
		const same = { ...want, name: { first: 'Le\u0301a ', last: 'Rousseau' }, phones: [{ value: '+33 6 12 34 56 78', label: 'Cell' }] }
		const sameSites = [{ url: 'https://www.lea.example/' }, { label: 'Work', url: 'http://lea-work.example' }]
		expect(compare(want, { ...same, websites: sameSites, addresses: [{ label: 'Home', street: '8 rue de la Paix, Bât. B', city: 'LYON' }] }).every((u) => u.intact)).toBe(true)
		const lost = (have: Partial<Shape>) => compare(want, { ...want, ...have }).filter((u) => !u.intact)
		expect(lost({ phones: [{ value: '+10612345678', label: 'mobile' }] })).toMatchObject([{ field: 'phones', got: 'mobile: +10612345678' }])
		expect(lost({ websites: [sameSites[0]!, { label: 'work', url: 'https://http\\://lea-work.example' }] })).toMatchObject([{ field: 'websites' }])
		expect(lost({ addresses: [{ street: '8 rue de la Paix, Bât. B', city: 'Lyon' }] })).toMatchObject([{ field: 'addresses', got: '(no label): 8 rue de la Paix, Bât. B, Lyon' }])
		expect(lost({ tags: ['Famille', 'myContacts'] })).toMatchObject([{ field: 'tags', expected: NONE, got: 'myContacts' }])
		expect(lost({ name: { first: 'Léa"', last: 'Rousseau' } })).toMatchObject([{ field: 'name' }])
		expect(compare(want, null).every((u) => !u.intact && u.got === 'not imported')).toBe(true)
	})

	it('previews each file exactly as it then imports it', () => {
		const differences = results
			.filter((r) => r.preview && r.summary)
			.flatMap((r) => {
				const previewed = [...r.preview!.warnings.map((w) => `${w.line}: ${w.message}`), ...r.preview!.examples.reject.map((x) => `${x.line}: ${x.detail}`)].sort()
				const reported = r.messages.map((m) => `${m.line}: ${m.text}`).sort()
				const counts = JSON.stringify(r.preview!.counts) === JSON.stringify(r.summary!.counts)
				return [
					...(counts ? [] : [`${r.file}: preview counts ${JSON.stringify(r.preview!.counts)}, import counts ${JSON.stringify(r.summary!.counts)}`]),
					...(JSON.stringify(previewed) === JSON.stringify(reported) ? [] : [`${r.file}: the preview said\n    ${previewed.join('\n    ')}\n  the report says\n    ${reported.join('\n    ')}`]),
				]
			})
		expect(differences, differences.join('\n')).toEqual([])
	})

	it('keeps at least 95% of the important fields intact', () => {
		console.log(table(results))
		const { intact, total } = tally(results)
		expect(total).toBeGreaterThan(300)
		expect(intact / total, `${table(results, false)}\n(the output above lists every field lost)\n`).toBeGreaterThanOrEqual(0.95)
	})

	it('names every field that does not arrive intact in the import report (line, field, value)', () => {
		const unnamed = results.flatMap((r) => [
			...r.contacts.flatMap((c) => c.unnamed.map((u) => `${r.file} line ${c.line} (${c.who}): ${u.field} expected ${clip(u.expected, 60)}, got ${clip(u.got, 60)}`)),
			...r.extra.map((who) => `${r.file}: an unexpected contact “${who}”`),
		])
		expect(unnamed, `${unnamed.length} fields lost without a word in the report:\n${unnamed.join('\n')}`).toEqual([])
	})

	it('warns about each bad value of a file, on its line, naming the field and the value', () => {
		const missing = results.flatMap((r) => r.missingWarnings.map((w) => `${r.file} line ${w.line}: no warning about the ${w.field} ${[w.value].flat().join(' … ')}`))
		const said = (file: string, line: number) =>
			results
				.find((r) => r.file === file)!
				.messages.filter((m) => m.line === line)
				.map((m) => m.text)
		const detail = results.flatMap((r) => r.missingWarnings.map((w) => `${r.file} line ${w.line} says: ${said(r.file, w.line).join(' | ') || 'nothing'}`))
		expect(missing, `${missing.join('\n')}\n\nwhat the report says on those lines:\n${detail.join('\n')}`).toEqual([])
	})
})

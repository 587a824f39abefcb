// CSV contact files: reading (papaparse: BOM, "," ";" tab delimiters, quoted
// newlines), recognising the common exports from their headers, and turning a row
// into a RawContact through a column mapping the user can edit.
import Papa from 'papaparse'
import { emptyRaw, ImportFileError, isImportFieldKey, normalizeLabel, RAW_ADDRESS_PARTS, splitList, tagList, type ImportFieldKey, type RawAddress, type RawContact, type SourceFormat } from './fields.ts'

export type CsvRow = { line: number; cells: string[] }
export type CsvFile = { headers: string[]; rows: CsvRow[]; delimiter: string }

const EMAIL_LIKE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const PHONE_LIKE = /^\+?[\d\s().-]{6,}$/

/** Lines before the header that some exports add (LinkedIn starts with a "Notes:" paragraph). */
function skipPreamble(text: string) {
	if (!/^\s*notes:/i.test(text)) return { text, lineOffset: 0 }
	const match = /(^|\n)(?="?first name"?[,;\t])/i.exec(text)
	if (!match) throw new ImportFileError('This file starts with notes but has no header row (a line starting with “First Name”).')
	const start = match.index + match[1]!.length
	return { text: text.slice(start), lineOffset: text.slice(0, start).split('\n').length - 1 }
}

/**
 * Reads CSV text into a header and rows, each with the line it starts on (quoted
 * newlines make that differ from the row number). Refuses a file without a usable
 * header, with an unclosed quote, or without any contact.
 */
export function readCsv(input: string): CsvFile {
	const { text, lineOffset } = skipPreamble(input.replace(/^\uFEFF/, ''))
	if (!text.trim()) throw new ImportFileError('The file is empty.')
	const rows: CsvRow[] = []
	let headers: string[] | null = null
	let delimiter = ','
	let cursor = 0
	let line = lineOffset + 1
	let unclosedAt: number | null = null
	Papa.parse<string[]>(text, {
		delimitersToGuess: [',', ';', '\t', '|'],
		step: (result) => {
			const start = line
			const consumed = text.slice(cursor, result.meta.cursor)
			cursor = result.meta.cursor
			line += countNewlines(consumed)
			if (result.errors.some((e) => e.code === 'MissingQuotes')) unclosedAt ??= start
			const cells = result.data
			if (!headers) {
				if (cells.every((c) => !c.trim())) return
				headers = cells.map((c) => c.trim())
				delimiter = result.meta.delimiter
				return
			}
			if (cells.every((c) => !c.trim())) return
			rows.push({ line: start, cells })
		},
	})
	if (unclosedAt !== null) throw new ImportFileError(`Line ${unclosedAt}: a quote (") is opened and never closed, so the rest of the file can’t be read. Fix the quotes on that line and upload the file again.`)
	if (!headers) throw new ImportFileError('The file is empty.')
	const header: string[] = headers
	if (header.some((h) => EMAIL_LIKE.test(h) || PHONE_LIKE.test(h))) {
		throw new ImportFileError('The first row looks like a contact, not column names. Add a header row (for example First Name,Last Name,Email) and upload the file again.')
	}
	if (!rows.length) throw new ImportFileError('The file has column names but no contacts below them.')
	return { headers: header, rows, delimiter }
}

function countNewlines(s: string) {
	let n = 0
	for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++
	// Old Mac files end lines with a lone CR.
	if (n === 0 && s.includes('\r')) n = s.split('\r').length - 1
	return n
}

// ───────────────────────── recognising the source ─────────────────────────

/** "E-mail 1 - Value" → "email1value": how headers are compared. */
export function headerKey(header: string) {
	return header
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '')
}

export function detectSource(headers: string[]): SourceFormat {
	const keys = new Set(headers.map(headerKey))
	const has = (...k: string[]) => k.some((x) => keys.has(x))
	if (has('email1value', 'phone1value', 'groupmembership', 'organization1name', 'organizationname', 'givenname')) return 'google'
	if (has('connectedon') || (has('url') && has('position') && has('firstname'))) return 'linkedin'
	if (has('primaryemail') && has('birthyear', 'mobilenumber', 'secondaryemail')) return 'thunderbird'
	if (has('emailaddress') && has('mobilephone', 'businessphone', 'homephone', 'categories', 'email2address')) return 'outlook'
	if (has('email1label') || (has('email1') && has('leadstatus'))) return 'rapport'
	if (has('first') && has('last')) return 'apple'
	return 'generic'
}

const GOOGLE: Array<[RegExp, ImportFieldKey]> = [
	[/^(firstname|givenname)$/, 'firstName'],
	[/^(middlename|additionalname)$/, 'middleName'],
	[/^(lastname|familyname)$/, 'lastName'],
	[/^name$/, 'fullName'],
	[/^email\d+value$/, 'email'],
	[/^email\d+(label|type)$/, 'emailLabel'],
	[/^phone\d+value$/, 'phone'],
	[/^phone\d+(label|type)$/, 'phoneLabel'],
	[/^(organizationname|organization1name)$/, 'company'],
	[/^(organizationtitle|organization1title)$/, 'jobTitle'],
	[/^(labels|groupmembership)$/, 'tags'],
	[/^website\d+value$/, 'website'],
	[/^website\d+(label|type)$/, 'websiteLabel'],
	[/^nickname$/, 'nickname'],
	[/^event\d+(label|type)$/, 'eventLabel'],
	[/^event\d+value$/, 'event'],
	[/^photo$/, 'avatarUrl'],
	// Everything else Google writes (phonetic names, nickname, "File As", relations...) is not ours.
	[/^(nameprefix|namesuffix|nickname|fileas|shortname|initials|maidenname|yomi.*|.*yomi.*|phonetic.*|organization.*|address\d+.*|website\d+.*|relation\d+.*|customfield.*|im\d+.*|gender|location|occupation|hobby|sensitivity|priority|subject|language|billinginformation|directoryserver|mileage)$/, ''],
]

/** Outlook's "Business Street", "Business Street 2", "Business City", … for one kind of address. */
function outlookAddress(prefix: string, slot: 'work' | 'home' | 'other'): Record<string, ImportFieldKey> {
	return {
		[`${prefix}street`]: `street:${slot}`,
		[`${prefix}street2`]: `street:${slot}`,
		[`${prefix}street3`]: `street:${slot}`,
		[`${prefix}city`]: `city:${slot}`,
		[`${prefix}state`]: `region:${slot}`,
		[`${prefix}postalcode`]: `postalCode:${slot}`,
		[`${prefix}countryregion`]: `country:${slot}`,
	}
}

const NUMBERED_PART: Record<string, 'address' | 'street' | 'city' | 'region' | 'postalCode' | 'country' | 'addressLabel' | ''> = {
	formatted: 'address',
	street: 'street',
	city: 'city',
	region: 'region',
	state: 'region',
	postalcode: 'postalCode',
	zip: 'postalCode',
	zipcode: 'postalCode',
	country: 'country',
	label: 'addressLabel',
	type: 'addressLabel',
	// Google's "PO Box" and "Extended Address" are not ours.
	pobox: '',
	extendedaddress: '',
}

/** "Address 2 - City" (Google) or "Address 2 city" (ours) → "city:2"; the first address has no suffix. */
function numberedAddress(key: string): ImportFieldKey | undefined {
	const m = /^address(\d)([a-z]+)$/.exec(key)
	const part = m ? NUMBERED_PART[m[2]!] : undefined
	if (!m || part === undefined) return undefined
	if (!part || Number(m[1]) > 3) return ''
	return (m[1] === '1' ? part : `${part}:${m[1]}`) as ImportFieldKey
}

const OUTLOOK: Record<string, ImportFieldKey> = {
	firstname: 'firstName',
	middlename: 'middleName',
	lastname: 'lastName',
	// Outlook's "Title" is Mr/Ms; the job title is "Job Title".
	title: '',
	suffix: '',
	emailaddress: 'email',
	email2address: 'email',
	email3address: 'email',
	mobilephone: 'phone:mobile',
	primaryphone: 'phone',
	businessphone: 'phone:work',
	businessphone2: 'phone:work',
	homephone: 'phone:home',
	homephone2: 'phone:home',
	otherphone: 'phone:other',
	businessfax: 'phone:work fax',
	homefax: 'phone:home fax',
	otherfax: 'phone:fax',
	company: 'company',
	jobtitle: 'jobTitle',
	...outlookAddress('business', 'work'),
	...outlookAddress('home', 'home'),
	...outlookAddress('other', 'other'),
	birthday: 'birthday',
	anniversary: 'anniversary',
	categories: 'tags',
	notes: 'notes',
	webpage: 'website:work',
	personalwebpage: 'website:home',
	nickname: 'nickname',
}

const THUNDERBIRD: Record<string, ImportFieldKey> = {
	firstname: 'firstName',
	lastname: 'lastName',
	displayname: 'fullName',
	nickname: 'nickname',
	primaryemail: 'email',
	secondaryemail: 'email',
	screenname: '',
	workphone: 'phone:work',
	homephone: 'phone:home',
	faxnumber: 'phone:fax',
	pagernumber: '',
	mobilenumber: 'phone:mobile',
	homeaddress: 'street:home',
	homeaddress2: 'street:home',
	homecity: 'city:home',
	homestate: 'region:home',
	homezipcode: 'postalCode:home',
	homecountry: 'country:home',
	workaddress: 'street:work',
	workaddress2: 'street:work',
	workcity: 'city:work',
	workstate: 'region:work',
	workzipcode: 'postalCode:work',
	workcountry: 'country:work',
	jobtitle: 'jobTitle',
	department: '',
	organization: 'company',
	webpage1: 'website:work',
	webpage2: 'website:home',
	birthyear: 'birthdayYear',
	birthmonth: 'birthdayMonth',
	birthday: 'birthdayDay',
	notes: 'notes',
}

const LINKEDIN: Record<string, ImportFieldKey> = {
	firstname: 'firstName',
	lastname: 'lastName',
	url: 'linkedin',
	emailaddress: 'email',
	company: 'company',
	position: 'jobTitle',
	connectedon: '',
}

/** Everyday names for our fields, for Apple-style, our own and hand-made spreadsheets. */
const SYNONYMS: Record<string, ImportFieldKey> = {
	name: 'fullName',
	fullname: 'fullName',
	displayname: 'fullName',
	contactname: 'fullName',
	first: 'firstName',
	firstname: 'firstName',
	givenname: 'firstName',
	forename: 'firstName',
	middle: 'middleName',
	middlename: 'middleName',
	last: 'lastName',
	lastname: 'lastName',
	surname: 'lastName',
	familyname: 'lastName',
	email: 'email',
	emails: 'email',
	mail: 'email',
	emailaddress: 'email',
	workemail: 'email:work',
	businessemail: 'email:work',
	homeemail: 'email:home',
	personalemail: 'email:home',
	otheremail: 'email:other',
	phone: 'phone',
	phones: 'phone',
	phonenumber: 'phone',
	telephone: 'phone',
	tel: 'phone',
	mobile: 'phone:mobile',
	mobilephone: 'phone:mobile',
	cell: 'phone:mobile',
	cellphone: 'phone:mobile',
	workphone: 'phone:work',
	businessphone: 'phone:work',
	homephone: 'phone:home',
	otherphone: 'phone:other',
	whatsapp: 'whatsapp',
	company: 'company',
	companyname: 'company',
	organization: 'company',
	organisation: 'company',
	org: 'company',
	employer: 'company',
	title: 'jobTitle',
	jobtitle: 'jobTitle',
	position: 'jobTitle',
	role: 'jobTitle',
	birthday: 'birthday',
	birthdate: 'birthday',
	dateofbirth: 'birthday',
	dob: 'birthday',
	bday: 'birthday',
	anniversary: 'anniversary',
	tags: 'tags',
	tag: 'tags',
	labels: 'tags',
	categories: 'tags',
	groups: 'groups',
	group: 'groups',
	notes: 'notes',
	note: 'notes',
	comments: 'notes',
	address: 'address',
	fulladdress: 'address',
	street: 'street',
	streetaddress: 'street',
	address1: 'street',
	addressline1: 'street',
	// A second address line continues the street.
	address2: 'street',
	addressline2: 'street',
	nickname: 'nickname',
	spitzname: 'nickname',
	surnom: 'nickname',
	apodo: 'nickname',
	city: 'city',
	town: 'city',
	state: 'region',
	region: 'region',
	province: 'region',
	stateregion: 'region',
	zip: 'postalCode',
	zipcode: 'postalCode',
	postcode: 'postalCode',
	postalcode: 'postalCode',
	country: 'country',
	countryregion: 'country',
	website: 'website',
	web: 'website',
	url: 'website',
	homepage: 'website',
	webpage: 'website',
	linkedin: 'linkedin',
	linkedinurl: 'linkedin',
	linkedinprofile: 'linkedin',
	instagram: 'instagram',
	leadstatus: 'leadStatus',
	status: 'leadStatus',
	decisionmaker: 'decisionMaker',
	authoritylevel: 'authorityLevel',
	authority: 'authorityLevel',
	pictureurl: 'avatarUrl',
	photo: 'avatarUrl',
	photourl: 'avatarUrl',
	avatar: 'avatarUrl',
	// The same columns in spreadsheets made in German, French, Spanish, Italian, Dutch and Portuguese.
	vorname: 'firstName',
	nachname: 'lastName',
	prenom: 'firstName',
	nomdefamille: 'lastName',
	nombre: 'firstName',
	apellido: 'lastName',
	apellidos: 'lastName',
	nome: 'firstName',
	cognome: 'lastName',
	sobrenome: 'lastName',
	voornaam: 'firstName',
	achternaam: 'lastName',
	courriel: 'email',
	emailadresse: 'email',
	correo: 'email',
	correoelectronico: 'email',
	telefon: 'phone',
	telephone1: 'phone',
	telefono: 'phone',
	telefoon: 'phone',
	handy: 'phone:mobile',
	mobil: 'phone:mobile',
	portable: 'phone:mobile',
	movil: 'phone:mobile',
	cellulare: 'phone:mobile',
	mobiel: 'phone:mobile',
	celular: 'phone:mobile',
	firma: 'company',
	unternehmen: 'company',
	societe: 'company',
	entreprise: 'company',
	empresa: 'company',
	azienda: 'company',
	bedrijf: 'company',
	geburtstag: 'birthday',
	anniversaire: 'birthday',
	cumpleanos: 'birthday',
	compleanno: 'birthday',
	verjaardag: 'birthday',
	aniversario: 'birthday',
	notizen: 'notes',
	notiz: 'notes',
	notas: 'notes',
	adresse: 'address',
	direccion: 'address',
	ort: 'city',
	stadt: 'city',
	ville: 'city',
	ciudad: 'city',
	plz: 'postalCode',
	codepostal: 'postalCode',
	land: 'country',
	pays: 'country',
	pais: 'country',
}

function generic(key: string): ImportFieldKey | undefined {
	if (key in SYNONYMS) return SYNONYMS[key]
	const address = numberedAddress(key)
	if (address !== undefined) return address
	if (/^website\d+(label|type)$/.test(key)) return 'websiteLabel'
	if (/^website\d+(value|url)?$/.test(key)) return 'website'
	if (/^e?mail\d+(label|type)$/.test(key)) return 'emailLabel'
	if (/^e?mail\d+(value|address)?$/.test(key)) return 'email'
	if (/^phone\d+(label|type)$/.test(key)) return 'phoneLabel'
	if (/^phone\d+(value|number)?$/.test(key)) return 'phone'
	return undefined
}

export type CustomFieldRef = { key: string; label: string }

/** The automatic mapping: for each column, the field it fills ("" = ignored). */
export function autoMapping(headers: string[], source: SourceFormat, customFields: CustomFieldRef[] = []): ImportFieldKey[] {
	const custom = new Map<string, ImportFieldKey>()
	for (const f of customFields) {
		custom.set(headerKey(f.label), `custom:${f.key}`)
		custom.set(headerKey(f.key), `custom:${f.key}`)
	}
	return headers.map((header) => {
		const key = headerKey(header)
		if (!key) return ''
		if (source === 'google') {
			const hit = numberedAddress(key) ?? GOOGLE.find(([re]) => re.test(key))?.[1]
			if (hit !== undefined) return hit
		}
		if (source === 'outlook' && key in OUTLOOK) return OUTLOOK[key]!
		// Outlook's "E-mail 2 Type" is SMTP, not a label; its display names repeat the address.
		if (source === 'outlook' && /^email\d?(type|displayname)$/.test(key)) return ''
		if (source === 'linkedin' && key in LINKEDIN) return LINKEDIN[key]!
		if (source === 'thunderbird' && key in THUNDERBIRD) return THUNDERBIRD[key]!
		return custom.get(key) ?? generic(key) ?? ''
	})
}

/** A mapping as posted by the form, checked against what the workspace has. */
export function sanitizeMapping(posted: string[], columns: number, customKeys: string[]): ImportFieldKey[] {
	return Array.from({ length: columns }, (_, i) => {
		const value = posted[i] ?? ''
		return isImportFieldKey(value, customKeys) ? value : ''
	})
}

// ───────────────────────── a row through the mapping ─────────────────────────

type Singular = Exclude<keyof RawContact, 'emails' | 'phones' | 'addresses' | 'websites' | 'tags' | 'groups' | 'custom' | 'photo' | 'notes'>
const SINGULAR = new Set<string>([
	'firstName',
	'middleName',
	'lastName',
	'fullName',
	'company',
	'jobTitle',
	'birthday',
	'anniversary',
	'nickname',
	'linkedin',
	'instagram',
	'whatsapp',
	'leadStatus',
	'decisionMaker',
	'authorityLevel',
	'avatarUrl',
])

const ADDRESS_PART_OF: Record<string, keyof RawAddress> = { address: 'formatted', street: 'street', city: 'city', region: 'region', postalCode: 'postalCode', country: 'country' }

/** Spreadsheet exports (ours included) guard formulas with a leading apostrophe. */
function cellValue(raw: string | undefined) {
	const value = (raw ?? '').trim()
	return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value
}

export function applyMapping(cells: string[], mapping: ImportFieldKey[]): RawContact {
	const raw = emptyRaw()
	const emailCols: Array<{ values: string[]; label?: string }> = []
	const phoneCols: Array<{ values: string[]; label?: string }> = []
	const websiteCols: Array<{ values: string[]; label?: string }> = []
	const emailLabels: string[] = []
	const phoneLabels: string[] = []
	const websiteLabels: string[] = []
	// Addresses by slot ("" first, "2", "work", …), in the order their columns come.
	const addresses = new Map<string, RawAddress>()
	const slot = (name: string) => {
		let a = addresses.get(name)
		if (!a) addresses.set(name, (a = /^\d?$/.test(name) ? {} : { label: name }))
		return a
	}
	const events: string[] = []
	const eventLabels: string[] = []
	const notes: string[] = []
	const birthdayParts: Partial<Record<'birthdayYear' | 'birthdayMonth' | 'birthdayDay', string>> = {}
	mapping.forEach((field, i) => {
		if (!field) return
		const value = cellValue(cells[i])
		if (field === 'emailLabel') return void emailLabels.push(value)
		if (field === 'phoneLabel') return void phoneLabels.push(value)
		if (field === 'websiteLabel') return void websiteLabels.push(value)
		if (field.startsWith('website')) return void websiteCols.push({ values: splitList(value, /\s+:::\s+|\s*[\r\n]+\s*/), label: field.split(':')[1] })
		if (field === 'eventLabel') return void eventLabels.push(value)
		if (field === 'event') return void events.push(value)
		if (field.startsWith('email')) return void emailCols.push({ values: splitList(value, /\s*:::\s*|\s*[;,]\s*/), label: field.split(':')[1] })
		if (field.startsWith('phone')) return void phoneCols.push({ values: splitList(value, /\s*:::\s*|\s*;\s*/), label: field.split(':')[1] })
		if (!value) return
		const [head, suffix = ''] = field.split(':')
		if (head === 'addressLabel') return void (slot(suffix).label ||= value)
		if (head && head in ADDRESS_PART_OF) {
			const a = slot(suffix)
			const part = ADDRESS_PART_OF[head]!
			// Outlook's "Business Street 2/3" continue the street.
			a[part] = part === 'street' && a.street ? `${a.street}, ${value}` : (a[part] ?? value)
			return
		}
		if (field === 'birthdayYear' || field === 'birthdayMonth' || field === 'birthdayDay') return void (birthdayParts[field] ||= value)
		if (field === 'tags') return void raw.tags.push(...tagList(splitList(value)))
		if (field === 'groups') return void raw.groups.push(...splitList(value))
		if (field === 'notes') return void notes.push(value)
		if (field.startsWith('custom:')) return void (raw.custom[field.slice(7)] ||= value)
		if (SINGULAR.has(field)) {
			const key = field as Singular
			raw[key] ||= value
		}
	})
	emailCols.forEach((col, i) => {
		const label = normalizeLabel(col.label ?? emailLabels[i])
		for (const value of col.values) raw.emails.push({ value, label })
	})
	phoneCols.forEach((col, i) => {
		const label = normalizeLabel(col.label ?? phoneLabels[i])
		for (const value of col.values) raw.phones.push({ value, label })
	})
	websiteCols.forEach((col, i) => {
		const label = normalizeLabel(col.label ?? websiteLabels[i])
		for (const value of col.values) raw.websites.push({ value, label })
	})
	for (const a of addresses.values()) {
		if (RAW_ADDRESS_PARTS.some((k) => a[k])) raw.addresses.push({ ...a, label: normalizeLabel(a.label) })
	}
	events.forEach((value, i) => {
		const label = eventLabels[i] ?? ''
		if (/anniv/i.test(label)) raw.anniversary ||= value
		else if (/birth/i.test(label)) raw.birthday ||= value
	})
	if (notes.length) raw.notes = notes.join('\n\n')
	// Thunderbird writes the birthday as three columns.
	if (!raw.birthday && birthdayParts.birthdayMonth && birthdayParts.birthdayDay) {
		const md = `${birthdayParts.birthdayMonth.padStart(2, '0')}-${birthdayParts.birthdayDay.padStart(2, '0')}`
		raw.birthday = birthdayParts.birthdayYear ? `${birthdayParts.birthdayYear}-${md}` : `--${md}`
	}
	// A "website" that is really a LinkedIn or Instagram profile goes where it belongs.
	raw.websites = raw.websites.filter((w) => {
		if (/linkedin\.com\//i.test(w.value) && !raw.linkedin) raw.linkedin = w.value
		else if (/instagram\.com\//i.test(w.value) && !raw.instagram) raw.instagram = w.value
		else return true
		return false
	})
	raw.tags = [...new Set(raw.tags)]
	raw.groups = [...new Set(raw.groups)]
	return raw
}

/** The first non-empty value of each column, shown beside the mapping selects. */
export function columnSamples(file: CsvFile, limit = 50) {
	return file.headers.map((_, i) => {
		for (const row of file.rows.slice(0, limit)) {
			const v = cellValue(row.cells[i])
			if (v) return v.length > 60 ? `${v.slice(0, 57)}…` : v
		}
		return ''
	})
}

// What an imported column can become, shared by the CSV mapper, the vCard reader
// and the mapping selects on the import page (so this file is client-safe).

/** A contact as read from a file: every value still as written, nothing validated. */
export type RawContact = {
	firstName?: string
	middleName?: string
	lastName?: string
	fullName?: string
	nickname?: string
	emails: Array<{ value: string; label?: string }>
	phones: Array<{ value: string; label?: string }>
	company?: string
	jobTitle?: string
	birthday?: string
	anniversary?: string
	tags: string[]
	groups: string[]
	/** Each postal address in the file, in its order; `formatted` is a one-line address without parts. */
	addresses: RawAddress[]
	notes?: string
	websites: Array<{ value: string; label?: string }>
	linkedin?: string
	instagram?: string
	whatsapp?: string
	leadStatus?: string
	decisionMaker?: string
	authorityLevel?: string
	avatarUrl?: string
	/** An inline picture (vCard PHOTO); checked to be an image before it is stored. */
	photo?: Uint8Array
	custom: Record<string, string>
}

export type RawAddress = { label?: string; formatted?: string; street?: string; city?: string; region?: string; postalCode?: string; country?: string }
export const RAW_ADDRESS_PARTS = ['formatted', 'street', 'city', 'region', 'postalCode', 'country'] as const

export function emptyRaw(): RawContact {
	return { emails: [], phones: [], addresses: [], websites: [], tags: [], groups: [], custom: {} }
}

/**
 * Which address a column fills: "" is the first, "2" and "3" the next ones, and a
 * label ("work", "home", "other") an address of that kind (Outlook's Business/Home/Other).
 */
export const ADDRESS_SLOTS = ['', 'work', 'home', 'other', '2', '3'] as const
const ADDRESS_PART_LABELS = { formatted: 'Address (one line)', street: 'Street', city: 'City', region: 'State / region', postalCode: 'Postal code', country: 'Country' } as const
const slotLabel = (slot: string) => (!slot ? '' : /^\d$/.test(slot) ? ` (address ${slot})` : ` (${slot})`)
const ADDRESS_FIELDS = ADDRESS_SLOTS.flatMap((slot) => [
	...(/^\d?$/.test(slot) ? [{ key: `addressLabel${slot ? `:${slot}` : ''}`, label: `Address label${slotLabel(slot)}`, group: 'Address' }] : []),
	...RAW_ADDRESS_PARTS.map((part) => ({ key: `${part === 'formatted' ? 'address' : part}${slot ? `:${slot}` : ''}`, label: `${ADDRESS_PART_LABELS[part]}${slotLabel(slot)}`, group: 'Address' })),
])

/** Keys a CSV column can be mapped to; "custom:<key>" for a workspace's custom fields, "" to ignore. */
export const IMPORT_FIELDS = [
	{ key: 'fullName', label: 'Full name (split into first and last)', group: 'Name' },
	{ key: 'firstName', label: 'First name', group: 'Name' },
	{ key: 'middleName', label: 'Middle name', group: 'Name' },
	{ key: 'lastName', label: 'Last name', group: 'Name' },
	{ key: 'nickname', label: 'Nickname', group: 'Name' },
	{ key: 'email', label: 'Email', group: 'Email' },
	{ key: 'email:work', label: 'Email (work)', group: 'Email' },
	{ key: 'email:home', label: 'Email (home)', group: 'Email' },
	{ key: 'email:other', label: 'Email (other)', group: 'Email' },
	{ key: 'emailLabel', label: 'Email label', group: 'Email' },
	{ key: 'phone', label: 'Phone', group: 'Phone' },
	{ key: 'phone:mobile', label: 'Phone (mobile)', group: 'Phone' },
	{ key: 'phone:work', label: 'Phone (work)', group: 'Phone' },
	{ key: 'phone:home', label: 'Phone (home)', group: 'Phone' },
	{ key: 'phone:other', label: 'Phone (other)', group: 'Phone' },
	{ key: 'phone:fax', label: 'Phone (fax)', group: 'Phone' },
	{ key: 'phone:work fax', label: 'Phone (work fax)', group: 'Phone' },
	{ key: 'phone:home fax', label: 'Phone (home fax)', group: 'Phone' },
	{ key: 'phoneLabel', label: 'Phone label', group: 'Phone' },
	{ key: 'whatsapp', label: 'WhatsApp', group: 'Phone' },
	{ key: 'company', label: 'Company', group: 'Work' },
	{ key: 'jobTitle', label: 'Job title', group: 'Work' },
	{ key: 'leadStatus', label: 'Lead status', group: 'Work' },
	{ key: 'decisionMaker', label: 'Decision-maker (yes/no)', group: 'Work' },
	{ key: 'authorityLevel', label: 'Authority level', group: 'Work' },
	{ key: 'birthday', label: 'Birthday', group: 'Dates' },
	{ key: 'birthdayYear', label: 'Birthday: year', group: 'Dates' },
	{ key: 'birthdayMonth', label: 'Birthday: month', group: 'Dates' },
	{ key: 'birthdayDay', label: 'Birthday: day', group: 'Dates' },
	{ key: 'anniversary', label: 'Anniversary', group: 'Dates' },
	{ key: 'eventLabel', label: 'Event label (anniversary when it says so)', group: 'Dates' },
	{ key: 'event', label: 'Event date', group: 'Dates' },
	{ key: 'tags', label: 'Tags', group: 'Organise' },
	{ key: 'groups', label: 'Groups', group: 'Organise' },
	{ key: 'notes', label: 'Notes', group: 'Organise' },
	{ key: 'website', label: 'Website', group: 'Online' },
	{ key: 'website:work', label: 'Website (work)', group: 'Online' },
	{ key: 'website:home', label: 'Website (home)', group: 'Online' },
	{ key: 'websiteLabel', label: 'Website label', group: 'Online' },
	{ key: 'linkedin', label: 'LinkedIn', group: 'Online' },
	{ key: 'instagram', label: 'Instagram', group: 'Online' },
	{ key: 'avatarUrl', label: 'Picture URL', group: 'Online' },
] as const

type AddressPartKey = 'address' | 'street' | 'city' | 'region' | 'postalCode' | 'country'
export type AddressFieldKey = AddressPartKey | `${AddressPartKey}:${Exclude<(typeof ADDRESS_SLOTS)[number], ''>}` | 'addressLabel' | 'addressLabel:2' | 'addressLabel:3'
export type ImportFieldKey = (typeof IMPORT_FIELDS)[number]['key'] | AddressFieldKey | `custom:${string}` | ''

/** Every field a column can be mapped to, in the order of the mapping select. */
export const IMPORT_FIELD_OPTIONS: ReadonlyArray<{ key: string; label: string; group: string }> = [
	...IMPORT_FIELDS.filter((f) => f.group !== 'Online' && f.group !== 'Organise'),
	...ADDRESS_FIELDS,
	...IMPORT_FIELDS.filter((f) => f.group === 'Online' || f.group === 'Organise'),
]

const KNOWN_KEYS = new Set<string>(IMPORT_FIELD_OPTIONS.map((f) => f.key))
export function isImportFieldKey(value: string, customKeys: string[] = []): value is ImportFieldKey {
	if (value === '' || KNOWN_KEYS.has(value)) return true
	return value.startsWith('custom:') && customKeys.includes(value.slice(7))
}

export const SOURCE_FORMAT_LABELS = {
	google: 'Google Contacts (CSV)',
	outlook: 'Outlook (CSV)',
	linkedin: 'LinkedIn connections (CSV)',
	thunderbird: 'Thunderbird (CSV)',
	apple: 'Apple / generic spreadsheet (CSV)',
	rapport: 'Rapport export (CSV)',
	generic: 'Spreadsheet (CSV)',
	vcard: 'vCard',
} as const
export type SourceFormat = keyof typeof SOURCE_FORMAT_LABELS

/** "CELL", "* Mobile", "_$!<Mobile>!$_", "iPhone" → "mobile"; unknown labels are kept as written. */
export function normalizeLabel(raw: string | undefined | null) {
	const value = (raw ?? '')
		.replace(/^_\$!<(.*)>!\$_$/, '$1')
		.replace(/^\*\s*/, '')
		.trim()
	if (!value) return undefined
	const lower = value.toLowerCase()
	return LABEL_SYNONYMS[lower] ?? (KNOWN_LABELS.has(lower) ? lower : value.slice(0, 40))
}
const LABEL_SYNONYMS: Record<string, string> = {
	cell: 'mobile',
	iphone: 'mobile',
	cellular: 'mobile',
	'mobile phone': 'mobile',
	'cell phone': 'mobile',
	business: 'work',
	office: 'work',
	private: 'home',
	'home page': 'homepage',
}
const KNOWN_LABELS = new Set(['mobile', 'work', 'home', 'personal', 'other', 'main', 'pager', 'fax', 'work fax', 'home fax', 'school', 'homepage'])

export type MonthDay = { month: number; day: number; year: number | null }

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
// Countries that write dates month first (3/14/1990).
const MONTH_FIRST = new Set(['US', 'CA', 'PH', 'FM', 'MH', 'PW', 'BZ'])

function monthFromName(name: string) {
	const index = MONTH_NAMES.indexOf(name.slice(0, 3).toLowerCase())
	return index === -1 ? null : index + 1
}

function yearOf(raw: string | undefined) {
	if (!raw) return null
	let year = Number(raw)
	if (raw.length === 2) year += year > 30 ? 1900 : 2000
	// 1604 is Apple's "no year"; 0000 and 1900 placeholders mean the same.
	if (year === 1604 || year === 0 || year === 1) return null
	return year
}

/**
 * Reads the dates contact exports write: 1990-03-14, --03-14, --0314, 19900314,
 * 1604-03-14 (Apple, no year), 3/14/1990 or 14/3/1990 (by country when ambiguous),
 * 14.03.1990, "March 14, 1990", "14 Mar 1990", "14 Mar", an ISO date-time.
 * Empty and "0/0/00" (Outlook's "none") give null; anything else unreadable gives "invalid".
 */
export function parseDateValue(raw: string | undefined, defaultCountry = 'US'): MonthDay | null | 'invalid' {
	const value = (raw ?? '').trim()
	if (!value || /^0{1,2}[/.-]0{1,2}[/.-]0{2,4}$/.test(value)) return null
	let m: RegExpMatchArray | null
	const result = (month: number, day: number, year: number | null): MonthDay | 'invalid' => {
		if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31)) return 'invalid'
		return { month, day, year }
	}
	if ((m = value.match(/^(\d{4})-?(\d{2})-?(\d{2})(?:[T\s].*)?$/))) return result(Number(m[2]), Number(m[3]), yearOf(m[1]))
	if ((m = value.match(/^--(\d{2})-?(\d{2})$/))) return result(Number(m[1]), Number(m[2]), null)
	if ((m = value.match(/^(\d{1,2})\/(\d{1,2})(?:\/(\d{2}|\d{4}))?$/))) {
		const a = Number(m[1])
		const b = Number(m[2])
		const monthFirst = a > 12 ? false : b > 12 ? true : MONTH_FIRST.has(defaultCountry.toUpperCase())
		return monthFirst ? result(a, b, yearOf(m[3])) : result(b, a, yearOf(m[3]))
	}
	if ((m = value.match(/^(\d{1,2})[.-](\d{1,2})[.-](\d{2}|\d{4})$/))) return result(Number(m[2]), Number(m[1]), yearOf(m[3]))
	if ((m = value.match(/^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$/i))) {
		const month = monthFromName(m[1]!)
		return month ? result(month, Number(m[2]), yearOf(m[3])) : 'invalid'
	}
	if ((m = value.match(/^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?(?:\s+(\d{4}))?$/i))) {
		const month = monthFromName(m[2]!)
		return month ? result(month, Number(m[1]), yearOf(m[3])) : 'invalid'
	}
	return 'invalid'
}

/** How our exports write a date: 1990-03-14, or --03-14 without a year (vCard 4 / Google style). */
export function formatDateValue(month: number | null, day: number | null, year: number | null) {
	if (!month || !day) return ''
	const md = `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
	return year ? `${String(year).padStart(4, '0')}-${md}` : `--${md}`
}

// Google's system groups ("* myContacts") are not labels a person chose; "* starred" is kept as a tag.
const SYSTEM_LABELS = new Set(['mycontacts', 'othercontacts'])

/** Tags as a person chose them, from a list cell or CATEGORIES. */
export function tagList(values: string[]) {
	return values
		.map((t) => t.replace(/^\*\s*/, '').trim())
		.filter((t) => t && !SYSTEM_LABELS.has(t.toLowerCase().replace(/\s+/g, '')))
		.map((t) => (t.toLowerCase() === 'starred' ? 'Starred' : t))
}

export function splitList(raw: string | undefined, separators = /\s*:::\s*|\s*[;,]\s*/) {
	return (raw ?? '')
		.split(separators)
		.map((s) => s.trim())
		.filter(Boolean)
}

/** A file we refuse as a whole (not CSV or vCard, no header, binary...): nothing is written. */
export class ImportFileError extends Error {
	override name = 'ImportFileError'
}

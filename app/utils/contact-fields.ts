// Pure normalisation of what people type into contact fields. Shared by forms,
// imports and the API so a number or handle is stored the same way from anywhere.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max'

/**
 * Remembers a pure function of a string. Parsing with the full metadata costs tens of
 * microseconds, and a list page asks about each row's numbers several times (quick
 * actions, display); the cache is bounded by starting over when full.
 */
function remembered<R>(fn: (key: string) => R, limit = 5_000) {
	const cache = new Map<string, R>()
	return (key: string): R => {
		if (cache.has(key)) return cache.get(key)!
		if (cache.size >= limit) cache.clear()
		const value = fn(key)
		cache.set(key, value)
		return value
	}
}

// Keyed by "<country>|<number>".
const normalized = remembered((key) => {
	const bar = key.indexOf('|')
	const [country, value] = [key.slice(0, bar), key.slice(bar + 1)]
	const parsed = parsePhoneNumberFromString(value.replace(/^tel:/i, '').replace(/^00/, '+'), country as CountryCode)
	if (!parsed?.isPossible()) return value
	// An extension is kept the RFC 3966 way (+12125550147;ext=2231): a switchboard number without it reaches no one.
	return parsed.ext ? `${parsed.number};ext=${parsed.ext}` : parsed.number
})

/** E.164 (with ";ext=N" for an extension) when the number is plausible for the country, otherwise as typed (trimmed). */
export function normalizePhone(raw: string, defaultCountry = 'US') {
	const value = raw.trim()
	if (!value) return ''
	return normalized(`${defaultCountry.toUpperCase()}|${value}`)
}

export const isMobileNumber = remembered((e164: string) => {
	const type = parsePhoneNumberFromString(e164)?.getType()
	return type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE'
})

/** Digits a person might type to find a number: full, national, and the local tail. */
export function phoneSearchTokens(phone: string) {
	const digits = (phone.split(/;ext=/i)[0] ?? '').replace(/\D/g, '')
	const national = parsePhoneNumberFromString(phone)?.nationalNumber ?? ''
	// Every tail of 4+ digits: FTS matches prefixes, so any run of 4+ digits from
	// anywhere in the number (an area code, the middle, the last four) finds it.
	const tails = Array.from({ length: Math.max(0, digits.length - 3) }, (_, i) => digits.slice(i))
	return [...new Set([...tails, national].filter((t) => t.length >= 4))]
}

/** Formats an E.164 number for reading; anything else is shown as stored. */
export const formatPhone = remembered((phone: string) => {
	const parsed = parsePhoneNumberFromString(phone)
	return parsed ? parsed.formatInternational() : phone
})

export function normalizeEmail(raw: string) {
	return raw.trim().toLowerCase()
}

/** "@ada", "ada", "instagram.com/ada/" and full URLs all become "ada". */
export function normalizeInstagram(raw: string) {
	let value = raw.trim()
	if (!value) return ''
	const url = value.match(/instagram\.com\/([^/?#]+)/i)
	if (url) value = url[1]!
	return value.replace(/^@/, '').replace(/\/$/, '').toLowerCase()
}

export function websiteDomain(website: string) {
	const value = website.trim()
	if (!value) return ''
	try {
		return new URL(/^https?:\/\//i.test(value) ? value : `https://${value}`).hostname.replace(/^www\./, '').toLowerCase()
	} catch {
		return ''
	}
}

const SCHEME = /^[a-z][a-z\d+.-]*:/i

/** "example.com" and "https://example.com/x" are web addresses; "javascript:…" and "mailto:…" are not. */
export function isWebAddress(raw: string) {
	const value = raw.trim()
	if (/^https?:\/\/[^\s/]/i.test(value)) return true
	// No scheme: a host name with a dot, maybe a port and a path ("localhost:3000" has no dot).
	return !SCHEME.test(value.replace(/^[^/:]+:\d+/, '')) && /^[^\s/.:]+(\.[^\s/.:]+)+(:\d+)?(\/\S*)?$/.test(value)
}

/** A web address as stored: a scheme is added only when it has none. */
export function normalizeWebsite(raw: string) {
	const value = raw.trim()
	if (!value) return ''
	return /^https?:\/\//i.test(value) ? value : `https://${value}`
}

export const ADDRESS_PARTS = ['street', 'city', 'region', 'postalCode', 'country'] as const
export type ContactAddress = { label: string | null; street: string | null; city: string | null; region: string | null; postalCode: string | null; country: string | null }
export type ContactWebsite = { label: string | null; url: string }

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : null)

/** The addresses stored in a contact's JSON column (defensive: never throws on odd JSON). */
export function readAddresses(json: unknown): ContactAddress[] {
	if (!Array.isArray(json)) return []
	return json
		.filter((a): a is Record<string, unknown> => Boolean(a) && typeof a === 'object')
		.map((a) => ({ label: str(a.label), street: str(a.street), city: str(a.city), region: str(a.region), postalCode: str(a.postalCode), country: str(a.country) }))
		.filter((a) => ADDRESS_PARTS.some((k) => a[k]))
}

export function readWebsites(json: unknown): ContactWebsite[] {
	if (!Array.isArray(json)) return []
	return json
		.filter((w): w is Record<string, unknown> => Boolean(w) && typeof w === 'object' && Boolean(str(w.url)))
		.map((w) => ({ label: str(w.label), url: String(w.url) }))
}

/** One line: "12 Rue de Rivoli, 75001 Paris, Île-de-France, France". */
export function formatAddress(a: ContactAddress) {
	return [a.street, [a.postalCode, a.city].filter(Boolean).join(' '), a.region, a.country].filter(Boolean).join(', ')
}

export function displayNameOf(first: string, last: string, fallback = '') {
	return [first.trim(), last.trim()].filter(Boolean).join(' ') || fallback.trim()
}

/** Whether month/day form a real date (29 Feb is allowed: there is a leap year). */
export function isValidMonthDay(month: number, day: number, year?: number | null) {
	if (month < 1 || month > 12 || day < 1) return false
	const days = new Date(Date.UTC(year ?? 2000, month, 0)).getUTCDate()
	return day <= days
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
export const MONTH_OPTIONS = MONTHS.map((label, i) => ({ value: String(i + 1), label }))

export function formatMonthDay(month: number | null, day: number | null, year?: number | null) {
	if (!month || !day) return ''
	return `${day} ${MONTHS[month - 1]}${year ? ` ${year}` : ''}`
}

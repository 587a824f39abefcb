// Pure builders for the links behind the quick actions (call, WhatsApp, SMS, email,
// Instagram) and which of them a contact can use. No I/O: shared by the server
// (the /go redirect) and the UI, and unit-tested string by string.
import { isMobileNumber, normalizeInstagram, normalizePhone } from './contact-fields.ts'

export const QUICK_ACTION_KINDS = ['call', 'whatsapp', 'sms', 'email', 'instagram'] as const
export type QuickActionKind = (typeof QUICK_ACTION_KINDS)[number]

export const QUICK_ACTION_LABELS: Record<QuickActionKind, string> = {
	call: 'Call',
	whatsapp: 'WhatsApp',
	sms: 'SMS',
	email: 'Email',
	instagram: 'Instagram',
}

/** The Interaction medium a quick action is logged as. */
export const QUICK_ACTION_MEDIUM = {
	call: 'CALL',
	whatsapp: 'WHATSAPP',
	sms: 'SMS',
	email: 'EMAIL',
	instagram: 'INSTAGRAM_DM',
} as const satisfies Record<QuickActionKind, string>

/** "Log this <noun> <name> as an interaction?" */
export const QUICK_ACTION_NOUNS: Record<QuickActionKind, string> = {
	call: 'call with',
	whatsapp: 'WhatsApp message to',
	sms: 'text message to',
	email: 'email to',
	instagram: 'Instagram message to',
}

/** Which channels carry a prefilled message (Instagram and calls cannot). */
export const TAKES_MESSAGE: Record<QuickActionKind, boolean> = { call: false, whatsapp: true, sms: true, email: true, instagram: false }

export function isQuickActionKind(value: unknown): value is QuickActionKind {
	return typeof value === 'string' && (QUICK_ACTION_KINDS as readonly string[]).includes(value)
}

// A lone surrogate (half an emoji, e.g. from a cut-off string) makes
// encodeURIComponent throw: pairs are kept, a lone half becomes U+FFFD.
const SURROGATES = /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\uD800-\uDFFF]/g

/** Percent-encodes text for a query value: spaces as %20 (never +), &, + and emoji encoded. */
export function encodeQueryValue(text: string) {
	return encodeURIComponent(text.replace(SURROGATES, (m) => (m.length === 2 ? m : '\uFFFD')))
}

const lf = (text: string) => text.replace(/\r\n?/g, '\n')

/** +E.164 for anything libphonenumber can place (national formats use the country), else null. */
export function toE164(raw: string, defaultCountry = 'US') {
	// The extension is for the person answering, not the dialler.
	const value = normalizePhone(raw, defaultCountry).replace(/;ext=\d+$/i, '')
	return /^\+[1-9]\d{6,14}$/.test(value) ? value : null
}

/** What a dialler accepts when the number cannot be placed: digits and a leading +, without an extension. */
function dialable(raw: string) {
	const main = raw.split(/\s*(?:x|ext\.?|#|;)\s*\d*$/i)[0] ?? ''
	const digits = main.replace(/\D/g, '')
	if (digits.length < 3) return null
	return main.trim().startsWith('+') ? `+${digits}` : digits
}

/** tel:+14155552671. A number that cannot be made international is dialled as typed (digits only). */
export function telUrl(phone: string, defaultCountry = 'US') {
	const number = toE164(phone, defaultCountry) ?? dialable(phone)
	return number ? `tel:${number}` : null
}

/**
 * sms:+14155552671?body=… — `?body=` is what Android and iOS 8+ both read (older iOS
 * wanted `&body=`, which Android ignores), so it is the one form used here.
 */
export function smsUrl(phone: string, message?: string | null, defaultCountry = 'US') {
	const number = toE164(phone, defaultCountry) ?? dialable(phone)
	if (!number) return null
	return message ? `sms:${number}?body=${encodeQueryValue(lf(message))}` : `sms:${number}`
}

/** https://wa.me/<country code and number, digits only>?text=…; WhatsApp needs the full international number. */
export function whatsappUrl(phone: string, message?: string | null, defaultCountry = 'US') {
	const e164 = toE164(phone, defaultCountry)
	if (!e164) return null
	const base = `https://wa.me/${e164.slice(1)}`
	return message ? `${base}?text=${encodeQueryValue(lf(message))}` : base
}

// RFC 6068: an addr-spec may carry these as they are; anything else (%, ?, #, &, spaces, non-ASCII) is percent-encoded.
const MAILTO_ADDRESS_SAFE = /[A-Za-z0-9.!$'*+\-=^_`{|}~@]/

/** mailto:a@b.c?subject=…&body=… per RFC 6068: %20 for spaces and %0D%0A for line breaks. */
export function mailtoUrl(address: string, { subject, body }: { subject?: string | null; body?: string | null } = {}) {
	const to = address.trim()
	if (!/^[^@\s]+@[^@\s]+$/.test(to)) return null
	const encodedTo = [...to].map((c) => (MAILTO_ADDRESS_SAFE.test(c) ? c : encodeQueryValue(c))).join('')
	const fields: string[] = []
	if (subject) fields.push(`subject=${encodeQueryValue(subject.replace(/[\r\n]+/g, ' '))}`)
	if (body) fields.push(`body=${encodeQueryValue(lf(body).replace(/\n/g, '\r\n'))}`)
	return `mailto:${encodedTo}${fields.length ? `?${fields.join('&')}` : ''}`
}

/** https://instagram.com/<handle> for a handle, @handle or profile URL. */
export function instagramUrl(handle: string) {
	const h = normalizeInstagram(handle)
	return /^[a-z0-9._]{1,30}$/.test(h) ? `https://instagram.com/${h}` : null
}

type PhoneRow = { phone: string; label?: string | null }
export type Reachable = { phones: PhoneRow[]; whatsapp?: string | null; emails: Array<{ email: string }>; instagram?: string | null }
/** Where each channel goes for a contact: a number, address or handle; null when the contact lacks it. */
export type QuickActionTargets = Record<QuickActionKind, string | null>

function mobileOf(phones: PhoneRow[], defaultCountry: string) {
	const labelled = phones.find((p) => /mobile|cell/i.test(p.label ?? ''))
	if (labelled) return labelled.phone
	return phones.find((p) => {
		const e164 = toE164(p.phone, defaultCountry)
		return e164 ? isMobileNumber(e164) : false
	})?.phone
}

/**
 * The channels a contact can be reached on: call with the primary phone, SMS to a
 * mobile (else the primary phone), WhatsApp on the WhatsApp number (else a mobile,
 * which must be international), email to the primary address, Instagram by handle.
 */
export function quickActionTargets(contact: Reachable, defaultCountry = 'US'): QuickActionTargets {
	const primary = contact.phones[0]?.phone ?? null
	const mobile = mobileOf(contact.phones, defaultCountry) ?? null
	const whatsapp = [contact.whatsapp, mobile].find((p): p is string => Boolean(p && toE164(p, defaultCountry))) ?? null
	const email = contact.emails[0]?.email ?? null
	const instagram = contact.instagram && instagramUrl(contact.instagram) ? contact.instagram : null
	return {
		call: primary && telUrl(primary, defaultCountry) ? primary : null,
		whatsapp,
		sms: [mobile, primary].find((p): p is string => Boolean(p && smsUrl(p, null, defaultCountry))) ?? null,
		email: email && mailtoUrl(email) ? email : null,
		instagram,
	}
}

/** The outside URL of one quick action, with the message (and, for email, the subject) filled in. */
export function quickActionUrl(kind: QuickActionKind, target: string, { message, subject, defaultCountry = 'US' }: { message?: string | null; subject?: string | null; defaultCountry?: string } = {}) {
	switch (kind) {
		case 'call':
			return telUrl(target, defaultCountry)
		case 'sms':
			return smsUrl(target, message, defaultCountry)
		case 'whatsapp':
			return whatsappUrl(target, message, defaultCountry)
		case 'email':
			return mailtoUrl(target, { subject, body: message })
		case 'instagram':
			return instagramUrl(target)
	}
}

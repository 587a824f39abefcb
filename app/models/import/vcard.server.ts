// vCard 2.1, 3.0 and 4.0 in, vCard 4.0 out. Cards are split and unfolded here
// (with 2.1's quoted-printable soft breaks and bare base64 lines), 2.1 quirks are
// rewritten into 3.0 syntax (TEL;CELL → TEL;TYPE=CELL, QP decoded with its
// charset), and each card is then parsed by ical.js, so one code path reads all
// three versions. A line that cannot be read is skipped, with a warning; the rest
// of its card is kept.
import ICAL from 'ical.js'
import type { ContactAddress, ContactWebsite } from '#app/utils/contact-fields.ts'
import { emptyRaw, ImportFileError, normalizeLabel, RAW_ADDRESS_PARTS, tagList, type RawContact } from './fields.ts'

type Line = { line: number; text: string }
/** warnings: lines of the card that could not be read and were skipped (the rest of the card is kept). */
export type VcardCard = { line: number; raw?: RawContact; error?: string; warnings?: string[] }

const BASE64_PARAM = /;(?:ENCODING=)?(?:b|BASE64)(?=[;:])/i
const QP_PARAM = /;(?:ENCODING=)?QUOTED-PRINTABLE(?=[;:])/i

/** Physical lines → logical lines grouped by card, each card with the line of its BEGIN. */
function splitCards(text: string) {
	const physical = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)
	type Card = { line: number; lines: Line[]; warnings: string[] }
	const cards: Card[] = []
	let current: Card | null = null
	// A card cut short (no END:VCARD) is read up to where the next one begins.
	const unended = (card: Card) => ({ ...card, warnings: [...card.warnings, 'this card has no END:VCARD line, so it was read up to where the next card or the file begins or ends'] })
	let last: Line | null = null
	for (let i = 0; i < physical.length; i++) {
		const text = physical[i]!
		const lineNo = i + 1
		if (current && last) {
			// Quoted-printable soft line break: "=" at the end joins the next line as is.
			if (QP_PARAM.test(last.text.slice(0, headEnd(last.text) + 1)) && last.text.endsWith('=')) {
				last.text = last.text.slice(0, -1) + text.replace(/^[ \t]/, '')
				continue
			}
			if (/^[ \t]/.test(text) && text.trim()) {
				last.text += text.slice(1)
				continue
			}
			// vCard 2.1 writers often put base64 data on unindented lines until a blank one.
			if (BASE64_PARAM.test(last.text.slice(0, headEnd(last.text) + 1)) && /^[A-Za-z0-9+/=]+$/.test(text)) {
				last.text += text
				continue
			}
		}
		if (!text.trim()) {
			last = null
			continue
		}
		if (/^BEGIN:VCARD\s*$/i.test(text)) {
			if (current) cards.push(unended(current))
			current = { line: lineNo, lines: [], warnings: [] }
			last = null
			continue
		}
		if (/^END:VCARD\s*$/i.test(text)) {
			if (current) cards.push(current)
			current = null
			last = null
			continue
		}
		if (!current) continue
		last = { line: lineNo, text }
		current.lines.push(last)
	}
	if (current) cards.push(unended(current))
	return cards
}

/** Where "NAME;PARAMS" ends and the value begins (a colon outside quotes). */
function headEnd(text: string) {
	let quoted = false
	for (let i = 0; i < text.length; i++) {
		const c = text[i]
		if (c === '"') quoted = !quoted
		else if (c === ':' && !quoted) return i
	}
	return -1
}

function splitParams(head: string) {
	const parts: string[] = []
	let quoted = false
	let start = 0
	for (let i = 0; i < head.length; i++) {
		const c = head[i]
		if (c === '"') quoted = !quoted
		else if (c === ';' && !quoted) {
			parts.push(head.slice(start, i))
			start = i + 1
		}
	}
	parts.push(head.slice(start))
	return parts
}

function decodeQuotedPrintable(value: string, charset: string | undefined) {
	const bytes: number[] = []
	for (let i = 0; i < value.length; i++) {
		const c = value[i]!
		const hex = c === '=' ? value.slice(i + 1, i + 3) : ''
		if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
			bytes.push(parseInt(hex, 16))
			i += 2
		} else {
			for (const b of new TextEncoder().encode(c)) bytes.push(b)
		}
	}
	const data = new Uint8Array(bytes)
	const label = (charset ?? 'utf-8').toLowerCase()
	try {
		return new TextDecoder(label, { fatal: true }).decode(data)
	} catch {
		// An unknown or wrong charset: old phones mostly meant Windows-1252.
		return new TextDecoder('windows-1252').decode(data)
	}
}

const ENCODING_WORDS = new Set(['QUOTED-PRINTABLE', 'BASE64', 'B', '8BIT', '7BIT'])

/**
 * Rewrites one logical line into syntax ical.js reads: bare 2.1 parameters become
 * TYPE=..., quoted-printable is decoded (newlines escaped as \n), base64 is marked
 * ENCODING=b. Lines that need none of this are passed through untouched.
 */
function normalizeLine(text: string): string {
	const end = headEnd(text)
	if (end === -1) return text
	const [name, ...params] = splitParams(text.slice(0, end))
	const needsWork = params.some((p) => !p.includes('=') || /^(ENCODING|CHARSET)=/i.test(p))
	if (!needsWork) return text
	let value = text.slice(end + 1)
	let charset: string | undefined
	let encoding: string | undefined
	const kept: string[] = []
	for (const param of params) {
		const eq = param.indexOf('=')
		const key = eq === -1 ? '' : param.slice(0, eq).toUpperCase()
		const val = eq === -1 ? param : param.slice(eq + 1)
		if (key === 'CHARSET') charset = val.replace(/"/g, '')
		else if (key === 'ENCODING' || (!key && ENCODING_WORDS.has(val.toUpperCase()))) encoding = val.toUpperCase()
		else if (!key) {
			if (val) kept.push(`TYPE=${val}`)
		} else kept.push(param)
	}
	if (encoding === 'QUOTED-PRINTABLE') {
		value = decodeQuotedPrintable(value, charset).replace(/\r\n|\r|\n/g, '\\n')
	} else if (charset && !/^utf-?8$/i.test(charset)) {
		value = new TextDecoder(charset.toLowerCase()).decode(Uint8Array.from(value, (c) => c.charCodeAt(0) & 0xff))
	}
	if (encoding === 'B' || encoding === 'BASE64') kept.push('ENCODING=b')
	return [name, ...kept].join(';') + ':' + value
}

// jCard property: [name, params, type, ...values]
type JProp = [string, Record<string, string | string[]>, string, ...unknown[]]

function flat(values: unknown[]): string[] {
	// ical.js leaves "\;" escaped outside structured values (Apple writes it in NOTE), and
	// URI values (3.0's URL) are not unescaped at all; writers also escape ":" and '"'.
	return values.flatMap((v) => (Array.isArray(v) ? [flat(v).join(',')] : [v == null ? '' : String(v).replace(/\\([,;:"])/g, '$1')]))
}

/** A single text value: ical.js splits some 3.0 text on unescaped commas, so join them back. */
function textOf(prop: JProp) {
	return flat(prop.slice(3)).join(',').trim()
}

function structured(prop: JProp): string[] {
	const value = prop[3]
	if (Array.isArray(value)) return flat(value).map((v) => v.trim())
	return String(value ?? '')
		.split(';')
		.map((v) => v.trim())
}

function types(prop: JProp): string[] {
	const t = prop[1].type
	return (Array.isArray(t) ? t : t ? [t] : []).flatMap((v) => String(v).split(',')).map((v) => v.trim().toLowerCase())
}

const IGNORED_TYPES = new Set(['internet', 'pref', 'voice', 'x400', 'text', 'msg', 'video'])

/** Our label for an EMAIL / TEL: Apple's X-ABLabel on the same item group wins, then TYPE. */
function labelOf(prop: JProp, groupLabels: Map<string, string>) {
	const group = prop[1].group
	const custom = typeof group === 'string' ? groupLabels.get(group.toLowerCase()) : undefined
	if (custom) return normalizeLabel(custom)
	const t = types(prop).filter((x) => !IGNORED_TYPES.has(x))
	if (t.includes('fax')) return t.includes('home') ? 'home fax' : t.includes('work') ? 'work fax' : 'fax'
	for (const want of ['cell', 'iphone', 'mobile', 'work', 'home', 'main', 'pager', 'other']) if (t.includes(want)) return normalizeLabel(want)
	return t[0] ? normalizeLabel(t[0]) : undefined
}

function decodeBase64(data: string) {
	const clean = data.replace(/\s+/g, '')
	if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(clean)) return null
	return new Uint8Array(Buffer.from(clean, 'base64'))
}

/** PHOTO: inline bytes (base64 or a data: URI), or a web address kept as the picture URL. */
function readPhoto(prop: JProp, raw: RawContact) {
	const value = textOf(prop)
	const data = value.match(/^data:[^,]*?(;base64)?,(.*)$/is)
	if (data) {
		raw.photo = (data[1] ? decodeBase64(data[2]!) : new TextEncoder().encode(decodeURIComponent(data[2]!))) ?? undefined
	} else if (/^https?:\/\//i.test(value)) {
		raw.avatarUrl = value
	} else if (prop[1].encoding || prop[2] === 'binary') {
		raw.photo = decodeBase64(value) ?? undefined
	}
}

/** Instagram / LinkedIn / WhatsApp from X-SOCIALPROFILE, IMPP or URL. */
function readSocial(kind: string, value: string, raw: RawContact) {
	const k = kind.toLowerCase()
	if (k.includes('instagram') || /instagram\.com\//i.test(value) || /^instagram:/i.test(value)) {
		raw.instagram ||= value.replace(/^(instagram|x-apple):/i, '')
		return true
	}
	if (k.includes('linkedin') || /linkedin\.com\//i.test(value)) {
		raw.linkedin ||= value
		return true
	}
	if (k.includes('whatsapp') || /wa\.me\//i.test(value) || /^whatsapp:/i.test(value)) {
		const number = value.match(/wa\.me\/\+?(\d+)/i)?.[1] ?? value.replace(/^(whatsapp|x-apple|tel):/i, '')
		raw.whatsapp ||= /^\d+$/.test(number) ? `+${number}` : number
		return true
	}
	return false
}

/** Android's own rows: "vnd.android.cursor.item/nickname;Jojo;…" and "…/contact_event;2004-05-22;1;…" (type 1 anniversary, 3 birthday). */
function readAndroidCustom(value: string, raw: RawContact) {
	const [kind, data, type] = value.split(';')
	if (!data?.trim()) return
	if (kind?.endsWith('/nickname')) raw.nickname ||= data.trim()
	else if (kind?.endsWith('/contact_event') && type === '1') raw.anniversary ||= data.trim()
	else if (kind?.endsWith('/contact_event') && type === '3') raw.birthday ||= data.trim()
}

function cardToRaw(props: JProp[]): RawContact {
	const raw = emptyRaw()
	const groupLabels = new Map<string, string>()
	for (const p of props) {
		if (p[0] === 'x-ablabel' && typeof p[1].group === 'string') groupLabels.set(p[1].group.toLowerCase(), textOf(p))
	}
	const notes: string[] = []
	for (const prop of props) {
		const [name, params] = prop
		switch (name) {
			case 'fn':
				raw.fullName ||= textOf(prop)
				break
			case 'n': {
				const [family, given, additional] = structured(prop)
				raw.lastName ||= family || undefined
				raw.firstName ||= given || undefined
				raw.middleName ||= additional || undefined
				break
			}
			case 'email': {
				const value = textOf(prop)
				if (value) raw.emails.push({ value: value.replace(/^mailto:/i, ''), label: labelOf(prop, groupLabels) })
				break
			}
			case 'tel': {
				const value = textOf(prop).replace(/^tel:/i, '')
				if (value) raw.phones.push({ value, label: labelOf(prop, groupLabels) })
				break
			}
			case 'org':
				raw.company ||= structured(prop)[0] || undefined
				break
			case 'title':
				raw.jobTitle ||= textOf(prop) || undefined
				break
			case 'bday':
				raw.birthday ||= textOf(prop) || undefined
				break
			case 'anniversary':
			case 'x-anniversary':
			case 'x-ms-anniversary':
			case 'x-evolution-anniversary':
				raw.anniversary ||= textOf(prop) || undefined
				break
			case 'x-abdate': {
				const group = typeof params.group === 'string' ? params.group.toLowerCase() : ''
				if (/anniversary/i.test(groupLabels.get(group) ?? '')) raw.anniversary ||= textOf(prop) || undefined
				break
			}
			case 'categories':
				raw.tags.push(...tagList(flat(prop.slice(3)).flatMap((v) => v.split(','))))
				break
			case 'x-android-custom':
				readAndroidCustom(textOf(prop), raw)
				break
			case 'adr': {
				const [, extended, street, city, region, postalCode, country] = structured(prop)
				const address = { label: labelOf(prop, groupLabels), street: [street, extended].filter(Boolean).join(', ') || undefined, city: city || undefined, region: region || undefined, postalCode: postalCode || undefined, country: country || undefined }
				if (!RAW_ADDRESS_PARTS.some((k) => address[k as keyof typeof address])) break
				// The preferred address comes first.
				if (types(prop).includes('pref') || params.pref === '1') raw.addresses.unshift(address)
				else raw.addresses.push(address)
				break
			}
			case 'nickname':
				raw.nickname ||= flat(prop.slice(3)).join(', ').trim() || undefined
				break
			case 'note': {
				const value = textOf(prop)
				if (value) notes.push(value)
				break
			}
			case 'url': {
				const value = textOf(prop)
				if (value && !readSocial(types(prop).join(' '), value, raw)) raw.websites.push({ value, label: labelOf(prop, groupLabels) })
				break
			}
			case 'x-socialprofile':
				readSocial(types(prop).join(' '), textOf(prop), raw)
				break
			case 'impp': {
				const service = String(params['x-service-type'] ?? '')
				readSocial(`${service} ${types(prop).join(' ')}`, textOf(prop), raw)
				break
			}
			case 'photo':
				if (!raw.photo && !raw.avatarUrl) readPhoto(prop, raw)
				break
		}
	}
	if (notes.length) raw.notes = notes.join('\n\n')
	raw.tags = [...new Set(raw.tags)]
	return raw
}

/** Every card of a .vcf file; a card that can't be read comes back with an error instead of a contact. */
export function readVcards(text: string): VcardCard[] {
	if (!/^BEGIN:VCARD\s*$/im.test(text)) throw new ImportFileError('This file has no contact cards in it (no BEGIN:VCARD line). Export your contacts as vCard (.vcf) or CSV and try again.')
	return splitCards(text).flatMap((card): VcardCard[] => {
		const warnings = [...card.warnings]
		// ical.js picks its 3.0 rules from VERSION; 2.1 cards are 3.0 once rewritten.
		const body: string[] = []
		for (const l of card.lines) {
			if (headEnd(l.text) === -1) {
				warnings.push(`line ${l.line} (${quoteLine(l.text)}) is not a vCard property, so it was skipped`)
				continue
			}
			body.push(/^VERSION:\s*2\.1\s*$/i.test(l.text) ? 'VERSION:3.0' : normalizeLine(l.text))
		}
		if (!body.length) return []
		const parse = (lines: string[]) => ICAL.parse(['BEGIN:VCARD', ...lines, 'END:VCARD'].join('\r\n')) as unknown as [string, JProp[], unknown[]]
		try {
			return [{ line: card.line, raw: cardToRaw(parse(body)[1]), warnings }]
		} catch {
			// Find the lines ical.js cannot read, one by one, and keep the others.
			const version = body.find((l) => /^VERSION:/i.test(l))
			const kept = body.filter((text, i) => {
				try {
					parse(version && !/^VERSION:/i.test(text) ? [version, text] : [text])
					return true
				} catch (error) {
					const line = card.lines.filter((l) => headEnd(l.text) !== -1)[i]?.line
					warnings.push(`line ${line} (${quoteLine(text)}) can’t be read (${error instanceof Error ? error.message : 'not vCard'}), so it was skipped`)
					return false
				}
			})
			try {
				return [{ line: card.line, raw: cardToRaw(parse(kept)[1]), warnings }]
			} catch (error) {
				return [{ line: card.line, error: `this card can’t be read (${error instanceof Error ? error.message : 'not vCard'}); it was left out` }]
			}
		}
	})
}

const quoteLine = (text: string) => `“${text.length > 40 ? `${text.slice(0, 39)}…` : text}”`

// ───────────────────────── writing vCard 4.0 ─────────────────────────

export type VcardContact = {
	id: string
	firstName: string
	lastName: string
	nickname: string | null
	displayName: string
	emails: Array<{ email: string; label: string | null }>
	phones: Array<{ phone: string; label: string | null }>
	company: string | null
	jobTitle: string | null
	birthday: { month: number | null; day: number | null; year: number | null }
	anniversary: { month: number | null; day: number | null; year: number | null }
	tags: string[]
	addresses: ContactAddress[]
	notes: string | null
	websites: ContactWebsite[]
	linkedin: string | null
	instagram: string | null
	whatsapp: string | null
	avatarUrl: string | null
	photo: { contentType: string; blob: Uint8Array } | null
	updatedAt: Date
}

// ical.js escapes commas in URI values too, which breaks data: URIs for other readers.
const design = ICAL.design.vcard
const WRITE_DESIGN = { ...design, value: { ...design.value, uri: {} } } as typeof design

const TYPE_FOR_LABEL: Record<string, string> = { mobile: 'cell', work: 'work', home: 'home', main: 'main', pager: 'pager', fax: 'fax', other: 'other' }

function vcardDate({ month, day, year }: VcardContact['birthday']) {
	if (!month || !day) return null
	// 4.0 date forms: YYYYMMDD, or --MMDD without a year.
	const md = `${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`
	return year ? `${String(year).padStart(4, '0')}${md}` : `--${md}`
}

/** One contact as a vCard 4.0 card (CRLF line endings, folded at 75 octets). */
export function toVcard(c: VcardContact): string {
	const props: unknown[] = [['version', {}, 'text', '4.0'], ['prodid', {}, 'unknown', '-//Rapport//Rapport CRM//EN'], ['uid', {}, 'text', `urn:rapport:${c.id}`]]
	props.push(['fn', {}, 'text', c.displayName || [c.firstName, c.lastName].filter(Boolean).join(' ')])
	props.push(['n', {}, 'text', [c.lastName, c.firstName, '', '', '']])
	let item = 0
	const labelled = (name: string, value: string | string[], label: string | null, valueType = 'text') => {
		const type = label ? TYPE_FOR_LABEL[label.toLowerCase()] : undefined
		if (!label || type) return void props.push([name, type ? { type } : {}, valueType, value])
		// A label vCard has no TYPE for: Apple's item group with X-ABLabel keeps it.
		item++
		props.push([name, { group: `item${item}` }, valueType, value])
		props.push(['x-ablabel', { group: `item${item}` }, 'unknown', label.replace(/[\r\n]+/g, ' ')])
	}
	if (c.nickname) props.push(['nickname', {}, 'text', c.nickname])
	c.emails.forEach((e) => labelled('email', e.email, e.label))
	c.phones.forEach((p) => labelled('tel', /^\+\d+$/.test(p.phone) ? `tel:${p.phone}` : p.phone, p.label, /^\+\d+$/.test(p.phone) ? 'uri' : 'text'))
	if (c.company) props.push(['org', {}, 'text', c.company])
	if (c.jobTitle) props.push(['title', {}, 'text', c.jobTitle])
	const bday = vcardDate(c.birthday)
	if (bday) props.push(['bday', {}, 'date-and-or-time', bday])
	const anniversary = vcardDate(c.anniversary)
	if (anniversary) props.push(['anniversary', {}, 'date-and-or-time', anniversary])
	if (c.tags.length) props.push(['categories', {}, 'text', ...c.tags])
	for (const a of c.addresses) labelled('adr', ['', '', a.street ?? '', a.city ?? '', a.region ?? '', a.postalCode ?? '', a.country ?? ''], a.label)
	if (c.notes) props.push(['note', {}, 'text', c.notes])
	for (const w of c.websites) labelled('url', w.url, w.label, 'uri')
	if (c.linkedin) props.push(['x-socialprofile', { type: 'linkedin' }, 'unknown', /^https?:/i.test(c.linkedin) ? c.linkedin : `https://www.linkedin.com/in/${c.linkedin}`])
	if (c.instagram) props.push(['x-socialprofile', { type: 'instagram' }, 'unknown', `https://instagram.com/${c.instagram}`])
	if (c.whatsapp) props.push(['x-socialprofile', { type: 'whatsapp' }, 'unknown', `https://wa.me/${c.whatsapp.replace(/\D/g, '')}`])
	if (c.photo) props.push(['photo', {}, 'uri', `data:${c.photo.contentType};base64,${Buffer.from(c.photo.blob).toString('base64')}`])
	else if (c.avatarUrl) props.push(['photo', {}, 'uri', c.avatarUrl])
	props.push(['rev', {}, 'timestamp', c.updatedAt.toISOString().replace(/\.\d{3}/, '').replace(/[-:]/g, '')])
	return ICAL.stringify.component(['vcard', props, []] as never, WRITE_DESIGN as never) + '\r\n'
}

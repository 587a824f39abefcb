// One imported row → the contact form's input, validated by the form's own schema
// (contactFormSchema), or the reason it can't be imported. Pure: no database, so
// it also runs in the validation worker (validate.worker.ts).
import { parsePhoneNumberFromString } from 'libphonenumber-js/max'
import { z } from 'zod'
import { formatMonthDay, isValidMonthDay, isWebAddress, normalizePhone, phoneSearchTokens } from '#app/utils/contact-fields.ts'
import { countryCodeOf } from '#app/utils/countries.ts'
import { AUTHORITY_LABELS, AUTHORITY_LEVELS, contactFormSchema, LEAD_STATUS_LABELS, LEAD_STATUSES, phoneNumber, type ContactInput, type CustomFieldDef } from '#app/validation/contact.ts'
import { parseDateValue, type RawAddress, type RawContact } from './fields.ts'

export type RowContext = { defaultCountry: string; customFields: CustomFieldDef[] }
/** warnings: what reading the file already had to say about this row (a vCard line skipped). */
export type RowRecord = { line: number; raw?: RawContact; error?: string; warnings?: string[] }
/** phoneTokens: each number as stored (E.164 when possible) → its search tokens, worked out here to spare the writing thread. */
export type ValidRow = { line: number; input: ContactInput; groups: string[]; photo?: Uint8Array; warnings: string[]; phoneTokens: Record<string, string[]> }
export type InvalidRow = { line: number; error: string; name: string }

const schemas = new WeakMap<RowContext, ReturnType<typeof contactFormSchema>>()
function schemaFor(ctx: RowContext) {
	let schema = schemas.get(ctx)
	if (!schema) schemas.set(ctx, (schema = contactFormSchema(ctx.customFields)))
	return schema
}

const FIELD_NAMES: Record<string, string> = {
	firstName: 'First name',
	lastName: 'Last name',
	whatsapp: 'WhatsApp',
	instagram: 'Instagram',
	linkedin: 'LinkedIn',
	nickname: 'Nickname',
	companyName: 'Company',
	jobTitle: 'Job title',
	tags: 'Tags',
	notes: 'Notes',
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

export function dedupe<T>(items: T[], key: (t: T) => string) {
	if (items.length < 2) return items.filter((item) => key(item))
	const seen = new Set<string>()
	return items.filter((item) => {
		const k = key(item)
		if (!k || seen.has(k)) return false
		seen.add(k)
		return true
	})
}

/** Validates one row; a rejected row comes back with the reason and whatever name it had. */
export function validateRow(rec: RowRecord, ctx: RowContext): ValidRow | InvalidRow {
	const result = read(rec, ctx)
	if (!('error' in result)) return result
	const raw = rec.raw
	const name = raw ? [raw.firstName, raw.lastName].filter(Boolean).join(' ') || raw.fullName || raw.emails[0]?.value || raw.company || '' : ''
	return { line: rec.line, error: result.error, name }
}

function read(rec: RowRecord, ctx: RowContext): ValidRow | { error: string } {
	const { line } = rec
	if (rec.error || !rec.raw) return { error: (rec.error ?? 'this row could not be read').replace(/^./, (c) => c.toUpperCase()) }
	const raw = rec.raw
	// One bad value never costs the whole contact: it is left out (or mended) and said here, with the value.
	const warnings: string[] = [...(rec.warnings ?? [])]
	const name = (field: string, value: string | undefined) => withoutStrayQuote(field, value, warnings)
	let firstName = [name('first name', raw.firstName), name('middle name', raw.middleName)].filter(Boolean).join(' ')
	let lastName = name('last name', raw.lastName) ?? ''
	const fullName = name('name', raw.fullName)
	if (!firstName && !lastName && fullName) {
		const parts = fullName.trim().split(/\s+/)
		lastName = parts.length > 1 ? parts.pop()! : ''
		firstName = parts.join(' ')
	}
	const emails = dedupe(raw.emails, (e) => e.value.trim().toLowerCase()).filter((e) => {
		if (EMAIL.safeParse(e.value.trim()).success) return true
		warnings.push(`the email address ${quote(e.value)}${labelled(e.label)} is not a valid email address, so it was left out`)
		return false
	})
	if (!firstName && !lastName) {
		const email = emails[0]?.value.trim()
		if (!email) return { error: 'This row has no name and no email address' }
		firstName = email.split('@')[0] || email
		warnings.push(`no name, so “${firstName}” (from the email address) was used`)
	}
	const country = countryOf(raw, ctx.defaultCountry)
	const phones = dedupe(raw.phones, (p) => p.value.replace(/[^\d+]/g, '') || p.value.trim()).flatMap((p) => {
		const checked = phoneNumber.safeParse(p.value)
		if (checked.success) return [{ phone: normalizePhone(checked.data, country), label: p.label }]
		warnings.push(`the phone number ${quote(p.value)}${labelled(p.label)} is not a phone number (${lowerFirst(checked.error.issues[0]!.message)}), so it was left out`)
		return []
	})
	const websites = raw.websites.filter((w) => {
		if (!w.value.trim() || isWebAddress(w.value)) return true
		warnings.push(`the website ${quote(w.value)}${labelled(w.label)} is not a web address, so it was left out`)
		return false
	})
	const values: Record<string, unknown> = {
		firstName,
		lastName,
		emails: emails.map((e) => ({ email: e.value.trim(), label: e.label })),
		phones,
		whatsapp: raw.whatsapp,
		instagram: raw.instagram,
		linkedin: raw.linkedin,
		nickname: name('nickname', raw.nickname),
		websites: websites.map((w) => ({ url: w.value.trim(), label: w.label })),
		addresses: raw.addresses.map(addressValues),
		companyName: name('company', raw.company),
		jobTitle: raw.jobTitle,
		tags: raw.tags.map((t) => t.replace(/,/g, ' ').trim()).join(', '),
		notes: raw.notes,
		source: 'IMPORT',
	}
	for (const [key, text] of [
		['birthday', raw.birthday],
		['anniversary', raw.anniversary],
	] as const) {
		const date = parseDateValue(text, ctx.defaultCountry)
		if (date === 'invalid') {
			warnings.push(`the ${key} ${quote(text)} is not a date we can read, so it was left out (a date like 1990-03-14, or --03-14 without a year, is)`)
			continue
		}
		if (!date) continue
		if (!isValidMonthDay(date.month, date.day, date.year)) {
			warnings.push(`the ${key} ${quote(text)} is not a real date${date.year ? ` (${date.year} has no ${formatMonthDay(date.month, date.day)})` : ''}, so it was left out`)
			continue
		}
		// The form takes years 1900–2100; an older one is dropped rather than losing the whole contact.
		if (date.year && (date.year < 1900 || date.year > 2100)) {
			warnings.push(`the ${key} year ${date.year} (in ${quote(text)}) is outside 1900–2100, so only the day and month were kept`)
			date.year = null
		}
		values[`${key}Month`] = String(date.month)
		values[`${key}Day`] = String(date.day)
		if (date.year) values[`${key}Year`] = String(date.year)
	}
	if (raw.leadStatus) {
		const status = matchChoice(raw.leadStatus, LEAD_STATUSES, LEAD_STATUS_LABELS)
		if (status) values.leadStatus = status
		else warnings.push(`the lead status ${quote(raw.leadStatus)} is not one of New, Interested, Not interested or Converted, so it was left out`)
	}
	if (raw.decisionMaker) values.isDecisionMaker = /^(yes|y|true|1|x|✓|✔)$/i.test(raw.decisionMaker.trim())
	if (raw.authorityLevel) {
		const level = matchChoice(raw.authorityLevel, AUTHORITY_LEVELS, AUTHORITY_LABELS)
		if (level) {
			values.authorityLevel = level
			if (raw.decisionMaker === undefined) values.isDecisionMaker = true
		} else warnings.push(`the authority level ${quote(raw.authorityLevel)} is not one of Primary, Secondary or Influencer, so it was left out`)
	}
	if (raw.avatarUrl) {
		if (/^https?:\/\/\S+$/i.test(raw.avatarUrl)) values.avatarUrl = raw.avatarUrl
		else warnings.push(`the picture address ${quote(raw.avatarUrl)} is not a web address, so it was left out`)
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
	let parsed = schemaFor(ctx).safeParse(values)
	// What the checks above do not foresee (a value too long, a custom field's rule) is mended or left out the same way.
	for (let tries = 0; !parsed.success && tries < 3; tries++) {
		if (!mend(values, parsed.error.issues, warnings, raw, ctx)) break
		parsed = schemaFor(ctx).safeParse(values)
	}
	if (!parsed.success) return { error: describeIssues(parsed.error.issues, values, raw) }
	const groups = dedupe(
		raw.groups.map((g) => g.trim().slice(0, 100)),
		(g) => g.toLowerCase(),
	)
	const input = parsed.data
	const phoneTokens: Record<string, string[]> = {}
	for (const phone of [...input.phones.map((p) => p.phone), input.whatsapp ?? '']) {
		const stored = phone && normalizePhone(phone, country)
		if (stored && !phoneTokens[stored]) phoneTokens[stored] = phoneSearchTokens(stored)
	}
	return { line, input, groups, photo: raw.photo?.length ? raw.photo : undefined, warnings, phoneTokens }
}

const EMAIL = z.string().email()
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1)
const labelled = (label: string | undefined) => (label ? ` (${label})` : '')

/** A name cell with an odd number of quote marks (Excel's `Mai",Nguyen`) lost its pair: the marks go, and the report says so. */
function withoutStrayQuote(field: string, value: string | undefined, warnings: string[]) {
	if (!value || (value.match(/"/g)?.length ?? 0) % 2 === 0) return value
	const mended = value.replace(/"/g, '').replace(/\s+/g, ' ').trim()
	warnings.push(`the ${field} ${quote(value)} has a stray quote mark, so it was imported as ${quote(mended)}`)
	return mended
}

/**
 * The country a contact's numbers are written in: the country of their address, else
 * that of a number written internationally, else the importer's own. So "0176 1234567"
 * with a German address is +49, not a US number.
 */
function countryOf(raw: RawContact, fallback: string) {
	for (const a of raw.addresses) {
		const code = countryCodeOf(a.country)
		if (code) return code
	}
	for (const p of raw.phones) {
		const value = p.value.trim().replace(/^tel:/i, '').replace(/^00/, '+')
		const code = value.startsWith('+') ? parsePhoneNumberFromString(value)?.country : undefined
		if (code) return code
	}
	return fallback
}

/** Mends a row the schema refused: a text too long is cut, any other bad field is left out. False when there is nothing left to mend. */
function mend(values: Record<string, unknown>, issues: Array<{ path: Array<string | number>; message: string; code: string; maximum?: unknown }>, warnings: string[], raw: RawContact, ctx: RowContext) {
	let changed = false
	const dropped = new Map<string, Set<number>>()
	for (const issue of issues) {
		const [head, index, partKey] = issue.path
		// A row without any name cannot be mended (it was given one from its email when it had one).
		if (typeof head !== 'string' || (head === 'firstName' && issue.code === 'custom')) continue
		const describe = describeIssues([issue], values, raw)
		if (issue.code === 'too_big' && typeof issue.maximum === 'number') {
			const holder = (typeof index === 'number' ? (values[head] as Array<Record<string, unknown>>)[index] : head === 'custom' ? (values.custom as Record<string, unknown>) : values) as Record<string, unknown> | undefined
			const key = typeof index === 'number' ? String(partKey) : head === 'custom' ? String(index) : head
			const value = holder?.[key]
			if (holder && typeof value === 'string') {
				holder[key] = value.slice(0, issue.maximum)
				warnings.push(`${lowerFirst(describe)}: ${quote(value)} was cut to ${issue.maximum} characters`)
				changed = true
				continue
			}
		}
		if (typeof index === 'number' && Array.isArray(values[head])) {
			if (!dropped.has(head)) dropped.set(head, new Set())
			dropped.get(head)!.add(index)
		} else if (head.startsWith('birthday') || head.startsWith('anniversary')) {
			const prefix = head.startsWith('birthday') ? 'birthday' : 'anniversary'
			for (const part of ['Month', 'Day', 'Year']) delete values[prefix + part]
		} else if (head === 'custom' && typeof index === 'string') {
			delete (values.custom as Record<string, unknown>)[index]
		} else if (head in values) {
			delete values[head]
		} else continue
		const label = head === 'custom' ? ctx.customFields.find((d) => d.key === index)?.label : undefined
		warnings.push(`${label ? `${label}: ${quote(raw.custom[String(index)])} ${lowerFirst(issue.message)}` : lowerFirst(describe)}, so it was left out`)
		changed = true
	}
	for (const [head, indexes] of dropped) values[head] = (values[head] as unknown[]).filter((_, i) => !indexes.has(i))
	return changed
}

/** A file's address as the form's: a one-line address without parts becomes the street. */
function addressValues(a: RawAddress) {
	const hasParts = Boolean(a.street || a.city || a.region || a.postalCode || a.country)
	const street = a.street ?? (hasParts ? undefined : a.formatted?.replace(/\s*[\r\n]+\s*/g, ', '))
	return { label: a.label, street, city: a.city, region: a.region, postalCode: a.postalCode, country: a.country }
}

/** Zod's issues, said the way a person fixing the file needs them: one per field. */
function describeIssues(issues: Array<{ path: Array<string | number>; message: string }>, values: Record<string, unknown>, raw: RawContact) {
	const seen = new Set<string>()
	const messages = issues
		.filter((issue) => {
			const key = issue.path.join('.')
			if (seen.has(key)) return false
			seen.add(key)
			return true
		})
		.map((issue) => {
			const [head, index] = issue.path
			const lower = issue.message.charAt(0).toLowerCase() + issue.message.slice(1)
			if (head === 'emails') return `${quote((values.emails as Array<{ email: string }>)[Number(index)]?.email)} is not a valid email address`
			if (head === 'phones') return `${quote((values.phones as Array<{ phone: string }>)[Number(index)]?.phone)} is not a valid phone number (${lower})`
			if (typeof head === 'string' && head.startsWith('birthday')) return `${quote(raw.birthday)} is not a valid birthday (${lower})`
			if (typeof head === 'string' && head.startsWith('anniversary')) return `${quote(raw.anniversary)} is not a valid anniversary (${lower})`
			if (head === 'websites') return `${quote((values.websites as Array<{ url: string }>)[Number(index)]?.url)} is not a web address`
			if (head === 'addresses') return `Address ${Number(index) + 1} (${String(issue.path[2] ?? '')}): ${lower}`
			if (head === 'custom') return `${String(index)}: ${issue.message}`
			return `${FIELD_NAMES[String(head)] ?? String(head)}: ${issue.message}`
		})
	return [...new Set(messages)].join('; ')
}

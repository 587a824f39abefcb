// One imported row → the contact form's input, validated by the form's own schema
// (contactFormSchema), or the reason it can't be imported. Pure: no database, so
// it also runs in the validation worker (validate.worker.ts).
import { normalizePhone, phoneSearchTokens } from '#app/utils/contact-fields.ts'
import { AUTHORITY_LABELS, AUTHORITY_LEVELS, contactFormSchema, LEAD_STATUS_LABELS, LEAD_STATUSES, type ContactInput, type CustomFieldDef } from '#app/validation/contact.ts'
import { parseDateValue, type RawAddress, type RawContact } from './fields.ts'

export type RowContext = { defaultCountry: string; customFields: CustomFieldDef[] }
export type RowRecord = { line: number; raw?: RawContact; error?: string }
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
		if (!email) return { error: 'This row has no name and no email address' }
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
		nickname: raw.nickname,
		websites: raw.websites.map((w) => ({ url: w.value.trim(), label: w.label })),
		addresses: raw.addresses.map(addressValues),
		companyName: raw.company,
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
		if (date === 'invalid') return { error: `${quote(text)} is not a date we can read (${key}); use a date like 1990-03-14, or --03-14 without a year` }
		if (!date) continue
		// The form takes years 1900–2100; an older one is dropped rather than losing the whole contact.
		if (date.year && (date.year < 1900 || date.year > 2100)) {
			warnings.push(`the ${key} year ${date.year} is outside 1900–2100, so only the day and month were kept`)
			date.year = null
		}
		values[`${key}Month`] = String(date.month)
		values[`${key}Day`] = String(date.day)
		if (date.year) values[`${key}Year`] = String(date.year)
	}
	if (raw.leadStatus) {
		const status = matchChoice(raw.leadStatus, LEAD_STATUSES, LEAD_STATUS_LABELS)
		if (!status) return { error: `${quote(raw.leadStatus)} is not a lead status (use New, Interested, Not interested or Converted)` }
		values.leadStatus = status
	}
	if (raw.decisionMaker) values.isDecisionMaker = /^(yes|y|true|1|x|✓|✔)$/i.test(raw.decisionMaker.trim())
	if (raw.authorityLevel) {
		const level = matchChoice(raw.authorityLevel, AUTHORITY_LEVELS, AUTHORITY_LABELS)
		if (!level) return { error: `${quote(raw.authorityLevel)} is not an authority level (use Primary, Secondary or Influencer)` }
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
	const parsed = schemaFor(ctx).safeParse(values)
	if (!parsed.success) return { error: describeIssues(parsed.error.issues, values, raw) }
	const groups = dedupe(
		raw.groups.map((g) => g.trim().slice(0, 100)),
		(g) => g.toLowerCase(),
	)
	const input = parsed.data
	const phoneTokens: Record<string, string[]> = {}
	for (const phone of [...input.phones.map((p) => p.phone), input.whatsapp ?? '']) {
		const stored = phone && normalizePhone(phone, ctx.defaultCountry)
		if (stored && !phoneTokens[stored]) phoneTokens[stored] = phoneSearchTokens(stored)
	}
	return { line, input, groups, photo: raw.photo?.length ? raw.photo : undefined, warnings, phoneTokens }
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

// Contact exports: CSV with a header of our own fields, and vCard 4.0. Both are
// streamed a page at a time, so a 100,000-contact export never sits in memory, and
// both import back into Rapport without losing a field the format carries.
import Papa from 'papaparse'
import type { Prisma } from '#app/generated/prisma/client.ts'
import { prisma } from '#app/utils/db.server.ts'
import { readAddresses, readWebsites } from '#app/utils/contact-fields.ts'
import { idList, sqlGet } from '#app/utils/sql.server.ts'
import { AUTHORITY_LABELS, LEAD_STATUS_LABELS, type CustomFieldDef } from '#app/validation/contact.ts'
import { matchingContactIds, visibleContactIds, type ContactListQuery } from './contact-list.server.ts'
import { listCustomFields } from './custom-field.server.ts'
import { formatDateValue } from './import/fields.ts'
import { toVcard, type VcardContact } from './import/vcard.server.ts'
import { visibleTo, type Membership } from './workspace.server.ts'

export type ExportFormat = 'csv' | 'vcf'
export type ExportSelection = { query: ContactListQuery } | { ids: string[] }

// Ids per query: under SQLite's 999 bound values.
const PAGE = { csv: 900, vcf: 200 }

/** The contacts an export covers, in name order: the ids picked, or the list view's filter and search. */
export async function exportIds(m: Membership, selection: ExportSelection) {
	return 'ids' in selection ? visibleContactIds(m, selection.ids) : matchingContactIds(m, selection.query)
}

function select(m: Membership, withPhoto: boolean) {
	return {
		id: true,
		firstName: true,
		lastName: true,
		displayName: true,
		jobTitle: true,
		isDecisionMaker: true,
		authorityLevel: true,
		leadStatus: true,
		nickname: true,
		addresses: true,
		notes: true,
		birthdayMonth: true,
		birthdayDay: true,
		birthdayYear: true,
		anniversaryMonth: true,
		anniversaryDay: true,
		anniversaryYear: true,
		whatsapp: true,
		instagram: true,
		linkedin: true,
		websites: true,
		avatarUrl: true,
		customFields: true,
		updatedAt: true,
		company: { select: { name: true } },
		emails: { select: { email: true, label: true }, orderBy: [{ isPrimary: 'desc' }, { id: 'asc' }] },
		phones: { select: { phone: true, label: true }, orderBy: [{ isPrimary: 'desc' }, { id: 'asc' }] },
		tags: { select: { name: true }, orderBy: { name: 'asc' } },
		groups: { where: { OR: [{ isPrivate: false }, { ownerId: m.userId }] }, select: { name: true }, orderBy: { name: 'asc' } },
		image: withPhoto ? { select: { contentType: true, blob: true } } : { select: { id: true } },
	} satisfies Prisma.ContactSelect
}

type Row = Prisma.ContactGetPayload<{ select: ReturnType<typeof select> }>

/** The contacts, a page at a time, in the order of `ids`. */
async function* pages(ids: string[], m: Membership, format: ExportFormat) {
	for (let i = 0; i < ids.length; i += PAGE[format]) {
		const pageIds = ids.slice(i, i + PAGE[format])
		const rows: Row[] = await prisma.contact.findMany({ where: { id: { in: pageIds } }, select: select(m, format === 'vcf') })
		const position = new Map(pageIds.map((id, index) => [id, index]))
		yield rows.sort((a, b) => position.get(a.id)! - position.get(b.id)!)
	}
}

// A cell starting with = + - @ can run as a formula in a spreadsheet. Numbers such as
// +14155552671 are safe and stay as they are; our importer drops the guard again.
const FORMULA = /^(?:[=@\t\r]|[+-](?![\d\s().-]*$))/

type Widths = { emails: number; phones: number; addresses: number; websites: number }
const ADDRESS_HEADERS = ['street', 'city', 'region', 'postal code', 'country'] as const

/** n column groups: `columns(i)` for i = 0 … n-1, flattened. */
const repeat = (n: number, columns: (i: number) => string[]) => Array.from({ length: n }, (_, i) => columns(i)).flat()

function csvHeader(w: Widths, customFields: CustomFieldDef[]) {
	return [
		'First name',
		'Last name',
		'Nickname',
		...repeat(w.emails, (i) => [`Email ${i + 1}`, `Email ${i + 1} label`]),
		...repeat(w.phones, (i) => [`Phone ${i + 1}`, `Phone ${i + 1} label`]),
		'Company',
		'Job title',
		'Birthday',
		'Anniversary',
		'Tags',
		'Groups',
		...repeat(w.addresses, (i) => [`Address ${i + 1} label`, ...ADDRESS_HEADERS.map((h) => `Address ${i + 1} ${h}`)]),
		'Notes',
		'WhatsApp',
		'Instagram',
		'LinkedIn',
		...repeat(w.websites, (i) => [`Website ${i + 1}`, `Website ${i + 1} label`]),
		'Lead status',
		'Decision maker',
		'Authority level',
		'Picture URL',
		...customFields.map((f) => f.label),
	]
}

function csvRow(c: Row, w: Widths, customFields: CustomFieldDef[]) {
	const custom = (c.customFields ?? {}) as Record<string, unknown>
	const addresses = readAddresses(c.addresses)
	const websites = readWebsites(c.websites)
	return [
		c.firstName,
		c.lastName,
		c.nickname ?? '',
		...repeat(w.emails, (i) => [c.emails[i]?.email ?? '', c.emails[i]?.label ?? '']),
		...repeat(w.phones, (i) => [c.phones[i]?.phone ?? '', c.phones[i]?.label ?? '']),
		c.company?.name ?? '',
		c.jobTitle ?? '',
		formatDateValue(c.birthdayMonth, c.birthdayDay, c.birthdayYear),
		formatDateValue(c.anniversaryMonth, c.anniversaryDay, c.anniversaryYear),
		c.tags.map((t) => t.name).join(', '),
		c.groups.map((g) => g.name).join(', '),
		...repeat(w.addresses, (i) => {
			const a = addresses[i]
			return [a?.label ?? '', a?.street ?? '', a?.city ?? '', a?.region ?? '', a?.postalCode ?? '', a?.country ?? '']
		}),
		c.notes ?? '',
		c.whatsapp ?? '',
		c.instagram ?? '',
		c.linkedin ?? '',
		...repeat(w.websites, (i) => [websites[i]?.url ?? '', websites[i]?.label ?? '']),
		c.leadStatus ? LEAD_STATUS_LABELS[c.leadStatus] : '',
		c.isDecisionMaker ? 'Yes' : '',
		c.authorityLevel ? AUTHORITY_LABELS[c.authorityLevel] : '',
		c.avatarUrl ?? '',
		...customFields.map((f) => (custom[f.key] === undefined || custom[f.key] === null ? '' : String(custom[f.key]))),
	]
}

function vcardOf(c: Row): VcardContact {
	const image = c.image as { contentType?: string; blob?: Uint8Array } | null
	return {
		id: c.id,
		firstName: c.firstName,
		lastName: c.lastName,
		nickname: c.nickname,
		displayName: c.displayName,
		emails: c.emails,
		phones: c.phones,
		company: c.company?.name ?? null,
		jobTitle: c.jobTitle,
		birthday: { month: c.birthdayMonth, day: c.birthdayDay, year: c.birthdayYear },
		anniversary: { month: c.anniversaryMonth, day: c.anniversaryDay, year: c.anniversaryYear },
		tags: c.tags.map((t) => t.name),
		addresses: readAddresses(c.addresses),
		notes: c.notes,
		websites: readWebsites(c.websites),
		linkedin: c.linkedin,
		instagram: c.instagram,
		whatsapp: c.whatsapp,
		avatarUrl: c.avatarUrl,
		photo: image?.blob && image.contentType ? { contentType: image.contentType, blob: image.blob } : null,
		updatedAt: c.updatedAt,
	}
}

/** The most emails (phones, addresses, websites) one exported contact has: how many column groups the CSV needs. */
function widest(ids: string[]): Widths {
	const ofTable = (table: 'ContactEmail' | 'ContactPhone') =>
		sqlGet<{ n: number | null }>(`SELECT MAX(n) AS n FROM (SELECT COUNT(*) AS n FROM ${table} WHERE contactId IN (SELECT value FROM json_each(?)) GROUP BY contactId)`, idList(ids))?.n ?? 0
	const ofList = (column: 'addresses' | 'websites') =>
		sqlGet<{ n: number | null }>(`SELECT MAX(json_array_length(${column})) AS n FROM Contact WHERE id IN (SELECT value FROM json_each(?)) AND ${column} IS NOT NULL`, idList(ids))?.n ?? 0
	return { emails: Math.max(1, ofTable('ContactEmail')), phones: Math.max(1, ofTable('ContactPhone')), addresses: Math.max(1, ofList('addresses')), websites: Math.max(1, ofList('websites')) }
}

function today() {
	return new Date().toISOString().slice(0, 10)
}

/** A streamed export of the selection as CSV or vCard 4.0. */
export async function exportContacts(m: Membership, selection: ExportSelection, format: ExportFormat) {
	const ids = await exportIds(m, selection)
	const encoder = new TextEncoder()
	let chunks: AsyncGenerator<string>
	if (format === 'csv') {
		const [widths, customFields] = [widest(ids), await listCustomFields(m.workspaceId, 'CONTACT')]
		chunks = (async function* () {
			// The BOM tells Excel the file is UTF-8.
			yield '\uFEFF' + Papa.unparse([csvHeader(widths, customFields)], { escapeFormulae: FORMULA }) + '\r\n'
			for await (const rows of pages(ids, m, 'csv')) {
				yield Papa.unparse(
					rows.map((c) => csvRow(c, widths, customFields)),
					{ escapeFormulae: FORMULA },
				) + '\r\n'
			}
		})()
	} else {
		chunks = (async function* () {
			for await (const rows of pages(ids, m, 'vcf')) yield rows.map((c) => toVcard(vcardOf(c))).join('')
		})()
	}
	const body = new ReadableStream<Uint8Array>({
		async pull(controller) {
			try {
				const next = await chunks.next()
				if (next.done) controller.close()
				else controller.enqueue(encoder.encode(next.value))
			} catch (error) {
				controller.error(error)
			}
		},
		async cancel() {
			await chunks.return(undefined)
		},
	})
	return {
		filename: `rapport-contacts-${today()}.${format}`,
		contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'text/vcard; charset=utf-8',
		body,
	}
}

/** One contact as a .vcf file; null when the member may not see it. */
export async function exportContactVcard(m: Membership, id: string) {
	const contact = await prisma.contact.findFirst({ where: { id, deletedAt: null, ...visibleTo(m) }, select: select(m, true) })
	if (!contact) return null
	const slug =
		contact.displayName
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.replace(/[^A-Za-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 60) || 'contact'
	return { filename: `${slug}.vcf`, body: toVcard(vcardOf(contact)) }
}

// Finding duplicate contacts: the warning shown when a contact is created, edited
// or imported, and the page of likely duplicate pairs. Two contacts are likely the
// same person when they share an email address or a phone number, or have the
// same (or, for the warning, a very similar) name at the same company.
import { Prisma } from '#app/generated/prisma/client.ts'
import { formatPhone, normalizeEmail, normalizePhone } from '#app/utils/contact-fields.ts'
import { prisma } from '#app/utils/db.server.ts'
import { canEdit, visibleTo, type Membership } from './workspace.server.ts'
import { visibleContactsByIds } from './contact.server.ts'

export type DuplicateReason = 'email' | 'phone' | 'name'
/** detail: the shared email, the shared phone (formatted), or the company name. */
export type DuplicateMatch = { id: string; displayName: string; reason: DuplicateReason; detail: string; companyName: string | null }
export type DuplicateCandidate = {
	emails: string[]
	/** E.164, or as typed (then read with defaultCountry, or the user's default country). */
	phones: string[]
	firstName?: string | null
	lastName?: string | null
	companyId?: string | null
	/** A company typed by name (the "new company" box): matched by exact name. */
	companyName?: string | null
	defaultCountry?: string
}

export const MAX_MATCHES = 5
export const NAME_SIMILARITY = 0.9
// A company with more people than this is only compared on its first ones: the
// warning must stay instant, and such a company is rare in a small-business CRM.
const MAX_COMPANY_SCAN = 5000

// ───────────────────────── names ─────────────────────────

// Letters NFKD does not take apart, and the accented letters the SQL side folds.
// The SQL fold (pair listing) and nameKey (warning) use the same table.
const FOLD: Record<string, string> = {
	a: 'àáâãäåāÀÁÂÃÄÅĀ',
	c: 'çćčÇĆČ',
	e: 'èéêëēěÈÉÊËĒĚ',
	i: 'ìíîïīÌÍÎÏĪ',
	n: 'ñńÑŃ',
	o: 'òóôõöøōÒÓÔÕÖØŌ',
	u: 'ùúûüūůÙÚÛÜŪŮ',
	y: 'ýÿÝŸ',
	s: 'šśşŠŚŞ',
	z: 'žźżŽŹŻ',
	r: 'řŘ',
	l: 'łŁ',
	d: 'đĐ',
	ss: 'ß',
	ae: 'æÆ',
	oe: 'œŒ',
}
const FOLD_MAP = new Map(Object.entries(FOLD).flatMap(([to, chars]) => [...chars].map((ch) => [ch, to] as const)))
// Removed from names by the SQL key; nameKey drops every non-letter anyway.
const NAME_PUNCTUATION = [' ', '.', ',', "'", '’', '-', '_', '(', ')', '"', '\t']

/** "José  O'Brien-Smith" → "jose o brien smith": case, accents and punctuation ignored. */
export function nameKey(name: string) {
	return [...name]
		.map((ch) => FOLD_MAP.get(ch) ?? ch)
		.join('')
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim()
}

/**
 * 1 - edit distance / length of the longer string: 1 for equal, 0.9 for one typo
 * in ten letters. Chosen over Jaro-Winkler, whose bonus for a shared start rates
 * "Mark Lee" and "Mary Lee" (two people) above 0.9.
 */
export function editSimilarity(a: string, b: string) {
	if (a === b) return 1
	if (!a.length || !b.length) return 0
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
	for (let i = 1; i <= a.length; i++) {
		const current = [i]
		for (let j = 1; j <= b.length; j++) {
			current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
		}
		previous = current
	}
	return 1 - previous[b.length]! / Math.max(a.length, b.length)
}

/** nameKey without spaces: "O'Brien" and "OBrien", "Mary-Jane" and "Maryjane" are one name. */
export function compactNameKey(name: string) {
	return nameKey(name).replace(/ /g, '')
}

/** How alike two people's names are, either way round ("Lovelace Ada" is "Ada Lovelace"). */
export function nameSimilarity(first1: string, last1: string, first2: string, last2: string) {
	const a = nameKey(`${first1} ${last1}`)
	if (!a) return 0
	const b = nameKey(`${first2} ${last2}`)
	if (a.replace(/ /g, '') === b.replace(/ /g, '')) return 1
	const swapped = nameKey(`${last2} ${first2}`)
	return Math.max(editSimilarity(a, b), editSimilarity(a, swapped))
}

// ───────────────────────── the warning ─────────────────────────

/**
 * Existing contacts (not deleted, visible to the member) that look like this one:
 * same email, same phone, or a very similar name at the same company. Strongest
 * reason first, one entry per contact, at most MAX_MATCHES. Pass excludeId when
 * editing, so a contact never matches itself.
 */
export async function findDuplicatesFor(m: Membership, candidate: DuplicateCandidate, excludeId?: string): Promise<DuplicateMatch[]> {
	const contactWhere = { deletedAt: null, ...visibleTo(m), ...(excludeId ? { id: { not: excludeId } } : {}) }
	const contactSelect = { id: true, displayName: true, company: { select: { name: true } } } as const
	const found: DuplicateMatch[] = []

	const emails = [...new Set(candidate.emails.map(normalizeEmail).filter(Boolean))]
	if (emails.length) {
		const rows = await prisma.contactEmail.findMany({
			where: { email: { in: emails }, contact: contactWhere },
			select: { email: true, contact: { select: contactSelect } },
			orderBy: { contactId: 'asc' },
			take: 50,
		})
		for (const r of rows) found.push({ id: r.contact.id, displayName: r.contact.displayName, reason: 'email', detail: r.email, companyName: r.contact.company?.name ?? null })
	}

	const phones = await normalizedPhones(m, candidate)
	if (phones.length) {
		const rows = await prisma.contactPhone.findMany({
			where: { phone: { in: phones }, contact: contactWhere },
			select: { phone: true, contact: { select: contactSelect } },
			orderBy: { contactId: 'asc' },
			take: 50,
		})
		for (const r of rows) found.push({ id: r.contact.id, displayName: r.contact.displayName, reason: 'phone', detail: formatPhone(r.phone), companyName: r.contact.company?.name ?? null })
	}

	const companyId = await candidateCompanyId(m, candidate)
	const first = candidate.firstName?.trim() ?? ''
	const last = candidate.lastName?.trim() ?? ''
	if (companyId && (first || last)) {
		const colleagues = await prisma.contact.findMany({
			where: { ...contactWhere, companyId },
			select: { id: true, displayName: true, firstName: true, lastName: true, company: { select: { name: true } } },
			orderBy: { createdAt: 'asc' },
			take: MAX_COMPANY_SCAN,
		})
		const similar = colleagues
			.map((c) => ({ c, score: nameSimilarity(first, last, c.firstName || c.displayName, c.firstName ? c.lastName : '') }))
			.filter((s) => s.score >= NAME_SIMILARITY)
			.sort((x, y) => y.score - x.score)
		for (const { c } of similar) found.push({ id: c.id, displayName: c.displayName, reason: 'name', detail: c.company?.name ?? '', companyName: c.company?.name ?? null })
	}

	const dismissed = excludeId ? await dismissedWith(m.workspaceId, excludeId) : new Set<string>()
	const seen = new Set<string>()
	const matches: DuplicateMatch[] = []
	for (const match of found) {
		if (seen.has(match.id) || dismissed.has(match.id)) continue
		seen.add(match.id)
		matches.push(match)
		if (matches.length === MAX_MATCHES) break
	}
	return matches
}

async function normalizedPhones(m: Membership, candidate: DuplicateCandidate) {
	const raw = candidate.phones.map((p) => p.trim()).filter(Boolean)
	if (!raw.length) return []
	let country = candidate.defaultCountry
	if (!country && raw.some((p) => !p.startsWith('+'))) {
		country = (await prisma.user.findUnique({ where: { id: m.userId }, select: { defaultCountry: true } }))?.defaultCountry
	}
	// Both the normalised and the typed form: numbers that do not parse are stored as typed.
	return [...new Set(raw.flatMap((p) => [normalizePhone(p, country ?? 'US'), p]))]
}

async function candidateCompanyId(m: Membership, candidate: DuplicateCandidate) {
	if (candidate.companyName?.trim()) {
		const company = await prisma.company.findFirst({ where: { workspaceId: m.workspaceId, deletedAt: null, name: candidate.companyName.trim() }, select: { id: true } })
		return company?.id ?? null
	}
	return candidate.companyId || null
}

async function dismissedWith(workspaceId: string, contactId: string) {
	const rows = await prisma.duplicateDismissal.findMany({
		where: { workspaceId, OR: [{ contactAId: contactId }, { contactBId: contactId }] },
		select: { contactAId: true, contactBId: true },
	})
	return new Set(rows.map((r) => (r.contactAId === contactId ? r.contactBId : r.contactAId)))
}

// ───────────────────────── the pairs page ─────────────────────────

export const PAIRS_PAGE_SIZE = 25

/** The SQL twin of compactNameKey: lower case, accents folded, no spaces or punctuation. */
function sqlNameKey(column: Prisma.Sql) {
	let expr = Prisma.sql`lower(${column})`
	for (const [ch, to] of FOLD_MAP) expr = Prisma.sql`replace(${expr}, ${ch}, ${to})`
	for (const p of NAME_PUNCTUATION) expr = Prisma.sql`replace(${expr}, ${p}, '')`
	// Most names are plain letters and spaces: those skip the 100-odd replace() calls.
	return Prisma.sql`CASE WHEN ${column} GLOB '*[^ A-Za-z]*' THEN ${expr} ELSE replace(lower(${column}), ' ', '') END`
}

type PairRow = { x: string; y: string; reasons: string; details: string; total: number | bigint }

/**
 * Pairs of contacts that are likely the same person, newest first, each pair once
 * with every reason that links it. Indexed SQL, no comparison of every contact
 * with every other: shared emails and phones come from GROUP BYs on their
 * indexes, same names from one pass over the (workspace, company, name) index;
 * only the few groups found go back to their companies for the members. A group of
 * n contacts sharing a value yields n-1 pairs, each with the group's oldest
 * contact, so a generic address such as info@ cannot flood the page; merging
 * them one by one into the oldest clears the group.
 */
export async function listLikelyDuplicatePairs(m: Membership, { page = 1, pageSize = PAIRS_PAGE_SIZE }: { page?: number; pageSize?: number } = {}) {
	const visible =
		m.role === 'REP' && m.hideOthersRecords
			? Prisma.sql`c.workspaceId = ${m.workspaceId} AND c.deletedAt IS NULL AND (c.ownerId = ${m.userId} OR c.assigneeId = ${m.userId})`
			: Prisma.sql`c.workspaceId = ${m.workspaceId} AND c.deletedAt IS NULL`
	const pairsCte = Prisma.sql`
		email_rows AS MATERIALIZED (
			SELECT ce.email AS k, c.id AS id FROM ContactEmail ce JOIN Contact c ON c.id = ce.contactId
			WHERE ${visible} AND ce.email IN (SELECT email FROM ContactEmail GROUP BY email HAVING COUNT(*) > 1)
		),
		phone_rows AS MATERIALIZED (
			SELECT cp.phone AS k, c.id AS id FROM ContactPhone cp JOIN Contact c ON c.id = cp.contactId
			WHERE ${visible} AND cp.phone IN (SELECT phone FROM ContactPhone GROUP BY phone HAVING COUNT(*) > 1)
		),
		name_groups AS MATERIALIZED (
			SELECT co, k, MIN(rid) AS a FROM (
				SELECT c.rowid AS rid, c.companyId AS co, ${sqlNameKey(Prisma.sql`c.displayName`)} AS k
				FROM Contact c WHERE ${visible} AND c.companyId IS NOT NULL
			)
			WHERE k <> '' GROUP BY co, k HAVING COUNT(*) > 1
		),
		linked AS (
			SELECT g.a AS a, r.id AS b, 'email' AS reason, g.k AS detail
			FROM (SELECT k, MIN(id) AS a FROM email_rows GROUP BY k HAVING COUNT(DISTINCT id) > 1) g JOIN email_rows r ON r.k = g.k AND r.id <> g.a
			UNION ALL
			SELECT g.a, r.id, 'phone', g.k
			FROM (SELECT k, MIN(id) AS a FROM phone_rows GROUP BY k HAVING COUNT(DISTINCT id) > 1) g JOIN phone_rows r ON r.k = g.k AND r.id <> g.a
			UNION ALL
			SELECT ca.id, c.id, 'name', ''
			FROM name_groups g JOIN Contact ca ON ca.rowid = g.a
			JOIN Contact c ON ${visible} AND c.companyId = g.co AND c.rowid <> g.a AND ${sqlNameKey(Prisma.sql`c.displayName`)} = g.k
		),
		pairs AS (
			SELECT min(a, b) AS x, max(a, b) AS y, group_concat(reason, char(31)) AS reasons, group_concat(detail, char(31)) AS details
			FROM linked GROUP BY min(a, b), max(a, b)
		)`
	const size = Math.min(Math.max(1, Math.floor(pageSize)), 100)
	const run = (p: number) =>
		prisma.$queryRaw<PairRow[]>(Prisma.sql`
			WITH ${pairsCte}
			SELECT p.x, p.y, p.reasons, p.details, COUNT(*) OVER () AS total
			FROM pairs p JOIN Contact cx ON cx.id = p.x JOIN Contact cy ON cy.id = p.y
			WHERE NOT EXISTS (SELECT 1 FROM DuplicateDismissal d WHERE d.workspaceId = ${m.workspaceId} AND d.contactAId = p.x AND d.contactBId = p.y)
			ORDER BY max(cx.createdAt, cy.createdAt) DESC, p.x, p.y
			LIMIT ${size} OFFSET ${(p - 1) * size}`)
	let current = Math.max(1, Math.floor(page) || 1)
	let rows = await run(current)
	// Past the end (the last pairs were just merged): show the last page instead.
	if (!rows.length && current > 1) {
		const [first] = await run(1)
		if (first) {
			current = Math.ceil(Number(first.total) / size)
			rows = await run(current)
		} else {
			current = 1
			rows = []
		}
	}
	const total = rows.length ? Number(rows[0]!.total) : 0
	const contacts = await pairContacts(rows.flatMap((r) => [r.x, r.y]))
	const pairs = rows.flatMap((r) => {
		const a = contacts.get(r.x)
		const b = contacts.get(r.y)
		if (!a || !b) return []
		const details = r.details.split('\u001f')
		const reasons = r.reasons.split('\u001f').map((reason, i) => ({
			reason: reason as DuplicateReason,
			detail: reason === 'phone' ? formatPhone(details[i] ?? '') : reason === 'name' ? (a.companyName ?? '') : (details[i] ?? ''),
		}))
		const unique = reasons.filter((r1, i) => reasons.findIndex((r2) => r2.reason === r1.reason && r2.detail === r1.detail) === i)
		unique.sort((r1, r2) => REASON_ORDER.indexOf(r1.reason) - REASON_ORDER.indexOf(r2.reason))
		return [{ a, b, reasons: unique, canMerge: canEdit(m, a) && canEdit(m, b) }]
	})
	return { pairs, total, page: current, pages: Math.max(1, Math.ceil(total / size)), pageSize: size }
}

const REASON_ORDER: DuplicateReason[] = ['email', 'phone', 'name']

export type PairContact = {
	id: string
	displayName: string
	jobTitle: string | null
	companyName: string | null
	email: string | null
	phone: string | null
	pictureSrc: string | null
	createdAt: Date
	ownerId: string | null
	assigneeId: string | null
}

async function pairContacts(ids: string[]): Promise<Map<string, PairContact>> {
	if (!ids.length) return new Map()
	const rows = await prisma.contact.findMany({
		where: { id: { in: [...new Set(ids)] } },
		select: {
			id: true,
			displayName: true,
			jobTitle: true,
			ownerId: true,
			assigneeId: true,
			avatarUrl: true,
			createdAt: true,
			image: { select: { id: true } },
			company: { select: { name: true } },
			emails: { select: { email: true }, orderBy: [{ isPrimary: 'desc' }, { id: 'asc' }], take: 1 },
			phones: { select: { phone: true }, orderBy: [{ isPrimary: 'desc' }, { id: 'asc' }], take: 1 },
		},
	})
	return new Map(
		rows.map((c) => [
			c.id,
			{
				id: c.id,
				displayName: c.displayName,
				jobTitle: c.jobTitle,
				companyName: c.company?.name ?? null,
				email: c.emails[0]?.email ?? null,
				phone: c.phones[0] ? formatPhone(c.phones[0].phone) : null,
				pictureSrc: c.image ? `/contacts/${c.id}/picture?v=${c.image.id}` : c.avatarUrl,
				createdAt: c.createdAt,
				ownerId: c.ownerId,
				assigneeId: c.assigneeId,
			},
		]),
	)
}

export type DuplicatePair = Awaited<ReturnType<typeof listLikelyDuplicatePairs>>['pairs'][number]

/** "Not duplicates": the pair stops being suggested. False when either contact is not the member's to judge. */
export async function dismissPair(m: Membership, id1: string, id2: string) {
	if (id1 === id2) return false
	const contacts = await visibleContactsByIds(m, [id1, id2], { id: true })
	if (contacts.length !== 2 || !contacts.every((c) => canEdit(m, c))) return false
	const [contactAId, contactBId] = [id1, id2].sort() as [string, string]
	await prisma.duplicateDismissal.upsert({
		where: { workspaceId_contactAId_contactBId: { workspaceId: m.workspaceId, contactAId, contactBId } },
		create: { workspaceId: m.workspaceId, contactAId, contactBId },
		update: {},
	})
	return true
}

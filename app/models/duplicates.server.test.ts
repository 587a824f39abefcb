import { describe, expect, it } from 'vitest'
import { prisma } from '#app/utils/db.server.ts'
import { contactFormSchema } from '#app/validation/contact.ts'
import { createContact, softDeleteContacts } from './contact.server.ts'
import { dismissPair, editSimilarity, findDuplicatesFor, listLikelyDuplicatePairs, nameKey, nameSimilarity, NAME_SIMILARITY } from './duplicates.server.ts'
import { createUser } from './user.server.ts'
import type { Membership } from './workspace.server.ts'

async function member(): Promise<Membership> {
	const user = await createUser({ email: `d-${Math.random().toString(36).slice(2)}@example.com`, name: 'Owner' })
	const { workspaceId } = await prisma.membership.findFirstOrThrow({ where: { userId: user.id } })
	return { userId: user.id, workspaceId, role: 'OWNER', personal: true, hideOthersRecords: false }
}

async function contact(m: Membership, values: Record<string, unknown>) {
	return (await createContact(m, contactFormSchema().parse(values), { defaultCountry: 'US' })).id
}

async function company(m: Membership, name: string) {
	return (await prisma.company.create({ data: { workspaceId: m.workspaceId, name } })).id
}

const candidate = (values: Partial<Parameters<typeof findDuplicatesFor>[1]>) => ({ emails: [], phones: [], firstName: '', lastName: '', ...values })

describe('names', () => {
	it('ignores case, accents, punctuation and word order', () => {
		expect(nameKey("  José  O'Brien-Smith ")).toBe('jose o brien smith')
		expect(nameKey('Łukasz Øster ß')).toBe('lukasz oster ss')
		expect(nameSimilarity('José', "O'Brien", 'jose', 'OBrien')).toBe(1)
		expect(nameSimilarity('Ada', 'Lovelace', 'Lovelace', 'Ada')).toBe(1)
	})

	it('rates a typo as similar and a different first name as not', () => {
		expect(editSimilarity('kitten', 'sitting')).toBeCloseTo(1 - 3 / 7)
		expect(nameSimilarity('Jon', 'Smith', 'John', 'Smith')).toBeGreaterThanOrEqual(NAME_SIMILARITY)
		expect(nameSimilarity('Ada', 'Lovelace', 'Ada', 'Lovelac')).toBeGreaterThanOrEqual(NAME_SIMILARITY)
		for (const [a, b] of [
			['Mark', 'Mary'],
			['Michael', 'Michelle'],
			['John', 'Jane'],
			['Steven', 'Stephen'],
		]) {
			expect(nameSimilarity(a!, 'Lee', b!, 'Lee'), `${a} / ${b}`).toBeLessThan(NAME_SIMILARITY)
		}
	})
})

describe('findDuplicatesFor', () => {
	it('matches the same email, whatever its case', async () => {
		const m = await member()
		const id = await contact(m, { firstName: 'Ada', lastName: 'Lovelace', emails: [{ email: 'ada@example.com' }] })
		const matches = await findDuplicatesFor(m, candidate({ firstName: 'Augusta', emails: ['  ADA@Example.com '] }))
		expect(matches).toEqual([{ id, displayName: 'Ada Lovelace', reason: 'email', detail: 'ada@example.com', companyName: null }])
	})

	it('matches the same phone in E.164 or as typed with the default country', async () => {
		const m = await member()
		const id = await contact(m, { firstName: 'Grace', lastName: 'Hopper', phones: [{ phone: '(415) 555-2671' }] })
		expect((await findDuplicatesFor(m, candidate({ phones: ['+14155552671'] }))).map((d) => [d.id, d.reason, d.detail])).toEqual([[id, 'phone', '+1 415 555 2671']])
		expect((await findDuplicatesFor(m, candidate({ phones: ['415.555.2671'], defaultCountry: 'US' }))).map((d) => d.id)).toEqual([id])
		// Without a country, the user's default (US) reads the number.
		expect((await findDuplicatesFor(m, candidate({ phones: ['415 555 2671'] }))).map((d) => d.id)).toEqual([id])
		expect(await findDuplicatesFor(m, candidate({ phones: ['+14155550000'] }))).toEqual([])
	})

	it('matches a very similar name at the same company, and not at another company', async () => {
		const m = await member()
		const acme = await company(m, 'Acme')
		const other = await company(m, 'Globex')
		const id = await contact(m, { firstName: 'Jonathan', lastName: 'Smith', companyId: acme })
		await contact(m, { firstName: 'Mary', lastName: 'Smith', companyId: acme })
		const atAcme = await findDuplicatesFor(m, candidate({ firstName: 'Jonathon', lastName: 'smith', companyId: acme }))
		expect(atAcme).toEqual([{ id, displayName: 'Jonathan Smith', reason: 'name', detail: 'Acme', companyName: 'Acme' }])
		expect(await findDuplicatesFor(m, candidate({ firstName: 'Jonathon', lastName: 'Smith', companyId: other }))).toEqual([])
		expect(await findDuplicatesFor(m, candidate({ firstName: 'Jonathan', lastName: 'Smith' }))).toEqual([])
		// A company typed by name is looked up.
		expect((await findDuplicatesFor(m, candidate({ firstName: 'Jonathan', lastName: 'Smith', companyName: 'Acme' }))).map((d) => d.id)).toEqual([id])
	})

	it('lists each contact once with its strongest reason, skips itself, deleted contacts and other workspaces', async () => {
		const m = await member()
		const acme = await company(m, 'Acme')
		const id = await contact(m, { firstName: 'Ada', lastName: 'Lovelace', companyId: acme, emails: [{ email: 'ada@example.com' }], phones: [{ phone: '+442079460018' }] })
		const gone = await contact(m, { firstName: 'Ada', lastName: 'Lovelace', emails: [{ email: 'ada@example.com' }] })
		await softDeleteContacts(m, [gone])
		const stranger = await member()
		await contact(stranger, { firstName: 'Ada', lastName: 'Lovelace', emails: [{ email: 'ada@example.com' }] })

		const input = candidate({ firstName: 'Ada', lastName: 'Lovelace', companyId: acme, emails: ['ada@example.com'], phones: ['+442079460018'] })
		expect((await findDuplicatesFor(m, input)).map((d) => [d.id, d.reason])).toEqual([[id, 'email']])
		expect(await findDuplicatesFor(m, input, id)).toEqual([])
	})

	it('returns at most five matches', async () => {
		const m = await member()
		for (let i = 0; i < 7; i++) await contact(m, { firstName: `Person ${i}`, emails: [{ email: 'team@example.com' }] })
		expect(await findDuplicatesFor(m, candidate({ emails: ['team@example.com'] }))).toHaveLength(5)
	})

	it('hides contacts a REP may not see when the workspace hides others’ records', async () => {
		const m = await member()
		await contact(m, { firstName: 'Ada', emails: [{ email: 'ada@example.com' }] })
		const rep: Membership = { ...m, userId: (await createUser({ email: `rep-${Date.now()}@example.com`, name: 'Rep' })).id, role: 'REP', hideOthersRecords: true }
		expect(await findDuplicatesFor(rep, candidate({ emails: ['ada@example.com'] }))).toEqual([])
	})
})

describe('listLikelyDuplicatePairs', () => {
	it('lists pairs sharing an email or phone, or with the same name at the same company, once each with every reason', async () => {
		const m = await member()
		const acme = await company(m, 'Acme')
		const a = await contact(m, { firstName: 'Ada', lastName: 'Lovelace', companyId: acme, emails: [{ email: 'ada@example.com' }], phones: [{ phone: '+14155552671' }] })
		const b = await contact(m, { firstName: 'ADA', lastName: 'Lovelace', companyId: acme, emails: [{ email: 'Ada@example.com' }], phones: [{ phone: '(415) 555-2671' }] })
		const c = await contact(m, { firstName: 'Grace', lastName: 'Hopper', phones: [{ phone: '+442079460018' }] })
		const d = await contact(m, { firstName: 'Grace', lastName: 'H.', phones: [{ phone: '+442079460018' }] })
		const e = await contact(m, { firstName: 'José', lastName: "O'Brien", companyId: acme })
		const f = await contact(m, { firstName: 'jose', lastName: 'OBrien', companyId: acme })
		// Not pairs: same name at different companies, unrelated people.
		await contact(m, { firstName: 'José', lastName: "O'Brien" })
		await contact(m, { firstName: 'Charles', lastName: 'Babbage', emails: [{ email: 'charles@example.com' }] })
		const deleted = await contact(m, { firstName: 'Grace', lastName: 'Hopper', phones: [{ phone: '+442079460018' }] })
		await softDeleteContacts(m, [deleted])
		// Another workspace sharing the email is not a pair of ours.
		const stranger = await member()
		await contact(stranger, { firstName: 'Ada', lastName: 'Lovelace', emails: [{ email: 'ada@example.com' }] })

		const result = await listLikelyDuplicatePairs(m, { page: 1 })
		expect(result.total).toBe(3)
		const byIds = Object.fromEntries(result.pairs.map((p) => [[p.a.id, p.b.id].sort().join('+'), p]))
		expect(Object.keys(byIds).sort()).toEqual([[a, b], [c, d], [e, f]].map((ids) => ids.sort().join('+')).sort())
		expect(byIds[[a, b].sort().join('+')]!.reasons).toEqual([
			{ reason: 'email', detail: 'ada@example.com' },
			{ reason: 'phone', detail: '+1 415 555 2671' },
			{ reason: 'name', detail: 'Acme' },
		])
		expect(byIds[[c, d].sort().join('+')]!.reasons).toEqual([{ reason: 'phone', detail: '+44 20 7946 0018' }])
		expect(byIds[[e, f].sort().join('+')]!.reasons).toEqual([{ reason: 'name', detail: 'Acme' }])
		expect(result.pairs.every((p) => p.canMerge)).toBe(true)
		// Newest pair first.
		expect([result.pairs[0]!.a.id, result.pairs[0]!.b.id].sort()).toEqual([e, f].sort())
	})

	it('pairs a group sharing one value with its oldest contact, and paginates', async () => {
		const m = await member()
		const ids: string[] = []
		for (let i = 0; i < 5; i++) ids.push(await contact(m, { firstName: `Person ${i}`, emails: [{ email: 'info@example.com' }] }))
		const first = await listLikelyDuplicatePairs(m, { page: 1, pageSize: 3 })
		expect([first.total, first.pages, first.pairs.length]).toEqual([4, 2, 3])
		const second = await listLikelyDuplicatePairs(m, { page: 2, pageSize: 3 })
		expect(second.pairs).toHaveLength(1)
		const all = [...first.pairs, ...second.pairs]
		const oldest = [...ids].sort()[0]!
		expect(all.every((p) => p.a.id === oldest || p.b.id === oldest)).toBe(true)
		expect(new Set(all.map((p) => [p.a.id, p.b.id].sort().join('+'))).size).toBe(4)
		// Past the end: the last page.
		expect((await listLikelyDuplicatePairs(m, { page: 9, pageSize: 3 })).page).toBe(2)
	})

	it('shows a REP only what they may see, and lets them merge only what they may edit', async () => {
		const m = await member()
		const repUser = await createUser({ email: `rep-${Math.random().toString(36).slice(2)}@example.com`, name: 'Rep' })
		const rep: Membership = { userId: repUser.id, workspaceId: m.workspaceId, role: 'REP', personal: false, hideOthersRecords: false }
		await contact(m, { firstName: 'Ada', emails: [{ email: 'ada@example.com' }] })
		await contact(m, { firstName: 'Ada L', emails: [{ email: 'ada@example.com' }] })
		const own1 = await contact(rep, { firstName: 'Bea', phones: [{ phone: '+14155550001' }] })
		const own2 = await contact(rep, { firstName: 'Bea B', phones: [{ phone: '+14155550001' }] })

		const all = await listLikelyDuplicatePairs(rep)
		expect(all.total).toBe(2)
		expect(all.pairs.map((p) => [[p.a.id, p.b.id].includes(own1), p.canMerge])).toEqual(expect.arrayContaining([[true, true], [false, false]]))

		const hidden = await listLikelyDuplicatePairs({ ...rep, hideOthersRecords: true })
		expect(hidden.pairs.map((p) => [p.a.id, p.b.id].sort())).toEqual([[own1, own2].sort()])
	})

	it('forgets a pair marked "not duplicates", for the page and the warning', async () => {
		const m = await member()
		const a = await contact(m, { firstName: 'Ada', emails: [{ email: 'shared@example.com' }] })
		const b = await contact(m, { firstName: 'Bea', emails: [{ email: 'shared@example.com' }] })
		expect((await listLikelyDuplicatePairs(m)).total).toBe(1)
		expect(await dismissPair(m, b, a)).toBe(true)
		expect(await dismissPair(m, a, b)).toBe(true)
		expect(await listLikelyDuplicatePairs(m)).toMatchObject({ total: 0, pairs: [] })
		expect(await findDuplicatesFor(m, candidate({ emails: ['shared@example.com'] }), a)).toEqual([])
		// Someone else's contacts cannot be dismissed.
		const stranger = await member()
		expect(await dismissPair(stranger, a, b)).toBe(false)
	})
})

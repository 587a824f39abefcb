// Search that folds every letter (issue 22): what a person types without the
// letters of their language still finds the record, in the contact list, the
// global search and the palette (which reads the global search), and phone numbers
// typed the local way find their international form.
import { describe, expect, it } from 'vitest'
import { prisma } from '#app/utils/db.server.ts'
import { foldText } from '#app/utils/fold.ts'
import { MARK_OPEN, stripMarks } from '#app/utils/search-highlight.ts'
import { companyFormSchema } from '#app/validation/company.ts'
import { contactFormSchema } from '#app/validation/contact.ts'
import { interactionSchema } from '#app/validation/interaction.ts'
import { parseContactListQuery } from '#app/validation/contact-list.ts'
import { createCompany } from './company.server.ts'
import { listContacts } from './contact-list.server.ts'
import { createContact } from './contact.server.ts'
import { runImport } from './import/import.server.ts'
import { logInteraction } from './interaction.server.ts'
import { globalSearch } from './search.server.ts'
import { createUser } from './user.server.ts'
import type { Membership } from './workspace.server.ts'

const rand = () => Math.random().toString(36).slice(2)

async function member(): Promise<Membership> {
	const user = await createUser({ email: `f-${rand()}@example.com`, name: 'Owner' })
	const { workspaceId } = await prisma.membership.findFirstOrThrow({ where: { userId: user.id } })
	return { userId: user.id, workspaceId, role: 'OWNER', personal: true, hideOthersRecords: false }
}

const contact = (m: Membership, values: Record<string, unknown>, defaultCountry = 'VN') => createContact(m, contactFormSchema().parse(values), { defaultCountry })

async function listed(m: Membership, q: string) {
	const page = await listContacts(m, parseContactListQuery(new URLSearchParams({ q })))
	return page.rows.map((r) => r.displayName)
}

async function globally(m: Membership, q: string, kind: string) {
	const { groups } = await globalSearch(m, q, { take: 20 })
	return groups.filter((g) => g.kind === kind).flatMap((g) => g.hits.map((h) => stripMarks(h.title)))
}

describe('folding', () => {
	it('folds accents and the letters that do not decompose', () => {
		expect(foldText('Đặng Thu Hà')).toBe('dang thu ha')
		expect(foldText('Hợp đồng')).toBe('hop dong')
		expect(foldText('Łódź Ørsted Straße ÆSIR Œuvre Işık Þór ẞ')).toBe('lodz orsted strasse aesir oeuvre isik thor ss')
	})
})

describe('search by the plain form of every letter', () => {
	const people = [
		['Đặng', 'Thu Hà', 'dang'],
		['Łukasz', 'Wróbel', 'lukasz'],
		['Søren', 'Kierkegaard', 'soren'],
		['Jürgen', 'Großmann', 'grossmann'],
		['Ægir', 'Æsirsson', 'aegir'],
		['Cœur', 'Dupont', 'coeur'],
		['Işıl', 'Yılmaz', 'yilmaz'],
		['Þóra', 'Sigurðardóttir', 'sigurdardottir'],
	] as const

	it('finds contacts in the contact list and the global search', async () => {
		const m = await member()
		for (const [firstName, lastName] of people) await contact(m, { firstName, lastName })
		for (const [firstName, lastName, q] of people) {
			const name = `${firstName} ${lastName}`
			expect(await listed(m, q), q).toEqual([name])
			expect(await globally(m, q, 'contact'), q).toEqual([name])
		}
		expect(await listed(m, 'dang thu ha')).toEqual(['Đặng Thu Hà'])
		// The palette marks the word the plain letters matched.
		const { groups } = await globalSearch(m, 'dang', { take: 5 })
		expect(groups[0]!.hits[0]!.title).toBe(`${MARK_OPEN}Đặng\u0003 Thu Hà`)
	})

	it('finds companies, deals, interactions and tags; and a job title', async () => {
		const m = await member()
		const dong = await createCompany(m, companyFormSchema().parse({ name: 'Công ty Đông Á', city: 'Hà Nội' }), { defaultCountry: 'VN', customFields: [] })
		const an = await contact(m, { firstName: 'Văn An', lastName: 'Nguyễn', jobTitle: 'Trưởng phòng Kinh doanh', tags: 'Khách hàng đặc biệt' })
		const stage = await prisma.pipelineStage.findFirstOrThrow({ where: { workspaceId: m.workspaceId }, orderBy: { position: 'asc' } })
		await prisma.deal.create({ data: { workspaceId: m.workspaceId, stageId: stage.id, name: 'Hợp đồng cung cấp thép', companyId: dong.id } })
		const logged = await logInteraction(m, interactionSchema.parse({ medium: 'CALL', contactId: an.id, subject: 'Gọi điện', notes: 'Bàn về hợp đồng năm tới' }))
		expect(logged.ok).toBe(true)

		expect(await globally(m, 'dong a', 'company')).toEqual(['Công ty Đông Á'])
		expect(await globally(m, 'ha noi', 'company')).toEqual(['Công ty Đông Á'])
		expect(await globally(m, 'hop dong', 'deal')).toEqual(['Hợp đồng cung cấp thép'])
		expect((await globally(m, 'hop dong', 'interaction')).length).toBe(1)
		expect(await globally(m, 'dac biet', 'tag')).toEqual(['Khách hàng đặc biệt'])
		// The job title is searchable too.
		expect(await listed(m, 'truong phong')).toEqual(['Văn An Nguyễn'])
		expect(await globally(m, 'kinh doanh', 'contact')).toEqual(['Văn An Nguyễn'])
	})

	it('finds what an import wrote with its own SQL the same way', async () => {
		const m = await member()
		const csv = 'First Name,Last Name,Job Title\nĐức,Phạm,Giám đốc\n'
		await runImport(m, { name: 'vn.csv', content: csv })
		expect(await listed(m, 'duc pham')).toEqual(['Đức Phạm'])
		expect(await listed(m, 'giam doc')).toEqual(['Đức Phạm'])
	})
})

describe('phones typed the local way', () => {
	it('finds +84 912 345 678 by "0912 345 678", "0912", "(+84) 912 345 678" and "345 678"', async () => {
		const m = await member()
		await contact(m, { firstName: 'Mai', lastName: 'Trần', phones: [{ phone: '0912 345 678' }] })
		const stored = await prisma.contactPhone.findFirstOrThrow({ where: { contact: { workspaceId: m.workspaceId } } })
		expect(stored.phone).toBe('+84912345678')
		for (const q of ['0912 345 678', '0912', '(+84) 912 345 678', '+84 912', '912345678', '345 678', '5678']) {
			expect(await listed(m, q), q).toEqual(['Mai Trần'])
			expect(await globally(m, q, 'contact'), q).toEqual(['Mai Trần'])
		}
		expect(await listed(m, '0913')).toEqual([])
	})
})

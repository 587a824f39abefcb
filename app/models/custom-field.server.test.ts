import { describe, expect, it } from 'vitest'
import { prisma } from '#app/utils/db.server.ts'
import { contactFormSchema } from '#app/validation/contact.ts'
import { CustomFieldCreateSchema } from '#app/validation/taxonomy.ts'
import {
	createCustomField,
	customFieldDisplay,
	CustomFieldError,
	deleteCustomField,
	listCustomFieldDefinitions,
	listCustomFields,
	mergeCustomValues,
	moveCustomField,
	slugifyKey,
	updateCustomField,
} from './custom-field.server.ts'
import { createUser } from './user.server.ts'
import type { Membership } from './workspace.server.ts'

async function member(role: Membership['role'] = 'OWNER'): Promise<Membership> {
	const user = await createUser({ email: `cf-${Math.random().toString(36).slice(2)}@example.com`, name: 'Owner' })
	const { workspaceId } = await prisma.membership.findFirstOrThrow({ where: { userId: user.id } })
	return { userId: user.id, workspaceId, role, personal: true, hideOthersRecords: false }
}

describe('custom field definitions', () => {
	it('makes keys from labels, unique per workspace and kind of record', async () => {
		expect(slugifyKey('Annual revenue (€)')).toBe('annual_revenue')
		expect(slugifyKey('Café du Monde')).toBe('cafe_du_monde')
		expect(slugifyKey('2nd phone')).toBe('f_2nd_phone')
		expect(slugifyKey('!!!')).toBe('field')
		const m = await member()
		const a = await createCustomField(m, { entity: 'CONTACT', label: 'T-shirt size', type: 'SELECT', options: ['S', 'M', 'L'] })
		const b = await createCustomField(m, { entity: 'CONTACT', label: 'T shirt size?', type: 'TEXT', options: [] })
		const c = await createCustomField(m, { entity: 'COMPANY', label: 'T-shirt size', type: 'TEXT', options: [] })
		expect([a.key, b.key, c.key]).toEqual(['t_shirt_size', 't_shirt_size_2', 't_shirt_size'])
		await expect(createCustomField(m, { entity: 'CONTACT', label: 't-shirt SIZE', type: 'TEXT', options: [] })).rejects.toBeInstanceOf(CustomFieldError)
	})

	it('lists them in order as CustomFieldDef, ignores choices of non-choice fields, and reorders', async () => {
		const m = await member()
		const first = await createCustomField(m, { entity: 'CONTACT', label: 'Tier', type: 'SELECT', options: ['Gold', 'Silver'] })
		await createCustomField(m, { entity: 'CONTACT', label: 'Seats', type: 'NUMBER', options: ['ignored'] })
		const third = await createCustomField(m, { entity: 'CONTACT', label: 'Renewal', type: 'DATE', options: [] })
		await createCustomField(m, { entity: 'COMPANY', label: 'Founded', type: 'DATE', options: [] })
		expect(await listCustomFields(m.workspaceId, 'CONTACT')).toEqual([
			{ key: 'tier', label: 'Tier', type: 'SELECT', options: ['Gold', 'Silver'] },
			{ key: 'seats', label: 'Seats', type: 'NUMBER', options: [] },
			{ key: 'renewal', label: 'Renewal', type: 'DATE', options: [] },
		])
		await moveCustomField(m, third.id, 'up')
		await moveCustomField(m, first.id, 'up') // already first: nothing moves
		await moveCustomField(m, first.id, 'down')
		expect((await listCustomFields(m.workspaceId, 'CONTACT')).map((d) => d.key)).toEqual(['renewal', 'tier', 'seats'])
		expect((await listCustomFields(m.workspaceId, 'COMPANY')).map((d) => d.key)).toEqual(['founded'])
	})

	it('renames and changes choices but keeps the key; deleting leaves stored values hidden', async () => {
		const m = await member()
		const tier = await createCustomField(m, { entity: 'CONTACT', label: 'Tier', type: 'SELECT', options: ['Gold'] })
		await updateCustomField(m, tier.id, { label: 'Customer tier', options: ['Gold', 'Platinum'] })
		expect(await listCustomFields(m.workspaceId, 'CONTACT')).toEqual([{ key: 'tier', label: 'Customer tier', type: 'SELECT', options: ['Gold', 'Platinum'] }])
		await expect(updateCustomField(m, tier.id, { label: 'Customer tier', options: [] })).rejects.toBeInstanceOf(CustomFieldError)
		const contact = await prisma.contact.create({ data: { workspaceId: m.workspaceId, displayName: 'Ada', customFields: { tier: 'Gold' } } })
		await deleteCustomField(m, tier.id)
		expect(await listCustomFields(m.workspaceId, 'CONTACT')).toEqual([])
		expect((await prisma.contact.findUniqueOrThrow({ where: { id: contact.id } })).customFields).toEqual({ tier: 'Gold' })
		expect(customFieldDisplay({ tier: 'Gold' }, [])).toEqual([])
		// Re-adding a field with the same label shows the kept value again.
		await createCustomField(m, { entity: 'CONTACT', label: 'Tier', type: 'SELECT', options: ['Gold'] })
		expect(customFieldDisplay({ tier: 'Gold' }, await listCustomFields(m.workspaceId, 'CONTACT'))).toEqual([{ key: 'tier', label: 'Tier', type: 'SELECT', value: 'Gold' }])
	})

	it('merges edited values with hidden ones', () => {
		const defs = [{ key: 'a', label: 'A', type: 'TEXT' as const, options: [] }]
		expect(mergeCustomValues({ a: 'old', hidden: 1 }, defs, { a: 'new', sneaky: 'x' })).toEqual({ hidden: 1, a: 'new' })
		expect(mergeCustomValues({ a: 'old' }, defs, {})).toBeNull()
		expect(mergeCustomValues(null, defs, { a: '' })).toBeNull()
	})

	it('validates a definition: choices needed for a choice list, one per line, without repeats', () => {
		const ok = CustomFieldCreateSchema.parse({ intent: 'create', entity: 'CONTACT', label: ' Tier ', type: 'SELECT', options: 'Gold\r\n\n Silver \ngold\n' })
		expect(ok).toMatchObject({ label: 'Tier', options: ['Gold', 'Silver'] })
		const bad = CustomFieldCreateSchema.safeParse({ intent: 'create', entity: 'CONTACT', label: '', type: 'SELECT', options: '  ' })
		expect(bad.error!.flatten().fieldErrors).toEqual({ label: ['Enter a label'], options: ['Enter at least one choice, one per line'] })
		expect(CustomFieldCreateSchema.parse({ intent: 'create', entity: 'COMPANY', label: 'Notes 2', type: 'TEXT', options: 'x' }).options).toEqual([])
	})

	it('values are validated by the contact form as their type says', async () => {
		const m = await member()
		await createCustomField(m, { entity: 'CONTACT', label: 'Tier', type: 'SELECT', options: ['Gold', 'Silver'] })
		await createCustomField(m, { entity: 'CONTACT', label: 'Seats', type: 'NUMBER', options: [] })
		const schema = contactFormSchema(await listCustomFields(m.workspaceId, 'CONTACT'))
		expect(schema.safeParse({ firstName: 'Ada', custom: { tier: 'Gold', seats: '3' } }).data!.custom).toEqual({ tier: 'Gold', seats: 3 })
		expect(schema.safeParse({ firstName: 'Ada', custom: { tier: 'Bronze' } }).success).toBe(false)
	})

	it('answers another workspace’s definitions as not found, and only owners and admins change them', async () => {
		const owner = await member()
		const def = await createCustomField(owner, { entity: 'COMPANY', label: 'Region', type: 'TEXT', options: [] })
		const stranger = await member()
		await expect(updateCustomField(stranger, def.id, { label: 'Mine', options: [] })).rejects.toMatchObject({ status: 404 })
		await expect(deleteCustomField(stranger, def.id)).rejects.toMatchObject({ status: 404 })
		await expect(moveCustomField(stranger, def.id, 'up')).rejects.toMatchObject({ status: 404 })
		expect(await listCustomFieldDefinitions(stranger.workspaceId)).toEqual([])
		const rep = { ...owner, userId: stranger.userId, role: 'REP' as const }
		await expect(createCustomField(rep, { entity: 'COMPANY', label: 'X', type: 'TEXT', options: [] })).rejects.toMatchObject({ status: 403 })
		await expect(deleteCustomField(rep, def.id)).rejects.toMatchObject({ status: 403 })
	})
})

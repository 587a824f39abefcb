import { describe, expect, it } from 'vitest'
import { prisma } from '#app/utils/db.server.ts'
import { BuiltInTemplateSchema, builtInId, placeholderErrors, renderTemplate, TemplateSchema, templateVars } from '#app/validation/template.ts'
import { contactFormSchema } from '#app/validation/contact.ts'
import { createContact } from './contact.server.ts'
import {
	createOwnTemplate,
	deleteOwnTemplate,
	getTemplate,
	listTemplates,
	renderFor,
	restoreBuiltIn,
	saveBuiltIn,
	templateChoices,
	updateOwnTemplate,
} from './template.server.ts'
import { createUser } from './user.server.ts'
import type { Membership } from './workspace.server.ts'

async function member(name = 'Grace Hopper'): Promise<Membership> {
	const user = await createUser({ email: `t-${Math.random().toString(36).slice(2)}@example.com`, name })
	const { workspaceId } = await prisma.membership.findFirstOrThrow({ where: { userId: user.id } })
	return { userId: user.id, workspaceId, role: 'OWNER', personal: true, hideOthersRecords: false }
}

/** Another member of the same workspace. */
async function colleague(owner: Membership, role: Membership['role']): Promise<Membership> {
	const user = await createUser({ email: `t-${Math.random().toString(36).slice(2)}@example.com`, name: 'Colleague' })
	await prisma.membership.create({ data: { userId: user.id, workspaceId: owner.workspaceId, role } })
	return { userId: user.id, workspaceId: owner.workspaceId, role, personal: false, hideOthersRecords: false }
}

describe('renderTemplate', () => {
	const vars = templateVars({ firstName: 'Ada', lastName: 'Lovelace', displayName: 'Ada Lovelace', company: 'Analytical Engines', jobTitle: 'Mathematician' }, { name: 'Grace Brewster Hopper' })

	it('fills in every placeholder, with or without spaces inside the braces', () => {
		expect(renderTemplate('Hi {{firstName}} {{ lastName }} ({{fullName}}), {{jobTitle}} at {{company}}. {{myName}} / {{myFirstName}}', vars)).toBe(
			'Hi Ada Lovelace (Ada Lovelace), Mathematician at Analytical Engines. Grace Brewster Hopper / Grace',
		)
	})

	it('keeps emoji, & and new lines, and repeats', () => {
		expect(renderTemplate('🎉 {{firstName}} & {{firstName}}!\n\n— {{myFirstName}}', vars)).toBe('🎉 Ada & Ada!\n\n— Grace')
	})

	it('leaves unknown placeholders as written and empty values empty', () => {
		expect(renderTemplate('Hi {{nickname}} from {{company}}', { company: null })).toBe('Hi {{nickname}} from ')
		// "$&" in a value is text, not a replacement pattern.
		expect(renderTemplate('{{firstName}}', { firstName: '$& $1' })).toBe('$& $1')
	})

	it('greets a contact known by one name with it', () => {
		expect(templateVars({ firstName: '', lastName: 'Babbage', displayName: 'Babbage' }, { name: 'Me' }).firstName).toBe('Babbage')
	})
})

describe('placeholder checks', () => {
	it('accepts known placeholders', () => {
		expect(placeholderErrors('Hi {{firstName}}, {{ myName }}')).toEqual([])
	})

	it('names an unknown placeholder, suggesting the one meant', () => {
		expect(placeholderErrors('Hi {{FirstName}}')).toEqual(['{{FirstName}} is not a placeholder. Did you mean {{firstName}}?'])
		expect(placeholderErrors('Hi {{first_name}}')).toEqual(['{{first_name}} is not a placeholder. Did you mean {{firstName}}?'])
		expect(placeholderErrors('Hi {{nickname}}')[0]).toBe(
			'{{nickname}} is not a placeholder. Use {{firstName}}, {{lastName}}, {{fullName}}, {{company}}, {{jobTitle}}, {{myName}}, {{myFirstName}}.',
		)
	})

	it('catches a placeholder left open', () => {
		expect(placeholderErrors('Hi {{firstName')).toEqual(['Write each placeholder with two braces on each side, like {{firstName}}.'])
		expect(placeholderErrors('Hi firstName}}')).toEqual(['Write each placeholder with two braces on each side, like {{firstName}}.'])
	})

	it('is a field error of the form', () => {
		const result = TemplateSchema.safeParse({ kind: 'own', type: 'CUSTOM', name: 'Hello', body: 'Hi {{nick}}' })
		expect(result.success).toBe(false)
		expect(result.error!.flatten().fieldErrors.body?.[0]).toMatch(/\{\{nick\}\} is not a placeholder/)
		expect(BuiltInTemplateSchema.safeParse({ kind: 'built-in', type: 'CUSTOM', name: 'x', body: 'y' }).success).toBe(false)
	})

	it('keeps one kind of line break (browsers post CRLF)', () => {
		expect(TemplateSchema.parse({ kind: 'own', type: 'CUSTOM', name: 'Hi', body: 'Hi {{firstName}}\r\n\r\nBye\r' }).body).toBe('Hi {{firstName}}\n\nBye')
	})
})

describe('templates', () => {
	it('shows the built-ins without storing anything, then the member’s own', async () => {
		const m = await member()
		const { builtIns, own } = await listTemplates(m)
		expect(builtIns.map((t) => [t.id, t.type, t.edited])).toEqual([
			['default-follow-up', 'FOLLOW_UP', false],
			['default-birthday', 'BIRTHDAY', false],
			['default-anniversary', 'ANNIVERSARY', false],
		])
		expect(own).toEqual([])
		expect(await prisma.messageTemplate.count({ where: { workspaceId: m.workspaceId } })).toBe(0)

		await createOwnTemplate(m, { type: 'CUSTOM', name: 'Price list', body: 'Hi {{firstName}}, here is our price list.' })
		expect((await templateChoices(m)).map((t) => t.name)).toEqual(['Following up', 'Happy birthday!', 'Happy anniversary!', 'Price list'])
	})

	it('stores the workspace’s version of a built-in on the first edit, and restores the default', async () => {
		const m = await member()
		await saveBuiltIn(m, 'BIRTHDAY', { name: 'Birthday wishes', body: 'HBD {{firstName}}!' })
		await saveBuiltIn(m, 'BIRTHDAY', { name: 'Birthday wishes', body: 'Happy birthday {{firstName}}!' })
		const { builtIns } = await listTemplates(m)
		const birthday = builtIns.find((t) => t.type === 'BIRTHDAY')!
		expect(birthday).toMatchObject({ name: 'Birthday wishes', body: 'Happy birthday {{firstName}}!', edited: true })
		expect(await prisma.messageTemplate.count({ where: { workspaceId: m.workspaceId } })).toBe(1)
		// The default id finds the workspace's version too (a link made before the edit still works).
		expect((await getTemplate(m, builtInId('BIRTHDAY')))?.body).toBe('Happy birthday {{firstName}}!')

		expect(await restoreBuiltIn(m, 'BIRTHDAY')).toBe(true)
		expect((await listTemplates(m)).builtIns.find((t) => t.type === 'BIRTHDAY')).toMatchObject({ id: 'default-birthday', name: 'Happy birthday!', edited: false })
		const log = await prisma.activityLog.findMany({ where: { workspaceId: m.workspaceId, entityType: 'Template' }, orderBy: { createdAt: 'asc' } })
		expect(log.map((l) => l.action)).toEqual(['updated', 'updated', 'reset_to_default'])
	})

	it('lets only owners and admins change the built-ins; everyone keeps their own templates private', async () => {
		const owner = await member()
		const rep = await colleague(owner, 'REP')
		await expect(saveBuiltIn(rep, 'FOLLOW_UP', { name: 'x', body: 'y' })).rejects.toMatchObject({ status: 403 })
		const mine = await createOwnTemplate(rep, { type: 'FOLLOW_UP', name: 'My follow-up', body: 'Hey {{firstName}}' })
		expect((await listTemplates(owner)).own).toEqual([])
		expect(await getTemplate(owner, mine.id)).toBeNull()
		await expect(updateOwnTemplate(owner, mine.id, { type: 'CUSTOM', name: 'Taken', body: 'x' })).rejects.toMatchObject({ status: 404 })
		await expect(deleteOwnTemplate(owner, mine.id)).rejects.toMatchObject({ status: 404 })
		const viewer = await colleague(owner, 'VIEWER')
		await expect(createOwnTemplate(viewer, { type: 'CUSTOM', name: 'x', body: 'y' })).rejects.toMatchObject({ status: 403 })

		await updateOwnTemplate(rep, mine.id, { type: 'FOLLOW_UP', name: 'My follow-up', body: 'Hello {{firstName}}' })
		expect((await getTemplate(rep, mine.id))?.body).toBe('Hello {{firstName}}')
		await deleteOwnTemplate(rep, mine.id)
		expect(await getTemplate(rep, mine.id)).toBeNull()
	})

	it('another workspace’s template is not found', async () => {
		const a = await member()
		const b = await member()
		const t = await createOwnTemplate(a, { type: 'CUSTOM', name: 'Secret', body: 'x' })
		expect(await getTemplate(b, t.id)).toBeNull()
		expect(await getTemplate(b, 'nonsense')).toBeNull()
	})

	it('renders a template for a contact', async () => {
		const m = await member('Grace Hopper')
		const { id } = await createContact(m, contactFormSchema().parse({ firstName: 'Ada', lastName: 'Lovelace', companyName: 'Analytical Engines', jobTitle: 'Countess' }), { defaultCountry: 'US' })
		const contact = await prisma.contact.findUniqueOrThrow({ where: { id }, select: { firstName: true, lastName: true, displayName: true, jobTitle: true, company: { select: { name: true } } } })
		const template = (await getTemplate(m, builtInId('FOLLOW_UP')))!
		expect(renderFor(template, contact, { name: 'Grace Hopper' })).toBe(
			'Hi Ada, it was good to talk with you. I wanted to follow up on our conversation: let me know if you have any questions.\n\nBest,\nGrace Hopper',
		)
		expect(renderFor({ body: '{{fullName}}, {{jobTitle}} at {{company}}' }, contact, { name: 'G' })).toBe('Ada Lovelace, Countess at Analytical Engines')
	})
})

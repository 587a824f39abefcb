// Shared by /contacts/new and /contacts/:id/edit: what the form needs, and the
// handling of a submitted form (multipart, for the picture).
import { userPrefs } from '#app/models/user.server.ts'
import { parseWithZod } from '@conform-to/zod'
import { data, redirect } from '@remix-run/node'
import { MaxPartSizeExceededError, readForm } from '#app/utils/form.server.ts'
import { createContact, updateContact } from '#app/models/contact.server.ts'
import { listCustomFields } from '#app/models/custom-field.server.ts'
import { findDuplicatesFor } from '#app/models/duplicates.server.ts'
import { readAvatarUpload } from '#app/models/settings.server.ts'
import type { Membership } from '#app/models/workspace.server.ts'
import { AVATAR_MAX_BYTES, AVATAR_TOO_BIG } from '#app/validation/settings.ts'
import { prisma } from '#app/utils/db.server.ts'
import { normalizePhone, readAddresses, readWebsites } from '#app/utils/contact-fields.ts'
import { contactFormSchema } from '#app/validation/contact.ts'

export async function contactFormOptions(m: Membership) {
	const [companies, tags, groups, customFields, user] = await Promise.all([
		prisma.company.findMany({ where: { workspaceId: m.workspaceId, deletedAt: null }, orderBy: { name: 'asc' }, select: { id: true, name: true }, take: 1000 }),
		prisma.tag.findMany({ where: { workspaceId: m.workspaceId }, orderBy: { name: 'asc' }, select: { name: true } }),
		prisma.group.findMany({ where: { workspaceId: m.workspaceId, OR: [{ isPrivate: false }, { ownerId: m.userId }] }, orderBy: { name: 'asc' }, select: { id: true, name: true, icon: true } }),
		listCustomFields(m.workspaceId, 'CONTACT'),
		userPrefs(m.userId),
	])
	return { companies, tagNames: tags.map((t) => t.name), groups, customFields, defaultCountry: user.defaultCountry }
}

// Generous here so an oversized picture still arrives with the rest of the form:
// its size is then refused beside the field and nothing typed is lost.
const MAX_UPLOAD = 5 * AVATAR_MAX_BYTES

async function readContactForm(request: Request) {
	try {
		return await readForm(request, { maxPartSize: MAX_UPLOAD })
	} catch (error) {
		if (error instanceof MaxPartSizeExceededError) return null
		throw error
	}
}

/** Validates and saves; returns a redirect, or the form state to show again. */
export async function handleContactForm(request: Request, m: Membership, contactId?: string) {
	const { customFields, defaultCountry } = await contactFormOptions(m)
	const schema = contactFormSchema(customFields)
	const formData = await readContactForm(request)
	if (!formData) throw new Response(AVATAR_TOO_BIG, { status: 413 })
	const submission = parseWithZod(formData, { schema })
	if (submission.status !== 'success') return data({ result: submission.reply(), duplicates: [] }, { status: submission.status === 'error' ? 400 : 200 })

	const file = formData.get('avatarFile')
	let image: { contentType: string; bytes: Uint8Array<ArrayBuffer> } | null = null
	if (file instanceof Blob && file.size > 0) {
		const read = await readAvatarUpload(file)
		if (!read.ok) return data({ result: submission.reply({ fieldErrors: { avatarFile: [read.error] } }), duplicates: [] }, { status: 400 })
		image = read
	}

	const input = submission.value
	if (formData.get('confirmDuplicate') !== '1') {
		const duplicates = await findDuplicatesFor(
			m,
			{
				emails: input.emails.map((e) => e.email),
				phones: input.phones.map((p) => normalizePhone(p.phone, defaultCountry)),
				firstName: input.firstName ?? '',
				lastName: input.lastName ?? '',
				companyId: input.companyId,
			},
			contactId,
		)
		if (duplicates.length) return data({ result: submission.reply(), duplicates }, { status: 409 })
	}

	const id = contactId
		? (await updateContact(m, contactId, input, { defaultCountry, customFields }), contactId)
		: (await createContact(m, input, { defaultCountry })).id
	if (image) {
		await prisma.$transaction([
			prisma.contactImage.deleteMany({ where: { contactId: id } }),
			prisma.contactImage.create({ data: { contactId: id, contentType: image.contentType, blob: image.bytes } }),
		])
	} else if (formData.get('removePicture') === '1') {
		await prisma.contactImage.deleteMany({ where: { contactId: id } })
	}
	return redirect(`/contacts/${id}${contactId ? '?saved=1' : '?created=1'}`)
}

type Loaded = NonNullable<Awaited<ReturnType<typeof import('#app/models/contact.server.ts').getContact>>>

/** A list field shows one blank row when empty, ready to type into. */
const listOrBlank = <T extends object>(items: T[]): Array<T | Record<string, never>> => (items.length ? items : [{}])

/** A stored contact as the form's initial values. */
export function contactFormValues(c: Loaded) {
	const str = (v: number | null) => (v == null ? '' : String(v))
	return {
		firstName: c.firstName,
		lastName: c.lastName,
		nickname: c.nickname ?? '',
		emails: listOrBlank(c.emails.map((e) => ({ email: e.email, label: e.label ?? '' }))),
		phones: listOrBlank(c.phones.map((p) => ({ phone: p.phone, label: p.label ?? '' }))),
		whatsapp: c.whatsapp ?? '',
		instagram: c.instagram ?? '',
		linkedin: c.linkedin ?? '',
		websites: listOrBlank(readWebsites(c.websites).map((w) => ({ url: w.url, label: w.label ?? '' }))),
		companyId: c.company?.id ?? '',
		jobTitle: c.jobTitle ?? '',
		isDecisionMaker: c.isDecisionMaker ? 'on' : '',
		authorityLevel: c.authorityLevel ?? '',
		leadStatus: c.leadStatus ?? '',
		tags: c.tags.map((t) => t.name).join(', '),
		groupIds: c.groups.map((g) => g.id),
		addresses: listOrBlank(readAddresses(c.addresses).map((a) => Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v ?? ''])))),
		notes: c.notes ?? '',
		birthdayMonth: str(c.birthdayMonth),
		birthdayDay: str(c.birthdayDay),
		birthdayYear: str(c.birthdayYear),
		anniversaryMonth: str(c.anniversaryMonth),
		anniversaryDay: str(c.anniversaryDay),
		anniversaryYear: str(c.anniversaryYear),
		avatarUrl: c.avatarUrl ?? '',
		source: c.source,
		custom: Object.fromEntries(Object.entries((c.customFields as Record<string, unknown> | null) ?? {}).map(([k, v]) => [k, v == null ? '' : String(v)])),
	}
}

export function contactPictureSrc(c: { id: string; avatarUrl: string | null; image?: { id: string } | null }) {
	return c.image ? `/contacts/${c.id}/picture?v=${c.image.id}` : c.avatarUrl
}

import { describe, expect, it } from 'vitest'
import { prisma } from '#app/utils/db.server.ts'
import { contactFormSchema } from '#app/validation/contact.ts'
import { interactionSchema, parseTimelineParams } from '#app/validation/interaction.ts'
import { createContact, updateContact } from './contact.server.ts'
import { logInteraction } from './interaction.server.ts'
import { followUpState, getTimeline } from './timeline.server.ts'
import { createUser } from './user.server.ts'
import type { Membership } from './workspace.server.ts'

async function member(): Promise<Membership> {
	const user = await createUser({ email: `t-${Math.random().toString(36).slice(2)}@example.com`, name: 'Tess' })
	const { workspaceId } = await prisma.membership.findFirstOrThrow({ where: { userId: user.id } })
	return { userId: user.id, workspaceId, role: 'OWNER', personal: true, hideOthersRecords: false }
}

const now = new Date('2026-03-20T12:00:00Z')
const at = (iso: string) => new Date(iso)

async function log(m: Membership, values: Record<string, unknown>) {
	const result = await logInteraction(m, interactionSchema.parse(values), { now })
	if (!result.ok) throw new Error(JSON.stringify(result))
	return result.interaction.id
}

/** A contact with: 2 interactions, 3 follow-ups (done, pending, cancelled) and its activity entries. */
async function fixture() {
	const m = await member()
	const { id: contactId } = await createContact(m, contactFormSchema().parse({ firstName: 'Ada', companyName: 'Engines Ltd' }), { defaultCountry: 'US' })
	const { companyId } = await prisma.contact.findUniqueOrThrow({ where: { id: contactId } })
	const call = await log(m, { contactId, medium: 'CALL', subject: 'First call', occurredAt: '2026-03-01T10:00', notes: 'Line one\n**bold**' })
	const email = await log(m, { contactId, medium: 'EMAIL', subject: 'Sent deck', occurredAt: '2026-03-10T10:00' })
	const base = { workspaceId: m.workspaceId, contactId, companyId, assigneeId: m.userId, createdById: m.userId }
	const done = await prisma.followUp.create({ data: { ...base, dueAt: at('2026-03-05T09:00Z'), status: 'COMPLETED', completedAt: at('2026-03-06T09:00Z'), outcome: 'Booked a demo' } })
	const pending = await prisma.followUp.create({ data: { ...base, dueAt: at('2026-03-25T09:00Z') } })
	const cancelled = await prisma.followUp.create({ data: { ...base, dueAt: at('2026-03-03T09:00Z'), status: 'CANCELLED' } })
	// The contact's "created" entry and an edit, at known times.
	await updateContact(m, contactId, contactFormSchema().parse({ firstName: 'Ada', jobTitle: 'Countess', companyName: 'Engines Ltd' }), { defaultCountry: 'US' })
	const entries = await prisma.activityLog.findMany({ where: { entityId: contactId }, orderBy: { createdAt: 'asc' } })
	const created = entries.find((e) => e.action === 'created')!
	const edited = entries.find((e) => e.action === 'updated')!
	await prisma.activityLog.update({ where: { id: created.id }, data: { createdAt: at('2026-02-01T09:00Z') } })
	await prisma.activityLog.update({ where: { id: edited.id }, data: { createdAt: at('2026-03-08T09:00Z') } })
	return { m, contactId, companyId: companyId!, call, email, done: done.id, pending: pending.id, cancelled: cancelled.id, created: created.id, edited: edited.id }
}

describe('the timeline', () => {
	it('merges interactions, follow-ups and changes newest first, without repeating "logged"', async () => {
		const f = await fixture()
		const t = await getTimeline(f.m, { contactId: f.contactId }, now)
		// Pending is due on the 25th (ahead), done sits at its completion on the 6th.
		expect(t.entries.map((e) => e.id)).toEqual([f.pending, f.email, f.edited, f.done, f.cancelled, f.call, f.created])
		expect(t.hasOlder).toBe(false)
		const [pending, email, edited, done, cancelled, call] = t.entries
		expect(pending).toMatchObject({ kind: 'followup', state: 'scheduled' })
		expect(done).toMatchObject({ kind: 'followup', state: 'completed', outcome: 'Booked a demo', completedAt: at('2026-03-06T09:00Z') })
		expect(cancelled).toMatchObject({ kind: 'followup', state: 'cancelled' })
		expect(email).toMatchObject({ kind: 'interaction', medium: 'EMAIL', subject: 'Sent deck', who: 'Tess', canEdit: true, contact: null })
		expect(call).toMatchObject({ kind: 'interaction', notesHtml: '<p>Line one<br /><strong>bold</strong></p>\n' })
		expect(edited).toMatchObject({ kind: 'activity', label: 'Edited', detail: 'job title', who: 'Tess' })
		expect(t.logHref).toBe(`/interactions/new?contactId=${f.contactId}`)
	})

	it('filters by kind', async () => {
		const f = await fixture()
		const only = async (kinds: Array<'interaction' | 'followup' | 'activity'>) => (await getTimeline(f.m, { contactId: f.contactId, kinds }, now)).entries.map((e) => e.id)
		expect(await only(['interaction'])).toEqual([f.email, f.call])
		expect(await only(['followup'])).toEqual([f.pending, f.done, f.cancelled])
		expect(await only(['activity'])).toEqual([f.edited, f.created])
		expect(await only(['interaction', 'activity'])).toEqual([f.email, f.edited, f.call, f.created])
		expect(parseTimelineParams(new URLSearchParams('timeline=followup&timeline=bogus&timelinePage=3'))).toEqual({ kinds: ['followup'], page: 3 })
		expect(parseTimelineParams(new URLSearchParams('timeline=bogus&timelinePage=-2'))).toEqual({ kinds: ['interaction', 'followup', 'activity'], page: 1 })
	})

	it('paginates across sources with no entry lost or repeated', async () => {
		const f = await fixture()
		for (let day = 11; day <= 19; day++) await log(f.m, { contactId: f.contactId, medium: 'SMS', subject: `Day ${day}`, occurredAt: `2026-03-${day}T08:00` })
		const all = (await getTimeline(f.m, { contactId: f.contactId }, now)).entries.map((e) => e.id)
		expect(all).toHaveLength(16)
		const pages = []
		for (let page = 1; page <= 4; page++) pages.push(await getTimeline(f.m, { contactId: f.contactId, page, pageSize: 5 }, now))
		expect(pages.map((p) => p.hasOlder)).toEqual([true, true, true, false])
		expect(pages.map((p) => p.entries.length)).toEqual([5, 5, 5, 1])
		expect(pages.flatMap((p) => p.entries.map((e) => e.id))).toEqual(all)
	})

	it('shows a company its own interactions and those of its contacts, naming the contact', async () => {
		const f = await fixture()
		const own = await log(f.m, { companyId: f.companyId, medium: 'VIDEO', subject: 'Board call', occurredAt: '2026-03-12T10:00' })
		// A contact who joined the company after the interaction still brings it along.
		const { id: grace } = await createContact(f.m, contactFormSchema().parse({ firstName: 'Grace' }), { defaultCountry: 'US' })
		const before = await log(f.m, { contactId: grace, medium: 'CALL', occurredAt: '2026-03-02T10:00' })
		await prisma.contact.update({ where: { id: grace }, data: { companyId: f.companyId } })
		// Someone else's workspace never shows up.
		const other = await member()
		const { id: stranger } = await createContact(other, contactFormSchema().parse({ firstName: 'Stranger' }), { defaultCountry: 'US' })
		await log(other, { contactId: stranger, medium: 'CALL' })

		const t = await getTimeline(f.m, { companyId: f.companyId, kinds: ['interaction'] }, now)
		expect(t.entries.map((e) => e.id)).toEqual([own, f.email, before, f.call])
		expect(t.entries[1]).toMatchObject({ contact: { id: f.contactId, displayName: 'Ada' } })
		expect(t.entries[0]).toMatchObject({ contact: null })
		const followUps = await getTimeline(f.m, { companyId: f.companyId, kinds: ['followup'] }, now)
		expect(followUps.entries.map((e) => e.id)).toEqual([f.pending, f.done, f.cancelled])
		// A deleted contact's interactions leave the company's timeline with it.
		await prisma.contact.update({ where: { id: grace }, data: { deletedAt: new Date() } })
		expect((await getTimeline(f.m, { companyId: f.companyId, kinds: ['interaction'] }, now)).entries.map((e) => e.id)).toEqual([own, f.email, f.call])
		expect((await getTimeline(f.m, { companyId: f.companyId }, now)).logHref).toBe(`/interactions/new?companyId=${f.companyId}`)
	})

	it('answers 404 for another workspace’s record', async () => {
		const f = await fixture()
		const other = await member()
		await expect(getTimeline(other, { contactId: f.contactId })).rejects.toMatchObject({ status: 404 })
		await expect(getTimeline(other, { companyId: f.companyId })).rejects.toMatchObject({ status: 404 })
	})

	it('names a follow-up’s state: overdue once due, missed a day later', () => {
		const due = at('2026-03-20T09:00Z')
		expect(followUpState({ status: 'PENDING', dueAt: due }, at('2026-03-20T08:00Z'))).toBe('scheduled')
		expect(followUpState({ status: 'PENDING', dueAt: due }, at('2026-03-20T10:00Z'))).toBe('overdue')
		expect(followUpState({ status: 'PENDING', dueAt: due }, at('2026-03-21T10:00Z'))).toBe('missed')
		expect(followUpState({ status: 'MISSED', dueAt: due }, at('2026-03-20T10:00Z'))).toBe('missed')
	})
})

import Database from 'better-sqlite3'
import { describe, expect, test } from 'vitest'
import { deleteAccount, exportUserData } from '#app/models/account.server.ts'
import { reindexContacts } from '#app/models/contact-search.server.ts'
import { createUser } from '#app/models/user.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { databasePath } from '#app/utils/db-adapter.ts'

let n = 0
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++n}`

async function personalWorkspaceId(userId: string) {
	const m = await prisma.membership.findFirstOrThrow({ where: { userId }, select: { workspaceId: true } })
	return m.workspaceId
}

/** One or more rows in every table, all belonging to `user` (a share goes to `recipientId`). */
async function fillAccount(user: { id: string }, recipientId: string) {
	const workspaceId = await personalWorkspaceId(user.id)
	const userId = user.id
	const tag = await prisma.tag.create({ data: { workspaceId, name: unique('tag') } })
	const group = await prisma.group.create({ data: { workspaceId, name: unique('group'), ownerId: userId } })
	const company = await prisma.company.create({ data: { workspaceId, name: unique('Acme'), ownerId: userId, tags: { connect: { id: tag.id } } } })
	const contact = await prisma.contact.create({
		data: {
			workspaceId,
			displayName: unique('Ada Lovelace'),
			firstName: 'Ada',
			companyId: company.id,
			ownerId: userId,
			emails: { create: { email: `${unique('ada')}@example.com`, isPrimary: true } },
			phones: { create: { phone: '+15550100', isPrimary: true } },
			tags: { connect: { id: tag.id } },
			groups: { connect: { id: group.id } },
		},
	})
	const stage = await prisma.pipelineStage.findFirstOrThrow({ where: { workspaceId }, orderBy: { position: 'asc' } })
	const deal = await prisma.deal.create({ data: { workspaceId, stageId: stage.id, name: unique('Deal'), contactId: contact.id, companyId: company.id, ownerId: userId } })
	await prisma.dealStageChange.create({ data: { workspaceId, dealId: deal.id, toStageId: stage.id, toName: stage.name, changedById: userId } })
	const interaction = await prisma.interaction.create({
		data: { workspaceId, contactId: contact.id, dealId: deal.id, userId, occurredAt: new Date(), medium: 'CALL', subject: 'Intro call' },
	})
	const followUp = await prisma.followUp.create({
		data: { workspaceId, contactId: contact.id, dueAt: new Date(), assigneeId: userId, createdById: userId, interactionId: interaction.id },
	})
	const reminder = await prisma.reminder.create({
		data: { workspaceId, userId, contactId: contact.id, followUpId: followUp.id, type: 'FOLLOW_UP', title: 'Call Ada', scheduledAt: new Date(), dedupeKey: unique('rem') },
	})
	await prisma.notification.create({ data: { userId, workspaceId, reminderId: reminder.id, channel: 'IN_APP', title: 'Call Ada' } })
	await prisma.notification.create({ data: { userId, channel: 'EMAIL', title: 'Welcome' } })
	await prisma.share.create({ data: { workspaceId, contactId: contact.id, ownerId: userId, recipientId } })
	await prisma.messageTemplate.create({ data: { workspaceId, userId, type: 'BIRTHDAY', name: 'Birthday', body: 'Happy birthday {{firstName}}!' } })
	await prisma.activityLog.create({ data: { workspaceId, actorId: userId, entityType: 'Contact', entityId: contact.id, action: 'create' } })
	await prisma.pendingApproval.create({ data: { workspaceId, userId, type: 'ENRICHMENT', summary: 'Enrich Ada', payload: { a: 1 }, contactId: contact.id } })
	await prisma.apiKey.create({ data: { workspaceId, userId, name: 'Zapier', prefix: 'rk_abc', hashedKey: unique('SECRET-HASHED-KEY') } })
	const form = await prisma.leadForm.create({ data: { workspaceId, userId, name: 'Site form', publicKey: unique('pk') } })
	const webhook = await prisma.webhookEndpoint.create({ data: { workspaceId, userId, name: 'Hook', token: unique('SECRET-WEBHOOK-TOKEN') } })
	await prisma.leadSubmission.create({ data: { workspaceId, leadFormId: form.id, webhookId: webhook.id, source: 'EMBED', payload: '{"name":"Ada"}', contactId: contact.id } })
	await prisma.pushSubscription.create({
		data: { userId, endpoint: `https://push.example.com/${unique('SECRET-ENDPOINT')}`, p256dh: unique('SECRET-P256DH'), auth: unique('SECRET-AUTH') },
	})
	await prisma.oAuthConnection.create({
		data: { userId, provider: 'google', providerAccountId: unique('g'), accessTokenEnc: unique('SECRET-ACCESS'), refreshTokenEnc: unique('SECRET-REFRESH') },
	})
	await prisma.session.create({ data: { userId, expiresAt: new Date(Date.now() + 60_000), userAgent: `TestAgent/${userId}` } })
	await prisma.verification.create({ data: { userId, type: 'VERIFY_EMAIL', tokenHash: unique('SECRET-TOKEN-HASH'), expiresAt: new Date(Date.now() + 60_000) } })
	await prisma.userImage.create({ data: { userId, contentType: 'image/png', blob: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) } })
	await prisma.contactImage.create({ data: { contactId: contact.id, contentType: 'image/png', blob: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) } })
	await prisma.customFieldDefinition.create({ data: { workspaceId, entity: 'CONTACT', key: unique('field'), label: 'Shoe size', type: 'NUMBER' } })
	const batch = await prisma.importBatch.create({ data: { workspaceId, userId, fileName: 'people.csv', format: 'CSV', status: 'COMPLETED' } })
	const imported = await prisma.contact.create({ data: { workspaceId, displayName: unique('Imported'), importBatchId: batch.id } })
	await prisma.duplicateDismissal.create({ data: { workspaceId, contactAId: contact.id, contactBId: imported.id } })
	await reindexContacts(workspaceId)
	return { workspaceId, contact }
}

/** Every table of the database with all its rows, read straight from SQLite. */
function snapshot() {
	const db = new Database(databasePath(process.env.DATABASE_URL!), { readonly: true })
	try {
		const tables = db
			.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != '_prisma_migrations'`)
			.all() as Array<{ name: string; sql: string | null }>
		// Full-text indexes keep shadow tables whose bytes need not return to the
		// same state after a delete; their virtual table shows the logical content.
		const virtual = tables.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql ?? '')).map((t) => t.name)
		const isShadow = (name: string) => virtual.some((v) => name.startsWith(`${v}_`))
		const rows = new Map<string, string[]>()
		for (const { name } of tables) {
			if (isShadow(name)) continue
			const all = db.prepare(`SELECT * FROM "${name}"`).all() as Array<Record<string, unknown>>
			rows.set(name, all.map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))).sort())
		}
		const ids = (table: string) =>
			(db.prepare(`SELECT * FROM "${table}"`).all() as Array<Record<string, unknown>>).map((r) => r.id).filter((id): id is string => typeof id === 'string')
		return { rows, ids: Object.fromEntries([...rows.keys()].map((t) => [t, ids(t)])) as Record<string, string[]> }
	} finally {
		db.close()
	}
}

describe('exportUserData and deleteAccount', () => {
	test('export holds every row of the user, then deletion leaves only the other user’s rows', async () => {
		const b = await createUser({ email: `${unique('b')}@example.com`, name: 'Bea Other', password: 'bea password 1' })
		const bData = await fillAccount(b, b.id)
		const before = snapshot()

		const a = await createUser({ email: `${unique('a')}@example.com`, name: 'Ada Owner', password: 'ada password 1', emailVerified: true })
		const aData = await fillAccount(a, b.id)
		const filled = snapshot()

		// A row was added to every table, so nothing below is vacuous; a new table
		// added to the schema fails here until it is exported and deleted too.
		for (const [table, rows] of filled.rows) {
			expect.soft(rows.length, `rows in ${table}`).toBeGreaterThan(before.rows.get(table)?.length ?? 0)
		}

		const data = await exportUserData(a.id)
		const json = JSON.stringify(data)
		expect(data.version).toBe(1)
		expect(new Date(data.exportedAt).getTime()).toBeGreaterThan(Date.now() - 60_000)
		expect(data.user.email).toBe(a.email)
		expect(data.user.hasPassword).toBe(true)
		expect(data.workspaces.map((w) => w.id)).toEqual([aData.workspaceId])
		expect(data.workspaces[0]!.contacts[0]!.emails).toHaveLength(1)
		expect(data.workspaces[0]!.contacts[0]!.tags).toHaveLength(1)
		expect(data.workspaces[0]!.contacts[0]!.groups).toHaveLength(1)
		expect(data.sessions.map((s) => s.userAgent)).toEqual([`TestAgent/${a.id}`])
		expect(data.user.image?.base64).toBe(Buffer.from([0x89, 0x50, 0x4e, 0x47]).toString('base64'))
		// Every row A added (by id) is in the export, except session ids, which must not be.
		for (const [table, ids] of Object.entries(filled.ids)) {
			const added = ids.filter((id) => !before.ids[table]?.includes(id))
			for (const id of added) {
				if (table === 'Session') expect(json.includes(id), 'session ids stay out').toBe(false)
				else expect.soft(json.includes(id), `${table} ${id} in export`).toBe(true)
			}
		}
		// No secrets: neither the fields nor their values.
		for (const key of ['passwordHash', 'tokenHash', 'hashedKey', 'accessTokenEnc', 'refreshTokenEnc', 'p256dh', '"auth"', '"token"', '"endpoint"']) {
			expect(json).not.toContain(key.startsWith('"') ? key : `"${key}"`)
		}
		expect(json).not.toContain('SECRET')
		const hash = (await prisma.user.findUniqueOrThrow({ where: { id: a.id } })).passwordHash!
		expect(json).not.toContain(hash)
		// B's data is not A's to export.
		expect(json).not.toContain(bData.contact.id)
		expect(json).not.toContain(bData.workspaceId)

		const result = await deleteAccount(a.id)
		expect(result.deletedWorkspaces).toBe(1)

		// Cascades really ran (SQLite foreign keys are on): every table is back to
		// exactly the rows that existed before A, and B's rows are unchanged.
		const after = snapshot()
		for (const [table, rows] of before.rows) {
			expect.soft(after.rows.get(table), `rows in ${table}`).toEqual(rows)
		}
		expect([...after.rows.keys()].sort()).toEqual([...before.rows.keys()].sort())
		expect(await prisma.user.findUnique({ where: { id: a.id } })).toBeNull()
		expect(await prisma.user.findUnique({ where: { id: b.id } })).not.toBeNull()
	})

	test('a team workspace survives its owner’s deletion: it keeps its rows and gets a new owner', async () => {
		const owner = await createUser({ email: `${unique('own')}@example.com`, name: 'Olive Owner' })
		const rep = await createUser({ email: `${unique('rep')}@example.com`, name: 'Rory Rep' })
		const admin = await createUser({ email: `${unique('adm')}@example.com`, name: 'Ari Admin' })
		const team = await prisma.workspace.create({
			data: {
				name: 'Team',
				personal: false,
				memberships: {
					create: [
						{ userId: owner.id, role: 'OWNER' },
						{ userId: rep.id, role: 'REP' },
					],
				},
			},
		})
		// Joins later than the rep, but an admin is preferred as the new owner.
		await prisma.membership.create({ data: { userId: admin.id, workspaceId: team.id, role: 'ADMIN' } })
		const contact = await prisma.contact.create({ data: { workspaceId: team.id, displayName: 'Shared Lead', ownerId: owner.id } })
		const personal = await personalWorkspaceId(owner.id)

		const exported = await exportUserData(owner.id)
		expect(exported.workspaces.map((w) => w.id)).toEqual([personal])
		expect(exported.memberships.find((m) => m.workspaceId === team.id)?.includedInExport).toBe(false)

		expect(await deleteAccount(owner.id)).toEqual({ deletedWorkspaces: 1 })
		expect(await prisma.workspace.findUnique({ where: { id: personal } })).toBeNull()
		expect(await prisma.contact.findUniqueOrThrow({ where: { id: contact.id } })).toMatchObject({ ownerId: null })
		const roles = await prisma.membership.findMany({ where: { workspaceId: team.id }, select: { userId: true, role: true } })
		expect(roles).toHaveLength(2)
		expect(roles.find((r) => r.userId === admin.id)?.role).toBe('OWNER')
		expect(roles.find((r) => r.userId === rep.id)?.role).toBe('REP')
	})
})

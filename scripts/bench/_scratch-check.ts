import { readMeta } from './seed.ts'
import { checkSearchRows } from './search-check.ts'
const file = process.argv[2]!
const meta = readMeta(file)!
console.log(await checkSearchRows(file, meta.workspaceId))
if (process.argv[3] === 'full') {
	process.env.DATABASE_URL = `file:${file}`
	const { PrismaClient } = await import('../../app/generated/prisma/client.ts')
	const { createAdapterFactory } = await import('../../app/utils/db-adapter.ts')
	const { reindexContacts } = await import('../../app/models/contact-search.server.ts')
	const prisma = new PrismaClient({ adapter: createAdapterFactory(`file:${file}`) })
	const t = performance.now()
	await reindexContacts(meta.workspaceId, undefined, prisma)
	console.log('full reindex ms', Math.round(performance.now() - t))
}

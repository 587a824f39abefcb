process.env.DATABASE_URL = 'file:' + process.cwd() + '/data/bench/bench.db'
const { PrismaClient } = await import('../../app/generated/prisma/client.ts')
const { createAdapterFactory } = await import('../../app/utils/db-adapter.ts')
const prisma = new PrismaClient({ adapter: createAdapterFactory(process.env.DATABASE_URL) })
const ids = (await prisma.contact.findMany({ select: { id: true }, take: 40000 })).map((c) => c.id)
for (const n of [501, 600, 800, 900, 990, 995, 996]) {
	try {
		const c = await prisma.contact.count({ where: { workspaceId: 'x', deletedAt: null, id: { in: ids.slice(0, n) } } })
		const f = await prisma.contact.findMany({ where: { id: { in: ids.slice(0, n) } }, select: { id: true, tags: { select: { id: true } } } })
		console.log(n, 'ok', c, f.length)
	} catch (e: any) { console.log(n, 'fail', e.code, e.message.split('\n').at(-1)) }
}

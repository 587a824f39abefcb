process.env.DATABASE_URL = 'file:' + process.cwd() + '/data/bench/bench.db'
process.env.SESSION_SECRET = 'x'
const { PrismaClient } = await import('../../app/generated/prisma/client.ts')
const { createAdapterFactory } = await import('../../app/utils/db-adapter.ts')
const prisma = new PrismaClient({ adapter: createAdapterFactory(process.env.DATABASE_URL), log: [{ emit: 'event', level: 'query' }] })
const qs: any[] = []
prisma.$on('query', (e: any) => qs.push(e))
;(globalThis as any).__prisma = prisma
const { getDashboard } = await import('../../app/models/dashboard.server.ts')
const { readMeta } = await import('./seed.ts')
const meta = readMeta('data/bench/bench.db')!
for (let i = 0; i < 3; i++) { const t = performance.now(); await getDashboard(meta.workspaceId, 'UTC'); console.log('total', performance.now() - t) }
qs.length = 0
const t = performance.now(); await getDashboard(meta.workspaceId, 'UTC'); console.log('total', performance.now() - t)
for (const q of qs) console.log(q.duration, q.query.slice(0, 400), q.params.slice(0, 200))

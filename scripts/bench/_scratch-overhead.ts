export {}
process.env.DATABASE_URL = 'file:' + process.cwd() + '/data/bench/bench.db'
process.env.SESSION_SECRET = 'x'
const { prisma } = await import('#app/utils/db.server.ts')
const Database = (await import('better-sqlite3')).default
const { readMeta } = await import('./seed.ts')
const meta = readMeta('data/bench/bench.db')!
const db = new Database('data/bench/bench.db', { readonly: true })
const st = db.prepare('SELECT id, email, name FROM User WHERE id = ?')
const N = 2000
await prisma.user.findUnique({ where: { id: meta.userId } })
let t = performance.now()
for (let i = 0; i < N; i++) await prisma.user.findUnique({ where: { id: meta.userId }, select: { id: true, email: true, name: true } })
const p = (performance.now() - t) / N
t = performance.now()
for (let i = 0; i < N; i++) st.get(meta.userId)
const r = (performance.now() - t) / N
console.log(`prisma findUnique ${(p * 1000).toFixed(0)} µs, raw better-sqlite3 ${(r * 1000).toFixed(0)} µs, load ${(await import('node:os')).loadavg()[0]!.toFixed(1)}`)

import http from 'node:http'
import { startServer } from './server.ts'
const variants = JSON.parse(process.argv[2]!) as string[]
const server = await startServer({ dbFile: 'data/bench/bench.db', logFile: '/tmp/prof/server.log' })
const login = await fetch(server.base + '/login', { method: 'POST', body: new URLSearchParams({ email: 'bench@rapport.local', password: 'rapport-bench', remember: 'on' }), redirect: 'manual', headers: { origin: server.base } })
const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
const get = (path: string) => new Promise<number>((resolve, reject) => { http.get(server.base + path, { agent, headers: { Cookie: cookie, 'accept-encoding': 'gzip, deflate, br, zstd' } }, (res) => { let n = 0; res.on('data', (c: Buffer) => (n += c.length)); res.on('end', () => resolve(n)) }).on('error', reject) })
const times = variants.map(() => [] as number[])
const sizes = variants.map(() => 0)
for (let i = 0; i < 80; i++) for (const [k, v] of variants.entries()) { const t0 = performance.now(); sizes[k] = await get(v); if (i >= 10) times[k]!.push(performance.now() - t0) }
for (const [k, v] of variants.entries()) { const t = times[k]!.sort((a, b) => a - b); console.log(v.slice(0, 90).padEnd(90), 'bytes', sizes[k], 'p50', t[35]!.toFixed(1), 'p95', t[66]!.toFixed(1)) }
await server.stop()

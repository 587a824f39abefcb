export {}
const { startServer, signIn } = await import('./server.ts')
const { BENCH_EMAIL, BENCH_PASSWORD } = await import('./seed.ts')
const path = await import('node:path')
const server = await startServer({ dbFile: path.resolve('data/bench/bench.db'), logFile: '/tmp/benchscratch/server.log' })
try {
	const cookie = await signIn(server.base, BENCH_EMAIL, BENCH_PASSWORD)
	for (const p of ['/contacts.data', '/contacts.data?q=smith', '/dashboard.data', '/contacts?q=mar']) {
		const res = await fetch(server.base + p, { headers: { Cookie: cookie } })
		const text = await res.text()
		console.log(p, res.status, res.headers.get('content-type'), text.length, /routes\/_app\.contacts\._index/.test(text), text.slice(0, 150).replace(/\n/g, ' '))
	}
} finally {
	await server.stop()
}

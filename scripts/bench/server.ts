// Runs the real production server against the bench database and signs in through
// the real login form, so every measured request pays what a user's would.
import { spawn, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'

export async function freePort() {
	return new Promise<number>((resolve, reject) => {
		const server = net.createServer()
		server.once('error', reject)
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo
			server.close(() => resolve(port))
		})
	})
}

export type RunningServer = { base: string; port: number; child: ChildProcess; logFile: string; stop: () => Promise<void> }

export async function startServer(opts: { dbFile: string; logFile: string; env?: Record<string, string> }): Promise<RunningServer> {
	const port = await freePort()
	const base = `http://127.0.0.1:${port}`
	fs.mkdirSync(path.dirname(opts.logFile), { recursive: true })
	const log = fs.openSync(opts.logFile, 'w')
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
		// Its own process group, so stop() ends the server and anything it started, and nothing else.
		detached: true,
		stdio: ['ignore', log, log],
		env: {
			...process.env,
			NODE_ENV: 'production',
			PORT: String(port),
			APP_URL: base,
			DATABASE_URL: `file:${opts.dbFile}`,
			SESSION_SECRET: crypto.randomBytes(32).toString('hex'),
			ENCRYPTION_KEY: crypto.randomBytes(32).toString('hex'),
			RATE_LIMIT_ACCOUNT_MAX: '100000',
			OUTBOX_DIR: path.join(path.dirname(opts.dbFile), 'outbox'),
			// The reminder planner's hourly pass over every contact is not what is measured here.
			REMINDERS_IN_PROCESS: 'off',
			...opts.env,
		},
	})
	fs.closeSync(log)
	let exited: number | null = null
	child.once('exit', (code) => (exited = code ?? -1))
	const stop = async () => {
		if (exited !== null || child.pid === undefined) return
		const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()))
		try {
			process.kill(-child.pid, 'SIGTERM')
		} catch {
			return
		}
		const timer = setTimeout(() => {
			try {
				process.kill(-child.pid!, 'SIGKILL')
			} catch {
				// already gone
			}
		}, 5000)
		await gone
		clearTimeout(timer)
	}
	const deadline = Date.now() + 60_000
	while (Date.now() < deadline) {
		if (exited !== null) throw new Error(`The server exited (code ${exited}) before answering /healthz; see ${opts.logFile}:\n${tail(opts.logFile)}`)
		try {
			const res = await fetch(`${base}/healthz`)
			await res.arrayBuffer()
			if (res.ok) return { base, port, child, logFile: opts.logFile, stop }
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 200))
	}
	await stop()
	throw new Error(`The server did not answer /healthz within 60 s; see ${opts.logFile}:\n${tail(opts.logFile)}`)
}

function tail(file: string, lines = 30) {
	try {
		return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n')
	} catch {
		return ''
	}
}

/** POSTs the login form like a browser without JavaScript and returns the session cookie. */
export async function signIn(base: string, email: string, password: string) {
	const res = await fetch(`${base}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base },
		body: new URLSearchParams({ email, password, remember: 'on', redirectTo: '' }),
	})
	await res.arrayBuffer()
	const cookie = res.headers
		.getSetCookie()
		.map((c) => c.split(';')[0]!)
		.find((c) => c.startsWith('rapport_session='))
	if (res.status !== 302 || !cookie) throw new Error(`Sign-in as ${email} failed: HTTP ${res.status}, no rapport_session cookie`)
	const check = await fetch(`${base}/dashboard`, { headers: { Cookie: cookie }, redirect: 'manual' })
	await check.arrayBuffer()
	if (check.status !== 200) throw new Error(`Signed in, but /dashboard answered ${check.status}`)
	return cookie
}

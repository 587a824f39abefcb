// In development, start the Inngest dev server next to the app when its CLI is
// installed (node_modules/.bin or PATH), pointed at our /api/inngest. It cannot be
// installed everywhere (the CLI downloads a binary), so a missing CLI is fine: the
// app then fires reminders with its in-process timer.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

function findCli() {
	const local = path.resolve('node_modules/.bin/inngest-cli')
	if (fs.existsSync(local)) {
		// The npm package is a wrapper that downloads the binary on first use: check it answers.
		const probe = spawnSync(local, ['version'], { stdio: 'ignore', timeout: 10_000 })
		if (probe.status === 0) return local
	}
	for (const name of ['inngest-cli', 'inngest']) {
		const probe = spawnSync(name, ['version'], { stdio: 'ignore', timeout: 10_000 })
		if (probe.status === 0) return name
	}
	return null
}

/** Starts `inngest-cli dev -u <app>/api/inngest` when available; returns whether it did. Never throws. */
export function maybeStartInngestDev(appUrl: string) {
	try {
		const cli = findCli()
		if (!cli) return false
		const child = spawn(cli, ['dev', '-u', `${appUrl}/api/inngest`, '--no-discovery'], { stdio: ['ignore', 'inherit', 'inherit'] })
		child.on('error', (error) => console.warn('Inngest dev server could not start:', error.message))
		const stop = () => child.kill()
		process.once('exit', stop)
		process.once('SIGINT', () => (stop(), process.exit(130)))
		process.once('SIGTERM', () => (stop(), process.exit(143)))
		console.log(`Inngest dev server starting (UI at http://localhost:8288), serving ${appUrl}/api/inngest`)
		return true
	} catch (error) {
		console.warn('Inngest dev server not started:', error instanceof Error ? error.message : error)
		return false
	}
}

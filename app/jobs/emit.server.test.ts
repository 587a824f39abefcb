// The event helper never throws and never rejects: not with Inngest unconfigured,
// and not with it configured but unreachable (vitest fails a test on an
// unhandled rejection).
import { describe, expect, it, vi } from 'vitest'

describe('emit', () => {
	it('does nothing without Inngest configured', async () => {
		const { emit } = await import('./emit.server.ts')
		const { contactChanged } = await import('./events.ts')
		expect(() => emit(contactChanged.create({ workspaceId: 'w', contactIds: ['c'] }))).not.toThrow()
	})

	it('swallows a send to an Inngest that is not running', async () => {
		vi.resetModules()
		process.env.INNGEST_DEV = '1'
		process.env.INNGEST_BASE_URL = 'http://127.0.0.1:9' // discard port: nothing listens
		globalThis.__rapportEnv = undefined
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
		try {
			const { emit } = await import('./emit.server.ts')
			const { inngestConfigured } = await import('./client.ts')
			const { followUpChanged } = await import('./events.ts')
			expect(inngestConfigured()).toBe(true)
			expect(() => emit(followUpChanged.create({ workspaceId: 'w', followUpId: 'f' }))).not.toThrow()
			await vi.waitFor(() => expect(warn).toHaveBeenCalledWith(expect.stringContaining('Inngest event not sent'), expect.anything()), { timeout: 15_000 })
		} finally {
			warn.mockRestore()
			delete process.env.INNGEST_DEV
			delete process.env.INNGEST_BASE_URL
			globalThis.__rapportEnv = undefined
		}
	})
})

describe('local runner under LiteFS', () => {
	it('a replica (a .primary file naming another host) does not dispatch', async () => {
		const fs = await import('node:fs')
		const os = await import('node:os')
		const path = await import('node:path')
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'litefs-'))
		process.env.LITEFS_DIR = dir
		globalThis.__rapportEnv = undefined
		try {
			const { isLitefsReplica } = await import('./local-runner.server.ts')
			expect(isLitefsReplica()).toBe(false)
			fs.writeFileSync(path.join(dir, '.primary'), 'primary-host')
			expect(isLitefsReplica()).toBe(true)
		} finally {
			delete process.env.LITEFS_DIR
			globalThis.__rapportEnv = undefined
			fs.rmSync(dir, { recursive: true, force: true })
		}
	})
})

// VAPID keys: from the environment; in development generated once into
// data/vapid.json and kept; elsewhere without keys push is off (null), no crash.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { getVapidKeys, resetVapidKeys, sendPush, VAPID_FILE } from './push.server.ts'

const cwd = process.cwd()
function setEnv(values: Record<string, string | undefined>) {
	for (const [k, v] of Object.entries(values)) {
		if (v === undefined) delete process.env[k]
		else process.env[k] = v
	}
	globalThis.__rapportEnv = undefined
	resetVapidKeys()
}

afterEach(() => {
	process.chdir(cwd)
	setEnv({ NODE_ENV: 'test', VAPID_PUBLIC_KEY: undefined, VAPID_PRIVATE_KEY: undefined })
})

describe('VAPID keys', () => {
	it('in development, generates a pair once and keeps it in data/vapid.json', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vapid-'))
		process.chdir(dir)
		setEnv({ NODE_ENV: 'development' })
		const first = getVapidKeys()
		expect(first?.publicKey).toMatch(/^[A-Za-z0-9_-]{80,}$/)
		expect(JSON.parse(fs.readFileSync(path.join(dir, VAPID_FILE), 'utf8'))).toMatchObject({ publicKey: first!.publicKey })
		resetVapidKeys()
		expect(getVapidKeys()?.publicKey).toBe(first!.publicKey)
	})

	it('without keys outside development, push is off and sending says so', async () => {
		setEnv({ NODE_ENV: 'test' })
		expect(getVapidKeys()).toBeNull()
		expect(await sendPush({ endpoint: 'https://push.example.com/x', p256dh: 'x', auth: 'y' }, { title: 't', url: '/' })).toMatchObject({ ok: false, expired: false })
	})

	it('invalid keys from the environment turn push off instead of crashing', () => {
		setEnv({ NODE_ENV: 'test', VAPID_PUBLIC_KEY: 'not-a-key', VAPID_PRIVATE_KEY: 'nope' })
		expect(getVapidKeys()).toBeNull()
	})
})

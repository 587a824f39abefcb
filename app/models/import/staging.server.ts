// The uploaded file between the preview and the import: kept on disk behind an
// opaque token, so forms carry only the token. Files live under the workspace's
// folder and name the user who uploaded them: anyone else's token finds nothing.
import crypto from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { Membership } from '../workspace.server.ts'
import type { ImportFile } from './import.server.ts'

const STAGE_DIR = path.resolve('data/imports')
const STAGE_TTL_MS = 24 * 3600_000
const TOKEN = /^[A-Za-z0-9_-]{24}$/

function stagePaths(workspaceId: string, token: string) {
	const dir = path.join(STAGE_DIR, workspaceId)
	return { dir, data: path.join(dir, `${token}.upload`), meta: path.join(dir, `${token}.json`) }
}

/** Keeps an upload for the preview → import steps; returns its token. */
export async function stageUpload(m: Membership, file: { name: string; bytes: Uint8Array }) {
	await removeStaleUploads()
	const token = crypto.randomBytes(18).toString('base64url')
	const p = stagePaths(m.workspaceId, token)
	await fs.mkdir(p.dir, { recursive: true })
	await fs.writeFile(p.data, file.bytes)
	await fs.writeFile(p.meta, JSON.stringify({ name: file.name, userId: m.userId, createdAt: new Date().toISOString() }))
	return token
}

export async function loadStaged(m: Membership, token: string): Promise<ImportFile | null> {
	if (!TOKEN.test(token)) return null
	const p = stagePaths(m.workspaceId, token)
	try {
		const meta = JSON.parse(await fs.readFile(p.meta, 'utf8')) as { name: string; userId: string }
		if (meta.userId !== m.userId) return null
		return { name: meta.name, content: new Uint8Array(await fs.readFile(p.data)) }
	} catch {
		return null
	}
}

export async function discardStaged(m: Membership, token: string) {
	if (!TOKEN.test(token)) return
	const p = stagePaths(m.workspaceId, token)
	await Promise.all([fs.rm(p.data, { force: true }), fs.rm(p.meta, { force: true })])
}

async function removeStaleUploads() {
	const now = Date.now()
	const dirs = await fs.readdir(STAGE_DIR).catch(() => [] as string[])
	for (const d of dirs) {
		const dir = path.join(STAGE_DIR, d)
		for (const f of await fs.readdir(dir).catch(() => [] as string[])) {
			const file = path.join(dir, f)
			const stat = await fs.stat(file).catch(() => null)
			if (stat && now - stat.mtimeMs > STAGE_TTL_MS) await fs.rm(file, { force: true })
		}
		// Only succeeds once the folder is empty.
		await fs.rmdir(dir).catch(() => {})
	}
}

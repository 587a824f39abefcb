// Shared by prisma.config.ts (CLI) and db.server.ts (app): one place that turns
// DATABASE_URL into a better-sqlite3 driver adapter.
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'

export const DEFAULT_DATABASE_URL = 'file:./data/rapport.db'

/** Returns `file:<absolute path>` so the CLI and the app agree whatever the cwd. */
export function resolveDatabaseUrl(url: string | undefined) {
	const raw = (url || DEFAULT_DATABASE_URL).replace(/^file:/, '')
	if (raw === ':memory:') return 'file::memory:'
	return `file:${path.resolve(raw)}`
}

export function databasePath(url: string) {
	return resolveDatabaseUrl(url).replace(/^file:/, '')
}

/** WAL lets readers run while a write is in progress; the setting persists in the file. */
export function prepareDatabaseFile(url: string) {
	const file = databasePath(url)
	fs.mkdirSync(path.dirname(file), { recursive: true })
	const db = new Database(file)
	db.pragma('journal_mode = WAL')
	db.close()
	return file
}

export function createAdapterFactory(url: string) {
	return new PrismaBetterSQLite3({ url: resolveDatabaseUrl(url), timeout: 5000 })
}

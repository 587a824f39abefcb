// Read-only SQL on the app's SQLite file for the hottest read paths (ADR 0013).
// Prisma's client engine compiles every query to a plan in WebAssembly on the main
// thread: 0.5-3 ms per query, against 0.05 ms for a prepared statement here. A list
// page asks a dozen of them, so its reads go through this instead; every write, and
// every read that is not on such a path, stays in Prisma.
import { databasePath } from './db-adapter.ts'
import { getEnv } from './env.server.ts'
import { Database, type BetterSqlite3 } from './sqlite.server.ts'

declare global {
	// One connection per process, surviving Vite's module reloads in development.
	var __rapportSql: { file: string; db: BetterSqlite3.Database; statements: Map<string, BetterSqlite3.Statement> } | undefined
	// scripts/bench/profile.ts listens here to time and explain each statement.
	var __rapportSqlListener: ((query: string, params: unknown[]) => void) | undefined
}

function connection() {
	const file = databasePath(getEnv().DATABASE_URL)
	let conn = globalThis.__rapportSql
	if (!conn || conn.file !== file) {
		conn?.db.close()
		// The library Prisma's adapter uses (sqlite.server.ts), so file locks stay sound.
		const db = new Database(file)
		db.pragma('busy_timeout = 5000')
		conn = globalThis.__rapportSql = { file, db, statements: new Map() }
	}
	return conn
}

function statement(text: string, params: Param[]) {
	globalThis.__rapportSqlListener?.(text, params)
	const conn = connection()
	let st = conn.statements.get(text)
	if (!st) {
		st = conn.db.prepare(text)
		// This connection never writes: a statement that would is a bug, caught here.
		if (!st.reader) throw new Error(`sql.server.ts runs reads only: ${text.slice(0, 80)}`)
		conn.statements.set(text, st)
	}
	return st
}

export type Param = string | number | bigint | null | Buffer

/** Every row of a SELECT, with positional parameters. */
export function sqlAll<Row>(text: string, ...params: Param[]) {
	return statement(text, params).all(...params) as Row[]
}

/** The first row of a SELECT, if any. */
export function sqlGet<Row>(text: string, ...params: Param[]) {
	return statement(text, params).get(...params) as Row | undefined
}

/** A list of ids (any length) as one parameter: `id IN (SELECT value FROM json_each(?))`. */
export const idList = (ids: readonly string[]) => JSON.stringify(ids)

/** DateTime as Prisma's SQLite adapter stores it (ISO text, "+00:00"), so text comparison is time order. */
export const sqlDate = (d: Date) => d.toISOString().replace('Z', '+00:00')

/** Rows read here get Dates, as Prisma's would. */
export const toDate = (value: string | null) => (value === null ? null : new Date(value))

/** Booleans are 0/1 in SQLite. */
export const toBool = (value: number | null) => value === 1

/** Closes the connection (tests, shutdown). */
export function closeSql() {
	globalThis.__rapportSql?.db.close()
	globalThis.__rapportSql = undefined
}

// A migrated SQLite file built once per test run; each worker copies it.
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'

export const TMP_DIR = path.resolve('tests/.tmp')
export const TEMPLATE_DB = path.join(TMP_DIR, 'template.db')

/** Applies every committed migration in order, exactly as `migrate deploy` would. */
export function buildMigratedDatabase(file: string) {
	fs.mkdirSync(path.dirname(file), { recursive: true })
	for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
	const db = new Database(file)
	const dir = path.resolve('prisma/migrations')
	for (const name of fs.readdirSync(dir).filter((n) => fs.statSync(path.join(dir, n)).isDirectory()).sort()) {
		db.exec(fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8'))
	}
	db.pragma('journal_mode = DELETE')
	db.close()
}

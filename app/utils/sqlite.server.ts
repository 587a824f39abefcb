// The better-sqlite3 that Prisma's adapter loaded (its own copy: the adapter pins ^11),
// for every other connection of this process (the importer, the read connection).
// Two SQLite libraries in one process break each other's file locks: closing a
// connection in one drops the other's POSIX locks, and Prisma's connection then stops
// seeing committed rows. One library handles its own connections correctly.
import { createRequire } from 'node:module'
import type BetterSqlite3 from 'better-sqlite3'

const requireHere = createRequire(import.meta.url)

export const Database = createRequire(requireHere.resolve('@prisma/adapter-better-sqlite3'))('better-sqlite3') as typeof BetterSqlite3
export type { BetterSqlite3 }

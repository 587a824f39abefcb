// Runs in each test file's process before its imports: every worker gets its own
// copy of the migrated database, and an outbox folder of its own.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll } from 'vitest'
import { TEMPLATE_DB, TMP_DIR } from './db-template.ts'

const id = `${process.env.VITEST_POOL_ID ?? '0'}-${process.pid}`
const file = path.join(TMP_DIR, `worker-${id}.db`)
fs.copyFileSync(TEMPLATE_DB, file)
process.env.DATABASE_URL = `file:${file}`
process.env.OUTBOX_DIR = path.join(TMP_DIR, `outbox-${id}`)
process.env.RATE_LIMIT_ACCOUNT_MAX ??= '1000'

afterAll(async () => {
	const { prisma } = await import('#app/utils/db.server.ts')
	const { closeSql } = await import('#app/utils/sql.server.ts')
	await prisma.$disconnect()
	closeSql()
	for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
	fs.rmSync(process.env.OUTBOX_DIR!, { recursive: true, force: true })
})

// Brings the local database up to date: applies migrations and, on an empty
// database, loads the demo data. `--reset` starts from scratch.
import 'dotenv/config'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import { databasePath, prepareDatabaseFile, resolveDatabaseUrl } from '../app/utils/db-adapter.ts'

const url = resolveDatabaseUrl(process.env.DATABASE_URL)
const file = databasePath(url)
if (process.argv.includes('--reset')) {
	for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
}
const fresh = !fs.existsSync(file)
prepareDatabaseFile(url)
const prisma = (args: string[]) => execFileSync('npx', ['prisma', ...args], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DATABASE_URL: url } })
if (!fs.existsSync('app/generated/prisma/client.ts')) prisma(['generate'])
prisma(['migrate', 'deploy'])
if (fresh && !process.argv.includes('--no-seed')) {
	execFileSync('npx', ['tsx', 'prisma/seed.ts'], { stdio: 'inherit', env: { ...process.env, DATABASE_URL: url } })
}
console.log(`Database ready: ${file}`)

// Prisma 6.19 with the JavaScript schema engine: no native engine is downloaded for
// generate, migrate or queries (docs/decisions/0002-prisma-6-js-engine.md).
import 'dotenv/config'
import path from 'node:path'
import { defineConfig } from 'prisma/config'
import { createAdapterFactory, resolveDatabaseUrl } from './app/utils/db-adapter.ts'

process.env.DATABASE_URL = resolveDatabaseUrl(process.env.DATABASE_URL)

export default defineConfig({
	schema: path.join('prisma', 'schema.prisma'),
	migrations: { path: path.join('prisma', 'migrations'), seed: 'tsx prisma/seed.ts' },
	experimental: { adapter: true },
	engine: 'js',
	adapter: async () => createAdapterFactory(process.env.DATABASE_URL!),
})

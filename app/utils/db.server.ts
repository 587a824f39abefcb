import { PrismaClient } from '#app/generated/prisma/client.ts'
import { createAdapterFactory, prepareDatabaseFile } from './db-adapter.ts'
import { getEnv } from './env.server.ts'

declare global {
	// Survives Vite's module reloads in development.
	var __prisma: PrismaClient | undefined
}

function create() {
	const url = getEnv().DATABASE_URL
	prepareDatabaseFile(url)
	return new PrismaClient({ adapter: createAdapterFactory(url) })
}

export const prisma = (globalThis.__prisma ??= create())
export type { PrismaClient }

// Every setting the app reads, validated once. The app runs with nothing set:
// local defaults, a generated development secret and a warning.
import crypto from 'node:crypto'
import { z } from 'zod'
import { DEFAULT_DATABASE_URL } from './db-adapter.ts'

const optionalUrl = z
	.string()
	.trim()
	.url()
	.optional()
	.or(z.literal('').transform(() => undefined))
const optional = z
	.string()
	.trim()
	.optional()
	.transform((v) => (v ? v : undefined))
const bool = z
	.enum(['true', 'false', '1', '0', ''])
	.optional()
	.transform((v) => v === 'true' || v === '1')

const schema = z.object({
	NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
	DATABASE_URL: z.string().default(DEFAULT_DATABASE_URL),
	PORT: z.coerce.number().int().positive().default(3000),
	APP_URL: optionalUrl,
	SESSION_SECRET: optional,
	ENCRYPTION_KEY: optional,
	POSTMARK_SERVER_TOKEN: optional,
	POSTMARK_API_URL: optionalUrl,
	EMAIL_FROM: z.string().default('Rapport <hello@rapport.local>'),
	OUTBOX_DIR: z.string().default('./data/outbox'),
	GOOGLE_CLIENT_ID: optional,
	GOOGLE_CLIENT_SECRET: optional,
	GOOGLE_AUTH_URL: z.string().url().default('https://accounts.google.com/o/oauth2/v2/auth'),
	GOOGLE_TOKEN_URL: z.string().url().default('https://oauth2.googleapis.com/token'),
	GOOGLE_USERINFO_URL: z.string().url().default('https://www.googleapis.com/oauth2/v3/userinfo'),
	GOOGLE_API_ROOT_URL: z.string().url().default('https://www.googleapis.com/'),
	OPENAI_API_KEY: optional,
	OPENAI_BASE_URL: optionalUrl,
	OPENAI_MODEL: z.string().default('gpt-4o-mini'),
	VAPID_PUBLIC_KEY: optional,
	VAPID_PRIVATE_KEY: optional,
	VAPID_SUBJECT: optional,
	INNGEST_EVENT_KEY: optional,
	INNGEST_SIGNING_KEY: optional,
	INNGEST_DEV: optional,
	INNGEST_BASE_URL: optionalUrl,
	// Reminders without Inngest: the in-process timer (auto = on when no Inngest is
	// configured) and the secret that enables POST /api/reminders/dispatch.
	REMINDERS_IN_PROCESS: z.enum(['auto', 'on', 'off']).default('auto'),
	REMINDERS_DISPATCH_SECRET: optional,
	LITEFS_DIR: optional,
	// Requests per 15 minutes per client on sign-in, sign-up, reset and magic link.
	RATE_LIMIT_ACCOUNT_MAX: z.coerce.number().int().positive().default(20),
	TRUST_PROXY: bool,
})

declare global {
	// One parse per process, shared by the server and Vite's SSR module graph, so
	// a generated development secret stays the same across reloads.
	var __rapportEnv: Env | undefined
}

export function parseEnv(source: Record<string, string | undefined>) {
	const result = schema.safeParse(source)
	if (!result.success) {
		const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
		throw new Error(`Invalid environment variables:\n${lines.join('\n')}`)
	}
	const env = result.data
	const production = env.NODE_ENV === 'production'
	if (production && !env.SESSION_SECRET) throw new Error('SESSION_SECRET is required in production')
	if (production && !env.ENCRYPTION_KEY) throw new Error('ENCRYPTION_KEY is required in production')
	let secrets = (env.SESSION_SECRET ?? '').split(',').map((s) => s.trim()).filter(Boolean)
	if (secrets.length === 0) {
		// Fine for a laptop: sessions simply end when the process restarts.
		secrets = [crypto.randomBytes(32).toString('hex')]
		if (env.NODE_ENV !== 'test') {
			console.warn('⚠️  SESSION_SECRET is not set: using a random development secret (sessions end on restart).')
		}
	}
	return {
		...env,
		APP_URL: env.APP_URL ?? `http://localhost:${env.PORT}`,
		ENCRYPTION_KEY: env.ENCRYPTION_KEY ?? secrets[0],
		SESSION_SECRETS: secrets,
	}
}

export type Env = ReturnType<typeof parseEnv>

export function getEnv(): Env {
	globalThis.__rapportEnv ??= parseEnv(process.env)
	return globalThis.__rapportEnv
}

/** Values safe to send to the browser. */
export function getPublicEnv() {
	const env = getEnv()
	return { MODE: env.NODE_ENV, GOOGLE_ENABLED: Boolean(env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET) }
}

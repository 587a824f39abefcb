import { describe, expect, it } from 'vitest'
import { parseEnv } from './env.server.ts'

describe('environment', () => {
	it('starts with nothing set, on local defaults', () => {
		const env = parseEnv({ NODE_ENV: 'test' })
		expect(env.DATABASE_URL).toBe('file:./data/rapport.db')
		expect(env.PORT).toBe(3000)
		expect(env.APP_URL).toBe('http://localhost:3000')
		expect(env.SESSION_SECRETS).toHaveLength(1)
		expect(env.SESSION_SECRETS[0]!.length).toBeGreaterThanOrEqual(32)
		expect(env.POSTMARK_SERVER_TOKEN).toBeUndefined()
		expect(env.GOOGLE_TOKEN_URL).toBe('https://oauth2.googleapis.com/token')
	})

	it('reads rotated session secrets newest first', () => {
		expect(parseEnv({ SESSION_SECRET: 'new, old ,' }).SESSION_SECRETS).toEqual(['new', 'old'])
	})

	it('requires secrets in production', () => {
		expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET is required/)
		expect(() => parseEnv({ NODE_ENV: 'production', SESSION_SECRET: 's' })).toThrow(/ENCRYPTION_KEY is required/)
	})

	it('names the variable that is wrong', () => {
		expect(() => parseEnv({ GOOGLE_AUTH_URL: 'not a url' })).toThrow(/GOOGLE_AUTH_URL/)
		expect(() => parseEnv({ PORT: 'abc' })).toThrow(/PORT/)
	})

	it('treats empty optional values as unset', () => {
		const env = parseEnv({ POSTMARK_SERVER_TOKEN: '', POSTMARK_API_URL: '', GOOGLE_CLIENT_ID: '' })
		expect(env.POSTMARK_SERVER_TOKEN).toBeUndefined()
		expect(env.POSTMARK_API_URL).toBeUndefined()
		expect(env.GOOGLE_CLIENT_ID).toBeUndefined()
	})
})

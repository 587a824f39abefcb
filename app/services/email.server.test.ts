// The email adapter: the dev outbox by default, the real Postmark client when a
// token is set (pointed at a local fake of Postmark's API).
import { afterEach, describe, expect, it } from 'vitest'
import { startFakePostmark } from '#tests/fakes/postmark.ts'
import { readOutbox, sendEmail } from './email.server.ts'
import { verifyEmailMessage } from './email-templates.ts'

function setEnv(values: Record<string, string | undefined>) {
	for (const [k, v] of Object.entries(values)) {
		if (v === undefined) delete process.env[k]
		else process.env[k] = v
	}
	globalThis.__rapportEnv = undefined
}

afterEach(() => setEnv({ POSTMARK_SERVER_TOKEN: undefined, POSTMARK_API_URL: undefined }))

describe('email', () => {
	it('without a Postmark token, keeps HTML and text in the dev outbox', async () => {
		const message = verifyEmailMessage('Ada', 'http://localhost:3000/verify-email?token=abc')
		const result = await sendEmail({ to: 'ada@example.com', ...message })
		expect(result.delivered).toBe('outbox')
		const [stored] = await readOutbox({ to: 'ADA@example.com' })
		expect(stored!.subject).toBe('Confirm your email for Rapport')
		expect(stored!.html).toContain('href="http://localhost:3000/verify-email?token=abc"')
		expect(stored!.text).toContain('http://localhost:3000/verify-email?token=abc')
		expect(await readOutbox({ to: 'someone-else@example.com' })).toEqual([])
	})

	it('with a token, sends through Postmark with both bodies', async () => {
		const fake = await startFakePostmark()
		try {
			setEnv({ POSTMARK_SERVER_TOKEN: 'fake-postmark-token', POSTMARK_API_URL: fake.url })
			const result = await sendEmail({ to: 'grace@example.com', subject: 'Hello', html: '<p>Hi &amp; welcome</p>', text: 'Hi & welcome', tag: 'test' })
			expect(result).toEqual({ id: 'fake-1', delivered: 'postmark' })
			expect(fake.received).toHaveLength(1)
			expect(fake.received[0]!.body).toMatchObject({ To: 'grace@example.com', Subject: 'Hello', HtmlBody: '<p>Hi &amp; welcome</p>', TextBody: 'Hi & welcome', Tag: 'test' })
			expect(await readOutbox({ to: 'grace@example.com' })).toEqual([])
		} finally {
			await fake.close()
		}
	})

	it('escapes names in the HTML so a crafted name cannot inject markup', () => {
		const { html, text } = verifyEmailMessage('<img src=x onerror=alert(1)>', 'http://localhost/x')
		expect(html).not.toContain('<img src=x')
		expect(html).toContain('&lt;img src=x')
		expect(text).toContain('<img src=x onerror=alert(1)>')
	})
})

// The served /api/inngest handler speaks the Inngest protocol (dev mode, as the
// dev server talks to it): GET introspection, and a POST that runs a function's
// steps one request at a time (fnId/stepId), as Inngest does.
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { prisma } from '#app/utils/db.server.ts'

let handler: (args: { request: Request; context?: unknown }) => Promise<Response>

beforeAll(async () => {
	process.env.INNGEST_DEV = '1'
	globalThis.__rapportEnv = undefined
	const route = await import('./api.inngest.ts')
	handler = route.loader as unknown as typeof handler
})

const base = 'http://localhost:3000/api/inngest'
// The Remix adapter reads the host header to work out its own URL.
const headers = { host: 'localhost:3000', 'content-type': 'application/json' }

describe('/api/inngest', () => {
	it('answers introspection with our functions', async () => {
		const res = await handler({ request: new Request(base, { headers }) })
		expect(res.status).toBe(200)
		const body = (await res.json()) as Record<string, unknown>
		expect(body).toMatchObject({ function_count: 8, mode: 'dev' })
	})

	it('runs a function step by step over POST with fnId and stepId', async () => {
		const user = await prisma.user.create({ data: { email: `inngest-${Date.now()}@example.com`, name: 'I' } })
		const event = { name: 'rapport/user.settings-changed', data: { userId: user.id }, id: 'evt-1', ts: Date.now() }
		const body = (steps: Record<string, unknown>) =>
			JSON.stringify({ version: 1, event, events: [event], steps, ctx: { run_id: 'run-1', attempt: 0, disable_immediate_execution: true, use_api: false, stack: { stack: Object.keys(steps), current: Object.keys(steps).length } } })
		const url = `${base}?fnId=rapport-sync-user-reminders&stepId=step`

		// 1. Inngest asks what to do: the SDK plans the "plan" step (206) and names it.
		const planned = await handler({ request: new Request(url, { method: 'POST', headers, body: body({}) }) })
		expect(planned.status).toBe(206)
		const [plan] = (await planned.json()) as Array<{ id: string; displayName?: string; op: string }>
		expect(plan).toMatchObject({ op: 'StepPlanned', displayName: 'plan' })

		// 2. Inngest runs that step by its id: the SDK runs it against the database and reports the result.
		const ran = await handler({ request: new Request(`${base}?fnId=rapport-sync-user-reminders&stepId=${plan!.id}`, { method: 'POST', headers, body: body({}) }) })
		expect(ran.status).toBe(206)
		const [step] = (await ran.json()) as Array<{ id: string; op: string; data?: unknown }>
		expect(step).toMatchObject({ id: plan!.id, op: 'StepRun', data: { contacts: 0, followUps: 0 } })

		// 3. With the step's result memoized, the function finishes (200) with its return value.
		const done = await handler({ request: new Request(url, { method: 'POST', headers, body: body({ [step!.id]: { type: 'data', data: step!.data } }) }) })
		expect(done.status).toBe(200)
		expect(await done.json()).toEqual({ contacts: 0, followUps: 0 })
	})

	it('refuses to run an unknown function', async () => {
		const res = await handler({ request: new Request(`${base}?fnId=rapport-nope&stepId=step`, { method: 'POST', headers, body: JSON.stringify({ version: 1, event: {}, events: [], steps: {}, ctx: { run_id: 'r' } }) }) })
		expect(res.status).toBeGreaterThanOrEqual(400)
	})
})

describe('/api/inngest in production without a signing key', () => {
	it('answers 503 with what to set, instead of running unverified requests', async () => {
		const saved = { ...process.env }
		vi.resetModules()
		Object.assign(process.env, { NODE_ENV: 'production', SESSION_SECRET: 's', ENCRYPTION_KEY: 'k' })
		delete process.env.INNGEST_DEV
		globalThis.__rapportEnv = undefined
		try {
			const route = await import('./api.inngest.ts')
			const res = (await route.loader({ request: new Request(base, { headers }), params: {}, context: {} } as never)) as Response
			expect(res.status).toBe(503)
			expect(await res.json()).toMatchObject({ error: expect.stringContaining('INNGEST_SIGNING_KEY') })
		} finally {
			for (const k of ['NODE_ENV', 'SESSION_SECRET', 'ENCRYPTION_KEY']) {
				if (saved[k] === undefined) delete process.env[k]
				else process.env[k] = saved[k]
			}
			process.env.INNGEST_DEV = saved.INNGEST_DEV ?? '1'
			globalThis.__rapportEnv = undefined
		}
	})
})

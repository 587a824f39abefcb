// POST /api/reminders/dispatch: runs one reminder pass (fire what is due, send due
// digests; ?plan=1 also re-plans everything) for a system cron or an end-to-end
// test. Off unless REMINDERS_DISPATCH_SECRET is set, and then only with
// `Authorization: Bearer <secret>`. With Inngest, its cron does this instead.
import crypto from 'node:crypto'
import type { ActionFunctionArgs } from '@remix-run/node'
import { runReminderCycle } from '#app/jobs/local-runner.server.ts'
import { getEnv } from '#app/utils/env.server.ts'

function authorized(request: Request, secret: string) {
	const given = Buffer.from((request.headers.get('authorization') ?? '').replace(/^Bearer\s+/i, ''))
	const expected = Buffer.from(secret)
	return given.length === expected.length && crypto.timingSafeEqual(given, expected)
}

export async function loader() {
	return Response.json({ error: 'Not found' }, { status: 404 })
}

export async function action({ request }: ActionFunctionArgs) {
	const secret = getEnv().REMINDERS_DISPATCH_SECRET
	if (!secret) return Response.json({ error: 'Not found' }, { status: 404 })
	if (!authorized(request, secret)) return Response.json({ error: 'Unauthorized' }, { status: 401 })
	const plan = new URL(request.url).searchParams.get('plan') === '1'
	const result = await runReminderCycle({ plan })
	return Response.json(result)
}

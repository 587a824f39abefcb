// Reminders without a job runner: the same model functions the Inngest functions
// call, run here. Used by `npm run reminders:dispatch` (a system cron), the guarded
// /api/reminders/dispatch endpoint, and the in-process timer server/index.ts starts
// when no Inngest is configured (docs/decisions/0008-reminders-inngest.md).
import fs from 'node:fs'
import path from 'node:path'
import { sendDueDigests } from '#app/models/digest.server.ts'
import { dispatchReminders, planReminders } from '#app/models/reminder.server.ts'
import { markMissedFollowUps } from '#app/models/follow-up.server.ts'
import { getEnv } from '#app/utils/env.server.ts'

/** Under LiteFS a replica has a `.primary` file naming the primary: only the primary writes. */
export function isLitefsReplica() {
	const dir = getEnv().LITEFS_DIR
	return Boolean(dir && fs.existsSync(path.join(dir, '.primary')))
}

/** One pass: optionally re-plan everything, then fire what is due and send due digests. */
export async function runReminderCycle({ now = new Date(), plan = false, retries = 3, backoffMs = 1000 }: { now?: Date; plan?: boolean; retries?: number; backoffMs?: number } = {}) {
	const planned = plan ? await planReminders({ now }) : null
	if (plan) await markMissedFollowUps(now)
	const dispatched = await dispatchReminders(now, { retries, backoffMs })
	const digests = await sendDueDigests(now)
	return { planned, ...dispatched, digests: digests.sent }
}

declare global {
	var __rapportReminderTimer: NodeJS.Timeout | undefined
}

/**
 * Every `intervalMs` (a minute by default) dispatch, and re-plan once an hour.
 * One pass at a time; errors are logged, never thrown.
 */
export function startLocalScheduler({ intervalMs = 60_000, log = console }: { intervalMs?: number; log?: Pick<Console, 'log' | 'error'> } = {}) {
	if (globalThis.__rapportReminderTimer) return () => {}
	let running = false
	let lastPlan = 0
	const tick = async () => {
		if (running || isLitefsReplica()) return
		running = true
		try {
			const plan = Date.now() - lastPlan > 60 * 60 * 1000
			const result = await runReminderCycle({ plan })
			if (plan) lastPlan = Date.now()
			if (result.claimed || result.digests) log.log(`Reminders: ${result.claimed} fired, ${result.delivered} delivered, ${result.failed} failed, ${result.digests} digests`)
		} catch (error) {
			log.error('Reminders: dispatch failed', error)
		} finally {
			running = false
		}
	}
	const timer = setInterval(() => void tick(), intervalMs)
	timer.unref()
	globalThis.__rapportReminderTimer = timer
	// First pass soon after start, not at once (let the server come up).
	setTimeout(() => void tick(), 5_000).unref()
	return () => {
		clearInterval(timer)
		globalThis.__rapportReminderTimer = undefined
	}
}

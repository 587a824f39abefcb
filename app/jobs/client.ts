// The Inngest client. INNGEST_DEV=1 points it at the local dev server
// (`npx inngest-cli dev`, INNGEST_BASE_URL to move it); in production the event and
// signing keys point it at Inngest Cloud or a self-hosted Inngest. Outside
// production without keys, /api/inngest still answers in dev mode, so a dev server
// started next to `npm run dev` can sync and run the crons (dispatch is idempotent,
// so it and the in-process timer may both run).
import { Inngest } from 'inngest'
import { getEnv } from '#app/utils/env.server.ts'

const env = getEnv()
const flag = env.INNGEST_DEV ? !['0', 'false'].includes(env.INNGEST_DEV) : undefined
const keys = Boolean(env.INNGEST_EVENT_KEY || env.INNGEST_SIGNING_KEY)
const isDev = flag ?? (env.NODE_ENV !== 'production' && !keys ? true : undefined)

export const inngest = new Inngest({
	id: 'rapport',
	...(isDev !== undefined ? { isDev } : {}),
	...(env.INNGEST_BASE_URL ? { baseUrl: env.INNGEST_BASE_URL } : {}),
	...(env.INNGEST_EVENT_KEY ? { eventKey: env.INNGEST_EVENT_KEY } : {}),
	...(env.INNGEST_SIGNING_KEY ? { signingKey: env.INNGEST_SIGNING_KEY } : {}),
})

/** Whether a job runner is meant to run: the dev server (INNGEST_DEV) or Inngest Cloud (event key). Events are sent only then. */
export function inngestConfigured() {
	return Boolean(flag || env.INNGEST_EVENT_KEY)
}

/** Whether /api/inngest can answer: dev mode, or a signing key to verify Inngest's requests. */
export function inngestServable() {
	return Boolean(isDev || env.INNGEST_SIGNING_KEY)
}

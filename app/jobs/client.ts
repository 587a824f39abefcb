// The Inngest client. Locally INNGEST_DEV=1 points it at the dev server
// (`npx inngest-cli dev`, INNGEST_BASE_URL to move it); in production the event and
// signing keys point it at Inngest Cloud or a self-hosted Inngest.
import { Inngest } from 'inngest'
import { getEnv } from '#app/utils/env.server.ts'

const env = getEnv()
const dev = env.INNGEST_DEV ? !['0', 'false'].includes(env.INNGEST_DEV) : undefined

export const inngest = new Inngest({
	id: 'rapport',
	...(dev !== undefined ? { isDev: dev } : {}),
	...(env.INNGEST_BASE_URL ? { baseUrl: env.INNGEST_BASE_URL } : {}),
	...(env.INNGEST_EVENT_KEY ? { eventKey: env.INNGEST_EVENT_KEY } : {}),
	...(env.INNGEST_SIGNING_KEY ? { signingKey: env.INNGEST_SIGNING_KEY } : {}),
})

/** Whether a job runner is configured: the dev server (INNGEST_DEV) or Inngest Cloud (event key). */
export function inngestConfigured() {
	return Boolean(dev || env.INNGEST_EVENT_KEY)
}

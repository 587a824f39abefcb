// The one way models tell the job runner something changed. It never throws and
// never makes a request wait: without Inngest configured (or with it down) the
// event is dropped, which is fine because the database is already right and the
// periodic dispatch/plan runs pick up the rest.
import { inngest, inngestConfigured } from './client.ts'

type Sendable = Parameters<typeof inngest.send>[0]

export function emit(events: Sendable) {
	if (!inngestConfigured()) return
	void inngest.send(events).catch((error: unknown) => {
		console.warn('Inngest event not sent (is the job runner up?):', error instanceof Error ? error.message : error)
	})
}

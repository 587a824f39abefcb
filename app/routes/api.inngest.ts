// The Inngest endpoint: the dev server or Inngest Cloud introspects (GET),
// registers (PUT) and runs steps (POST) of our functions here. In production
// requests are verified with INNGEST_SIGNING_KEY; without it the endpoint says so.
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { serve } from 'inngest/remix'
import { inngest, inngestServable } from '#app/jobs/client.ts'
import { functions } from '#app/jobs/functions/index.ts'

const serveInngest = serve({ client: inngest, functions })

function handler(args: LoaderFunctionArgs | ActionFunctionArgs) {
	if (!inngestServable()) {
		return Response.json({ error: 'Inngest is not configured here: set INNGEST_SIGNING_KEY (or INNGEST_DEV=1 for the dev server). Reminders run in-process meanwhile.' }, { status: 503 })
	}
	return serveInngest(args)
}

export { handler as loader, handler as action }

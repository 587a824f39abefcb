// The Inngest endpoint: the dev server or Inngest Cloud introspects (GET),
// registers (PUT) and runs steps (POST) of our functions here. In production
// requests are verified with INNGEST_SIGNING_KEY.
import { serve } from 'inngest/remix'
import { inngest } from '#app/jobs/client.ts'
import { functions } from '#app/jobs/functions/index.ts'

const handler = serve({ client: inngest, functions })

export { handler as loader, handler as action }

// `npm run reminders:dispatch`: one reminder pass without Inngest, for a system
// cron on a self-hosted box (every minute: `* * * * * cd /app && npm run -s reminders:dispatch`).
// Fires what is due (each reminder once, however often this runs), sends due
// digests; with --plan also re-plans every reminder (run that hourly).
import 'dotenv/config'
import { runReminderCycle } from '#app/jobs/local-runner.server.ts'
import { prisma } from '#app/utils/db.server.ts'

const result = await runReminderCycle({ plan: process.argv.includes('--plan') })
console.log(JSON.stringify(result))
await prisma.$disconnect()

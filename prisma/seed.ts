// Loads the demo data into DATABASE_URL: `npx tsx prisma/seed.ts` (or `npm run db:seed`).
// Running it again is a no-op once the demo user exists.
import 'dotenv/config'
import { PrismaClient } from '../app/generated/prisma/client.ts'
import { createAdapterFactory, resolveDatabaseUrl } from '../app/utils/db-adapter.ts'
import { seedDemo } from './seed-data.ts'

const prisma = new PrismaClient({ adapter: createAdapterFactory(resolveDatabaseUrl(process.env.DATABASE_URL)) })

async function main() {
	const started = performance.now()
	const result = await seedDemo(prisma)
	const ms = Math.round(performance.now() - started)
	if (!result.created) {
		console.log(`Demo data already present (${result.reason}); nothing to do.`)
		return
	}
	const c = result.counts
	console.log(`Seeded demo data in ${ms} ms:`)
	console.log(`  ${c.contacts} contacts (${c.contactEmails} emails, ${c.contactPhones} phones), ${c.companies} companies`)
	console.log(`  ${c.interactions} interactions, ${c.deals} deals, ${c.tags} tags, ${c.groups} groups, ${c.templates} templates`)
	console.log(
		`  follow-ups: ${c.followUps.pending} upcoming, ${c.followUps.overdue} overdue, ${c.followUps.completed} completed, ${c.followUps.cancelled} cancelled`,
	)
	console.log(
		`  next 7 days: ${c.birthdaysNext7Days} birthdays, ${c.anniversariesNext7Days} anniversaries; ${c.staleContacts} contacts quiet for 45+ days`,
	)
	// Birthdays, anniversaries, keep-in-touch and follow-ups get their reminders now,
	// not at the next hourly planning run.
	const { planReminders } = await import('../app/models/reminder.server.ts')
	const planned = await planReminders()
	console.log(`  reminders planned for ${planned.contacts} contacts and ${planned.followUps} follow-ups`)
	console.log(`Log in as ${result.email} / ${result.password}`)
}

try {
	await main()
} catch (error) {
	console.error('Seeding failed:', error)
	process.exitCode = 1
} finally {
	await prisma.$disconnect()
}

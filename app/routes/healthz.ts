// 200 when the app and its database answer (used by Fly.io checks).
import { prisma } from '#app/utils/db.server.ts'

export async function loader() {
	try {
		await prisma.$queryRawUnsafe('SELECT 1')
		return new Response('OK', { headers: { 'Cache-Control': 'no-store' } })
	} catch (error) {
		console.error('healthz failed', error)
		return new Response('database unavailable', { status: 503 })
	}
}

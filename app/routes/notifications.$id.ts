// Opening a notification: marks it read and goes where it points (works without JS).
import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { requireUserId } from '#app/utils/session.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { notFound } from '#app/utils/misc.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const userId = await requireUserId(request)
	const n = await prisma.notification.findFirst({ where: { id: params.id, userId, channel: 'IN_APP' }, select: { id: true, url: true, readAt: true } })
	if (!n) throw notFound()
	if (!n.readAt) await prisma.notification.update({ where: { id: n.id }, data: { readAt: new Date() } })
	// Only our own paths: a stored URL never sends anyone off-site.
	const to = n.url && n.url.startsWith('/') && !n.url.startsWith('//') ? n.url : '/notifications'
	return redirect(to)
}

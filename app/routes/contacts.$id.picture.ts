// A contact's uploaded picture, for members of its workspace only.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { visibleTo } from '#app/models/workspace.server.ts'
import { requireMembership } from '#app/models/workspace.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { notFound } from '#app/utils/misc.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const m = await requireMembership(request)
	const image = await prisma.contactImage.findFirst({
		where: { contactId: params.id, contact: visibleTo(m) },
		select: { id: true, contentType: true, blob: true },
	})
	if (!image) return notFound()
	const versioned = new URL(request.url).searchParams.get('v') === image.id
	return new Response(image.blob, {
		headers: {
			'Content-Type': image.contentType,
			'Cache-Control': versioned ? 'private, max-age=31536000, immutable' : 'private, no-cache',
			'X-Content-Type-Options': 'nosniff',
		},
	})
}

// Serves an uploaded profile picture: only the image bytes, with their checked
// content type. Pages link to /avatars/<id>?v=<imageId>, so a versioned URL never
// changes content and can be cached for good.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { getAvatarImage } from '#app/models/settings.server.ts'
import { getUserId } from '#app/utils/session.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	// Only the user and people who share a workspace with them see the picture;
	// anyone else gets the same 404 as for a missing one.
	const notFound = () => new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } })
	const viewerId = await getUserId(request)
	if (!viewerId || !params.userId) return notFound()
	const image = await getAvatarImage(viewerId, params.userId)
	if (!image) return notFound()

	const etag = `"${image.id}"`
	const versioned = new URL(request.url).searchParams.get('v') === image.id
	const headers = new Headers({
		'Content-Type': image.contentType,
		'Cache-Control': versioned ? 'private, max-age=31536000, immutable' : 'private, no-cache',
		ETag: etag,
		'X-Content-Type-Options': 'nosniff',
		'Content-Disposition': 'inline',
	})
	if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers })
	headers.set('Content-Length', String(image.blob.byteLength))
	return new Response(image.blob, { headers })
}

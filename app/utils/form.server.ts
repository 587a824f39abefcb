// The one way an action reads its form. A browser posts urlencoded or multipart;
// anything else (JSON, text/plain, a multipart body that does not parse, a file
// name with a bare quote) is a client error answered with a 4xx and a message, never
// an exception that would end in a 500.
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from '@remix-run/node'

const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i

function refuse(status: number, message: string): never {
	throw new Response(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
}

/**
 * The posted form. With `maxPartSize`, a multipart body is read with uploads kept in
 * memory up to that size; a bigger part throws MaxPartSizeExceededError for the route
 * to answer beside its file field (the rest of the body is then unread).
 */
export async function readForm(request: Request, { maxPartSize }: { maxPartSize?: number } = {}): Promise<FormData> {
	const type = request.headers.get('content-type') ?? ''
	if (!FORM_TYPES.test(type)) refuse(415, 'This address takes a form: post it as application/x-www-form-urlencoded or multipart/form-data.')
	try {
		if (maxPartSize && /^multipart\//i.test(type)) return await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize }))
		return await request.formData()
	} catch (error) {
		if (error instanceof MaxPartSizeExceededError) throw error
		refuse(400, 'This form could not be read: its body is not a well-formed form post.')
	}
}

export { MaxPartSizeExceededError }

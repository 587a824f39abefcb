import { PassThrough } from 'node:stream'
import { type AppLoadContext, type EntryContext } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { renderToPipeableStream } from 'react-dom/server'
import { NonceProvider } from './utils/nonce.tsx'

const ABORT_DELAY = 5_000
export const streamTimeout = ABORT_DELAY

/**
 * Renders the whole document, then sends it as one body. No loader defers data, so
 * streaming the shell early would gain nothing, while a stream of React's small chunks
 * costs dearly behind compression: Remix's adapter flushes after every chunk, which
 * makes gzip emit a block and the socket a write per chunk (about a third of a
 * 25-row contact list's server time). One buffer is compressed in one go.
 */
export default function handleRequest(
	request: Request,
	responseStatusCode: number,
	responseHeaders: Headers,
	remixContext: EntryContext,
	loadContext: AppLoadContext,
) {
	const nonce = loadContext.cspNonce ?? ''
	return new Promise<Response>((resolve, reject) => {
		let failed = false
		const { pipe, abort } = renderToPipeableStream(
			<NonceProvider value={nonce}>
				<RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
			</NonceProvider>,
			{
				nonce,
				onAllReady() {
					const chunks: Buffer[] = []
					const sink = new PassThrough()
					sink.on('data', (chunk: Buffer) => chunks.push(chunk))
					sink.on('end', () => {
						const body = Buffer.concat(chunks)
						responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
						responseHeaders.set('Content-Length', String(body.byteLength))
						resolve(new Response(body, { headers: responseHeaders, status: failed ? 500 : responseStatusCode }))
					})
					sink.on('error', reject)
					pipe(sink)
				},
				onShellError(error: unknown) {
					reject(error)
				},
				onError(error: unknown) {
					failed = true
					console.error(error)
				},
			},
		)
		setTimeout(abort, ABORT_DELAY + 1000)
	})
}

export function handleError(error: unknown, { request }: { request: Request }) {
	if (request.signal.aborted) return
	console.error(error)
}

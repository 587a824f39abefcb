// What the Express server hands every loader and action.
declare module '@remix-run/node' {
	interface AppLoadContext {
		cspNonce: string
		rateLimited: boolean
		clientIp: string | null
	}
}
export {}

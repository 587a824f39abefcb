// Sign-in with Google: remix-auth + remix-auth-google against whatever Google
// addresses the environment names (Google's own, or a local fake in tests).
// The OAuth state, where to go afterwards and the browser's time zone ride in a
// short-lived cookie of their own: the main session cookie holds only a DB id.
import { createCookieSessionStorage, redirect, type SessionStorage } from '@remix-run/node'
import { Authenticator } from 'remix-auth'
import { GoogleStrategy, type GoogleProfile } from 'remix-auth-google'
import { GoogleAccountError, signInWithGoogle, type GoogleAccountProblem, type GoogleIdentity } from '#app/models/google-account.server.ts'
import { getEnv, type Env } from '#app/utils/env.server.ts'
import { safeRedirectTo, signIn } from '#app/utils/session.server.ts'
import { isValidTimeZone } from '#app/utils/time.ts'

export const GOOGLE_CALLBACK_PATH = '/auth/google/callback'
const OAUTH_COOKIE_MAX_AGE = 10 * 60

/** Codes for /login?error=…; the login page turns them into words with googleErrorMessage. */
export type GoogleErrorCode = 'google' | 'google-not-configured' | `google-${GoogleAccountProblem}`

const MESSAGES: Record<GoogleErrorCode, string> = {
	google: 'Signing in with Google didn’t complete. Try again, or use your email and password.',
	'google-not-configured': 'Google sign-in is not configured on this server.',
	'google-unverified-email': 'Google hasn’t verified that email address, so it can’t be used to sign in to an existing account.',
	'google-linked-elsewhere': 'An account with this email is already linked to a different Google account. Sign in with your password instead.',
}

/** The sentence to show on /login for its `error` query parameter, or null when it isn't ours. */
export function googleErrorMessage(code: string | null): string | null {
	if (!code || !Object.hasOwn(MESSAGES, code)) return null
	return MESSAGES[code as GoogleErrorCode]
}

function loginWithError(code: GoogleErrorCode, headers?: HeadersInit) {
	return redirect(`/login?error=${code}`, { headers })
}

/** remix-auth-google hardcodes Google's addresses; this one takes them from the environment. */
class ConfigurableGoogleStrategy<User> extends GoogleStrategy<User> {
	constructor(
		options: ConstructorParameters<typeof GoogleStrategy<User>>[0] & { authorizationURL: string; tokenURL: string; userInfoURL: string },
		verify: ConstructorParameters<typeof GoogleStrategy<User>>[1],
	) {
		const { authorizationURL, tokenURL, userInfoURL, ...google } = options
		super(google, verify)
		this.authorizationURL = authorizationURL
		this.tokenURL = tokenURL
		// Private in the typings, but a plain field read by userProfile().
		;(this as unknown as { userInfoURL: string }).userInfoURL = userInfoURL
	}

	// The library maps whatever JSON comes back, even a 401; insist on an identity.
	protected override async userProfile(accessToken: string): Promise<GoogleProfile> {
		const profile = await super.userProfile(accessToken)
		if (!profile.id || !profile._json?.email) throw new Error('Google returned no user profile')
		return profile
	}
}

type OAuthSessionData = { redirectTo: string; timezone: string }
type Google = { env: Env; storage: SessionStorage<OAuthSessionData>; authenticator: Authenticator<GoogleIdentity> }

let cached: Google | undefined

/** Built once per parsed environment; null while Google isn't configured. */
function google(): Google | null {
	const env = getEnv()
	if (!env.GOOGLE_CLIENT_ID || !env.GOOGLE_CLIENT_SECRET) return null
	if (cached?.env === env) return cached
	const storage = createCookieSessionStorage<OAuthSessionData>({
		cookie: {
			name: 'rapport_oauth',
			// Only the two Google routes ever read it.
			path: '/auth/google',
			httpOnly: true,
			// Lax, not strict: it must come back on the top-level redirect from Google.
			sameSite: 'lax',
			secure: env.NODE_ENV === 'production' && env.APP_URL.startsWith('https:'),
			maxAge: OAUTH_COOKIE_MAX_AGE,
			secrets: env.SESSION_SECRETS,
		},
	})
	const authenticator = new Authenticator<GoogleIdentity>(storage, { throwOnError: true })
	authenticator.use(
		new ConfigurableGoogleStrategy<GoogleIdentity>(
			{
				clientID: env.GOOGLE_CLIENT_ID,
				clientSecret: env.GOOGLE_CLIENT_SECRET,
				callbackURL: new URL(GOOGLE_CALLBACK_PATH, env.APP_URL).toString(),
				authorizationURL: env.GOOGLE_AUTH_URL,
				tokenURL: env.GOOGLE_TOKEN_URL,
				userInfoURL: env.GOOGLE_USERINFO_URL,
				scope: ['openid', 'email', 'profile'],
				// Lets someone who just signed out pick a different Google account.
				prompt: 'select_account',
			},
			async ({ profile }) => ({
				id: profile.id,
				email: profile._json.email,
				emailVerified: profile._json.email_verified === true,
				name: profile.displayName,
				picture: profile._json.picture ?? null,
			}),
		),
		'google',
	)
	cached = { env, storage, authenticator }
	return cached
}

/**
 * Starts the flow: remembers where to go afterwards and the browser's zone, then
 * redirects to Google's consent screen (the strategy adds the state).
 */
export async function startGoogleSignIn(request: Request, { redirectTo, timezone }: { redirectTo?: unknown; timezone?: unknown } = {}) {
	const g = google()
	if (!g) return loginWithError('google-not-configured')
	const session = await g.storage.getSession()
	session.set('redirectTo', safeRedirectTo(typeof redirectTo === 'string' ? redirectTo : null))
	if (typeof timezone === 'string' && isValidTimeZone(timezone)) session.set('timezone', timezone)
	// The strategy reads the session from the request's cookie and commits it with
	// the state added, so hand it a body-less request carrying our fresh session.
	const [cookie] = (await g.storage.commitSession(session)).split(';')
	const start = new Request(request.url, { headers: { cookie: cookie! } })
	try {
		await g.authenticator.authenticate('google', start)
	} catch (response) {
		if (response instanceof Response) return response
		throw response
	}
	throw new Error('The Google strategy neither redirected nor failed')
}

/**
 * Finishes the flow on Google's redirect back: checks the state, trades the code
 * for a token, reads the profile, then signs the matching user in. Any failure
 * (cancelled, forged or stale state, Google erroring) lands on /login?error=….
 */
export async function finishGoogleSignIn(request: Request) {
	const g = google()
	if (!g) return loginWithError('google-not-configured')
	const session = await g.storage.getSession(request.headers.get('cookie'))
	const clear = { 'Set-Cookie': await g.storage.destroySession(session) }

	const denied = new URL(request.url).searchParams.get('error')
	if (denied) {
		if (denied !== 'access_denied') console.warn(`Google sign-in: Google answered ${denied}`)
		return loginWithError('google', clear)
	}

	let identity: GoogleIdentity
	try {
		identity = await g.authenticator.authenticate('google', request)
	} catch (error) {
		if (error instanceof Response) return error
		console.warn('Google sign-in failed:', error instanceof Error ? error.message : error)
		return loginWithError('google', clear)
	}

	let userId: string
	try {
		userId = (await signInWithGoogle(identity, { timezone: session.get('timezone') })).id
	} catch (error) {
		if (error instanceof GoogleAccountError) return loginWithError(`google-${error.problem}`, clear)
		throw error
	}
	// Google sign-in is for one's own devices; "remember me" is the common case.
	return signIn(request, { userId, remember: true, redirectTo: session.get('redirectTo'), headers: clear })
}

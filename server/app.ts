// The Express server around Remix: compression, logging, security headers with a
// per-request CSP nonce, a same-origin check for cookie posts, and rate limits on
// the account routes. Kept free of Remix so tests can mount it with any handler.
import crypto from 'node:crypto'
import compression from 'compression'
import express, { type RequestHandler } from 'express'
import { rateLimit } from 'express-rate-limit'
import helmet from 'helmet'
import morgan from 'morgan'

export type AppOptions = {
	mode: 'development' | 'production' | 'test'
	accountRateLimit: number
	trustProxy: boolean
	/** Origins the browser may be sent to by a form post (Google sign-in). */
	formActionOrigins: string[]
	log?: boolean
}

/** Paths whose POSTs count against the account rate limit (".data" is Remix's fetch form). */
export const ACCOUNT_POST_PATHS =
	/^\/(login|signup|forgot-password|reset-password|magic-link|verify-email)(\.data)?$/

export function createApp(options: AppOptions) {
	const app = express()
	app.disable('x-powered-by')
	if (options.trustProxy) app.set('trust proxy', true)

	app.use(compression())
	if (options.log !== false) {
		app.use(
			morgan(options.mode === 'production' ? 'combined' : 'dev', {
				skip: (req) => req.url.startsWith('/assets') || req.url.startsWith('/@') || req.url.startsWith('/node_modules'),
			}),
		)
	}

	app.use((_req, res, next) => {
		res.locals.cspNonce = crypto.randomBytes(16).toString('base64')
		next()
	})
	app.use(securityHeaders(options))
	app.use(sameOriginPosts)
	app.use(accountRateLimit(options.accountRateLimit))
	return app
}

function securityHeaders(options: AppOptions) {
	const dev = options.mode === 'development'
	return helmet({
		crossOriginEmbedderPolicy: false,
		// Lead-capture pages and the extension load our assets from other origins.
		crossOriginResourcePolicy: { policy: 'cross-origin' },
		referrerPolicy: { policy: 'same-origin' },
		contentSecurityPolicy: {
			useDefaults: false,
			directives: {
				defaultSrc: ["'self'"],
				baseUri: ["'self'"],
				objectSrc: ["'none'"],
				frameAncestors: ["'none'"],
				scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`, ...(dev ? ["'unsafe-inline'"] : [])],
				scriptSrcAttr: ["'none'"],
				styleSrc: ["'self'", "'unsafe-inline'"],
				imgSrc: ["'self'", 'data:', 'blob:', 'https:', ...(options.mode !== 'production' ? ['http:'] : [])],
				fontSrc: ["'self'", 'data:'],
				connectSrc: ["'self'", ...(dev ? ['ws:'] : [])],
				formAction: ["'self'", ...options.formActionOrigins],
				manifestSrc: ["'self'"],
				workerSrc: ["'self'", 'blob:'],
				upgradeInsecureRequests: null,
			},
		},
	})
}

/**
 * CSRF defence for cookie-authenticated posts: browsers send Origin (or at least
 * Sec-Fetch-Site) on every form post, so a post from another site is refused.
 * The JSON API and lead intake authenticate without cookies and are exempt.
 */
export const sameOriginPosts: RequestHandler = (req, res, next) => {
	if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return next()
	if (req.path.startsWith('/api/')) return next()
	const site = req.get('sec-fetch-site')
	const origin = req.get('origin')
	const host = req.get('x-forwarded-host') ?? req.get('host')
	// "null" is the origin of a sandboxed frame or a file: page; no form of ours is posted from one.
	let crossSite = site === 'cross-site' || origin === 'null'
	if (origin && origin !== 'null' && host) {
		try {
			crossSite ||= new URL(origin).host !== host
		} catch {
			crossSite = true
		}
	}
	if (crossSite) {
		res.status(403).type('text/plain').send('This form was posted from another site (or from a page without an address) and was refused.')
		return
	}
	next()
}

/**
 * A path as the router matches it: Remix matches case-insensitively, with or without a
 * trailing slash, and decodes percent-escapes, so "/LOGIN/", "/Login" and "/log%69n"
 * are all the sign-in form and must be counted as it.
 */
export function routePath(path: string) {
	let decoded = path
	try {
		decoded = decodeURIComponent(path)
	} catch {
		// A malformed escape is matched by no route; leave it as it came.
	}
	return decoded.toLowerCase().replace(/\/{2,}/g, '/').replace(/(.)\/+$/, '$1')
}

/**
 * Rate limit on account posts. Instead of answering 429 from here, the request is
 * marked and the route's action shows the message beside the form, with or without JS.
 */
export function accountRateLimit(limit: number) {
	const limiter = rateLimit({
		windowMs: 15 * 60 * 1000,
		limit,
		standardHeaders: 'draft-7',
		legacyHeaders: false,
		handler: (_req, res, next) => {
			res.locals.rateLimited = true
			next()
		},
	})
	return ((req, res, next) => {
		if (req.method !== 'POST' || !ACCOUNT_POST_PATHS.test(routePath(req.path))) return next()
		return limiter(req, res, next)
	}) satisfies RequestHandler
}

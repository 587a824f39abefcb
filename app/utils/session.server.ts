// Database-backed sessions: the signed cookie holds only Session.id
// (docs/decisions/0003-db-sessions.md).
import { createCookie, redirect } from '@remix-run/node'
import { prisma } from './db.server.ts'
import { requestMemo } from './request-memo.server.ts'
import { sqlGet, toDate } from './sql.server.ts'
import { getEnv } from './env.server.ts'

const DAY = 24 * 60 * 60 * 1000
export const REMEMBER_TTL = 30 * DAY
/** Without "remember me" the cookie dies with the browser and the row after 12 hours. */
export const SHORT_TTL = DAY / 2

const env = getEnv()
export const sessionCookie = createCookie('rapport_session', {
	httpOnly: true,
	sameSite: 'lax',
	path: '/',
	secure: env.NODE_ENV === 'production' && env.APP_URL.startsWith('https:'),
	secrets: env.SESSION_SECRETS,
})

export async function getSessionId(request: Request): Promise<string | null> {
	const value = await sessionCookie.parse(request.headers.get('cookie'))
	return typeof value === 'string' ? value : null
}

/** The live session behind a request, if any (once per page load: root, layout and page loaders all ask). */
export async function getSession(request: Request) {
	const id = await getSessionId(request)
	if (!id) return null
	return requestMemo(`session:${id}`, async () => {
		// Every page asks: a prepared statement, not a Prisma query (ADR 0013).
		const row = sqlGet<{ id: string; userId: string; expiresAt: string; lastSeenAt: string }>('SELECT id, userId, expiresAt, lastSeenAt FROM Session WHERE id = ?', id)
		if (!row) return null
		const session = { ...row, expiresAt: toDate(row.expiresAt)!, lastSeenAt: toDate(row.lastSeenAt)! }
		const now = Date.now()
		if (session.expiresAt.getTime() <= now) {
			await prisma.session.deleteMany({ where: { id } })
			return null
		}
		if (now - session.lastSeenAt.getTime() > 60 * 60 * 1000) {
			await prisma.session.update({ where: { id }, data: { lastSeenAt: new Date(now) } })
		}
		return { id: session.id, userId: session.userId }
	})
}

export async function getUserId(request: Request) {
	return (await getSession(request))?.userId ?? null
}

export function safeRedirectTo(to: FormDataEntryValue | string | null | undefined, fallback = '/dashboard') {
	if (!to || typeof to !== 'string') return fallback
	if (!to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback
	return to
}

export async function requireUserId(request: Request) {
	const userId = await getUserId(request)
	if (!userId) {
		const url = new URL(request.url)
		const back = url.pathname + url.search
		const search = back && back !== '/' && !back.startsWith('/logout') ? `?${new URLSearchParams({ redirectTo: back })}` : ''
		throw redirect(`/login${search}`)
	}
	return userId
}

export async function requireAnonymous(request: Request) {
	if (await getUserId(request)) throw redirect('/dashboard')
}

/**
 * Starts a fresh session (a new id on every sign-in, so a planted cookie is
 * useless) and redirects with its cookie.
 */
export async function signIn(
	request: Request,
	{ userId, remember, redirectTo, headers }: { userId: string; remember: boolean; redirectTo?: string; headers?: HeadersInit },
) {
	const previous = await getSessionId(request)
	if (previous) await prisma.session.deleteMany({ where: { id: previous } })
	const session = await prisma.session.create({
		data: {
			userId,
			remember,
			expiresAt: new Date(Date.now() + (remember ? REMEMBER_TTL : SHORT_TTL)),
			userAgent: request.headers.get('user-agent')?.slice(0, 300) ?? null,
		},
	})
	const responseHeaders = new Headers(headers)
	responseHeaders.append('Set-Cookie', await commitSessionCookie(session.id, remember))
	return redirect(safeRedirectTo(redirectTo), { headers: responseHeaders })
}

export function commitSessionCookie(sessionId: string, remember: boolean) {
	return sessionCookie.serialize(sessionId, remember ? { maxAge: REMEMBER_TTL / 1000 } : {})
}

export async function signOut(request: Request, redirectTo = '/login') {
	const id = await getSessionId(request)
	if (id) await prisma.session.deleteMany({ where: { id } })
	return redirect(redirectTo, {
		headers: { 'Set-Cookie': await sessionCookie.serialize('', { maxAge: 0 }) },
	})
}

export async function endOtherSessions(userId: string, keepSessionId: string) {
	const { count } = await prisma.session.deleteMany({ where: { userId, id: { not: keepSessionId } } })
	return count
}

export function listSessions(userId: string) {
	return prisma.session.findMany({
		where: { userId, expiresAt: { gt: new Date() } },
		orderBy: { lastSeenAt: 'desc' },
		select: { id: true, userAgent: true, createdAt: true, lastSeenAt: true, remember: true },
	})
}

// Quick actions and the "Log this as an interaction?" prompt, without JavaScript:
// a quick action is a link to /go/<kind>/<contactId>, whose loader remembers the
// intent in a short-lived signed cookie and redirects (302) to tel: / wa.me / sms: /
// mailto: / instagram.com. When the user is back on any signed-in page, the shell
// reads the cookie and asks; "Log it" records the interaction at the time of the click.
import { createCookie, redirect } from '@remix-run/node'
import { prisma } from '#app/utils/db.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { formatPhone } from '#app/utils/contact-fields.ts'
import {
	isQuickActionKind,
	QUICK_ACTION_KINDS,
	QUICK_ACTION_LABELS,
	QUICK_ACTION_MEDIUM,
	quickActionTargets,
	quickActionUrl,
	TAKES_MESSAGE,
	type Reachable,
	type QuickActionKind,
} from '#app/utils/quick-actions.ts'
import type { Medium } from '#app/validation/interaction.ts'
import { logInteraction } from './interaction.server.ts'
import { getTemplate, renderFor, templateChoices } from './template.server.ts'
import { requireMembership, visibleTo, type Membership } from './workspace.server.ts'
import { notFound } from '#app/utils/misc.ts'

/** How long after the click Rapport still asks. */
export const PROMPT_TTL_MS = 6 * 60 * 60 * 1000

const env = getEnv()
const cookie = createCookie('rapport_quick_action', {
	httpOnly: true,
	sameSite: 'lax',
	path: '/',
	maxAge: PROMPT_TTL_MS / 1000,
	secure: env.NODE_ENV === 'production' && env.APP_URL.startsWith('https:'),
	secrets: env.SESSION_SECRETS,
})

/** What the cookie holds: kind, contact, template, when (ms), and whose click it was. */
type Intent = { k: QuickActionKind; c: string; t: string | null; at: number; u: string }

/** A link the UI shows: to our /go URL, never straight to the outside. */
export type QuickActionLink = { kind: QuickActionKind; label: string; href: string; title: string; newTab: boolean }


const CONTACT_SELECT = {
	id: true,
	firstName: true,
	lastName: true,
	displayName: true,
	jobTitle: true,
	whatsapp: true,
	instagram: true,
	company: { select: { name: true } },
	emails: { select: { email: true }, orderBy: [{ isPrimary: 'desc' as const }, { id: 'asc' as const }] },
	phones: { select: { phone: true, label: true }, orderBy: [{ isPrimary: 'desc' as const }, { id: 'asc' as const }] },
}

function findContact(m: Membership, id: string) {
	return prisma.contact.findFirst({ where: { id, deletedAt: null, ...visibleTo(m) }, select: CONTACT_SELECT })
}

function me(m: Membership) {
	return prisma.user.findUniqueOrThrow({ where: { id: m.userId }, select: { name: true, defaultCountry: true } })
}

function describeTarget(kind: QuickActionKind, target: string) {
	if (kind === 'email') return target
	if (kind === 'instagram') return `@${target}`
	return formatPhone(target)
}

function links(contactId: string, targets: Record<QuickActionKind, string | null>, templateId?: string | null): QuickActionLink[] {
	return QUICK_ACTION_KINDS.flatMap((kind) => {
		const target = targets[kind]
		if (!target) return []
		const query = templateId && TAKES_MESSAGE[kind] ? `?${new URLSearchParams({ template: templateId })}` : ''
		// wa.me and Instagram are web pages: a new tab keeps Rapport open to come back to.
		return [{ kind, label: QUICK_ACTION_LABELS[kind], href: `/go/${kind}/${contactId}${query}`, title: `${QUICK_ACTION_LABELS[kind]} ${describeTarget(kind, target)}`, newTab: kind === 'whatsapp' || kind === 'instagram' }]
	})
}

/** The contact page's quick actions, with the chosen template filled in for this contact. */
export async function contactQuickActions(m: Membership, contactId: string, templateId?: string | null) {
	const [contact, user, templates, template] = await Promise.all([findContact(m, contactId), me(m), templateChoices(m), getTemplate(m, templateId)])
	if (!contact) return null
	const targets = quickActionTargets(contact, user.defaultCountry)
	// A template id that is not (or no longer) there is ignored, not an error.
	const chosen = template ? templates.find((t) => t.id === templateId) ?? { id: templateId!, name: template.name, type: template.type, builtIn: false } : null
	return {
		actions: links(contact.id, targets, chosen?.id),
		templates,
		template: chosen ? { id: chosen.id, name: template!.name, message: renderFor(template!, contact, user) } : null,
	}
}

/** Quick actions (without a template) for each of these contacts, e.g. the rows of a list (phones and emails primary first). */
export function rowQuickActions(contacts: Array<{ id: string } & Reachable>, defaultCountry: string): Record<string, QuickActionLink[]> {
	return Object.fromEntries(contacts.map((c) => [c.id, links(c.id, quickActionTargets(c, defaultCountry))]))
}

/**
 * The /go/<kind>/<contactId> loader: remembers the intent and redirects to the
 * outside URL. A click that comes from another site (Sec-Fetch-Site: cross-site)
 * is redirected but not remembered, so no one can plant a prompt.
 */
export async function startQuickAction(request: Request, kind: string | undefined, contactId: string | undefined) {
	if (!isQuickActionKind(kind) || !contactId) throw notFound()
	const m = await requireMembership(request)
	const [contact, user] = await Promise.all([findContact(m, contactId), me(m)])
	if (!contact) throw notFound()
	const target = quickActionTargets(contact, user.defaultCountry)[kind]
	// The contact changed since the page was drawn: back to it, where the action is gone.
	if (!target) throw redirect(`/contacts/${contact.id}`)
	const templateId = TAKES_MESSAGE[kind] ? new URL(request.url).searchParams.get('template') : null
	const template = templateId ? await getTemplate(m, templateId) : null
	const message = template ? renderFor(template, contact, user) : null
	const location = quickActionUrl(kind, target, { message, subject: template?.name, defaultCountry: user.defaultCountry })
	if (!location) throw redirect(`/contacts/${contact.id}`)
	const headers = new Headers({ Location: location, 'Cache-Control': 'no-store' })
	if (request.headers.get('sec-fetch-site') !== 'cross-site') {
		const intent: Intent = { k: kind, c: contact.id, t: template ? templateId : null, at: Date.now(), u: m.userId }
		headers.append('Set-Cookie', await cookie.serialize(intent))
	}
	return new Response(null, { status: 302, headers })
}

async function readIntent(request: Request, now = Date.now()): Promise<Intent | null> {
	const value: unknown = await cookie.parse(request.headers.get('cookie'))
	if (!value || typeof value !== 'object') return null
	const v = value as Partial<Intent>
	if (!isQuickActionKind(v.k) || typeof v.c !== 'string' || typeof v.u !== 'string' || typeof v.at !== 'number') return null
	if (now - v.at > PROMPT_TTL_MS || v.at > now + 60_000) return null
	return { k: v.k, c: v.c, t: typeof v.t === 'string' ? v.t : null, at: v.at, u: v.u }
}

export type PendingQuickAction = {
	kind: QuickActionKind
	contactId: string
	contactName: string
	medium: Medium
	subject: string | null
	notes: string | null
	at: string
}

/** The quick action waiting for an answer, if this user clicked one lately; null otherwise (cheap without the cookie). */
export async function pendingQuickAction(request: Request): Promise<PendingQuickAction | null> {
	if (!request.headers.get('cookie')?.includes('rapport_quick_action=')) return null
	const intent = await readIntent(request)
	if (!intent) return null
	const m = await requireMembership(request)
	if (intent.u !== m.userId) return null
	const [contact, user, template] = await Promise.all([findContact(m, intent.c), me(m), getTemplate(m, intent.t)])
	if (!contact) return null
	return {
		kind: intent.k,
		contactId: contact.id,
		contactName: contact.displayName,
		medium: QUICK_ACTION_MEDIUM[intent.k],
		subject: template?.name ?? null,
		notes: template ? renderFor(template, contact, user) : null,
		at: new Date(intent.at).toISOString(),
	}
}

/** Set-Cookie that forgets the pending quick action. */
export function clearQuickActionCookie() {
	return cookie.serialize('', { maxAge: 0 })
}

/**
 * "Log it": records the interaction with the contact of the pending quick action, at
 * the time of the click. Without a matching pending action (already logged, or
 * dismissed in another tab) nothing is logged twice: `logged` is false.
 */
export async function logPendingQuickAction(request: Request, contactId: string, input: { medium: Medium; subject: string | null; notes: string | null }) {
	const m = await requireMembership(request)
	const intent = await readIntent(request)
	if (!intent || intent.u !== m.userId || intent.c !== contactId) return { logged: false as const }
	const result = await logInteraction(
		m,
		{
			contactId,
			companyId: null,
			medium: input.medium,
			occurredAt: null,
			subject: input.subject,
			notes: input.notes,
			outcome: null,
			durationMinutes: null,
			nextSteps: null,
			scheduleFollowUp: false,
			followUpDueAt: null,
			followUpType: undefined,
		},
		// occurredAt left empty means "now": now is the click.
		{ now: new Date(intent.at) },
	)
	if (!result.ok) return { logged: false as const, fieldErrors: result.fieldErrors }
	return { logged: true as const, interactionId: result.interaction.id }
}

// Emails that carry one-time links: verify, reset, magic link.
// Unknown addresses silently get nothing, so answers never reveal who has an account.
import { magicLinkMessage, resetPasswordMessage, verifyEmailMessage } from '#app/services/email-templates.ts'
import { sendEmail } from '#app/services/email.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { findUserByEmail } from './user.server.ts'
import { issueToken } from './verification.server.ts'

function link(path: string, token: string) {
	const url = new URL(path, getEnv().APP_URL)
	url.searchParams.set('token', token)
	return url.toString()
}

export async function sendVerificationEmail(user: { id: string; email: string; name: string }) {
	const token = await issueToken(user.id, 'VERIFY_EMAIL')
	await sendEmail({ to: user.email, tag: 'verify-email', ...verifyEmailMessage(user.name, link('/verify-email', token)) })
}

export async function resendVerificationEmail(email: string) {
	const user = await findUserByEmail(email)
	if (user && !user.emailVerifiedAt) await sendVerificationEmail(user)
}

export async function sendPasswordResetEmail(email: string) {
	const user = await findUserByEmail(email)
	if (!user) return
	const token = await issueToken(user.id, 'RESET_PASSWORD')
	await sendEmail({ to: user.email, tag: 'reset-password', ...resetPasswordMessage(link('/reset-password', token)) })
}

export async function sendMagicLinkEmail(email: string) {
	const user = await findUserByEmail(email)
	if (!user) return
	const token = await issueToken(user.id, 'MAGIC_LINK')
	await sendEmail({ to: user.email, tag: 'magic-link', ...magicLinkMessage(link('/magic-link', token)) })
}

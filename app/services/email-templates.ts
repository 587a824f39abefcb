// Every email has HTML and plain text, built from the same parts.
type Link = { label: string; url: string }
type Parts = { preview: string; heading: string; paragraphs: string[]; action?: Link; links?: Link[]; sections?: Array<{ title: string; items: string[] }>; footer?: string }

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

export function renderEmail({ preview, heading, paragraphs, action, links = [], sections = [], footer }: Parts) {
	const text = [
		heading,
		'',
		...paragraphs.flatMap((p) => [p, '']),
		...sections.flatMap((s) => [s.title, ...s.items.map((i) => `- ${i}`), '']),
		...(action ? [`${action.label}: ${action.url}`, ''] : []),
		...links.flatMap((l) => [`${l.label}: ${l.url}`]),
		...(links.length ? [''] : []),
		footer ?? '',
		'— Rapport',
	]
		.join('\n')
		.trim()
	const html = `<!doctype html><html><body style="margin:0;background:#f6f7f9;font-family:-apple-system,Segoe UI,Roboto,sans-serif;color:#171a21">
<span style="display:none">${escape(preview)}</span>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:32px 16px">
<table role="presentation" width="100%" style="max-width:520px;background:#fff;border:1px solid #dde1e7;border-radius:8px"><tr><td style="padding:32px">
<p style="margin:0 0 24px;font-weight:600;font-size:16px">Rapport</p>
<h1 style="margin:0 0 16px;font-size:20px">${escape(heading)}</h1>
${paragraphs.map((p) => `<p style="margin:0 0 16px;font-size:15px;line-height:1.5">${escape(p)}</p>`).join('\n')}
${sections.map((s) => `<h2 style="margin:24px 0 8px;font-size:15px">${escape(s.title)}</h2><ul style="margin:0 0 16px;padding-left:20px;font-size:15px;line-height:1.6">${s.items.map((i) => `<li>${escape(i)}</li>`).join('')}</ul>`).join('\n')}
${action ? `<p style="margin:24px 0"><a href="${escape(action.url)}" style="background:#4f46e5;color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600;display:inline-block">${escape(action.label)}</a></p><p style="margin:0 0 16px;font-size:13px;color:#5a6270">Or paste this link into your browser:<br><span style="word-break:break-all">${escape(action.url)}</span></p>` : ''}
${links.length ? `<p style="margin:0 0 16px;font-size:15px">${links.map((l) => `<a href="${escape(l.url)}" style="color:#4f46e5;font-weight:600">${escape(l.label)}</a>`).join(' &nbsp;·&nbsp; ')}</p>` : ''}
${footer ? `<p style="margin:24px 0 0;font-size:13px;color:#5a6270">${escape(footer)}</p>` : ''}
</td></tr></table></td></tr></table></body></html>`
	return { html, text }
}

export function verifyEmailMessage(name: string, url: string) {
	return {
		subject: 'Confirm your email for Rapport',
		...renderEmail({
			preview: 'One click to finish setting up Rapport',
			heading: `Welcome, ${name}`,
			paragraphs: ['Confirm your email address to finish setting up your Rapport account.'],
			action: { label: 'Confirm my email', url },
			footer: 'This link works once and expires in 24 hours. If you did not sign up, ignore this email.',
		}),
	}
}

export function resetPasswordMessage(url: string) {
	return {
		subject: 'Reset your Rapport password',
		...renderEmail({
			preview: 'Choose a new password',
			heading: 'Reset your password',
			paragraphs: ['Someone (hopefully you) asked to reset the password of your Rapport account.'],
			action: { label: 'Choose a new password', url },
			footer: 'This link works once and expires in 1 hour. Resetting signs you out everywhere. If you did not ask for this, ignore this email.',
		}),
	}
}

export function magicLinkMessage(url: string) {
	return {
		subject: 'Your Rapport sign-in link',
		...renderEmail({
			preview: 'Sign in to Rapport with one click',
			heading: 'Sign in to Rapport',
			paragraphs: ['Use the button below to sign in. No password needed.'],
			action: { label: 'Sign in to Rapport', url },
			footer: 'This link works once and expires in 15 minutes. If you did not ask for it, ignore this email.',
		}),
	}
}

export function reminderEmailMessage(r: { title: string; note: string | null; openUrl: string; doneUrl: string; snoozeUrl: string; settingsUrl: string }) {
	return {
		subject: r.title,
		...renderEmail({
			preview: r.note ?? r.title,
			heading: r.title,
			paragraphs: r.note ? [r.note] : [],
			action: { label: 'Open in Rapport', url: r.openUrl },
			links: [
				{ label: 'Mark done', url: r.doneUrl },
				{ label: 'Snooze', url: r.snoozeUrl },
			],
			footer: `Mark done and Snooze work without signing in and expire in 7 days. Choose how Rapport reminds you: ${r.settingsUrl}`,
		}),
	}
}

export function digestEmailMessage(d: { dateLabel: string; sections: Array<{ title: string; items: string[] }>; openUrl: string; settingsUrl: string }) {
	const count = d.sections.reduce((n, s) => n + s.items.length, 0)
	return {
		subject: `Your day in Rapport: ${count} ${count === 1 ? 'thing' : 'things'} for ${d.dateLabel}`,
		...renderEmail({
			preview: d.sections.map((s) => `${s.items.length} ${s.title.toLowerCase()}`).join(', '),
			heading: `Today, ${d.dateLabel}`,
			paragraphs: [],
			sections: d.sections,
			action: { label: 'Open your reminders', url: d.openUrl },
			footer: `One email each morning when there is something to say. Turn it off under email notifications: ${d.settingsUrl}`,
		}),
	}
}

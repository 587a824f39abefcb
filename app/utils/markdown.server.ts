// Notes are Markdown; what reaches the page is sanitized HTML (no scripts, no
// event handlers, links forced to open safely).
import { marked } from 'marked'
import sanitizeHtml from 'sanitize-html'

const ALLOWED = {
	allowedTags: ['p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'h1', 'h2', 'h3', 'h4', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
	allowedAttributes: { a: ['href', 'title', 'rel', 'target'] },
	allowedSchemes: ['http', 'https', 'mailto', 'tel'],
	transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }) },
}

export function renderMarkdown(source: string | null | undefined) {
	if (!source?.trim()) return ''
	const html = marked.parse(source, { async: false, gfm: true, breaks: true }) as string
	return sanitizeHtml(html, ALLOWED)
}

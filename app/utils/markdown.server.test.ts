import { describe, expect, it } from 'vitest'
import { renderMarkdown } from './markdown.server.ts'

describe('renderMarkdown', () => {
	it('renders Markdown', () => {
		expect(renderMarkdown('**Met** at _PyCon_\n- likes tea')).toBe('<p><strong>Met</strong> at <em>PyCon</em></p>\n<ul>\n<li>likes tea</li>\n</ul>\n')
	})

	it('strips scripts, handlers and javascript: links', () => {
		const html = renderMarkdown('<script>alert(1)</script><img src=x onerror=alert(1)> [x](javascript:alert(1)) <a href="https://ok.example" onclick="x()">ok</a>')
		expect(html).not.toMatch(/<script|onerror|onclick|href="javascript:|<img/i)
		expect(html).toContain('href="https://ok.example"')
		expect(html).toContain('rel="noopener noreferrer nofollow"')
	})
})

// Builds the SVG sprite from the icon set: one <symbol> per icon, with lucide's
// stroke settings on the symbol so every <use> inherits them and the text colour.
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { ICON_SET } from './icon-set.ts'

export const STROKE_WIDTH = 1.75

export function iconSprite() {
	const symbols = Object.entries(ICON_SET).map(([name, Component]) => {
		const svg = renderToStaticMarkup(createElement(Component))
		const inner = svg.slice(svg.indexOf('>') + 1, svg.lastIndexOf('</svg>'))
		return `<symbol id="${name}" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="${STROKE_WIDTH}" stroke-linecap="round" stroke-linejoin="round">${inner}</symbol>`
	})
	return `<svg xmlns="http://www.w3.org/2000/svg">\n${symbols.join('\n')}\n</svg>\n`
}

import fs from 'node:fs'
import { expect, test } from 'vitest'
import { ICON_SET } from './icon-set.ts'
import { iconSprite } from './icon-sprite.server.ts'

test('the committed sprite has every icon of the set, drawn as lucide draws it (run `npm run icons` after changing the set)', () => {
	const file = fs.readFileSync(new URL('./icons.svg', import.meta.url), 'utf8')
	expect(file).toBe(iconSprite())
	for (const name of Object.keys(ICON_SET)) expect(file).toContain(`<symbol id="${name}" viewBox="0 0 24 24"`)
	// The phone icon is lucide's own path.
	expect(file).toMatch(/<symbol id="phone"[^>]*stroke="currentColor"[^>]*><path d="M13\.832 16\.568/)
})

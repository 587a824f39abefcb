// Icons from one SVG sprite (icons.svg, built from icon-set.ts by `npm run icons`):
// a <use> reference is a few bytes where an inline lucide icon is ~350, and a contact
// list page draws hundreds of them. The sprite is a hashed asset, cached for a year.
import type { SVGProps } from 'react'
import type { ICON_SET } from './icon-set.ts'
import sprite from './icons.svg?url'

export type IconName = keyof typeof ICON_SET

export function Icon({ name, className, ...props }: SVGProps<SVGSVGElement> & { name: IconName }) {
	return (
		<svg aria-hidden="true" width="24" height="24" className={className} {...props}>
			<use href={`${sprite}#${name}`} />
		</svg>
	)
}

import { cn, initials } from '#app/utils/misc.ts'

const sizes = { sm: 'h-8 w-8 text-xs', md: 'h-10 w-10 text-sm', lg: 'h-16 w-16 text-lg' }

export function Avatar({ name, src, size = 'sm', className }: { name: string; src?: string | null; size?: keyof typeof sizes; className?: string }) {
	if (src) return <img src={src} alt="" className={cn('shrink-0 rounded-full object-cover', sizes[size], className)} />
	return (
		<span aria-hidden="true" className={cn('inline-flex shrink-0 items-center justify-center rounded-full bg-accent-soft font-semibold text-link', sizes[size], className)}>
			{initials(name)}
		</span>
	)
}

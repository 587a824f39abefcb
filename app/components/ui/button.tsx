import { forwardRef, type ButtonHTMLAttributes } from 'react'
import { cn } from '#app/utils/misc.ts'

const variants = {
	primary: 'bg-accent text-accent-fg hover:bg-accent-hover shadow-sm',
	secondary: 'bg-surface text-fg border border-border hover:bg-subtle shadow-sm',
	ghost: 'text-fg hover:bg-subtle',
	danger: 'bg-danger text-white hover:opacity-90 shadow-sm',
	link: 'text-link underline-offset-4 hover:underline px-0',
}
const sizes = { sm: 'h-8 px-3 text-sm', md: 'h-10 px-4 text-sm', lg: 'h-11 px-5 text-base', icon: 'h-9 w-9' }

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
	variant?: keyof typeof variants
	size?: keyof typeof sizes
}

export function buttonClass({ variant = 'primary', size = 'md', className }: Pick<ButtonProps, 'variant' | 'size' | 'className'> = {}) {
	return cn(
		'inline-flex items-center justify-center gap-2 rounded-md font-medium whitespace-nowrap transition-colors disabled:opacity-60 disabled:pointer-events-none',
		variants[variant],
		variant !== 'link' && sizes[size],
		className,
	)
}

export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button({ variant, size, className, type = 'button', ...props }, ref) {
	return <button ref={ref} type={type} className={buttonClass({ variant, size, className })} {...props} />
})

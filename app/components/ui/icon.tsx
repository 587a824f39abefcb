// One place that names the icons the app uses, so screens stay consistent.
import { ChevronDown, Home, LogOut, Menu, Settings, type LucideProps } from 'lucide-react'

const icons = { home: Home, settings: Settings, menu: Menu, 'chevron-down': ChevronDown, 'log-out': LogOut }
export type IconName = keyof typeof icons

export function Icon({ name, ...props }: LucideProps & { name: IconName }) {
	const Component = icons[name]
	return <Component aria-hidden="true" strokeWidth={1.75} {...props} />
}

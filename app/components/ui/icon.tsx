// One place that names the icons the app uses, so screens stay consistent.
import {
	ArrowDown,
	ArrowUp,
	Building2,
	ChevronDown,
	ChevronLeft,
	ChevronRight,
	Download,
	ExternalLink,
	Home,
	LogOut,
	Mail,
	Menu,
	MessageCircle,
	Pencil,
	Phone,
	Plus,
	Search,
	Settings,
	Tag,
	Trash2,
	Undo2,
	Upload,
	Users,
	X,
	type LucideProps,
} from 'lucide-react'

const icons = {
	home: Home,
	settings: Settings,
	menu: Menu,
	'chevron-down': ChevronDown,
	'chevron-left': ChevronLeft,
	'chevron-right': ChevronRight,
	'log-out': LogOut,
	users: Users,
	building: Building2,
	search: Search,
	plus: Plus,
	pencil: Pencil,
	trash: Trash2,
	undo: Undo2,
	download: Download,
	upload: Upload,
	mail: Mail,
	phone: Phone,
	message: MessageCircle,
	tag: Tag,
	x: X,
	external: ExternalLink,
	'arrow-up': ArrowUp,
	'arrow-down': ArrowDown,
}
export type IconName = keyof typeof icons

export function Icon({ name, ...props }: LucideProps & { name: IconName }) {
	const Component = icons[name]
	return <Component aria-hidden="true" strokeWidth={1.75} {...props} />
}

import { getCountries } from 'libphonenumber-js'
// Zod schemas for the settings pages, shared by the forms (client validation) and
// their actions. The server adds the checks that need the database or the bytes.
import { z } from 'zod'
import { NameSchema, TimeZoneSchema } from './account.ts'

export const AVATAR_MAX_BYTES = 2 * 1024 * 1024
export const AVATAR_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const
export const AVATAR_WRONG_TYPE = 'Choose a PNG, JPEG, WebP or GIF image'
export const AVATAR_TOO_BIG = 'Choose an image of 2 MB or less'
export const AVATAR_EMPTY = 'That file is empty: choose a PNG, JPEG, WebP or GIF image'

export const ProfileNameSchema = z.object({
	intent: z.literal('name'),
	name: NameSchema,
})

// The declared type is only a first filter; the server checks the real bytes.
export const AvatarUploadSchema = z.object({
	intent: z.literal('upload-avatar'),
	avatar: z
		.instanceof(File, { message: 'Choose an image to upload' })
		.refine((file) => file.size > 0, AVATAR_EMPTY)
		.refine((file) => file.size <= AVATAR_MAX_BYTES, AVATAR_TOO_BIG)
		.refine((file) => !file.type || (AVATAR_TYPES as readonly string[]).includes(file.type), AVATAR_WRONG_TYPE),
})

export const THEMES = ['LIGHT', 'DARK', 'SYSTEM'] as const

function wholeNumber(min: number, max: number) {
	const message = `Enter a whole number from ${min} to ${max}`
	return z.number({ required_error: message, invalid_type_error: message }).int(message).min(min, message).max(max, message)
}

export const PreferencesSchema = z.object({
	timezone: TimeZoneSchema,
	defaultCountry: z
		.string({ required_error: 'Choose a country' })
		.refine((c) => (getCountries() as string[]).includes(c), 'Choose a country from the list'),
	birthdayLeadDays: wholeNumber(0, 30),
	anniversaryLeadDays: wholeNumber(0, 30),
	followUpDays: wholeNumber(1, 365),
	noContactDays: wholeNumber(1, 365),
	morningTime: z
		.string({ required_error: 'Choose a time, like 09:00' })
		.trim()
		.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Choose a time, like 09:00')
		// Left empty (or a client that predates it): the default morning.
		.default('09:00'),
	theme: z.enum(THEMES, { required_error: 'Choose a theme', invalid_type_error: 'Choose a theme' }),
})
export type Preferences = z.infer<typeof PreferencesSchema>

// An unchecked checkbox is absent from the form data: absent means off.
const toggle = z
	.boolean()
	.optional()
	.transform((v) => v ?? false)

export const NotificationsSchema = z.object({
	notifyInApp: toggle,
	notifyEmail: toggle,
	notifyPush: toggle,
})
export type NotificationPrefs = z.infer<typeof NotificationsSchema>

export const DeleteAccountSchema = z.object({
	email: z.string({ required_error: 'Type your email address to confirm' }).trim().min(1, 'Type your email address to confirm'),
	password: z.string().optional(),
})

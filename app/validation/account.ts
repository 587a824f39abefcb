// Zod schemas for account forms, shared by the forms (client validation) and actions.
import { z } from 'zod'
import { isValidTimeZone } from '#app/utils/time.ts'

export const EmailSchema = z
	.string({ required_error: 'Enter your email address' })
	.trim()
	.max(254, 'That email address is too long')
	.email('Enter a valid email address, like name@example.com')
	.transform((v) => v.toLowerCase())

// bcrypt reads at most 72 bytes, so longer passwords would be silently truncated.
export const PasswordSchema = z
	.string({ required_error: 'Enter a password' })
	.min(8, 'Use at least 8 characters')
	.max(72, 'Use at most 72 characters')

export const NameSchema = z
	.string({ required_error: 'Enter your name' })
	.trim()
	.min(1, 'Enter your name')
	.max(100, 'Use at most 100 characters')

export const TimeZoneSchema = z
	.string({ required_error: 'Choose a time zone' })
	.refine(isValidTimeZone, 'Choose a time zone from the list, like Europe/London')

export const SignupSchema = z.object({
	name: NameSchema,
	email: EmailSchema,
	password: PasswordSchema,
	// Filled in by the browser; an unknown or missing zone falls back to UTC.
	timezone: z
		.string()
		.optional()
		.transform((v) => (v && isValidTimeZone(v) ? v : 'UTC')),
	redirectTo: z.string().optional(),
})

export const LoginSchema = z.object({
	email: EmailSchema,
	password: z.string({ required_error: 'Enter your password' }),
	remember: z.boolean().optional(),
	redirectTo: z.string().optional(),
})

export const EmailOnlySchema = z.object({ email: EmailSchema, redirectTo: z.string().optional() })

export const ResetPasswordSchema = z
	.object({
		token: z.string({ required_error: 'This link is not valid' }),
		password: PasswordSchema,
		confirmPassword: z.string({ required_error: 'Type the new password again' }),
	})
	.refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], message: 'The passwords don’t match' })

export const ChangePasswordSchema = z
	.object({
		currentPassword: z.string().optional(),
		newPassword: PasswordSchema,
		confirmPassword: z.string({ required_error: 'Type the new password again' }),
	})
	.refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'The passwords don’t match' })

// A user's own settings: profile, picture, preferences and notification channels.
import type { z } from 'zod'
import { fileTypeFromBuffer } from 'file-type'
import { userRemindersChanged } from '#app/models/reminder.server.ts'
import { avatarSrc, setPassword } from '#app/models/user.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { AVATAR_EMPTY, AVATAR_MAX_BYTES, AVATAR_TOO_BIG, AVATAR_TYPES, AVATAR_WRONG_TYPE, PreferencesSchema, type NotificationPrefs, type Preferences } from '#app/validation/settings.ts'

/** Everything the settings pages show; the password hash never leaves this function. */
export async function getSettings(userId: string) {
	const { passwordHash, image, ...user } = await prisma.user.findUniqueOrThrow({
		where: { id: userId },
		select: {
			id: true,
			email: true,
			name: true,
			avatarUrl: true,
			timezone: true,
			defaultCountry: true,
			birthdayLeadDays: true,
			anniversaryLeadDays: true,
			followUpDays: true,
			noContactDays: true,
			morningTime: true,
			theme: true,
			notifyInApp: true,
			notifyEmail: true,
			notifyPush: true,
			passwordHash: true,
			image: { select: { id: true } },
		},
	})
	return { ...user, hasPassword: Boolean(passwordHash), hasImage: Boolean(image), avatarSrc: avatarSrc({ id: user.id, avatarUrl: user.avatarUrl, image }) }
}

export function updateName(userId: string, name: string) {
	return prisma.user.update({ where: { id: userId }, data: { name: name.trim() }, select: { id: true } })
}

/**
 * Checks an uploaded picture by its real bytes (the declared type and the file
 * name are whatever the browser or an attacker says). Returns the stored form or
 * the message to show beside the field.
 */
export async function readAvatarUpload(file: Blob): Promise<{ ok: true; contentType: string; bytes: Uint8Array<ArrayBuffer> } | { ok: false; error: string }> {
	if (file.size === 0) return { ok: false, error: AVATAR_EMPTY }
	if (file.size > AVATAR_MAX_BYTES) return { ok: false, error: AVATAR_TOO_BIG }
	const bytes = new Uint8Array(await file.arrayBuffer())
	const type = await fileTypeFromBuffer(bytes)
	if (!type || !(AVATAR_TYPES as readonly string[]).includes(type.mime)) return { ok: false, error: AVATAR_WRONG_TYPE }
	return { ok: true, contentType: type.mime, bytes }
}

/** Replaces the uploaded picture. A new row (new id) so `?v=<id>` busts caches. */
export async function setAvatarImage(userId: string, image: { contentType: string; bytes: Uint8Array<ArrayBuffer> }) {
	await prisma.$transaction([
		prisma.userImage.deleteMany({ where: { userId } }),
		prisma.userImage.create({ data: { userId, contentType: image.contentType, blob: image.bytes } }),
	])
}

/** Drops the uploaded picture; the Google picture (if any) shows again. */
export async function removeAvatarImage(userId: string) {
	await prisma.userImage.deleteMany({ where: { userId } })
}

/** No picture at all: initials are shown. */
export async function removeAllPictures(userId: string) {
	await prisma.$transaction([prisma.userImage.deleteMany({ where: { userId } }), prisma.user.update({ where: { id: userId }, data: { avatarUrl: null } })])
}

/** A user's picture, for a viewer who is that user or shares a workspace with them. */
export function getAvatarImage(viewerId: string, userId: string) {
	return prisma.userImage.findFirst({
		where: {
			userId,
			user: { OR: [{ id: viewerId }, { memberships: { some: { workspace: { memberships: { some: { userId: viewerId } } } } } }] },
		},
		select: { id: true, contentType: true, blob: true },
	})
}

/** Validates again here so no caller can store an impossible setting. */
export async function updatePreferences(userId: string, input: z.input<typeof PreferencesSchema>) {
	const values = PreferencesSchema.parse(input)
	const updated = await prisma.user.update({ where: { id: userId }, data: values, select: { id: true } })
	// Zone, lead days, morning time and intervals all move reminders.
	await userRemindersChanged(userId)
	return updated
}

export function updateNotificationPrefs(userId: string, prefs: NotificationPrefs) {
	return prisma.user.update({
		where: { id: userId },
		data: { notifyInApp: prefs.notifyInApp, notifyEmail: prefs.notifyEmail, notifyPush: prefs.notifyPush },
		select: { id: true },
	})
}

/**
 * Sets a new password, which ends every session of the user (so a thief signed in
 * elsewhere is out). Returns whether this browser's session was "remember me", so
 * the fresh session the route starts for it keeps the same lifetime.
 */
export async function changePassword(userId: string, currentSessionId: string, newPassword: string) {
	const current = await prisma.session.findUnique({ where: { id: currentSessionId }, select: { remember: true } })
	await setPassword(userId, newPassword)
	return { remember: current?.remember ?? false }
}

/** "Chrome on macOS" from a user-agent string, good enough to recognise a device. */
export function describeUserAgent(ua: string | null | undefined) {
	if (!ua) return 'Unknown device'
	const browser =
		/Edg(e|A|iOS)?\//.test(ua) ? 'Edge'
		: /OPR\/|Opera/.test(ua) ? 'Opera'
		: /SamsungBrowser\//.test(ua) ? 'Samsung Internet'
		: /Firefox\/|FxiOS\//.test(ua) ? 'Firefox'
		: /Chrome\/|CriOS\/|Chromium\//.test(ua) ? 'Chrome'
		: /Version\/[\d.]+.*Safari\//.test(ua) ? 'Safari'
		: /curl\//i.test(ua) ? 'curl'
		: null
	const os =
		/iPhone|iPad|iPod/.test(ua) ? 'iOS'
		: /Android/.test(ua) ? 'Android'
		: /CrOS/.test(ua) ? 'ChromeOS'
		: /Windows/.test(ua) ? 'Windows'
		: /Mac OS X|Macintosh/.test(ua) ? 'macOS'
		: /Linux/.test(ua) ? 'Linux'
		: null
	if (browser && os) return `${browser} on ${os}`
	return browser ?? os ?? 'Unknown device'
}

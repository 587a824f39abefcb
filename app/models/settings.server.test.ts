import { parseWithZod } from '@conform-to/zod'
import { describe, expect, test } from 'vitest'
import {
	describeUserAgent,
	getAvatarImage,
	getSettings,
	readAvatarUpload,
	removeAllPictures,
	removeAvatarImage,
	setAvatarImage,
	updateNotificationPrefs,
	updatePreferences,
} from '#app/models/settings.server.ts'
import { createUser } from '#app/models/user.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { AVATAR_TOO_BIG, AVATAR_WRONG_TYPE, AvatarUploadSchema, NotificationsSchema, PreferencesSchema } from '#app/validation/settings.ts'

let n = 0
const newUser = () => createUser({ email: `settings-${Date.now().toString(36)}-${++n}@example.com`, name: 'Sam Settings', avatarUrl: 'https://example.com/g.png' })

/** Field errors of a failed parse (none when it succeeded). */
function errorsOf(submission: { status?: string } & ({ error?: Record<string, string[] | null> | null } | object)) {
	return 'error' in submission ? (submission.error ?? undefined) : undefined
}

function form(values: Record<string, string>) {
	const fd = new FormData()
	for (const [k, v] of Object.entries(values)) fd.append(k, v)
	return fd
}

const valid = { timezone: 'Asia/Tokyo', defaultCountry: 'JP', birthdayLeadDays: '0', anniversaryLeadDays: '30', followUpDays: '1', noContactDays: '365', theme: 'DARK' }

// 1×1 transparent PNG.
const PNG = new Uint8Array(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'))

describe('preferences', () => {
	test('a valid form parses to numbers and an enum, and is stored', async () => {
		const submission = parseWithZod(form(valid), { schema: PreferencesSchema })
		expect(submission.status).toBe('success')
		if (submission.status !== 'success') return
		expect(submission.value).toEqual({ timezone: 'Asia/Tokyo', defaultCountry: 'JP', birthdayLeadDays: 0, anniversaryLeadDays: 30, followUpDays: 1, noContactDays: 365, morningTime: '09:00', theme: 'DARK' })
		const user = await newUser()
		await updatePreferences(user.id, submission.value)
		expect(await getSettings(user.id)).toMatchObject(submission.value)
	})

	test('an unknown time zone is refused beside the field', () => {
		for (const timezone of ['Mars/Olympus_Mons', 'not a zone', '']) {
			const submission = parseWithZod(form({ ...valid, timezone }), { schema: PreferencesSchema })
			expect(submission.status).toBe('error')
			expect(errorsOf(submission)?.timezone?.length).toBeGreaterThan(0)
		}
	})

	test.each([
		['birthdayLeadDays', '-1'],
		['birthdayLeadDays', '31'],
		['anniversaryLeadDays', '2.5'],
		['anniversaryLeadDays', 'two'],
		['followUpDays', '0'],
		['followUpDays', '366'],
		['noContactDays', '0'],
		['noContactDays', ''],
	])('%s = %j is out of bounds', (field, value) => {
		const submission = parseWithZod(form({ ...valid, [field]: value }), { schema: PreferencesSchema })
		expect(submission.status).toBe('error')
		expect(Object.keys(errorsOf(submission) ?? {})).toEqual([field])
	})

	test('an unknown theme is refused', () => {
		const submission = parseWithZod(form({ ...valid, theme: 'NEON' }), { schema: PreferencesSchema })
		expect(errorsOf(submission)?.theme).toBeTruthy()
	})

	test('the model refuses impossible values even without the form', async () => {
		const user = await newUser()
		await expect(updatePreferences(user.id, { timezone: 'Nowhere/Land', defaultCountry: 'US', birthdayLeadDays: 2, anniversaryLeadDays: 2, followUpDays: 7, noContactDays: 30, theme: 'LIGHT' })).rejects.toThrow()
		await expect(updatePreferences(user.id, { timezone: 'UTC', defaultCountry: 'US', birthdayLeadDays: 99, anniversaryLeadDays: 2, followUpDays: 7, noContactDays: 30, theme: 'LIGHT' })).rejects.toThrow()
		expect(await getSettings(user.id)).toMatchObject({ timezone: 'UTC', birthdayLeadDays: 2, theme: 'SYSTEM' })
	})
})

describe('notification toggles', () => {
	test('unchecked boxes are absent from the form and mean off', async () => {
		const submission = parseWithZod(form({ notifyPush: 'on' }), { schema: NotificationsSchema })
		expect(submission.status).toBe('success')
		if (submission.status !== 'success') return
		expect(submission.value).toEqual({ notifyPush: true, notifyEmail: false, notifyInApp: false })
		const user = await newUser()
		await updateNotificationPrefs(user.id, submission.value)
		expect(await getSettings(user.id)).toMatchObject({ notifyPush: true, notifyEmail: false, notifyInApp: false })
	})
})

describe('profile picture', () => {
	test('the real bytes decide the type, not the name or declared type', async () => {
		expect(await readAvatarUpload(new File([PNG], 'me.png', { type: 'image/png' }))).toMatchObject({ ok: true, contentType: 'image/png' })
		// A PNG called .jpg with a JPEG type is still stored as a PNG.
		expect(await readAvatarUpload(new File([PNG], 'me.jpg', { type: 'image/jpeg' }))).toMatchObject({ ok: true, contentType: 'image/png' })
		expect(await readAvatarUpload(new File(['just text'], 'x.png', { type: 'image/png' }))).toEqual({ ok: false, error: AVATAR_WRONG_TYPE })
		const pdf = new File([Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n')], 'x.png', { type: 'image/png' })
		expect(await readAvatarUpload(pdf)).toEqual({ ok: false, error: AVATAR_WRONG_TYPE })
		const big = new File([PNG, new Uint8Array(2 * 1024 * 1024)], 'big.png', { type: 'image/png' })
		expect(await readAvatarUpload(big)).toEqual({ ok: false, error: AVATAR_TOO_BIG })
	})

	test('the form refuses a missing file, a declared non-image and a big file', () => {
		const empty = new FormData()
		empty.append('intent', 'upload-avatar')
		empty.append('avatar', new File([], ''))
		expect(errorsOf(parseWithZod(empty, { schema: AvatarUploadSchema }))?.avatar).toEqual(['Choose an image to upload'])
		const text = new FormData()
		text.append('intent', 'upload-avatar')
		text.append('avatar', new File(['hi'], 'notes.txt', { type: 'text/plain' }))
		expect(errorsOf(parseWithZod(text, { schema: AvatarUploadSchema }))?.avatar).toEqual([AVATAR_WRONG_TYPE])
	})

	test('re-uploading replaces the image with a new id; removing falls back to Google, then to nothing', async () => {
		const user = await newUser()
		await setAvatarImage(user.id, { contentType: 'image/png', bytes: PNG })
		const first = await getSettings(user.id)
		expect(first.avatarSrc).toMatch(new RegExp(`^/avatars/${user.id}\\?v=`))
		await setAvatarImage(user.id, { contentType: 'image/png', bytes: PNG })
		const second = await getSettings(user.id)
		expect(second.avatarSrc).not.toBe(first.avatarSrc)
		expect(await prisma.userImage.count({ where: { userId: user.id } })).toBe(1)

		await removeAvatarImage(user.id)
		expect((await getSettings(user.id)).avatarSrc).toBe('https://example.com/g.png')

		await setAvatarImage(user.id, { contentType: 'image/png', bytes: PNG })
		await removeAllPictures(user.id)
		expect(await getSettings(user.id)).toMatchObject({ avatarSrc: null, hasImage: false, avatarUrl: null })
	})
})

test('a picture is visible to its owner and workspace co-members, not to strangers', async () => {
	const [owner, colleague, stranger] = [await newUser(), await newUser(), await newUser()]
	await setAvatarImage(owner.id, { contentType: 'image/png', bytes: PNG })
	const workspace = await prisma.membership.findFirstOrThrow({ where: { userId: owner.id } })
	await prisma.membership.create({ data: { userId: colleague.id, workspaceId: workspace.workspaceId, role: 'REP' } })
	expect(await getAvatarImage(owner.id, owner.id)).not.toBeNull()
	expect(await getAvatarImage(colleague.id, owner.id)).not.toBeNull()
	expect(await getAvatarImage(stranger.id, owner.id)).toBeNull()
})

describe('describeUserAgent', () => {
	test.each([
		['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36', 'Chrome on macOS'],
		['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36', 'Chrome on Linux'],
		['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0', 'Edge on Windows'],
		['Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1', 'Safari on iOS'],
		['Mozilla/5.0 (Android 14; Mobile; rv:127.0) Gecko/127.0 Firefox/127.0', 'Firefox on Android'],
		['Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0', 'Firefox on Linux'],
		[null, 'Unknown device'],
		['SomethingElse/1.0', 'Unknown device'],
	])('%s → %s', (ua, expected) => {
		expect(describeUserAgent(ua)).toBe(expected)
	})
})

// Profile: display name and profile picture (upload, Google picture, or none).
import { getFormProps, getInputProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import {
	data,
	type ActionFunctionArgs,
	type LoaderFunctionArgs,
	type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { ErrorList, Field, SubmitButton, useIsPending, useZodForm } from '#app/components/forms.tsx'
import { Avatar } from '#app/components/ui/avatar.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Card, CardBody, CardHeader } from '#app/components/ui/card.tsx'
import { getSettings, readAvatarUpload, removeAllPictures, removeAvatarImage, setAvatarImage, updateName } from '#app/models/settings.server.ts'
import { requireUserId } from '#app/utils/session.server.ts'
import { MaxPartSizeExceededError, readForm } from '#app/utils/form.server.ts'
import { AVATAR_MAX_BYTES, AVATAR_TOO_BIG, AVATAR_TYPES, AvatarUploadSchema, ProfileNameSchema } from '#app/validation/settings.ts'

export const meta: MetaFunction = () => [{ title: 'Profile · Settings · Rapport' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const userId = await requireUserId(request)
	const user = await getSettings(userId)
	return { name: user.name, email: user.email, avatarSrc: user.avatarSrc, hasImage: user.hasImage, hasGooglePicture: Boolean(user.avatarUrl) }
}


export async function action({ request }: ActionFunctionArgs) {
	const userId = await requireUserId(request)
	let formData: FormData
	try {
		// Multipart only for the picture form; the other forms post urlencoded.
		formData = await readForm(request, { maxPartSize: AVATAR_MAX_BYTES })
	} catch (error) {
		if (!(error instanceof MaxPartSizeExceededError)) throw error
		// The rest of the upload is unread, so answer for the picture field alone.
		const stub = new FormData()
		stub.set('intent', 'upload-avatar')
		const result = parseWithZod(stub, { schema: AvatarUploadSchema }).reply({ fieldErrors: { avatar: [AVATAR_TOO_BIG] } })
		return data({ form: 'avatar' as const, result }, { status: 400 })
	}

	switch (formData.get('intent')) {
		case 'name': {
			const submission = parseWithZod(formData, { schema: ProfileNameSchema })
			if (submission.status !== 'success') return data({ form: 'name' as const, result: submission.reply() }, { status: 400 })
			await updateName(userId, submission.value.name)
			return { form: 'name' as const, result: submission.reply() }
		}
		case 'upload-avatar': {
			const submission = parseWithZod(formData, { schema: AvatarUploadSchema })
			if (submission.status !== 'success') return data({ form: 'avatar' as const, result: submission.reply() }, { status: 400 })
			const upload = await readAvatarUpload(submission.value.avatar)
			if (!upload.ok) return data({ form: 'avatar' as const, result: submission.reply({ fieldErrors: { avatar: [upload.error] } }) }, { status: 400 })
			await setAvatarImage(userId, upload)
			return { form: 'avatar' as const, result: submission.reply({ resetForm: true }) }
		}
		case 'use-google':
			await removeAvatarImage(userId)
			return { form: 'picture' as const, result: undefined }
		case 'remove-picture':
			await removeAllPictures(userId)
			return { form: 'picture' as const, result: undefined }
		default:
			throw data('Unknown action', { status: 400 })
	}
}

export default function ProfileSettings() {
	const user = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const namePending = useIsPending({ intent: 'name' })
	const uploadPending = useIsPending({ intent: 'upload-avatar' })

	const [nameForm, nameFields] = useZodForm(ProfileNameSchema, { id: 'profile-name', lastResult: actionData?.form === 'name' ? actionData.result : undefined, defaultValue: { name: user.name } })
	const [avatarForm, avatarFields] = useZodForm(AvatarUploadSchema, { id: 'profile-avatar', lastResult: actionData?.form === 'avatar' ? actionData.result : undefined })
	const nameSaved = actionData?.form === 'name' && actionData.result?.status === 'success'
	const uploaded = actionData?.form === 'avatar' && actionData.result?.initialValue === null

	return (
		<div className="flex flex-col gap-6">
			<Card>
				<CardHeader title="Your name" description="Shown in the top bar and to people you work with." />
				<CardBody>
					<Form method="post" className="flex flex-col gap-4" {...getFormProps(nameForm)}>
						<input type="hidden" name="intent" value="name" />
						<Field
							label="Display name"
							className="max-w-sm"
							errors={nameFields.name.errors}
							inputProps={{ ...getInputProps(nameFields.name, { type: 'text' }), autoComplete: 'name' }}
						/>
						<p className="-mt-2 text-[13px] text-muted">Signed in as {user.email}.</p>
						<ErrorList id={nameForm.errorId} errors={nameForm.errors} />
						<div className="flex items-center gap-3">
							<SubmitButton pending={namePending}>Save name</SubmitButton>
							{nameSaved ? <Saved /> : null}
						</div>
					</Form>
				</CardBody>
			</Card>

			<Card>
				<CardHeader title="Profile picture" description="PNG, JPEG, WebP or GIF, up to 2 MB." />
				<CardBody className="flex flex-col gap-5 sm:flex-row sm:items-start">
					<Avatar name={user.name} src={user.avatarSrc} size="lg" className="h-20 w-20 text-xl" />
					<div className="flex min-w-0 flex-1 flex-col gap-4">
						<Form method="post" encType="multipart/form-data" className="flex flex-col gap-3" {...getFormProps(avatarForm)}>
							<input type="hidden" name="intent" value="upload-avatar" />
							<Field
								label="Upload a new picture"
								className="max-w-sm"
								errors={avatarFields.avatar.errors}
								inputProps={{
									...getInputProps(avatarFields.avatar, { type: 'file' }),
									accept: AVATAR_TYPES.join(','),
									className:
										'h-auto py-1.5 file:mr-3 file:rounded file:border-0 file:bg-subtle file:px-3 file:py-1 file:text-sm file:font-medium file:text-fg',
								}}
							/>
							<ErrorList id={avatarForm.errorId} errors={avatarForm.errors} />
							<div className="flex items-center gap-3">
								<SubmitButton pending={uploadPending} variant="secondary">
									Upload picture
								</SubmitButton>
								{uploaded ? <Saved text="Picture updated" /> : null}
							</div>
						</Form>
						{user.hasImage || user.avatarSrc ? (
							<Form method="post" className="flex flex-wrap gap-2 border-t border-border pt-4">
								{user.hasImage && user.hasGooglePicture ? (
									<Button type="submit" name="intent" value="use-google" variant="secondary" size="sm">
										Use my Google picture
									</Button>
								) : null}
								<Button type="submit" name="intent" value="remove-picture" variant="secondary" size="sm" className="text-danger-text">
									Remove picture
								</Button>
							</Form>
						) : null}
					</div>
				</CardBody>
			</Card>
		</div>
	)
}

function Saved({ text = 'Saved' }: { text?: string }) {
	return (
		<p role="status" className="text-sm text-success-text">
			{text}
		</p>
	)
}

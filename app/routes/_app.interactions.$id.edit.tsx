// Edit an interaction, or delete it (after a confirming second click). Either way
// the contact's "last contacted" is recomputed and the change is in the activity log.
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { ConfirmDelete } from '#app/components/confirm-delete.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { useIsPending } from '#app/components/forms.tsx'
import { InteractionForm } from '#app/components/interaction-form.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { deleteInteraction, getInteraction, interactionDefaults, updateInteraction } from '#app/models/interaction.server.ts'
import { requireEdit, requireMembership } from '#app/models/workspace.server.ts'
import { formatDateTime, utcToWallTime } from '#app/utils/time.ts'
import { FOLLOW_UP_TYPE_FOR, interactionSchema, MEDIUM_LABELS, safeReturnTo } from '#app/validation/interaction.ts'
import { notFound } from '#app/utils/misc.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Edit interaction${data?.withWhom ? ` with ${data.withWhom}` : ''} · Rapport` }]

async function load(request: Request, id: string) {
	const m = await requireMembership(request)
	const interaction = await getInteraction(m, id)
	if (!interaction) throw notFound()
	requireEdit(m, { ownerId: interaction.userId })
	return { m, interaction }
}

/** Back to where the Edit link was (a company's timeline), else the record it belongs to. */
function backTo(interaction: { contactId: string | null; companyId: string | null }, asked: unknown) {
	return safeReturnTo(asked) ?? (interaction.contactId ? `/contacts/${interaction.contactId}` : `/companies/${interaction.companyId}`)
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { m, interaction: i } = await load(request, params.id!)
	const defaults = await interactionDefaults(m)
	return {
		id: i.id,
		withWhom: i.contact?.displayName ?? i.company?.name ?? '',
		summary: `${MEDIUM_LABELS[i.medium]} on ${formatDateTime(i.occurredAt, defaults.timezone)}${i.user ? `, logged by ${i.user.name}` : ''}`,
		returnTo: backTo(i, new URL(request.url).searchParams.get('returnTo')),
		timezone: defaults.timezone,
		followUpDays: defaults.followUpDays,
		defaultValue: {
			medium: i.medium,
			occurredAt: utcToWallTime(i.occurredAt, defaults.timezone),
			subject: i.subject ?? '',
			notes: i.notes ?? '',
			outcome: i.outcome ?? '',
			durationMinutes: i.durationMinutes == null ? '' : String(i.durationMinutes),
			nextSteps: i.nextSteps ?? '',
			followUpDueAt: defaults.followUpDueAt,
			followUpType: FOLLOW_UP_TYPE_FOR[i.medium],
		},
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { m, interaction } = await load(request, params.id!)
	const formData = await readForm(request)
	const back = backTo(interaction, formData.get('returnTo'))
	if (formData.get('intent') === 'delete') {
		await deleteInteraction(m, interaction.id)
		return redirect(`${back}?interaction=deleted#timeline`)
	}
	const submission = parseWithZod(formData, { schema: interactionSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const result = await updateInteraction(m, interaction.id, submission.value)
	if (!result.ok) return data({ result: submission.reply({ fieldErrors: result.fieldErrors }) }, { status: 400 })
	return redirect(`${back}?interaction=saved#timeline`)
}

export default function EditInteraction() {
	const loaded = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const deleting = useIsPending({ intent: 'delete' })
	return (
		<div className="mx-auto max-w-3xl">
			<PageHeader title="Edit interaction" subtitle={loaded.summary} back={{ to: loaded.returnTo, label: loaded.withWhom }} />
			<InteractionForm
				formId={`interaction-${loaded.id}`}
				target={{ contact: null, company: null }}
				timezone={loaded.timezone}
				followUpDays={loaded.followUpDays}
				defaultValue={loaded.defaultValue}
				lastResult={actionData?.result}
				returnTo={loaded.returnTo}
				submitLabel="Save changes"
				cancelTo={loaded.returnTo}
			/>
			<ConfirmDelete summary="Delete this interaction" confirmLabel="Yes, delete it" hiddenFields={{ returnTo: loaded.returnTo }} pending={deleting} className="mt-8">
				It leaves the timeline and “last contacted” goes back to the interaction before it. The activity log keeps a copy.
			</ConfirmDelete>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

// Development only: the emails the app would have sent, newest first.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { Card } from '#app/components/ui/card.tsx'
import { Input, Label } from '#app/components/ui/input.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { readOutbox } from '#app/services/email.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { formatDateTime } from '#app/utils/time.ts'
import { notFound } from '#app/utils/misc.ts'

export const meta: MetaFunction = () => [{ title: 'Dev outbox · Rapport' }]

export async function loader({ request }: LoaderFunctionArgs) {
	if (getEnv().NODE_ENV === 'production') throw notFound()
	const to = new URL(request.url).searchParams.get('to') ?? undefined
	return { to: to ?? '', messages: await readOutbox({ to }), postmark: Boolean(getEnv().POSTMARK_SERVER_TOKEN) }
}

export default function DevOutbox() {
	const { to, messages, postmark } = useLoaderData<typeof loader>()
	return (
		<main className="mx-auto max-w-3xl px-4 py-8">
			<h1 className="text-2xl font-semibold tracking-tight">Dev outbox</h1>
			<p className="mt-1 text-sm text-muted">
				{postmark
					? 'Postmark is configured, so new emails go out for real and are not listed here.'
					: 'No POSTMARK_SERVER_TOKEN is set, so emails are kept here instead of being sent. Development only.'}
			</p>
			<Form method="get" className="mt-6 flex items-end gap-2">
				<div className="flex-1">
					<Label htmlFor="to">Recipient</Label>
					<Input id="to" name="to" type="email" defaultValue={to} placeholder="Filter by recipient" className="mt-1.5" />
				</div>
				<Button type="submit" variant="secondary">
					Filter
				</Button>
			</Form>
			<div className="mt-6 flex flex-col gap-4">
				{messages.length === 0 ? <p className="text-sm text-muted">No emails yet.</p> : null}
				{messages.map((m) => (
					<Card key={m.id} className="p-5">
						<article aria-label={m.subject}>
							<header className="mb-3 border-b border-border pb-3 text-sm">
								<h2 className="font-semibold">{m.subject}</h2>
								<p className="text-muted">
									To {m.to} · {formatDateTime(m.sentAt, 'UTC')} UTC
								</p>
							</header>
							<EmailText text={m.text} />
						</article>
					</Card>
				))}
			</div>
		</main>
	)
}

/** The plain-text part, with URLs turned into links. */
function EmailText({ text }: { text: string }) {
	const parts = text.split(/(https?:\/\/\S+)/g)
	return (
		<p className="text-sm whitespace-pre-wrap">
			{parts.map((part, i) =>
				/^https?:\/\//.test(part) ? (
					<a key={i} href={part} className="break-all text-link underline">
						{part}
					</a>
				) : (
					part
				),
			)}
		</p>
	)
}

// Shown above a contact form (or an import row) when the contact looks like one
// that already exists. Render it inside the <Form>: its "Save anyway" is a submit
// button named confirmDuplicate (value 1), so it works without JavaScript and the
// action can skip the check on the second submit.
import { Link } from '@remix-run/react'
import { Alert } from './ui/alert.tsx'
import { buttonClass } from './ui/button.tsx'
import { Icon } from './ui/icon.tsx'

export type DuplicateWarningMatch = { id: string; displayName: string; reason: string; detail?: string | null; companyName?: string | null }

const WHY: Record<string, { prefix: string; bare: string }> = {
	email: { prefix: 'same email', bare: 'same email' },
	phone: { prefix: 'same phone', bare: 'same phone' },
	name: { prefix: 'similar name at', bare: 'similar name at the same company' },
}

export function DuplicateWarning({
	matches,
	confirm = 'button',
	confirmLabel = 'Save anyway',
	className,
}: {
	matches: DuplicateWarningMatch[]
	/** 'button': a submit button; 'checkbox': a box the form's own submit sends; 'none': links only. */
	confirm?: 'button' | 'checkbox' | 'none'
	confirmLabel?: string
	className?: string
}) {
	if (!matches.length) return null
	const one = matches.length === 1
	return (
		<Alert tone="warning" className={className}>
			<div className="flex gap-3">
				<Icon name="alert" className="mt-0.5 h-5 w-5 shrink-0" />
				<div className="flex min-w-0 flex-col gap-2">
					<p className="font-semibold">{one ? 'This may be someone you already have' : 'This may be one of these people you already have'}</p>
					<ul className="flex flex-col gap-1">
						{matches.map((match) => (
							<li key={`${match.id}-${match.reason}`} className="min-w-0 break-words">
								<Link to={`/contacts/${match.id}`} target="_blank" rel="noopener" className="font-medium underline underline-offset-2 hover:no-underline">
									{match.displayName}
									<span className="sr-only"> (opens in a new tab)</span>
								</Link>
								<span className="opacity-90">
									{' · '}
									{match.detail ? (
										<>
											{WHY[match.reason]?.prefix ?? match.reason} <span className={match.reason === 'phone' ? 'whitespace-nowrap' : undefined}>{match.detail}</span>
										</>
									) : (
										(WHY[match.reason]?.bare ?? match.reason)
									)}
								</span>
							</li>
						))}
					</ul>
					<p className="opacity-90">
						{one ? 'Open it to check, or' : 'Open them to check, or'} save this contact anyway if it is a different person. You can merge duplicates later from{' '}
						<Link to="/contacts/duplicates" className="underline underline-offset-2 hover:no-underline">
							Duplicates
						</Link>
						.
					</p>
					{confirm === 'button' ? (
						<div>
							<button type="submit" name="confirmDuplicate" value="1" className={buttonClass({ variant: 'secondary', size: 'sm' })}>
								{confirmLabel}
							</button>
						</div>
					) : confirm === 'checkbox' ? (
						<label className="flex items-center gap-2 font-medium">
							<input type="checkbox" name="confirmDuplicate" value="1" className="h-4 w-4 rounded border-border accent-accent" />
							It is a different person: save it anyway
						</label>
					) : null}
				</div>
			</div>
		</Alert>
	)
}

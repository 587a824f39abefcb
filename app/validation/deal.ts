// Deals and the pipeline: the default stages every workspace starts with, the
// forms' schemas and the list's URL parameters. Shared by routes, models and seeds.
import { z } from 'zod'
import { listParams, parseListQuery } from './list-query.ts'

export const STAGE_OUTCOMES = ['OPEN', 'WON', 'LOST'] as const
export type StageOutcome = (typeof STAGE_OUTCOMES)[number]
export const STAGE_OUTCOME_LABELS: Record<StageOutcome, string> = { OPEN: 'Open', WON: 'Won', LOST: 'Lost' }

/** The pipeline a new workspace gets (the `key` is only for seeds and the enum migration). */
export const DEFAULT_STAGES = [
	{ key: 'PROSPECTING', name: 'Prospecting', probability: 10, outcome: 'OPEN' },
	{ key: 'QUALIFICATION', name: 'Qualification', probability: 25, outcome: 'OPEN' },
	{ key: 'PROPOSAL', name: 'Proposal', probability: 50, outcome: 'OPEN' },
	{ key: 'NEGOTIATION', name: 'Negotiation', probability: 75, outcome: 'OPEN' },
	{ key: 'CLOSED_WON', name: 'Closed won', probability: 100, outcome: 'WON' },
	{ key: 'CLOSED_LOST', name: 'Closed lost', probability: 0, outcome: 'LOST' },
] as const satisfies ReadonlyArray<{ key: string; name: string; probability: number; outcome: StageOutcome }>
export type DefaultStageKey = (typeof DEFAULT_STAGES)[number]['key']

export const CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'CHF', 'JPY', 'INR', 'BRL', 'MXN', 'SEK', 'NOK', 'DKK', 'NZD', 'SGD', 'ZAR'] as const

// Intl formatters are slow to build (a board renders hundreds of amounts): one per shape.
const formatters = new Map<string, Intl.NumberFormat>()
function numberFormat(currency: string, opts: Intl.NumberFormatOptions = {}) {
	const key = `${currency}|${JSON.stringify(opts)}`
	let f = formatters.get(key)
	if (!f) formatters.set(key, (f = new Intl.NumberFormat('en', { style: 'currency', currency, ...opts })))
	return f
}

/** Digits in a currency's minor unit (JPY has none). */
export function minorDigits(currency: string) {
	return numberFormat(currency).resolvedOptions().maximumFractionDigits ?? 2
}

const dayFormat = new Intl.DateTimeFormat('en', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' })
/** A date-only value (stored at UTC midnight): "Mar 15, 2027". */
export function formatDay(value: string | Date) {
	return dayFormat.format(new Date(value))
}

/** "12,500.50" → 1250050 (minor units); null when it is not an amount. */
export function parseAmount(text: string, currency = 'USD'): number | null {
	const cleaned = text.replace(/[\s,_]/g, '').replace(/^[^\d.-]+/, '')
	if (!/^\d+(\.\d+)?$/.test(cleaned)) return null
	const digits = minorDigits(currency)
	const [whole, frac = ''] = cleaned.split('.')
	if (frac.length > digits) return null
	const cents = Number(whole) * 10 ** digits + Number((frac + '0'.repeat(digits)).slice(0, digits) || 0)
	return Number.isSafeInteger(cents) ? cents : null
}

/** Minor units as a plain amount for an input ("12500.5" for 1250050 USD). */
export function amountInput(cents: number, currency = 'USD') {
	const digits = minorDigits(currency)
	return (cents / 10 ** digits).toFixed(digits).replace(/\.?0+$/, '')
}

const COMPACT_SCALES: Array<[number, string]> = [
	[1e12, 'T'],
	[1e9, 'B'],
	[1e6, 'M'],
	[1e3, 'K'],
]

/**
 * "$12,500" (no fraction when it is whole); compact: "$12.5K", "€3M". Compact is built
 * here rather than with Intl's compact notation, which Node's and the browser's ICU
 * versions write differently ("€24.0K" / "€24K"), so a page would not hydrate as rendered.
 */
export function formatMoney(cents: number, currency = 'USD', opts: { compact?: boolean } = {}) {
	const digits = minorDigits(currency)
	const amount = cents / 10 ** digits
	if (opts.compact) {
		const [scale, suffix] = COMPACT_SCALES.find(([s]) => Math.abs(amount) >= s) ?? [1, '']
		const parts = numberFormat(currency, { maximumFractionDigits: scale === 1 ? 0 : 1, minimumFractionDigits: 0 }).formatToParts(amount / scale)
		const last = parts.findLastIndex((p) => p.type === 'integer' || p.type === 'fraction')
		return parts.map((p, i) => (i === last ? p.value + suffix : p.value)).join('')
	}
	return numberFormat(currency, {
		maximumFractionDigits: Number.isInteger(amount) ? 0 : digits,
		minimumFractionDigits: Number.isInteger(amount) ? 0 : digits,
	}).format(amount)
}

/** Totals per currency joined: "$12,500 · €3,000". */
export function formatTotals(totals: Array<{ currency: string; cents: number }>, opts: { compact?: boolean } = {}) {
	if (!totals.length) return formatMoney(0, 'USD', opts)
	return totals.map((t) => formatMoney(t.cents, t.currency, opts)).join(' · ')
}

const text = (max: number) =>
	z
		.string()
		.trim()
		.max(max, `Use at most ${max} characters`)
		.optional()
		.transform((v) => v || null)

const dateOnly = z
	.string()
	.trim()
	.optional()
	.refine((v) => !v || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))), 'Enter a date')
	.transform((v) => (v ? new Date(`${v}T00:00:00Z`) : null))

const AMOUNT_MESSAGE = 'Enter an amount, like 12500 or 12,500.50'

export const dealFormSchema = z
	.object({
		name: z.string({ required_error: 'Name the deal' }).trim().min(1, 'Name the deal').max(200, 'Use at most 200 characters'),
		value: z
			.string()
			.trim()
			.max(30, 'That amount is too long')
			.refine((v) => parseAmount(v, 'USD') !== null || parseAmount(v, 'JPY') !== null, AMOUNT_MESSAGE)
			.optional(),
		currency: z.enum(CURRENCIES, { errorMap: () => ({ message: 'Choose a currency' }) }).default('USD'),
		stageId: z.string({ required_error: 'Choose a stage' }).min(1, 'Choose a stage'),
		probability: z.coerce
			.number({ invalid_type_error: 'Enter a percentage from 0 to 100' })
			.int('Use a whole number')
			.min(0, 'Enter a percentage from 0 to 100')
			.max(100, 'Enter a percentage from 0 to 100')
			.optional(),
		expectedCloseAt: dateOnly,
		companyId: text(40),
		contactId: text(40),
		ownerId: text(40),
		closeReason: text(500),
		notes: text(20_000),
	})
	.superRefine((v, ctx) => {
		// Cents only where the currency has them.
		if (v.value && parseAmount(v.value, v.currency) === null) ctx.addIssue({ code: 'custom', path: ['value'], message: AMOUNT_MESSAGE })
	})
	.transform(({ value, ...v }) => ({ ...v, valueCents: value ? parseAmount(value, v.currency)! : 0, probability: v.probability ?? null }))
export type DealInput = z.output<typeof dealFormSchema>

export const closeDealSchema = z.object({
	outcome: z.enum(['WON', 'LOST']),
	reason: text(500),
})

export const stageFormSchema = z.object({
	name: z.string({ required_error: 'Name the stage' }).trim().min(1, 'Name the stage').max(60, 'Use at most 60 characters'),
	probability: z.coerce
		.number({ required_error: 'Enter a percentage', invalid_type_error: 'Enter a percentage from 0 to 100' })
		.int('Use a whole number')
		.min(0, 'Enter a percentage from 0 to 100')
		.max(100, 'Enter a percentage from 0 to 100'),
	outcome: z.enum(STAGE_OUTCOMES).default('OPEN'),
})
export type StageInput = z.output<typeof stageFormSchema>

// ───────────────────────── the board and the list's URL ─────────────────────────

/** Cards shown per board column; the rest are a link to the list filtered by stage. */
export const BOARD_COLUMN_LIMIT = 15
export const DEAL_SORTS = ['position', 'name', 'value', 'close', 'probability', 'created'] as const
export type DealSort = (typeof DEAL_SORTS)[number]
export const DEAL_SORT_LABELS: Record<DealSort, string> = {
	position: 'Pipeline order',
	name: 'Name',
	value: 'Value',
	close: 'Expected close',
	probability: 'Probability',
	created: 'Created',
}
export const DEAL_PAGE_SIZES = [25, 50, 100] as const

const optionalText = z
	.string()
	.trim()
	.max(200)
	.optional()
	.transform((v) => v || undefined)
const optionalAmount = z
	.string()
	.optional()
	.transform((v) => (v ? (parseAmount(v) ?? undefined) : undefined))
const optionalDate = z
	.string()
	.optional()
	.transform((v) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) ? v : undefined))

const DealListQuerySchema = z.object({
	stage: optionalText.catch(undefined),
	owner: optionalText.catch(undefined),
	company: optionalText.catch(undefined),
	min: optionalAmount.catch(undefined),
	max: optionalAmount.catch(undefined),
	closeFrom: optionalDate.catch(undefined),
	closeTo: optionalDate.catch(undefined),
	...listParams(DEAL_SORTS, DEAL_PAGE_SIZES),
})
export type DealListQuery = z.output<typeof DealListQuerySchema>

/** Never throws: an unknown or malformed parameter is ignored. */
export function parseDealListQuery(params: URLSearchParams): DealListQuery {
	return parseListQuery(DealListQuerySchema, params)
}

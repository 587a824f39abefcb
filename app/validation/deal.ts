// Deals and the pipeline: the default stages every workspace starts with, the
// forms' schemas and the list's URL parameters. Shared by routes, models and seeds.
import { z } from 'zod'

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

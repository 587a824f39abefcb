// A workspace's pipeline stages: the defaults it is created with, and (see deal.server.ts)
// renaming, reordering, adding and removing them.
import { DEFAULT_STAGES } from '#app/validation/deal.ts'

/** Rows for a new workspace's pipeline, for a nested `pipelineStages: { create }`. */
export function defaultStageRows() {
	return DEFAULT_STAGES.map((s, position) => ({ name: s.name, position, probability: s.probability, outcome: s.outcome }))
}

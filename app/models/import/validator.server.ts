// Validates imported rows in a worker thread (validate.worker.ts) while the main
// thread writes the previous chunk; in this thread when no worker can start. The
// rules are validateRow's either way, so the outcome never depends on it.
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { validateRow, type InvalidRow, type RowContext, type RowRecord, type ValidRow } from './rows.ts'

const requireHere = createRequire(import.meta.url)

/** Files this big validate on a second core (validate.worker.ts); smaller ones don't wait for a worker to start. */
export const WORKER_MIN_ROWS = 5000

/**
 * Validates chunks of rows, in a worker thread when one can start (the server
 * runs under tsx, so the worker loads the same TypeScript), else in this thread.
 * Either way the rules are validateRow's, so the outcome is the same.
 */
export class RowValidator {
	private worker: Worker | null = null
	private waiting = new Map<number, { resolve: (rows: Array<ValidRow | InvalidRow>) => void; reject: (error: unknown) => void }>()
	private nextId = 0

	constructor(
		private readonly ctx: RowContext,
		useWorker: boolean,
	) {
		const file = useWorker ? workerFile() : null
		if (!file) return
		try {
			// tsx's loader flags don't reach worker threads: the worker registers tsx itself.
			const tsx = pathToFileURL(requireHere.resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href
			const boot = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(pathToFileURL(file).href)})`
			this.worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), { workerData: ctx })
			this.worker.unref()
			this.worker.on('message', ({ id, rows }: { id: number; rows: Array<ValidRow | InvalidRow> }) => {
				this.waiting.get(id)?.resolve(rows)
				this.waiting.delete(id)
			})
			this.worker.on('error', (error) => this.fail(error))
			this.worker.on('exit', () => this.fail(new Error('The validation worker stopped')))
		} catch (error) {
			console.warn('Import validation runs without a worker:', error instanceof Error ? error.message : error)
		}
	}

	private fail(error: unknown) {
		if (this.worker) console.warn('Import validation continues without a worker:', error instanceof Error ? error.message : error)
		this.worker = null
		for (const w of this.waiting.values()) w.reject(error)
		this.waiting.clear()
	}

	get usesWorker() {
		return this.worker !== null
	}

	async validate(records: RowRecord[]): Promise<Array<ValidRow | InvalidRow>> {
		const worker = this.worker
		if (worker) {
			try {
				return await new Promise((resolve, reject) => {
					const id = this.nextId++
					this.waiting.set(id, { resolve, reject })
					worker.postMessage({ id, records })
				})
			} catch {
				// Fall through: the same rules, in this thread.
			}
		}
		return records.map((record) => validateRow(record, this.ctx))
	}

	close() {
		const worker = this.worker
		this.worker = null
		void worker?.terminate()
	}
}

function workerFile() {
	// Next to this module in development and tests; in a production build this module
	// is bundled elsewhere, so also look in the source tree the server runs from.
	const candidates = [path.join(path.dirname(fileURLToPath(import.meta.url)), 'validate.worker.ts'), path.resolve('app/models/import/validate.worker.ts')]
	return candidates.find((file) => existsSync(file)) ?? null
}

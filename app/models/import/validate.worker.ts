// Runs validateRow on a second core while the main thread writes the previous
// chunk: validation (Zod) is half the work of a large import. Loaded as TypeScript
// through tsx, like the server itself; see RowValidator in import.server.ts.
import { parentPort, workerData } from 'node:worker_threads'
import { validateRow, type RowContext, type RowRecord } from './rows.ts'

const ctx = workerData as RowContext
parentPort!.on('message', ({ id, records }: { id: number; records: RowRecord[] }) => {
	parentPort!.postMessage({ id, rows: records.map((record) => validateRow(record, ctx)) })
})

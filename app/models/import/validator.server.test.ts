import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { applyMapping, autoMapping, detectSource, readCsv } from './csv.server.ts'
import type { RowRecord } from './rows.ts'
import { RowValidator } from './validator.server.ts'
import { readVcards } from './vcard.server.ts'

function records(): RowRecord[] {
	const csv = readCsv(fs.readFileSync('tests/fixtures/google-contacts.csv', 'utf8'))
	const mapping = autoMapping(csv.headers, detectSource(csv.headers))
	const fromCsv = csv.rows.map((r) => ({ line: r.line, raw: applyMapping(r.cells, mapping) }))
	const fromVcf = readVcards(fs.readFileSync('tests/fixtures/apple-contacts.vcf', 'utf8'))
	return [...fromCsv, ...fromVcf, { line: 99, error: 'this card has no END:VCARD, so it was left out' }]
}

describe('the validation worker', () => {
	it('gives exactly what validating in this thread gives, photos included', async () => {
		const ctx = { defaultCountry: 'US', customFields: [] }
		const worker = new RowValidator(ctx, true)
		const local = new RowValidator(ctx, false)
		try {
			expect(worker.usesWorker).toBe(true)
			expect(local.usesWorker).toBe(false)
			const input = records()
			const [a, b] = await Promise.all([worker.validate(input), local.validate(input)])
			expect(a).toEqual(b)
			// Google's nameless company row and the card without END:VCARD; bad values elsewhere are warnings.
			expect(a.filter((r) => 'error' in r)).toHaveLength(2)
			expect(a.flatMap((r) => ('warnings' in r ? r.warnings : []))).toHaveLength(3)
			expect(a.some((r) => 'photo' in r && r.photo instanceof Uint8Array)).toBe(true)
		} finally {
			worker.close()
			local.close()
		}
	})
})

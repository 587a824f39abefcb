import { describe, expect, test } from 'vitest'
import { requestMemo, withRequestMemo } from './request-memo.server.ts'

describe('requestMemo', () => {
	test('within one GET, every loader gets the first answer; the next request asks again', async () => {
		let calls = 0
		const load = () => requestMemo('user:1', async () => ++calls)
		const first = await withRequestMemo('GET', () => Promise.all([load(), load(), load()]))
		expect(first).toEqual([1, 1, 1])
		expect(await withRequestMemo('GET', load)).toBe(2)
	})

	test('a POST is not memoised: loaders after an action see what it changed', async () => {
		let value = 'before'
		const read = () => requestMemo('theme', async () => value)
		const seen = await withRequestMemo('POST', async () => {
			const a = await read()
			value = 'after'
			return [a, await read()]
		})
		expect(seen).toEqual(['before', 'after'])
	})

	test('outside a request (jobs, scripts) nothing is kept', async () => {
		let calls = 0
		requestMemo('k', () => ++calls)
		requestMemo('k', () => ++calls)
		expect(calls).toBe(2)
	})
})

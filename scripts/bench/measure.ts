// Sequential HTTP timing: one request at a time, so each figure is the server's own
// time for that page (plus a loopback round trip), not queueing behind others.
import http from 'node:http'

export type Sample = { ms: number; status: number; serverTiming: Record<string, number>; label: string }

export type Scenario = {
	name: string
	/** Which budget it counts against, if any. */
	budget?: Budget
	/** The i-th request's path; varying it keeps caches honest. */
	path: (i: number) => string
	/** Shown beside the name, e.g. the queries it rotates through. */
	note?: string
	/** Why it was not run. */
	skip?: string
	/** Groups samples for the per-variant breakdown (e.g. the search text). */
	label?: (i: number) => string
}

export type Budget = { name: string; p95: number }
export type Result = { scenario: Scenario; samples: Sample[] }

/** Parses `Server-Timing: db;dur=12.3, render;dur=4.1` into { db: 12.3, render: 4.1 }. */
export function parseServerTiming(header: string | null) {
	const out: Record<string, number> = {}
	if (!header) return out
	for (const part of header.split(',')) {
		const [name, ...params] = part.trim().split(';')
		const dur = params.map((p) => p.trim()).find((p) => p.startsWith('dur='))
		if (name && dur) out[name.trim()] = (out[name.trim()] ?? 0) + Number(dur.slice(4))
	}
	return out
}

// What Chromium sends: the server picks brotli, as it would for a user.
const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br, zstd'
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })

/**
 * Server time = until the last byte of the body has arrived over loopback, as sent
 * (compressed). The body is not decompressed: that is the browser's time, and
 * undici's decoder alone adds ~5 ms to a 300 KB page.
 */
export function timeRequest(base: string, path: string, cookie: string) {
	const started = performance.now()
	return new Promise<{ ms: number; status: number; serverTiming: Record<string, number> }>((resolve, reject) => {
		const req = http.get(base + path, { agent, headers: { Cookie: cookie, 'Accept-Encoding': BROWSER_ACCEPT_ENCODING } }, (res) => {
			res.on('data', () => {})
			res.on('end', () => {
				const header = res.headers['server-timing']
				resolve({ ms: performance.now() - started, status: res.statusCode ?? 0, serverTiming: parseServerTiming(Array.isArray(header) ? header.join(',') : header ?? null) })
			})
			res.on('error', reject)
		})
		req.on('error', reject)
	})
}

export async function runScenario(base: string, cookie: string, scenario: Scenario, opts: { requests: number; warmup: number }): Promise<Result> {
	for (let i = 0; i < opts.warmup; i++) await timeRequest(base, scenario.path(i), cookie)
	const samples: Sample[] = []
	for (let i = 0; i < opts.requests; i++) {
		const s = await timeRequest(base, scenario.path(opts.warmup + i), cookie)
		samples.push({ ...s, label: scenario.label?.(opts.warmup + i) ?? '' })
	}
	return { scenario, samples }
}

/** Nearest-rank percentile. */
export function percentile(values: number[], p: number) {
	if (!values.length) return Number.NaN
	const sorted = [...values].sort((a, b) => a - b)
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

export function summarize(samples: Sample[]) {
	const ms = samples.map((s) => s.ms)
	const failed = samples.filter((s) => s.status !== 200)
	const timingNames = [...new Set(samples.flatMap((s) => Object.keys(s.serverTiming)))]
	return {
		n: samples.length,
		p50: percentile(ms, 50),
		p95: percentile(ms, 95),
		max: Math.max(...ms),
		errors: failed.length,
		statuses: [...new Set(failed.map((s) => s.status))],
		serverTiming: Object.fromEntries(
			timingNames.map((name) => {
				const values = samples.map((s) => s.serverTiming[name]).filter((v): v is number => v !== undefined)
				return [name, { p50: percentile(values, 50), p95: percentile(values, 95) }]
			}),
		),
	}
}

const fmt = (ms: number) => (Number.isFinite(ms) ? ms.toFixed(1) : '-')

export function formatTable(results: Result[]) {
	const header = ['scenario', 'n', 'p50 ms', 'p95 ms', 'max ms', 'budget p95', 'verdict', 'Server-Timing p50/p95']
	const rows = results.map(({ scenario, samples }) => {
		if (scenario.skip) return [scenario.name, '-', '-', '-', '-', scenario.budget ? `< ${scenario.budget.p95}` : '', 'SKIPPED', scenario.skip]
		const s = summarize(samples)
		const timing = Object.entries(s.serverTiming)
			.map(([k, v]) => `${k} ${fmt(v.p50)}/${fmt(v.p95)}`)
			.join(', ')
		const verdict = s.errors ? `ERROR ${s.errors}x ${s.statuses.join('/')}` : scenario.budget ? (s.p95 < scenario.budget.p95 ? 'ok' : 'OVER') : ''
		return [scenario.name, String(s.n), fmt(s.p50), fmt(s.p95), fmt(s.max), scenario.budget ? `< ${scenario.budget.p95}` : '', verdict, timing || '(none sent)']
	})
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
	const line = (cells: string[]) => cells.map((c, i) => (i >= 1 && i <= 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ')
	return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}

/** Median per variant (e.g. per search text), slowest first. */
export function formatBreakdown(result: Result, limit = 20) {
	const groups = new Map<string, Sample[]>()
	for (const s of result.samples) groups.set(s.label, [...(groups.get(s.label) ?? []), s])
	return [...groups]
		.map(([label, samples]) => {
			const ms = samples.map((s) => s.ms)
			const failed = samples.filter((s) => s.status !== 200)
			return { label, p50: percentile(ms, 50), max: Math.max(...ms), n: ms.length, failed: failed.length ? `  ${failed.length} failed (HTTP ${[...new Set(failed.map((s) => s.status))].join('/')})` : '' }
		})
		.sort((a, b) => b.p50 - a.p50)
		.slice(0, limit)
		.map((g) => `    ${g.label.padEnd(34)} p50 ${fmt(g.p50).padStart(7)} ms   max ${fmt(g.max).padStart(7)} ms   (${g.n})${g.failed}`)
		.join('\n')
}

export type Verdict = { budget: Budget; pass: boolean; worst?: { name: string; p95: number }; skipped: string[]; errors: string[] }

export function verdicts(results: Result[], budgets: Budget[]): Verdict[] {
	return budgets.map((budget) => {
		const mine = results.filter((r) => r.scenario.budget === budget)
		const ran = mine.filter((r) => !r.scenario.skip)
		const errors = ran.filter((r) => summarize(r.samples).errors).map((r) => r.scenario.name)
		const worst = ran
			.map((r) => ({ name: r.scenario.name, p95: summarize(r.samples).p95 }))
			.sort((a, b) => b.p95 - a.p95)[0]
		return {
			budget,
			pass: ran.length > 0 && !errors.length && worst !== undefined && worst.p95 < budget.p95,
			worst,
			skipped: mine.filter((r) => r.scenario.skip).map((r) => r.scenario.name),
			errors,
		}
	})
}

import { ensureBenchDatabase, scaled } from './seed.ts'
const t = performance.now()
const r = ensureBenchDatabase(process.argv[2]!, scaled(Number(process.argv[3] ?? 1)), { reseed: process.argv.includes('--reseed') })
console.log(r.reused, r.meta.counts, r.notes, Math.round(performance.now() - t))

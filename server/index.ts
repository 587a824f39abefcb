import 'dotenv/config'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import express from 'express'
import { getEnv } from '../app/utils/env.server.ts'
import { withRequestMemo } from '../app/utils/request-memo.server.ts'
import { createApp } from './app.ts'
import { maybeStartInngestDev } from './inngest-dev.ts'

let env = getEnv()
const mode = env.NODE_ENV

// Development: the Inngest dev server when its CLI is installed (never required).
if (mode === 'development' && !env.INNGEST_DEV && !env.INNGEST_EVENT_KEY && env.REMINDERS_IN_PROCESS !== 'on') {
	if (maybeStartInngestDev(env.APP_URL)) {
		process.env.INNGEST_DEV = '1'
		globalThis.__rapportEnv = undefined
		env = getEnv()
	}
}

const app = createApp({
	mode,
	accountRateLimit: env.RATE_LIMIT_ACCOUNT_MAX,
	trustProxy: env.TRUST_PROXY || Boolean(env.LITEFS_DIR),
	formActionOrigins: [new URL(env.GOOGLE_AUTH_URL).origin],
})

let build: ServerBuild | (() => Promise<ServerBuild>)
if (mode === 'development') {
	const vite = await import('vite').then((v) => v.createServer({ server: { middlewareMode: true } }))
	app.use(vite.middlewares)
	build = () => vite.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>
} else {
	app.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y' }))
	app.use(express.static('build/client', { maxAge: '1h' }))
	// A variable path keeps TypeScript from type-checking the generated bundle.
	const serverBuild = '../build/server/index.js'
	build = (await import(serverBuild)) as ServerBuild
}

const remix = createRequestHandler({
	build,
	mode,
	getLoadContext: (req, res) => ({
		cspNonce: res.locals.cspNonce as string,
		rateLimited: Boolean(res.locals.rateLimited),
		clientIp: req.ip ?? null,
	}),
})
app.all('*', (req, res, next) => withRequestMemo(req.method, () => remix(req, res, next)))

app.listen(env.PORT, () => {
	console.log(`Rapport is running at ${env.APP_URL} (${mode})`)
})

// Reminders without a job runner: fire them from this process (docs/reminders.md).
const inngestConfigured = Boolean(env.INNGEST_DEV && !['0', 'false'].includes(env.INNGEST_DEV)) || Boolean(env.INNGEST_EVENT_KEY)
if (env.REMINDERS_IN_PROCESS === 'on' || (env.REMINDERS_IN_PROCESS === 'auto' && !inngestConfigured)) {
	const { startLocalScheduler } = await import('../app/jobs/local-runner.server.ts')
	startLocalScheduler()
	console.log('Reminders: dispatching in this process every minute (no Inngest configured)')
}

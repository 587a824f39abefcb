import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { requireMembership } from '#app/models/workspace.server.ts'
import { prisma } from '#app/utils/db.server.ts'

export const meta: MetaFunction = () => [{ title: 'Dashboard · Rapport' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const { userId } = await requireMembership(request)
	const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true } })
	return { name: user.name }
}

export default function Dashboard() {
	const { name } = useLoaderData<typeof loader>()
	return (
		<div>
			<h1 className="text-2xl font-semibold tracking-tight">Good to see you, {name.split(' ')[0]}</h1>
		</div>
	)
}

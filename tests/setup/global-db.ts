import { buildMigratedDatabase, TEMPLATE_DB } from './db-template.ts'

export default function setup() {
	buildMigratedDatabase(TEMPLATE_DB)
}

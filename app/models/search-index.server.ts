// The full-text rows of companies, deals, interactions and tags, in SQL: one
// definition that generates the triggers of migration 20261122020000_global_search
// (which keep the rows in step with every write, whoever makes it) and the bulk
// rebuild that the benchmark seed and `rebuildSearchIndex` run. A unit test checks
// that rows built by the triggers and by the rebuild are identical.
// Contacts are indexed by the app instead (contact-search.server.ts): their phone
// tokens need libphonenumber; their row is built here too (contactSearchRow), for
// the app, the importer and the bench seed alike. Only pure imports: the bench seed
// uses this file outside the app.
import { phoneSearchTokens } from '../utils/contact-fields.ts'
import { FOLD_PAIRS, foldText } from '../utils/fold.ts'

export const CONTACT_SEARCH_COLUMNS = ['contactId', 'workspaceId', 'name', 'emails', 'phones', 'company', 'tags', 'title'] as const

type Searchable = {
	id: string
	displayName: string
	firstName: string
	lastName: string
	nickname?: string | null
	jobTitle?: string | null
	emails: string[]
	/** As stored (E.164 when possible); empty values are skipped. */
	phones: string[]
	company?: string | null
	tags: string[]
}

/**
 * A contact's ContactSearch row, in CONTACT_SEARCH_COLUMNS order: text folded the way
 * queries are (foldText), phones as digit tokens. The importer writes the same rows.
 */
export function contactSearchRow(workspaceId: string, c: Searchable, tokens: (phone: string) => string[] = phoneSearchTokens) {
	return [
		c.id,
		workspaceId,
		foldText([c.displayName, c.firstName, c.lastName, c.nickname ?? ''].join(' ')),
		foldText(c.emails.join(' ')),
		[...new Set(c.phones.flatMap((p) => (p ? tokens(p) : [])))].join(' '),
		foldText(c.company ?? ''),
		foldText(c.tags.join(' ')),
		foldText(c.jobTitle ?? ''),
	]
}

type Row = 'new' | 'r'

/** Digits of a phone as stored (E.164, or as typed). */
const digits = (r: Row, col: string) =>
	`replace(replace(replace(replace(replace(replace(replace(coalesce(${r}."${col}", ''), '+', ''), ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '/', '')`

/**
 * All digits, then every tail of 4 or more digits: with prefix matching, any run
 * of 4+ digits inside the number ("5552", "2671", "4155552") finds it.
 */
function phoneTokens(r: Row, col: string) {
	const d = digits(r, col)
	const tails = Array.from({ length: 12 }, (_, i) => 15 - i).map((k) => `iif(length(${d}) > ${k}, ' ' || substr(${d}, -${k}), '')`)
	return `iif(length(${d}) >= 4, ${d} || ${tails.join(' || ')}, '')`
}

/** SQL for foldText's letter table (FTS5's remove_diacritics does the NFKD part). */
export function foldSql(expr: string) {
	return FOLD_PAIRS.reduce((sql, [letter, plain]) => `replace(${sql}, '${letter}', '${plain}')`, expr)
}

const text = (r: Row, col: string) => foldSql(`coalesce(${r}."${col}", '')`)
const words = (r: Row, ...cols: string[]) => `trim(${cols.map((c) => text(r, c)).join(` || ' ' || `)})`

export type SearchKind = {
	table: string
	fts: string
	key: string
	/** FTS columns (after the unindexed key and workspaceId) and how each is computed. */
	columns: Array<[string, (r: Row) => string]>
	/** Columns of `table` whose change rewrites the row. */
	watch: string[]
}

export const SEARCH_KINDS: SearchKind[] = [
	{
		table: 'Company',
		fts: 'CompanySearch',
		key: 'companyId',
		columns: [
			['name', (r) => text(r, 'name')],
			['details', (r) => words(r, 'domain', 'email', 'industry', 'city')],
			['phones', (r) => phoneTokens(r, 'phone')],
			['notes', (r) => text(r, 'notes')],
		],
		watch: ['name', 'domain', 'email', 'industry', 'city', 'phone', 'notes', 'workspaceId'],
	},
	{
		table: 'Deal',
		fts: 'DealSearch',
		key: 'dealId',
		columns: [
			['name', (r) => text(r, 'name')],
			['notes', (r) => text(r, 'notes')],
		],
		watch: ['name', 'notes', 'workspaceId'],
	},
	{
		table: 'Interaction',
		fts: 'InteractionSearch',
		key: 'interactionId',
		columns: [
			['subject', (r) => text(r, 'subject')],
			['notes', (r) => text(r, 'notes')],
			['outcome', (r) => text(r, 'outcome')],
			['nextSteps', (r) => text(r, 'nextSteps')],
		],
		watch: ['subject', 'notes', 'outcome', 'nextSteps', 'workspaceId'],
	},
	{
		table: 'Tag',
		fts: 'TagSearch',
		key: 'tagId',
		columns: [['name', (r) => text(r, 'name')]],
		watch: ['name', 'workspaceId'],
	},
]

const TOKENIZE = `tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'`
const keyOf = (r: Row) => `(SELECT "key" FROM "SearchKey" WHERE "recordId" = ${r}."id")`

function insertRow(k: SearchKind) {
	return [
		`INSERT OR IGNORE INTO "SearchKey" ("recordId") VALUES (new."id");`,
		`INSERT INTO "${k.fts}" (rowid, "${k.key}", "workspaceId", ${k.columns.map(([c]) => `"${c}"`).join(', ')}) VALUES (${keyOf('new')}, new."id", new."workspaceId", ${k.columns.map(([, e]) => e('new')).join(', ')});`,
	]
}

/** The tables, triggers and backfill of the migration (generated once; migrations never change). */
export function migrationSql() {
	const out: string[] = [
		`-- Global search (docs/decisions/0010-global-search-triggers.md). Generated from`,
		`-- app/models/search-index.server.ts. SearchKey gives each indexed record a stable`,
		`-- integer that is the rowid of its FTS row, so triggers find the row by key.`,
		`CREATE TABLE "SearchKey" ("key" INTEGER NOT NULL PRIMARY KEY, "recordId" TEXT NOT NULL);`,
		`CREATE UNIQUE INDEX "SearchKey_recordId_key" ON "SearchKey"("recordId");`,
		'',
	]
	for (const k of SEARCH_KINDS) {
		out.push(`CREATE VIRTUAL TABLE "${k.fts}" USING fts5("${k.key}" UNINDEXED, "workspaceId" UNINDEXED, ${k.columns.map(([c]) => `"${c}"`).join(', ')}, ${TOKENIZE});`)
		out.push(...triggersSql(k), ...rebuildSql(k), '')
	}
	return `${out.join('\n')}\n`
}

/**
 * Recreates the triggers from the current definitions and rebuilds every row: for a
 * migration that changes what a row holds (20261204010000_search_folds_every_letter).
 */
export function reindexMigrationSql() {
	const out: string[] = []
	for (const k of SEARCH_KINDS) {
		out.push(...['insert', 'update', 'delete'].map((op) => `DROP TRIGGER IF EXISTS "${k.table}_search_${op}";`))
		out.push(...triggersSql(k), `DELETE FROM "${k.fts}";`, rebuildSql(k)[1]!, '')
	}
	return `${out.join('\n')}\n`
}

function triggersSql(k: SearchKind) {
	const out: string[] = []
	out.push(`CREATE TRIGGER "${k.table}_search_insert" AFTER INSERT ON "${k.table}" BEGIN`, ...insertRow(k).map((s) => `  ${s}`), `END;`)
	out.push(
		`CREATE TRIGGER "${k.table}_search_update" AFTER UPDATE OF ${k.watch.map((c) => `"${c}"`).join(', ')} ON "${k.table}" BEGIN`,
		`  DELETE FROM "${k.fts}" WHERE rowid = ${keyOf('new')};`,
		...insertRow(k).map((s) => `  ${s}`),
		`END;`,
	)
	out.push(
		`CREATE TRIGGER "${k.table}_search_delete" AFTER DELETE ON "${k.table}" BEGIN`,
		`  DELETE FROM "${k.fts}" WHERE rowid = (SELECT "key" FROM "SearchKey" WHERE "recordId" = old."id");`,
		`  DELETE FROM "SearchKey" WHERE "recordId" = old."id";`,
		`END;`,
	)
	return out
}

/** Fills one kind's FTS table from its records in two set statements (the table must be empty). */
export function rebuildSql(k: SearchKind) {
	return [
		`INSERT OR IGNORE INTO "SearchKey" ("recordId") SELECT "id" FROM "${k.table}";`,
		`INSERT INTO "${k.fts}" (rowid, "${k.key}", "workspaceId", ${k.columns.map(([c]) => `"${c}"`).join(', ')}) SELECT s."key", r."id", r."workspaceId", ${k.columns.map(([, e]) => e('r')).join(', ')} FROM "${k.table}" r JOIN "SearchKey" s ON s."recordId" = r."id";`,
	]
}

export const SEARCH_TRIGGERS = SEARCH_KINDS.flatMap((k) => ['insert', 'update', 'delete'].map((op) => `${k.table}_search_${op}`))

/** The FTS column lists, for readers that compare rows (tests, the bench check). */
export const searchColumns = (k: SearchKind) => [k.key, 'workspaceId', ...k.columns.map(([c]) => c)]

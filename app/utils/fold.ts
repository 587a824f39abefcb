// One normalisation for search: what the index stores and what a query asks for.
// NFKD takes accents apart (é → e + ◌́) and the marks are dropped; the letters below
// are letters of their own that do not decompose (Vietnamese đ, Polish ł, Danish ø,
// German ß…), so "dang" finds "Đặng" and "lodz" finds "Łódź". Client-safe: the
// palette highlights with it too. The SQL triggers of the global search apply the
// same table (search-index.server.ts foldSql), and FTS5's remove_diacritics does
// the NFKD part there.

/** Letters NFKD leaves whole → their plain spelling (lower case; upper case is derived). */
export const FOLDED_LETTERS: Record<string, string> = {
	đ: 'd',
	ð: 'd',
	ł: 'l',
	ø: 'o',
	ß: 'ss',
	æ: 'ae',
	œ: 'oe',
	ı: 'i',
	þ: 'th',
	ħ: 'h',
	ŧ: 't',
	ŋ: 'n',
	ĸ: 'k',
	ƒ: 'f',
	ɨ: 'i',
	ʉ: 'u',
	ƀ: 'b',
	ɗ: 'd',
	ɓ: 'b',
}

/** Every letter of the table with its upper case (ß's is ẞ; ĸ has none; ı's is the plain I). */
export const FOLD_PAIRS: Array<[string, string]> = Object.entries(FOLDED_LETTERS).flatMap(([letter, plain]) => {
	const upper = letter === 'ß' ? 'ẞ' : letter.toUpperCase()
	return upper === letter || /^[A-Z]$/.test(upper) ? [[letter, plain]] : [[letter, plain], [upper, plain]]
}) as Array<[string, string]>

const FOLD_MAP = new Map(FOLD_PAIRS)
const SPECIAL = new RegExp(`[${FOLD_PAIRS.map(([l]) => l).join('')}]`, 'gu')

/** "Đặng Thu Hà" → "dang thu ha"; "Łódź" → "lodz"; "Straße" → "strasse". */
export function foldText(s: string) {
	return s
		.replace(SPECIAL, (ch) => FOLD_MAP.get(ch) ?? ch)
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
}

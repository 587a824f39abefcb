// Country names as people write them in address books ("Deutschland", "Česká
// republika", "U.S.A.", "Việt Nam") → ISO 3166 codes. The names come from the
// runtime's own CLDR data (Intl.DisplayNames) in the languages of our users, so
// no list is kept by hand beyond the everyday abbreviations and old names CLDR lacks.
import { getAllCountries } from 'countries-and-timezones'
import { foldText } from './fold.ts'

const LOCALES = ['en', 'fr', 'de', 'es', 'it', 'pt', 'nl', 'sv', 'nb', 'da', 'fi', 'pl', 'cs', 'sk', 'hu', 'ro', 'tr', 'el', 'ru', 'uk', 'vi', 'id', 'ja', 'zh', 'ko', 'ar', 'he', 'hi', 'th']

const ALIASES: Record<string, string> = {
	usa: 'US',
	'u s a': 'US',
	'u s': 'US',
	america: 'US',
	'united states of america': 'US',
	uk: 'GB',
	'u k': 'GB',
	england: 'GB',
	scotland: 'GB',
	wales: 'GB',
	'northern ireland': 'GB',
	'great britain': 'GB',
	'czech republic': 'CZ',
	'ceska republika': 'CZ',
	'slovak republic': 'SK',
	holland: 'NL',
	'republic of korea': 'KR',
	'south korea': 'KR',
	'korea, republic of': 'KR',
	russia: 'RU',
	uae: 'AE',
	'viet nam': 'VN',
	turkey: 'TR',
	'ivory coast': 'CI',
	korea: 'KR',
	'hong kong': 'HK',
	macau: 'MO',
	macao: 'MO',
	burma: 'MM',
	'the netherlands': 'NL',
}

const key = (name: string) =>
	foldText(name)
		.replace(/[.\-_'’]+/g, ' ')
		.replace(/\s+/g, ' ')
		.trim()

let names: Map<string, string> | null = null
function table() {
	if (names) return names
	names = new Map()
	const displays = LOCALES.map((l) => new Intl.DisplayNames([l], { type: 'region', fallback: 'none' }))
	// Today's countries only: CLDR still names old codes (DD, East Germany) that would win "Germany".
	for (const code of Object.keys(getAllCountries())) {
		names.set(code.toLowerCase(), code)
		for (const d of displays) {
			const name = d.of(code)
			if (name && !names.has(key(name))) names.set(key(name), code)
		}
	}
	for (const [alias, code] of Object.entries(ALIASES)) names.set(key(alias), code)
	return names
}

/** The ISO 3166 alpha-2 code for a country as written, or null when it is not one we know. */
export function countryCodeOf(name: string | null | undefined): string | null {
	const value = key(name ?? '')
	if (!value) return null
	return table().get(value) ?? null
}

import { describe, expect, it } from 'vitest'
import { countryCodeOf } from './countries.ts'
import { formatPhone, isValidMonthDay, normalizeInstagram, normalizePhone, phoneSearchTokens, websiteDomain } from './contact-fields.ts'
import { telUrl, whatsappUrl } from './quick-actions.ts'

describe('contact fields', () => {
	it('normalizes phones to E.164 with the default country', () => {
		expect(normalizePhone('(415) 555-2671', 'US')).toBe('+14155552671')
		expect(normalizePhone('020 7946 0018', 'GB')).toBe('+442079460018')
		expect(normalizePhone('+33 6 12 34 56 78', 'US')).toBe('+33612345678')
		expect(normalizePhone('0033 6 12 34 56 78', 'US')).toBe('+33612345678')
		expect(normalizePhone('ext. 12', 'US')).toBe('ext. 12')
		expect(normalizePhone('   ', 'US')).toBe('')
	})

	it('keeps an extension, shows it, and dials the number without it', () => {
		for (const typed of ['+1 (212) 555-0147 x2231', '+1 212 555 0147 ext. 2231', 'tel:+1-212-555-0147;ext=2231', '(212) 555-0147 ext 2231']) {
			expect(normalizePhone(typed, 'US'), typed).toBe('+12125550147;ext=2231')
		}
		expect(formatPhone('+12125550147;ext=2231')).toBe('+1 212 555 0147 ext. 2231')
		expect(telUrl('+12125550147;ext=2231')).toBe('tel:+12125550147')
		expect(whatsappUrl('+12125550147;ext=2231')).toBe('https://wa.me/12125550147')
		// The extension's digits are not part of the number people search for.
		expect(phoneSearchTokens('+12125550147;ext=2231')).toEqual(expect.arrayContaining(['5550147', '0147']))
	})

	it('knows a country however an address book writes it', () => {
		const cases: Record<string, string> = { Germany: 'DE', Deutschland: 'DE', 'Česká republika': 'CZ', 'U.S.A.': 'US', USA: 'US', Norge: 'NO', Maroc: 'MA', Polska: 'PL', 'Việt Nam': 'VN', Vietnam: 'VN', México: 'MX', 日本: 'JP', UK: 'GB', de: 'DE' }
		for (const [name, code] of Object.entries(cases)) expect(countryCodeOf(name), name).toBe(code)
		expect(countryCodeOf('Springfield')).toBeNull()
		expect(countryCodeOf('')).toBeNull()
	})

	it('indexes the digits people search a phone by', () => {
		expect(phoneSearchTokens('+14155552671')).toEqual(expect.arrayContaining(['14155552671', '4155552671', '5552671', '2671']))
		// A run from the middle is the start of some tail.
		expect(phoneSearchTokens('+442079460321').some((t) => t.startsWith('7946'))).toBe(true)
		expect(phoneSearchTokens('+442079460321').every((t) => t.length >= 4)).toBe(true)
	})

	it('stores an Instagram handle whatever was pasted', () => {
		for (const input of ['@Ada.L', 'ada.l', 'https://www.instagram.com/ada.l/', 'instagram.com/ada.l?hl=en']) {
			expect(normalizeInstagram(input)).toBe('ada.l')
		}
	})

	it('derives a domain from a website', () => {
		expect(websiteDomain('https://www.Acme.co.uk/about')).toBe('acme.co.uk')
		expect(websiteDomain('acme.io')).toBe('acme.io')
		expect(websiteDomain('not a url')).toBe('')
	})

	it('accepts 29 February without a year and refuses impossible dates', () => {
		expect(isValidMonthDay(2, 29)).toBe(true)
		expect(isValidMonthDay(2, 29, 2023)).toBe(false)
		expect(isValidMonthDay(4, 31)).toBe(false)
		expect(isValidMonthDay(13, 1)).toBe(false)
	})
})

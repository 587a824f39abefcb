import { describe, expect, it } from 'vitest'
import { encodeQueryValue, instagramUrl, mailtoUrl, quickActionTargets, quickActionUrl, smsUrl, telUrl, toE164, whatsappUrl } from './quick-actions.ts'

const MESSAGE = 'Hi Ada & co 👋\nSee you at 10+1?'
// 👋 is U+1F44B: F0 9F 91 8B in UTF-8.
const ENCODED_LF = 'Hi%20Ada%20%26%20co%20%F0%9F%91%8B%0ASee%20you%20at%2010%2B1%3F'
const ENCODED_CRLF = 'Hi%20Ada%20%26%20co%20%F0%9F%91%8B%0D%0ASee%20you%20at%2010%2B1%3F'

describe('phone numbers', () => {
	it.each([
		['+1 415 555 2671', 'US', '+14155552671'],
		['+14155552671', 'GB', '+14155552671'],
		['(415) 555-2671', 'US', '+14155552671'],
		['415.555.2671', 'US', '+14155552671'],
		['020 7946 0018', 'GB', '+442079460018'],
		['0044 20 7946 0018', 'US', '+442079460018'],
		['+44 (0)20 7946 0018', 'US', '+442079460018'],
		['07911 123456', 'GB', '+447911123456'],
		['06 12 34 56 78', 'FR', '+33612345678'],
	])('%s (%s) → %s', (raw, country, e164) => {
		expect(toE164(raw, country)).toBe(e164)
	})

	it('cannot place a national number without its country', () => {
		expect(toE164('020 7946 0018', 'US')).toBeNull()
		expect(toE164('12', 'US')).toBeNull()
	})
})

describe('tel:', () => {
	it('dials the international number', () => {
		expect(telUrl('+1 415 555 2671')).toBe('tel:+14155552671')
		expect(telUrl('(415) 555-2671', 'US')).toBe('tel:+14155552671')
		expect(telUrl('020 7946 0018', 'GB')).toBe('tel:+442079460018')
		expect(telUrl('0044 20 7946 0018')).toBe('tel:+442079460018')
	})

	it('dials a number it cannot place as typed, digits only, without the extension', () => {
		expect(telUrl('020 7946 0018', 'US')).toBe('tel:02079460018')
		expect(telUrl('020 7946 0018 ext. 12', 'US')).toBe('tel:02079460018')
	})

	it('refuses something that is not a number', () => {
		expect(telUrl('call me')).toBeNull()
		expect(telUrl('12')).toBeNull()
	})
})

describe('WhatsApp', () => {
	it('uses the digits of the international number, without + or 00', () => {
		expect(whatsappUrl('+44 20 7946 0018')).toBe('https://wa.me/442079460018')
		expect(whatsappUrl('0044 7911 123456')).toBe('https://wa.me/447911123456')
		expect(whatsappUrl('(415) 555-2671', null, 'US')).toBe('https://wa.me/14155552671')
		expect(whatsappUrl('07911 123456', '', 'GB')).toBe('https://wa.me/447911123456')
	})

	it('encodes the message: %20 for spaces, & + ? and emoji percent-encoded, new lines as %0A', () => {
		expect(whatsappUrl('+1 415 555 2671', MESSAGE)).toBe(`https://wa.me/14155552671?text=${ENCODED_LF}`)
		expect(whatsappUrl('+1 415 555 2671', MESSAGE.replace('\n', '\r\n'))).toBe(`https://wa.me/14155552671?text=${ENCODED_LF}`)
	})

	it('needs a number it can make international', () => {
		expect(whatsappUrl('020 7946 0018', 'Hi', 'US')).toBeNull()
	})
})

describe('sms:', () => {
	it('puts the message in ?body=', () => {
		expect(smsUrl('+1 415 555 2671', MESSAGE)).toBe(`sms:+14155552671?body=${ENCODED_LF}`)
		expect(smsUrl('(415) 555-2671', 'Party 🎉 tonight!', 'US')).toBe('sms:+14155552671?body=Party%20%F0%9F%8E%89%20tonight!')
	})

	it('leaves the body out when there is no message', () => {
		expect(smsUrl('+44 20 7946 0018')).toBe('sms:+442079460018')
		expect(smsUrl('+44 20 7946 0018', '')).toBe('sms:+442079460018')
	})
})

describe('mailto:', () => {
	it('encodes subject and body per RFC 6068 (%20, %0D%0A, & and emoji encoded)', () => {
		expect(mailtoUrl('ada@example.com', { subject: 'Coffee & cake?', body: MESSAGE })).toBe(`mailto:ada@example.com?subject=Coffee%20%26%20cake%3F&body=${ENCODED_CRLF}`)
		expect(mailtoUrl('ada@example.com', { body: 'a\r\nb\rc' })).toBe('mailto:ada@example.com?body=a%0D%0Ab%0D%0Ac')
	})

	it('keeps a subject on one line', () => {
		expect(mailtoUrl('ada@example.com', { subject: 'Two\nlines' })).toBe('mailto:ada@example.com?subject=Two%20lines')
	})

	it('writes the address as is, except characters that would end it', () => {
		expect(mailtoUrl('ada@example.com')).toBe('mailto:ada@example.com')
		expect(mailtoUrl(' a.b+crm@example.co.uk ')).toBe('mailto:a.b+crm@example.co.uk')
		expect(mailtoUrl('odd?100%#&@example.com')).toBe('mailto:odd%3F100%25%23%26@example.com')
	})

	it('refuses something that is not an address', () => {
		expect(mailtoUrl('ada')).toBeNull()
		expect(mailtoUrl('ada lovelace@example.com')).toBeNull()
	})
})

describe('Instagram', () => {
	it.each([
		['ada.l', 'https://instagram.com/ada.l'],
		['@Ada_L', 'https://instagram.com/ada_l'],
		['https://www.instagram.com/ada.l/', 'https://instagram.com/ada.l'],
	])('%s → %s', (handle, url) => {
		expect(instagramUrl(handle)).toBe(url)
	})

	it('refuses what is not a handle', () => {
		expect(instagramUrl('ada lovelace')).toBeNull()
		expect(instagramUrl('')).toBeNull()
	})
})

it('replaces half an emoji instead of throwing', () => {
	expect(encodeQueryValue('a\uD83D')).toBe('a%EF%BF%BD')
	expect(encodeQueryValue('👋')).toBe('%F0%9F%91%8B')
})

describe('which quick actions a contact has', () => {
	it('offers each channel only when the contact has what it needs', () => {
		expect(quickActionTargets({ phones: [], emails: [] })).toEqual({ call: null, whatsapp: null, sms: null, email: null, instagram: null })
		expect(quickActionTargets({ phones: [], emails: [{ email: 'ada@example.com' }], instagram: 'ada.l' })).toEqual({
			call: null,
			whatsapp: null,
			sms: null,
			email: 'ada@example.com',
			instagram: 'ada.l',
		})
	})

	it('sends WhatsApp to the WhatsApp number, else a mobile; SMS to a mobile, else the primary phone', () => {
		const phones = [
			{ phone: '+442079460018', label: 'office' },
			{ phone: '+447911123456', label: null },
		]
		expect(quickActionTargets({ phones, emails: [] })).toMatchObject({ call: '+442079460018', sms: '+447911123456', whatsapp: '+447911123456' })
		expect(quickActionTargets({ phones, emails: [], whatsapp: '+14155552671' })).toMatchObject({ whatsapp: '+14155552671' })
		// A landline only: call and text it, but no WhatsApp.
		expect(quickActionTargets({ phones: [phones[0]!], emails: [] })).toEqual({ call: '+442079460018', sms: '+442079460018', whatsapp: null, email: null, instagram: null })
		// A number labelled mobile counts even when it is stored as typed; it is read with the user's country.
		expect(quickActionTargets({ phones: [{ phone: '07911 123456', label: 'Mobile' }], emails: [] }, 'GB')).toMatchObject({ whatsapp: '07911 123456', sms: '07911 123456' })
		expect(quickActionTargets({ phones: [{ phone: '07911 123456', label: 'Mobile' }], emails: [] }, 'US').whatsapp).toBeNull()
	})

	it('builds the outside URL of each kind', () => {
		expect(quickActionUrl('call', '+14155552671')).toBe('tel:+14155552671')
		expect(quickActionUrl('whatsapp', '07911 123456', { message: 'Hi!', defaultCountry: 'GB' })).toBe('https://wa.me/447911123456?text=Hi!')
		expect(quickActionUrl('sms', '+14155552671', { message: 'Hi' })).toBe('sms:+14155552671?body=Hi')
		expect(quickActionUrl('email', 'ada@example.com', { subject: 'Hello', message: 'Hi' })).toBe('mailto:ada@example.com?subject=Hello&body=Hi')
		expect(quickActionUrl('instagram', 'ada.l', { message: 'ignored' })).toBe('https://instagram.com/ada.l')
	})
})

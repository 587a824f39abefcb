import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ImportFileError } from './fields.ts'
import { readVcards, toVcard, type VcardContact } from './vcard.server.ts'

const fixture = (name: string) => fs.readFileSync(`tests/fixtures/${name}`, 'utf8')
const PNG = [0x89, 0x50, 0x4e, 0x47]

describe('reading vCards', () => {
	it('reads an Apple 3.0 file: several cards, folded lines, item labels, photo, year-less birthday', () => {
		const cards = readVcards(fixture('apple-contacts.vcf'))
		expect(cards.map((c) => c.line)).toEqual([1, 34, 49])
		const [ada, grace, linus] = cards.map((c) => c.raw!)
		expect(ada).toMatchObject({
			firstName: 'Ada',
			middleName: 'Augusta',
			lastName: 'Lovelace',
			company: 'Analytical Engines Ltd',
			jobTitle: 'Chief Mathematician',
			birthday: '1985-12-10',
			anniversary: '2012-07-08',
			websites: [{ value: 'https://analytical.example', label: 'homepage' }],
			addresses: [expect.objectContaining({ street: "12 St James's Square", city: 'London', postalCode: 'SW1Y 4JH', country: 'United Kingdom' })],
			tags: ['VIP', 'Mathematics'],
		})
		expect(ada!.notes).toBe('Met at the Royal Society soirée, talked about the Difference Engine for an hour.\nFollow up about the Bernoulli numbers notes.')
		expect(ada!.emails).toEqual([
			{ value: 'ada@analytical.example', label: 'work' },
			{ value: 'ada.lovelace@home.example', label: 'home' },
		])
		expect(ada!.phones).toEqual([
			{ value: '+44 7700 900123', label: 'mobile' },
			{ value: '+44 20 7946 0018', label: 'work' },
		])
		expect([...ada!.photo!.slice(0, 4)]).toEqual(PNG)
		expect(grace).toMatchObject({ birthday: '1604-03-14', tags: ['Friends', 'Book club'], instagram: 'http://www.instagram.com/grace.h' })
		expect(grace!.emails).toEqual([{ value: 'grace@harvard-lab.example', label: 'Lab' }])
		expect(grace!.notes).toContain('relay; it is a great story')
		expect(linus).toMatchObject({ fullName: 'Linus', emails: [{ value: 'linus@kernel.example', label: undefined }] })
	})

	it('reads vCard 2.1: quoted-printable with soft line breaks and charsets, bare TYPE parameters, base64 photo', () => {
		const [juergen, jose] = readVcards(fixture('android-2.1.vcf')).map((c) => c.raw!)
		expect(juergen).toMatchObject({ firstName: 'Jürgen', lastName: 'Müller', company: 'Bäckerei Müller', jobTitle: 'Inhaber', birthday: '1978-05-21' })
		expect(juergen!.addresses).toMatchObject([{ street: 'Hauptstraße 5', city: 'Berlin' }])
		expect(juergen!.notes).toBe('Erste Zeile\nZweite Zeile mit einem sehr langen Text, der weich umgebrochen wird, und Umlaute: äöüß')
		expect(juergen!.phones).toEqual([
			{ value: '+49 151 23456789', label: 'mobile' },
			{ value: '+49 30 1234567', label: 'work' },
		])
		expect(juergen!.emails).toEqual([{ value: 'juergen@baeckerei-mueller.example', label: 'home' }])
		expect([...juergen!.photo!.slice(0, 4)]).toEqual(PNG)
		expect(jose).toMatchObject({ firstName: 'José', lastName: 'García', anniversary: '2001-09-15' })
	})

	it('reads vCard 4.0: tel: URIs, --MMDD birthday, ANNIVERSARY, data: URI photo, IMPP', () => {
		const [k] = readVcards(fixture('contacts-4.0.vcf')).map((c) => c.raw!)
		expect(k).toMatchObject({ firstName: 'Katherine', lastName: 'Johnson', birthday: '--08-26', anniversary: '1959-08-15', tags: ['NASA', 'Mentors'], instagram: 'k.johnson' })
		expect(k!.addresses).toMatchObject([{ city: 'Hampton', region: 'VA' }])
		expect(k!.phones).toEqual([
			{ value: '+1-415-555-0147', label: 'mobile' },
			{ value: '+1-415-555-0199', label: 'home' },
		])
		expect([...k!.photo!.slice(0, 4)]).toEqual(PNG)
	})

	it('skips the lines it cannot read, with a warning, and keeps the rest of the card', () => {
		const cards = readVcards(fixture('malformed-vcard.vcf'))
		expect(cards.map((c) => [c.line, c.raw?.fullName ?? null, c.raw?.emails[0]?.value ?? null, c.warnings ?? []])).toEqual([
			[1, 'Good Card', 'good@example.com', []],
			[7, 'Broken Card', null, ['line 10 (“this line is not a property”) is not a vCard property, so it was skipped']],
			[12, 'No End', 'noend@example.com', ['this card has no END:VCARD line, so it was read up to where the next card or the file begins or ends']],
			[16, 'Last Card', 'last@example.com', []],
		])
		// A property ical.js itself refuses costs only that line.
		const [odd] = readVcards('BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada Lovelace\r\nX-FOO;=bar:baz\r\nEMAIL:ada@example.com\r\nEND:VCARD\r\n')
		expect(odd).toMatchObject({ raw: { fullName: 'Ada Lovelace', emails: [{ value: 'ada@example.com' }] } })
		expect(odd!.warnings).toEqual([expect.stringMatching(/^line 4 \(“X-FOO;=bar:baz”\) can’t be read \(.+\), so it was skipped$/)])
	})

	it('refuses a file with no cards', () => {
		expect(() => readVcards('hello')).toThrow(ImportFileError)
	})
})

describe('writing vCard 4.0', () => {
	const contact: VcardContact = {
		id: 'c1',
		firstName: 'Ada',
		lastName: 'Lovelace',
		displayName: 'Ada Lovelace',
		emails: [
			{ email: 'ada@example.com', label: 'work' },
			{ email: 'ada@home.example', label: 'personal' },
		],
		phones: [{ phone: '+14155550101', label: 'mobile' }],
		company: 'Engines, Ltd',
		jobTitle: 'CTO',
		birthday: { month: 3, day: 14, year: null },
		anniversary: { month: 6, day: 1, year: 2010 },
		tags: ['VIP', 'Math'],
		nickname: 'Countess',
		addresses: [
			{ label: 'home', street: '12 Main St, Flat 2', city: 'London', region: null, postalCode: 'SW1', country: 'UK' },
			{ label: 'lab', street: '1 Engine Row', city: 'Ockham', region: 'Surrey', postalCode: null, country: 'UK' },
		],
		notes: 'Line one\nLine two; with, punctuation',
		websites: [
			{ label: null, url: 'https://example.com/a,b' },
			{ label: 'work', url: 'https://engines.example' },
		],
		linkedin: 'https://www.linkedin.com/in/ada',
		instagram: 'ada.l',
		whatsapp: '+14155550101',
		avatarUrl: null,
		photo: { contentType: 'image/png', blob: new Uint8Array([...PNG, 13, 10, 26, 10]) },
		updatedAt: new Date('2026-01-02T03:04:05Z'),
	}

	it('writes the fields the format carries, unescaped data: URIs and --MMDD birthdays', () => {
		const text = toVcard(contact)
		expect(text.startsWith('BEGIN:VCARD\r\nVERSION:4.0\r\n')).toBe(true)
		expect(text).toContain('BDAY:--0314\r\n')
		expect(text).toContain('ANNIVERSARY:20100601\r\n')
		expect(text).toContain('PHOTO:data:image/png;base64,iVBORw0KGgo=\r\n')
		expect(text).toContain('URL:https://example.com/a,b\r\n')
		expect(text).toContain('TEL;TYPE=cell:tel:+14155550101\r\n')
		expect(text.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true)
	})

	it('reads back what it writes', () => {
		const [card] = readVcards(toVcard(contact))
		expect(card!.raw).toMatchObject({
			firstName: 'Ada',
			lastName: 'Lovelace',
			company: 'Engines, Ltd',
			birthday: '--03-14',
			anniversary: '2010-06-01',
			tags: ['VIP', 'Math'],
			nickname: 'Countess',
			addresses: [
				{ label: 'home', street: '12 Main St, Flat 2', city: 'London', postalCode: 'SW1', country: 'UK' },
				{ label: 'lab', street: '1 Engine Row', city: 'Ockham', region: 'Surrey', country: 'UK' },
			],
			websites: [
				{ value: 'https://example.com/a,b', label: undefined },
				{ value: 'https://engines.example', label: 'work' },
			],
			notes: 'Line one\nLine two; with, punctuation',
			linkedin: 'https://www.linkedin.com/in/ada',
			whatsapp: '+14155550101',
		})
		expect(card!.raw!.emails).toEqual([
			{ value: 'ada@example.com', label: 'work' },
			{ value: 'ada@home.example', label: 'personal' },
		])
	})
})

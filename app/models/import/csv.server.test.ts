import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { applyMapping, autoMapping, detectSource, readCsv } from './csv.server.ts'
import { ImportFileError, parseDateValue, normalizeLabel } from './fields.ts'

const fixture = (name: string) => fs.readFileSync(`tests/fixtures/${name}`, 'utf8')

function mapped(name: string) {
	const csv = readCsv(fixture(name))
	const source = detectSource(csv.headers)
	const mapping = autoMapping(csv.headers, source)
	return { csv, source, mapping, rows: csv.rows.map((r) => ({ line: r.line, ...applyMapping(r.cells, mapping) })) }
}

describe('reading CSV', () => {
	it('strips the BOM, keeps quoted newlines inside a row and reports the line each row starts on', () => {
		const csv = readCsv(fixture('google-contacts.csv'))
		expect(csv.headers[0]).toBe('First Name')
		// Margaret's row spans lines 2–5 (a two-line note and a three-line address).
		expect(csv.rows.map((r) => r.line)).toEqual([2, 6, 7, 8, 9, 10, 11])
		expect(csv.rows[0]!.cells[csv.headers.indexOf('Notes')]).toBe('Led the onboard flight software team.\nLoves a good code review.')
	})

	it('reads semicolon-separated files (European Excel) and skips blank lines', () => {
		const csv = readCsv('Vorname;Nachname;E-Mail\r\n\r\nJürgen;Müller;j@example.de\r\n')
		expect(csv.delimiter).toBe(';')
		expect(csv.rows).toEqual([{ line: 3, cells: ['Jürgen', 'Müller', 'j@example.de'] }])
	})

	it('skips the notes LinkedIn puts above the header, counting their lines', () => {
		const { source, rows } = mapped('linkedin-connections.csv')
		expect(source).toBe('linkedin')
		expect(rows[0]).toMatchObject({ line: 5, firstName: 'Sophie', lastName: 'Wilson', linkedin: 'https://www.linkedin.com/in/sophie-wilson-example', company: 'ARM Chips', jobTitle: 'Chief Architect' })
		expect(rows[0]!.emails).toEqual([{ value: 'sophie@arm-chips.example', label: undefined }])
	})

	it('refuses files without a usable header, an unclosed quote or no rows', () => {
		expect(() => readCsv(fixture('malformed-no-header.csv'))).toThrow(/first row looks like a contact/)
		expect(() => readCsv(fixture('malformed-unclosed-quote.csv'))).toThrow(/^Line 3: a quote \(“?"?\)? ?is opened/)
		expect(() => readCsv('')).toThrow(ImportFileError)
		expect(() => readCsv('First Name,Email\r\n')).toThrow(/no contacts/)
	})
})

describe('recognising exports', () => {
	it('maps the new Google Contacts columns, with labels, multiple values and events', () => {
		const { source, mapping, csv, rows } = mapped('google-contacts.csv')
		expect(source).toBe('google')
		const at = (h: string) => mapping[csv.headers.indexOf(h)]
		expect([at('First Name'), at('Last Name'), at('E-mail 1 - Label'), at('E-mail 1 - Value'), at('Phone 2 - Value'), at('Organization Name'), at('Labels'), at('Nickname')]).toEqual([
			'firstName',
			'lastName',
			'emailLabel',
			'email',
			'phone',
			'company',
			'tags',
			'nickname',
		])
		const margaret = rows[0]!
		expect(margaret).toMatchObject({ firstName: 'Margaret', lastName: 'Hamilton', company: 'Apollo Software', birthday: '1986-08-17', anniversary: '2010-06-01' })
		expect(margaret.addresses).toMatchObject([{ street: '75 Vassar St', city: 'Cambridge' }])
		expect(margaret.emails).toEqual([
			{ value: 'margaret@apollo-software.example', label: 'work' },
			{ value: 'maggie.h@home.example', label: 'home' },
		])
		expect(margaret.tags).toEqual(['Clients', 'VIP'])
		// A LinkedIn address in "Website" goes to the LinkedIn field.
		expect(margaret.linkedin).toContain('linkedin.com/in/')
		expect(margaret.websites).toEqual([])
		// "a ::: b" holds two values in one cell.
		expect(rows[1]!.emails.map((e) => e.value)).toEqual(['tim@web.example', 'timbl@other.example'])
		expect(rows[2]!.tags).toEqual([])
	})

	it('maps the old Google CSV (Given Name, Group Membership, Organization 1)', () => {
		const { source, rows } = mapped('google-contacts-legacy.csv')
		expect(source).toBe('google')
		expect(rows[0]).toMatchObject({ firstName: 'Donald', lastName: 'Knuth', company: 'Stanford Press', jobTitle: 'Author', tags: ['Authors'] })
		expect(rows[0]!.addresses).toMatchObject([{ city: 'Stanford' }])
		expect(rows[1]).toMatchObject({ fullName: 'Frances Allen', tags: [] })
	})

	it('maps Outlook, where "Title" is Mr/Dr and phones are named by kind', () => {
		const { source, mapping, csv, rows } = mapped('outlook-contacts.csv')
		expect(source).toBe('outlook')
		expect(mapping[csv.headers.indexOf('Title')]).toBe('')
		expect(['E-mail Type', 'E-mail 2 Type', 'E-mail Display Name'].map((h) => mapping[csv.headers.indexOf(h)])).toEqual(['', '', ''])
		expect(rows[0]).toMatchObject({ firstName: 'Barbara', jobTitle: 'Principal Scientist', birthday: '11/7/1989', tags: ['Clients', 'VIP'] })
		expect(rows[0]!.addresses).toMatchObject([{ city: 'Cambridge' }])
		expect(rows[0]!.phones).toEqual([
			{ value: '(617) 555-0140', label: 'work' },
			{ value: '(617) 555-0141', label: 'mobile' },
		])
		expect(rows[0]!.emails.map((e) => e.value)).toEqual(['barbara@substitution.example', 'b.liskov@home.example'])
	})

	it('maps Apple-style and hand-made spreadsheets by everyday column names', () => {
		const headers = ['First', 'Last', 'Email', 'Mobile', 'Company', 'Title', 'Tags', 'Shoe size']
		expect(detectSource(headers)).toBe('apple')
		expect(autoMapping(headers, 'apple')).toEqual(['firstName', 'lastName', 'email', 'phone:mobile', 'company', 'jobTitle', 'tags', ''])
		expect(autoMapping(['Name', 'E-mail', 'Telephone', 'Zip'], 'generic')).toEqual(['fullName', 'email', 'phone', 'postalCode'])
	})

	it('maps a workspace’s custom fields by label or key', () => {
		expect(autoMapping(['Email', 'Annual revenue', 'shoe_size'], 'generic', [{ key: 'annual_revenue', label: 'Annual revenue' }, { key: 'shoe_size', label: 'Shoe size' }])).toEqual([
			'email',
			'custom:annual_revenue',
			'custom:shoe_size',
		])
	})

	it('drops the apostrophe spreadsheets put before formulas', () => {
		expect(applyMapping(["'+14155550101", "'=cmd"], ['phone', 'notes'])).toMatchObject({ phones: [{ value: '+14155550101' }], notes: '=cmd' })
	})
})

describe('dates and labels', () => {
	it('reads the date forms exports write', () => {
		expect(parseDateValue('1990-03-14')).toEqual({ month: 3, day: 14, year: 1990 })
		expect(parseDateValue('--03-14')).toEqual({ month: 3, day: 14, year: null })
		expect(parseDateValue('--0314')).toEqual({ month: 3, day: 14, year: null })
		expect(parseDateValue('1604-03-14')).toEqual({ month: 3, day: 14, year: null })
		expect(parseDateValue('19780521')).toEqual({ month: 5, day: 21, year: 1978 })
		expect(parseDateValue('3/14/1990', 'US')).toEqual({ month: 3, day: 14, year: 1990 })
		expect(parseDateValue('4/3/1990', 'GB')).toEqual({ month: 3, day: 4, year: 1990 })
		expect(parseDateValue('14/3/1990', 'US')).toEqual({ month: 3, day: 14, year: 1990 })
		expect(parseDateValue('14.03.1990')).toEqual({ month: 3, day: 14, year: 1990 })
		expect(parseDateValue('March 14, 1990')).toEqual({ month: 3, day: 14, year: 1990 })
		expect(parseDateValue('14 Mar')).toEqual({ month: 3, day: 14, year: null })
		expect(parseDateValue('1985-04-12T00:00:00')).toEqual({ month: 4, day: 12, year: 1985 })
		expect(parseDateValue('0/0/00')).toBeNull()
		expect(parseDateValue('')).toBeNull()
		expect(parseDateValue('soon')).toBe('invalid')
		expect(parseDateValue('1990-13-01')).toBe('invalid')
	})

	it('turns the labels of each export into ours', () => {
		expect(['CELL', '* Mobile', '_$!<Mobile>!$_', 'iPhone', 'Business', 'Personal', 'Assistant', ''].map(normalizeLabel)).toEqual([
			'mobile',
			'mobile',
			'mobile',
			'mobile',
			'work',
			'personal',
			'Assistant',
			undefined,
		])
	})
})

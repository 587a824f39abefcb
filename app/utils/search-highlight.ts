// Matched text travels from the server as plain strings with two control
// characters around each match (what FTS5 highlight()/snippet() are asked to
// insert). The page splits on them and renders <mark> elements: user text is
// never parsed as HTML.

import { foldText } from './fold.ts'

export const MARK_OPEN = '\u0002'
export const MARK_CLOSE = '\u0003'
const MARKERS = /[\u0002\u0003]/g

// A query made of a phone number as people type it: "0912 345 678", "(+84) 903 123 456".
const PHONE_QUERY = /^[\s+()\d./-]*\d[\s()\d./-]*$/

/**
 * A query that is a phone number, as the digits to look for: as typed, and without
 * the national trunk 0 ("0912 345 678" → 0912345678 or 912345678). The index holds
 * a number's full digits, its national number and every tail of 4+ digits, so the
 * local way, the international way ("(+84) 912 3") and the last digits all find it.
 */
function phoneDigits(q: string) {
	if (!PHONE_QUERY.test(q)) return null
	const digits = q.replace(/\D/g, '').slice(0, 20)
	if (digits.length < 3) return null
	return [...new Set([digits, digits.replace(/^0+/, '')])].filter((d) => d.length >= 3)
}

/** Search words as the FTS query sees them: letters folded (foldText), split on anything but letters and digits. */
export function searchTerms(q: string) {
	const text = q.slice(0, 200)
	return (
		phoneDigits(text) ??
		foldText(text)
			.split(/[^\p{L}\p{N}]+/u)
			.filter(Boolean)
			.slice(0, 8)
	)
}

/** The FTS5 query: every word must match as a prefix (a phone number: any of its spellings). Input can never break the syntax. */
export function toFtsQuery(q: string) {
	const phone = phoneDigits(q.slice(0, 200))
	if (phone) return phone.length > 1 ? `(${phone.map((d) => `"${d}"*`).join(' OR ')})` : `"${phone[0]}"*`
	return searchTerms(q)
		.map((t) => `"${t}"*`)
		.join(' ')
}

const fold = foldText

/** Text split into plain and marked parts; unbalanced or stray markers are dropped. */
export function splitMarks(text: string): Array<{ text: string; mark: boolean }> {
	const parts: Array<{ text: string; mark: boolean }> = []
	let mark = false
	let current = ''
	for (const ch of text) {
		if (ch === MARK_OPEN || ch === MARK_CLOSE) {
			if (current) parts.push({ text: current, mark })
			current = ''
			mark = ch === MARK_OPEN
			continue
		}
		current += ch
	}
	if (current) parts.push({ text: current, mark })
	return parts
}

export const stripMarks = (text: string) => text.replace(MARKERS, '')

/**
 * Marks the words of `text` that start with one of the terms, as FTS5 highlight()
 * marks prefix matches (for text the index does not hold verbatim, like a
 * contact's display name).
 */
export function markWords(text: string, terms: string[]) {
	const clean = stripMarks(text)
	if (!terms.length) return clean
	return clean.replace(/[\p{L}\p{M}\p{N}]+/gu, (word) => (terms.some((t) => fold(word).startsWith(t)) ? `${MARK_OPEN}${word}${MARK_CLOSE}` : word))
}

/** Marks the digits of a formatted phone ("+1 415 555 2671") that spell a digit term ("5552"). */
export function markDigits(formatted: string, terms: string[]) {
	const clean = stripMarks(formatted)
	const digitsOnly = clean.replace(/\D/g, '')
	const term = terms.filter((t) => /^\d+$/.test(t)).sort((a, b) => b.length - a.length).find((t) => digitsOnly.includes(t))
	if (!term) return null
	const start = digitsOnly.lastIndexOf(term)
	let seen = 0
	let out = ''
	let open = false
	for (const ch of clean) {
		if (/\d/.test(ch)) {
			if (seen === start) {
				out += MARK_OPEN
				open = true
			}
			seen++
			out += ch
			if (open && seen === start + term.length) {
				out += MARK_CLOSE
				open = false
			}
		} else out += ch
	}
	return out
}

/** How strongly a title matches: 2 every term starts one of its words, 1 some do, 0 none. */
export function titleStrength(title: string, terms: string[]) {
	if (!terms.length) return 0
	const words = fold(stripMarks(title)).split(/[^\p{L}\p{N}]+/u)
	const hits = terms.filter((t) => words.some((w) => w.startsWith(t))).length
	return hits === terms.length ? 2 : hits > 0 ? 1 : 0
}

/**
 * About `size` words of `text` around its first matching word, with matches
 * marked and "…" where text was cut; null when no word matches.
 */
export function markSnippet(text: string | null | undefined, terms: string[], size = 14) {
	if (!text) return null
	const marked = markWords(text.replace(/\s+/g, ' ').trim(), terms)
	const first = marked.indexOf(MARK_OPEN)
	if (first < 0) return null
	const words = marked.split(' ')
	let at = 0
	for (let i = 0, pos = 0; i < words.length; pos += words[i]!.length + 1, i++) {
		if (pos + words[i]!.length >= first) {
			at = i
			break
		}
	}
	const start = Math.max(0, Math.min(at - Math.floor(size / 3), words.length - size))
	const end = Math.min(words.length, start + size)
	return `${start > 0 ? '…' : ''}${words.slice(start, end).join(' ')}${end < words.length ? '…' : ''}`
}

// Time zones come from the platform's Intl database (full ICU in Node 20 and every
// modern browser), so there is nothing to bundle or keep up to date.

let zones: Set<string> | undefined

export function timeZones(): string[] {
	return Intl.supportedValuesOf('timeZone')
}

export function isValidTimeZone(zone: string) {
	if (!zone) return false
	zones ??= new Set(timeZones())
	if (zones.has(zone) || zone === 'UTC') return true
	try {
		new Intl.DateTimeFormat('en', { timeZone: zone })
		return true
	} catch {
		return false
	}
}

export function formatDateTime(date: Date | string, timeZone: string, options: Intl.DateTimeFormatOptions = {}) {
	return new Intl.DateTimeFormat('en-GB', {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone,
		...options,
	}).format(new Date(date))
}

export function formatDate(date: Date | string, timeZone: string) {
	return formatDateTime(date, timeZone, { dateStyle: 'medium', timeStyle: undefined })
}

/** "UTC+01:00"-style label for a zone at a given moment. */
export function zoneOffsetLabel(timeZone: string, at = new Date()) {
	const part = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'longOffset' })
		.formatToParts(at)
		.find((p) => p.type === 'timeZoneName')
	return part?.value.replace('GMT', 'UTC') || 'UTC'
}

// The import page's forms: the upload, and the preview form (mapping + import).
// The server checks the file's real content; these only shape what was posted.
import { z } from 'zod'

export const IMPORT_MAX_BYTES = 20 * 1024 * 1024
export const IMPORT_TOO_BIG = 'This file is larger than 20 MB. Split it into smaller files and import them one after the other.'
export const IMPORT_ACCEPT = '.csv,.vcf,.vcard,.txt,text/csv,text/vcard,text/x-vcard,text/plain'
const CHOOSE = 'Choose a CSV or vCard (.vcf) file'

export const ImportUploadSchema = z.object({
	intent: z.literal('upload'),
	file: z
		.instanceof(File, { message: CHOOSE })
		.refine((file) => file.size > 0, `${CHOOSE}: this one is empty`)
		.refine((file) => file.size <= IMPORT_MAX_BYTES, IMPORT_TOO_BIG),
})

export const ImportTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{24}$/, 'That upload has expired. Choose the file again.')

export const ImportPreviewSchema = z.object({
	intent: z.enum(['preview', 'import']),
	token: ImportTokenSchema,
	// One entry per column of the file: the field it fills, or empty to skip it.
	mapping: z
		.array(z.string().max(80).optional())
		.max(1000)
		.default([])
		.transform((values) => Array.from(values, (v) => v ?? '')),
})

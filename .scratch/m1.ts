import { contactFormSchema } from '#app/validation/contact.ts'
import { normalizePhone, isMobileNumber } from '#app/utils/contact-fields.ts'
const s = contactFormSchema()
let t = performance.now()
for (let i = 0; i < 100000; i++) {
  s.safeParse({ firstName: 'Ada' + i, lastName: 'Lovelace', emails: [{ email: `ada${i}@example.com`, label: 'work' }], phones: [{ phone: `+1 415 555 ${String(i % 10000).padStart(4, '0')}`, label: 'mobile' }], companyName: 'Acme', tags: 'a, b', birthdayMonth: '3', birthdayDay: '14', source: 'IMPORT' })
}
console.log('zod', performance.now() - t)
t = performance.now()
for (let i = 0; i < 100000; i++) normalizePhone(`(415) 555-${String(i % 10000).padStart(4, '0')}`, 'US')
console.log('phone', performance.now() - t)
t = performance.now()
for (let i = 0; i < 100000; i++) isMobileNumber(`+1415555${String(i % 10000).padStart(4, '0')}`)
console.log('mobile', performance.now() - t)

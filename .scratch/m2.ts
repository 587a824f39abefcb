import { contactFormSchema } from '#app/validation/contact.ts'
const s = contactFormSchema()
const variants: Record<string, (i: number) => unknown> = {
  minimal: (i) => ({ firstName: 'Ada' + i }),
  withEmail: (i) => ({ firstName: 'Ada' + i, emails: [{ email: `ada${i}@example.com`, label: 'work' }] }),
  withPhone: (i) => ({ firstName: 'Ada' + i, phones: [{ phone: `+1 415 555 1234`, label: 'mobile' }] }),
  withBday: (i) => ({ firstName: 'Ada' + i, birthdayMonth: '3', birthdayDay: '14' }),
}
for (const [k, f] of Object.entries(variants)) {
  const t = performance.now()
  for (let i = 0; i < 50000; i++) s.safeParse(f(i))
  console.log(k, ((performance.now() - t) * 2).toFixed(0))
}

// Demo data for a fresh Rapport install: one user with about six months of
// believable CRM history. Every date is relative to `now`, so birthdays,
// overdue follow-ups and "haven't talked in N days" always show up on the
// dashboard whenever the seed runs.
//
// Emails use example.com / *.example.com and phone numbers come from the ranges
// Ofcom and NANP reserve for fiction, so clicking "email" or "WhatsApp" on demo
// data can never reach a real person.
import { randomBytes } from 'node:crypto'
import { Faker, base, en } from '@faker-js/faker'
import bcrypt from 'bcryptjs'
import { reindexContacts } from '../app/models/contact-search.server.ts'
import { DEFAULT_STAGES, type DefaultStageKey as DealStage } from '../app/validation/deal.ts'
import type {
	AuthorityLevel,
	ContactSource,
	FollowUpStatus,
	FollowUpType,
	LeadStatus,
	Medium,
	Prisma,
	PrismaClient,
} from '../app/generated/prisma/client.ts'

export const DEMO_EMAIL = 'demo@rapport.local'
export const DEMO_PASSWORD = 'rapport-demo'
export const DEMO_NAME = 'Alex Morgan'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

export type SeedSummary =
	| { created: false; reason: string; userId: string; email: string }
	| {
			created: true
			userId: string
			workspaceId: string
			email: string
			password: string
			counts: SeedCounts
	  }

export interface SeedCounts {
	companies: number
	contacts: number
	contactEmails: number
	contactPhones: number
	tags: number
	groups: number
	interactions: number
	followUps: { pending: number; overdue: number; completed: number; cancelled: number }
	deals: number
	templates: number
	activityLogs: number
	birthdaysNext7Days: number
	anniversariesNext7Days: number
	staleContacts: number
}

// ───────────────────────── helpers ─────────────────────────

// Ids are made here rather than by Prisma so createMany rows can reference each
// other; the shape (c + time + counter + random, 25 chars) matches cuid.
let idCounter = 0
const isClosedKey = (key: DealStage) => key === 'CLOSED_WON' || key === 'CLOSED_LOST'

function newId() {
	idCounter = (idCounter + 1) % 1_679_616
	return (
		'c' +
		Date.now().toString(36).padStart(8, '0') +
		idCounter.toString(36).padStart(4, '0') +
		randomBytes(8).toString('hex').slice(0, 12)
	)
}

const addMs = (d: Date, ms: number) => new Date(d.getTime() + ms)
const addDays = (d: Date, days: number) => addMs(d, days * DAY)

/** Month/day of `now + offset` days, in UTC: Date arithmetic handles month ends and Feb 29. */
function monthDayFromNow(now: Date, offsetDays: number) {
	const d = addDays(now, offsetDays)
	return { month: d.getUTCMonth() + 1, day: d.getUTCDate() }
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0

/** A birth/wedding year that makes month/day a real date (29 Feb needs a leap year). */
function fitYear(year: number, month: number, day: number) {
	if (month !== 2 || day !== 29) return year
	while (!isLeap(year)) year--
	return year
}

/** Days from now's UTC date to the next occurrence of month/day (0 = today). */
export function daysUntilAnnual(now: Date, month: number, day: number) {
	const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
	for (let y = now.getUTCFullYear(); y <= now.getUTCFullYear() + 8; y++) {
		// 29 Feb only exists in leap years; skip the others rather than guess.
		if (month === 2 && day === 29 && !isLeap(y)) continue
		const t = Date.UTC(y, month - 1, day)
		if (t >= today) return Math.round((t - today) / DAY)
	}
	return Number.POSITIVE_INFINITY
}

const slug = (s: string) =>
	s
		.normalize('NFKD')
		.replace(/[^A-Za-z]/g, '')
		.toLowerCase()

/** A time on the UTC day `daysAgo` before now, between fromHour and toHour. */
function atHour(faker: Faker, now: Date, daysAgo: number, fromHour: number, toHour: number) {
	const day = addDays(now, -daysAgo)
	const d = new Date(
		Date.UTC(
			day.getUTCFullYear(),
			day.getUTCMonth(),
			day.getUTCDate(),
			faker.number.int({ min: fromHour, max: toHour - 1 }),
			faker.helpers.arrayElement([0, 0, 15, 30, 30, 45]),
		),
	)
	return d
}

// ───────────────────────── fixed catalogue ─────────────────────────

interface CompanySeed {
	name: string
	short: string
	industry: string
	sizeBand: '1-10' | '11-50' | '51-200' | '201-1000' | '1000+'
	host: string
	city: string
	region: string
	postalCode: string
	country: string
	phone: string
	// US companies: area code for fictional 555-01xx numbers; UK ones use 07700 900xxx.
	areaCode: string | null
	leadStatus: LeadStatus | null
	notes: string
}

const COMPANIES: CompanySeed[] = [
	{
		name: 'Northwind Analytics',
		short: 'Northwind',
		industry: 'Software',
		sizeBand: '51-200',
		host: 'northwind-analytics.example.com',
		city: 'Manchester',
		region: 'Greater Manchester',
		postalCode: 'M1 3HU',
		country: 'United Kingdom',
		phone: '+441614960018',
		areaCode: null,
		leadStatus: 'CONVERTED',
		notes: 'First paying client. Renewal conversations run through the COO.',
	},
	{
		name: 'Halcyon Health Partners',
		short: 'Halcyon',
		industry: 'Healthcare',
		sizeBand: '1000+',
		host: 'halcyon-health.example.com',
		city: 'Boston',
		region: 'MA',
		postalCode: '02110',
		country: 'United States',
		phone: '+16175550142',
		areaCode: '617',
		leadStatus: 'INTERESTED',
		notes: 'Long procurement cycle; security review required before any contract.',
	},
	{
		name: 'Brightpath Logistics',
		short: 'Brightpath',
		industry: 'Logistics',
		sizeBand: '201-1000',
		host: 'brightpath-logistics.example.com',
		city: 'Birmingham',
		region: 'West Midlands',
		postalCode: 'B1 1BB',
		country: 'United Kingdom',
		phone: '+441214960377',
		areaCode: null,
		leadStatus: 'NEW',
		notes: 'Met their ops lead at a trade show. Dispatch team uses spreadsheets today.',
	},
	{
		name: 'Juniper & Vale Architects',
		short: 'Juniper & Vale',
		industry: 'Architecture',
		sizeBand: '11-50',
		host: 'junipervale.example.com',
		city: 'Bristol',
		region: 'Bristol',
		postalCode: 'BS1 4DJ',
		country: 'United Kingdom',
		phone: '+441174960205',
		areaCode: null,
		leadStatus: 'CONVERTED',
		notes: 'Referral partner as well as a client: they send us two or three intros a year.',
	},
	{
		name: 'Copperleaf Coffee Roasters',
		short: 'Copperleaf',
		industry: 'Food & Beverage',
		sizeBand: '1-10',
		host: 'copperleaf-coffee.example.com',
		city: 'Portland',
		region: 'OR',
		postalCode: '97205',
		country: 'United States',
		phone: '+15035550117',
		areaCode: '503',
		leadStatus: 'INTERESTED',
		notes: 'Small team, founder-led. Wholesale is growing fast.',
	},
	{
		name: 'Meridian Capital Advisors',
		short: 'Meridian',
		industry: 'Financial Services',
		sizeBand: '11-50',
		host: 'meridian-capital.example.com',
		city: 'London',
		region: 'Greater London',
		postalCode: 'EC2V 7HH',
		country: 'United Kingdom',
		phone: '+442079460451',
		areaCode: null,
		leadStatus: null,
		notes: 'Angel investors in the business; also introduce portfolio companies.',
	},
	{
		name: 'Tidewater Marine Supply',
		short: 'Tidewater',
		industry: 'Wholesale',
		sizeBand: '51-200',
		host: 'tidewater-marine.example.com',
		city: 'Charleston',
		region: 'SC',
		postalCode: '29401',
		country: 'United States',
		phone: '+18435550163',
		areaCode: '843',
		leadStatus: 'NOT_INTERESTED',
		notes: 'Went with an in-house build. Worth a check-in next year.',
	},
	{
		name: 'Lumen Learning Labs',
		short: 'Lumen',
		industry: 'Education',
		sizeBand: '51-200',
		host: 'lumen-learning.example.com',
		city: 'Austin',
		region: 'TX',
		postalCode: '78701',
		country: 'United States',
		phone: '+15125550129',
		areaCode: '512',
		leadStatus: 'NEW',
		notes: 'Inbound from the webinar. Admissions team of twelve.',
	},
	{
		name: 'Oakridge Property Group',
		short: 'Oakridge',
		industry: 'Real Estate',
		sizeBand: '201-1000',
		host: 'oakridge-property.example.com',
		city: 'Leeds',
		region: 'West Yorkshire',
		postalCode: 'LS1 4DY',
		country: 'United Kingdom',
		phone: '+441134960588',
		areaCode: null,
		leadStatus: 'CONVERTED',
		notes: 'Tenant outreach project went live; case study approved.',
	},
	{
		name: 'Fernway Studios',
		short: 'Fernway',
		industry: 'Marketing & Design',
		sizeBand: '1-10',
		host: 'fernway-studios.example.com',
		city: 'New York',
		region: 'NY',
		postalCode: '10013',
		country: 'United States',
		phone: '+12125550186',
		areaCode: '212',
		leadStatus: null,
		notes: 'Design partner: we co-deliver rebrand + CRM projects.',
	},
]

const TAGS = [
	{ name: 'VIP', color: 'amber' },
	{ name: 'Investor', color: 'violet' },
	{ name: 'Family', color: 'rose' },
	{ name: 'Friend', color: 'sky' },
	{ name: 'Partner', color: 'emerald' },
	{ name: 'Hot lead', color: 'red' },
] as const
type TagName = (typeof TAGS)[number]['name']

const GROUPS = [
	{ name: 'Family', icon: '🏠', isPrivate: false },
	{ name: 'College friends', icon: '🎓', isPrivate: false },
	{ name: 'Book club', icon: '📚', isPrivate: false },
	{ name: 'Advisors', icon: '🧭', isPrivate: true },
] as const
type GroupName = (typeof GROUPS)[number]['name']

// Contact slots by index: 0-24 work at COMPANIES[i % 10] (0-9 are the main
// decision makers), 25-29 family, 30-34 college friends, 35-37 book club,
// 38-49 inbound leads (47-49 arrived in the last two days and are untouched).
const N_CONTACTS = 50
const FAMILY = [25, 26, 27, 28, 29]
const COLLEGE = [30, 31, 32, 33, 34]
const BOOK_CLUB = [35, 36, 37, 31, 33]
const FRESH_LEADS = [47, 48, 49]
// Last heard from 45+ days ago: they feed "haven't talked in N days".
const STALE = [7, 13, 22, 29, 32, 34]

const TAGGED: Record<TagName, number[]> = {
	VIP: [0, 1, 3, 8, 26],
	Investor: [5, 15, 33],
	Family: FAMILY,
	Friend: [30, 31, 32, 33, 34, 35, 36, 37],
	Partner: [9, 19, 3],
	'Hot lead': [38, 39, 41, 2],
}
const TAGGED_COMPANIES: Partial<Record<TagName, number[]>> = {
	VIP: [1, 8],
	Partner: [3, 9],
	'Hot lead': [7],
	Investor: [5],
}
const GROUPED: Record<GroupName, number[]> = {
	Family: FAMILY,
	'College friends': COLLEGE,
	'Book club': BOOK_CLUB,
	Advisors: [5, 15, 33, 1],
}

// Birthdays: [contact, days from now]. Offsets 0-6 guarantee the "upcoming" list;
// the rest are spread over the year.
const BIRTHDAYS_SOON: [number, number][] = [
	[26, 0],
	[31, 1],
	[2, 2],
	[35, 4],
	[11, 6],
]
const BIRTHDAYS_LATER: [number, number][] = [
	[25, 9],
	[30, 16],
	[5, 24],
]
const BIRTHDAYS_RANDOM = [27, 28, 29, 32, 33, 34, 36, 37, 0, 8, 14, 17]
const ANNIVERSARIES_SOON: [number, number][] = [
	[27, 1],
	[32, 5],
]
const ANNIVERSARIES_LATER: [number, number][] = [[30, 20]]
const ANNIVERSARIES_RANDOM = [25, 28, 36, 0, 4]

const DECISION_TITLES = [
	'Chief Operating Officer',
	'VP Patient Experience',
	'Head of Operations',
	'Managing Partner',
	'Founder & CEO',
	'Partner',
	'Director of Sales',
	'Head of Admissions',
	'Managing Director',
	'Creative Director',
]
const STAFF_TITLES = [
	'Operations Manager',
	'Marketing Lead',
	'Data Analyst',
	'Office Manager',
	'Product Manager',
	'Procurement Specialist',
	'Account Manager',
	'Engineering Manager',
	'Customer Success Lead',
	'Finance Director',
]
const LEAD_TITLES = [
	'Founder',
	'Owner',
	'Marketing Manager',
	'Head of Growth',
	'Practice Manager',
	'Sales Director',
	'Studio Manager',
	'Operations Director',
]
const PERSONAL_TITLES = ['Teacher', 'Nurse', 'Architect', 'Software Engineer', 'Chef', 'Solicitor', 'Photographer']

// faker's own name and city lists are mostly invented ("Bartholome", "East Ora");
// picking from common real ones with the seeded faker reads better in a demo.
const FIRST_NAMES = [
	'Olivia', 'Liam', 'Emma', 'Noah', 'Amelia', 'Oliver', 'Sophia', 'James', 'Isla', 'Ethan',
	'Mia', 'Lucas', 'Charlotte', 'Mateo', 'Priya', 'Arjun', 'Chloe', 'Daniel', 'Grace', 'Samuel',
	'Hannah', 'Omar', 'Zara', 'Leo', 'Ava', 'Thomas', 'Freya', 'Benjamin', 'Aisha', 'Jack',
	'Ruby', 'Harry', 'Maya', 'Gabriel', 'Ella', 'Kenji', 'Nora', 'Felix', 'Lily', 'Rohan',
	'Sofia', 'Marcus', 'Imogen', 'Tom', 'Elena', 'David', 'Naomi', 'Sam', 'Rachel', 'Ben',
	'Laura', 'Kwame', 'Yasmin', 'Hugo', 'Clara', 'Diego', 'Esther', 'Finn', 'Leila', 'Isaac',
]
const LAST_NAMES = [
	'Patel', 'Nguyen', 'Smith', 'Jones', 'Williams', 'Brown', 'Taylor', 'Davies', 'Evans', 'Wilson',
	'Thomas', 'Johnson', 'Roberts', 'Walker', 'Wright', 'Robinson', 'Thompson', 'White', 'Hughes', 'Edwards',
	'Green', 'Hall', 'Wood', 'Harris', 'Clarke', 'Jackson', 'Turner', 'Hill', 'Moore', 'Cooper',
	'Ward', 'Morris', 'King', 'Baker', 'Khan', 'Ali', 'Chen', 'Kim', 'Garcia', 'Martinez',
	'Rossi', 'Okafor', 'Mensah', 'Novak', 'Kowalski', "O'Brien", 'Murphy', 'Kelly', 'Fraser', 'Campbell',
	'Stewart', 'Reid', 'Bennett', 'Fischer', 'Silva', 'Santos', 'Haddad', 'Sato', 'Tanaka', 'Lindqvist',
]
const LEAD_PLACES = [
	{ city: 'Glasgow', country: 'United Kingdom' },
	{ city: 'Cardiff', country: 'United Kingdom' },
	{ city: 'Norwich', country: 'United Kingdom' },
	{ city: 'Dublin', country: 'Ireland' },
	{ city: 'Denver', country: 'United States' },
	{ city: 'Seattle', country: 'United States' },
	{ city: 'Chicago', country: 'United States' },
	{ city: 'Toronto', country: 'Canada' },
]

const PERSONAL_CITIES = [
	{ city: 'London', region: 'Greater London', postal: 'N# #??' },
	{ city: 'Brighton', region: 'East Sussex', postal: 'BN# #??' },
	{ city: 'Oxford', region: 'Oxfordshire', postal: 'OX# #??' },
	{ city: 'Edinburgh', region: 'Scotland', postal: 'EH# #??' },
	{ city: 'Bath', region: 'Somerset', postal: 'BA# #??' },
	{ city: 'Cambridge', region: 'Cambridgeshire', postal: 'CB# #??' },
]

const NOTES = {
	business: [
		'Prefers email over calls; replies fast before 10am.',
		'Budget is set in the autumn, so proposals need to land before then.',
		'Very detail-oriented: send agendas ahead of meetings.',
		'Introduced by a mutual contact at a meetup.',
		'Keen cyclist; ask about the coast-to-coast ride.',
		'Needs sign-off from finance for anything over $10k.',
		'Champion internally; helped push the last project through.',
	],
	personal: [
		'Loves hiking; ask how the Lake District trip went.',
		'Two kids, both football mad.',
		'Allergic to nuts; remember for dinners.',
		'Moving house this year.',
		'Always up for a pub quiz on Thursdays.',
		'Training for a half marathon.',
	],
	lead: [
		'Came in through the pricing page form.',
		'Asked about onboarding for a team of five.',
		'Comparing us with two other consultancies.',
		'Wants a call after their board meeting.',
		'Downloaded the CRM audit checklist.',
	],
}

const UTMS = [
	{ utm_source: 'google', utm_medium: 'cpc', utm_campaign: 'crm-consulting-search' },
	{ utm_source: 'linkedin', utm_medium: 'social', utm_campaign: 'founder-stories' },
	{ utm_source: 'newsletter', utm_medium: 'email', utm_campaign: 'monthly-digest' },
	{ utm_source: 'facebook', utm_medium: 'paid-social', utm_campaign: 'spring-webinar' },
	{ utm_source: 'fernway', utm_medium: 'referral', utm_campaign: 'partner-referral' },
]
const LANDING_PAGES = ['pricing', 'services/crm-audit', 'webinar', 'contact', 'case-studies/oakridge']
const REFERRERS = ['https://www.google.com/', 'https://www.linkedin.com/', null, 'https://news.ycombinator.com/']
const OWN_SITE = 'https://morganco.example.com'

// Leads 38-49, in order.
const LEAD_SOURCES: ContactSource[] = [
	'EMBED',
	'EMBED',
	'WEBHOOK',
	'WORDPRESS',
	'EXTENSION',
	'GMAIL',
	'EMBED',
	'API',
	'WORDPRESS',
	'IMPORT',
	'EMBED',
	'WEBHOOK',
]
const LEAD_STATUSES: LeadStatus[] = [
	'INTERESTED',
	'INTERESTED',
	'NEW',
	'INTERESTED',
	'NEW',
	'NOT_INTERESTED',
	'CONVERTED',
	'NEW',
	'NOT_INTERESTED',
	'NEW',
	'NEW',
	'NEW',
]
const BUSINESS_SOURCES: ContactSource[] = ['MANUAL', 'MANUAL', 'IMPORT', 'MANUAL', 'EXTENSION', 'CALENDAR', 'GMAIL']

type Kind = 'business' | 'personal' | 'lead'
interface InteractionTemplate {
	subject: string
	notes: string
	outcome?: string
	nextSteps?: string
}

const INTERACTIONS: Record<Kind, Partial<Record<Medium, InteractionTemplate[]>>> = {
	business: {
		CALL: [
			{ subject: 'Check-in call', notes: 'Quick catch-up on how the rollout is going.', outcome: 'All on track' },
			{ subject: 'Pricing questions', notes: 'Walked through the retainer tiers and what is included.', outcome: 'Wants a revised quote', nextSteps: 'Send revised quote' },
			{ subject: 'Renewal discussion', notes: 'Talked about scope for next quarter.', outcome: 'Positive, needs finance sign-off' },
			{ subject: 'Scoping call', notes: 'Mapped their current pipeline stages and pain points.', outcome: 'Agreed to a proposal', nextSteps: 'Draft proposal' },
			{ subject: 'Missed call', notes: 'Left a voicemail about the workshop dates.', outcome: 'Left voicemail' },
		],
		EMAIL: [
			{ subject: 'Proposal draft', notes: 'Sent the first draft of the proposal for review.', nextSteps: 'Chase for feedback' },
			{ subject: 'Case study', notes: 'Shared the Oakridge case study as promised.' },
			{ subject: 'Security questionnaire', notes: 'Answered their vendor security questions.', outcome: 'Accepted' },
			{ subject: 'Workshop follow-up', notes: 'Sent slides and action items from the workshop.' },
			{ subject: 'Invoice query', notes: 'Clarified the PO number on the last invoice.', outcome: 'Resolved' },
		],
		VIDEO: [
			{ subject: 'Discovery session', notes: 'Went through goals for the next two quarters.', outcome: 'Good fit', nextSteps: 'Book follow-up with their team' },
			{ subject: 'Dashboard demo', notes: 'Demoed the reporting dashboard to their leadership team.', outcome: 'Asked for a pilot' },
			{ subject: 'Quarterly review', notes: 'Reviewed results against last quarter targets.', outcome: 'Happy with progress' },
		],
		IN_PERSON: [
			{ subject: 'Lunch meeting', notes: 'Lunch near their office; talked about hiring plans.', outcome: 'Warm relationship' },
			{ subject: 'On-site workshop', notes: 'Half-day workshop with the sales team.', outcome: 'Workshop delivered' },
			{ subject: 'Conference coffee', notes: 'Bumped into them at the industry conference.' },
		],
		NOTE: [
			{ subject: 'Org change', notes: 'Heard their head of sales is leaving at the end of the month.' },
			{ subject: 'Budget update', notes: 'Budget for next year approved, per their finance team.' },
		],
		WHATSAPP: [{ subject: 'Quick check-in', notes: 'Confirmed meeting time over WhatsApp.', outcome: 'Confirmed' }],
	},
	personal: {
		WHATSAPP: [
			{ subject: 'Weekend plans', notes: 'Chatted about plans for the weekend.' },
			{ subject: 'Trip photos', notes: 'Swapped photos from the holiday.' },
			{ subject: 'Podcast tip', notes: 'Sent them the podcast episode we talked about.' },
		],
		CALL: [
			{ subject: 'Catch-up call', notes: 'Long catch-up; things are good with the new job.' },
			{ subject: 'Sunday call', notes: 'Usual Sunday call. Everyone is well.' },
		],
		IN_PERSON: [
			{ subject: 'Dinner', notes: 'Dinner at the new Italian place.' },
			{ subject: 'Coffee', notes: 'Coffee and a walk on the Heath.' },
			{ subject: 'Book club', notes: 'Book club night; next pick is theirs.' },
			{ subject: 'Pub quiz', notes: 'Came second at the pub quiz again.' },
		],
		SMS: [{ subject: 'Saturday plans', notes: 'Texted to confirm Saturday.' }],
		INSTAGRAM_DM: [{ subject: 'Story reply', notes: 'Replied to their story from the mountains.' }],
		VIDEO: [{ subject: 'FaceTime', notes: 'FaceTime catch-up with the kids.' }],
	},
	lead: {
		EMAIL: [
			{ subject: 'Welcome email', notes: 'Replied to the website enquiry with a booking link.', nextSteps: 'Wait for booking' },
			{ subject: 'Pricing sent', notes: 'Sent pricing and the CRM audit overview.', outcome: 'Opened twice' },
			{ subject: 'Re: your enquiry', notes: 'Answered questions about team size and timelines.' },
		],
		CALL: [
			{ subject: 'Qualification call', notes: 'Covered budget, timeline and decision process.', outcome: 'Qualified', nextSteps: 'Send proposal outline' },
			{ subject: 'Discovery call', notes: 'Learned how they track leads today (spreadsheet).', outcome: 'Interested' },
		],
		VIDEO: [{ subject: 'Intro demo', notes: 'Short demo of the lead capture setup.', outcome: 'Wants to think it over' }],
		NOTE: [{ subject: 'Research', notes: 'Looked at their website: about 20 staff, two offices.' }],
	},
}

const MEDIUM_WEIGHTS: Record<Kind, { weight: number; value: Medium }[]> = {
	business: [
		{ weight: 35, value: 'EMAIL' },
		{ weight: 25, value: 'CALL' },
		{ weight: 20, value: 'VIDEO' },
		{ weight: 10, value: 'IN_PERSON' },
		{ weight: 7, value: 'NOTE' },
		{ weight: 3, value: 'WHATSAPP' },
	],
	personal: [
		{ weight: 35, value: 'WHATSAPP' },
		{ weight: 20, value: 'CALL' },
		{ weight: 20, value: 'IN_PERSON' },
		{ weight: 10, value: 'SMS' },
		{ weight: 10, value: 'INSTAGRAM_DM' },
		{ weight: 5, value: 'VIDEO' },
	],
	lead: [
		{ weight: 45, value: 'EMAIL' },
		{ weight: 30, value: 'CALL' },
		{ weight: 15, value: 'VIDEO' },
		{ weight: 10, value: 'NOTE' },
	],
}

const DURATION: Partial<Record<Medium, [number, number]>> = {
	CALL: [5, 45],
	VIDEO: [20, 60],
	IN_PERSON: [30, 120],
}

const FOLLOW_UP_TASKS: Record<Kind, { type: FollowUpType; notes: string }[]> = {
	business: [
		{ type: 'EMAIL', notes: 'Chase proposal sign-off' },
		{ type: 'EMAIL', notes: 'Send revised quote' },
		{ type: 'MEETING', notes: 'Book quarterly review' },
		{ type: 'CALL', notes: 'Check in after the demo' },
		{ type: 'EMAIL', notes: 'Share onboarding checklist' },
		{ type: 'CALL', notes: 'Confirm workshop dates' },
	],
	personal: [
		{ type: 'WHATSAPP', notes: 'Arrange dinner' },
		{ type: 'CALL', notes: 'Ask how the new job is going' },
		{ type: 'SMS', notes: 'Send the photos from the weekend' },
	],
	lead: [
		{ type: 'CALL', notes: 'Qualification call' },
		{ type: 'EMAIL', notes: 'Send pricing sheet' },
		{ type: 'EMAIL', notes: 'Reply to website enquiry' },
		{ type: 'MEETING', notes: 'Intro demo' },
	],
}

const STAGE_PROBABILITY = Object.fromEntries(DEFAULT_STAGES.map((s) => [s.key, s.probability])) as Record<DealStage, number>

type OpenStage = Exclude<DealStage, 'CLOSED_WON' | 'CLOSED_LOST'>
// Later stages are expected to close sooner.
const EXPECTED_CLOSE_DAYS: Record<OpenStage, [number, number]> = {
	PROSPECTING: [45, 90],
	QUALIFICATION: [30, 75],
	PROPOSAL: [14, 45],
	NEGOTIATION: [5, 21],
}

// [company, stage, product, second contact?]: every stage appears, two or three times.
const DEALS: [number, DealStage, string, boolean][] = [
	[0, 'CLOSED_WON', 'Data strategy workshop', false],
	[0, 'PROPOSAL', 'Quarterly advisory retainer', true],
	[1, 'NEGOTIATION', 'Patient CRM rollout', false],
	[1, 'QUALIFICATION', 'Referral pipeline audit', true],
	[2, 'PROSPECTING', 'Sales process review', false],
	[2, 'QUALIFICATION', 'Dispatch team training (20 seats)', true],
	[3, 'CLOSED_WON', 'Client portal and CRM setup', false],
	[3, 'PROPOSAL', 'Annual support plan', true],
	[4, 'PROSPECTING', 'Wholesale lead capture', false],
	[4, 'CLOSED_LOST', 'Loyalty programme design', true],
	[5, 'NEGOTIATION', 'Portfolio CRM playbook', false],
	[6, 'CLOSED_LOST', 'Dealer network CRM migration', false],
	[7, 'PROSPECTING', 'Admissions funnel analytics', false],
	[7, 'QUALIFICATION', 'Enquiry follow-up process', true],
	[8, 'CLOSED_WON', 'Tenant outreach automation', false],
	[9, 'PROPOSAL', 'Co-delivered rebrand and CRM', false],
]

const TEMPLATES = [
	{
		type: 'FOLLOW_UP' as const,
		name: 'Friendly follow-up',
		body: 'Hi {{firstName}},\n\nJust following up on our last conversation. Is there anything I can help with? Happy to find 20 minutes this week.\n\nBest,\nAlex',
	},
	{
		type: 'BIRTHDAY' as const,
		name: 'Birthday wishes',
		body: 'Happy birthday, {{firstName}}! 🎉 Hope you have a brilliant day and a great year ahead.',
	},
	{
		type: 'ANNIVERSARY' as const,
		name: 'Anniversary note',
		body: 'Happy anniversary, {{firstName}}! Wishing you both a wonderful day. 🥂',
	},
]

// ───────────────────────── building ─────────────────────────

export interface DemoData {
	companies: Prisma.CompanyCreateManyInput[]
	contacts: Prisma.ContactCreateManyInput[]
	emails: Prisma.ContactEmailCreateManyInput[]
	phones: Prisma.ContactPhoneCreateManyInput[]
	tags: { name: string; color: string; contactIds: string[]; companyIds: string[] }[]
	groups: { name: string; icon: string; isPrivate: boolean; contactIds: string[] }[]
	stages: Prisma.PipelineStageCreateManyInput[]
	deals: Prisma.DealCreateManyInput[]
	stageChanges: Prisma.DealStageChangeCreateManyInput[]
	interactions: Prisma.InteractionCreateManyInput[]
	followUps: Prisma.FollowUpCreateManyInput[]
	templates: Prisma.MessageTemplateCreateManyInput[]
	activity: Prisma.ActivityLogCreateManyInput[]
}

/**
 * Builds every demo row in memory (no database access), deterministic for a
 * given `now` apart from the ids.
 */
export function buildDemoData({
	now,
	userId,
	workspaceId,
}: {
	now: Date
	userId: string
	workspaceId: string
}): DemoData {
	const faker = new Faker({ locale: [en, base] })
	faker.seed(42)
	const ws = { workspaceId }

	// ── companies
	const companies: Prisma.CompanyCreateManyInput[] = COMPANIES.map((c) => ({
		id: newId(),
		...ws,
		name: c.name,
		industry: c.industry,
		sizeBand: c.sizeBand,
		website: `https://${c.host}`,
		domain: c.host,
		phone: c.phone,
		email: `hello@${c.host}`,
		street: faker.location.streetAddress(),
		city: c.city,
		region: c.region,
		postalCode: c.postalCode,
		country: c.country,
		notes: c.notes,
		leadStatus: c.leadStatus,
		ownerId: userId,
		createdAt: atHour(faker, now, faker.number.int({ min: 200, max: 390 }), 9, 18),
	}))

	// ── contacts
	const usedPhones = new Set<string>()
	const usedEmails = new Set<string>()
	// Unique first and last names (bar the family) so a search finds one person.
	const usedNames = new Set<string>()
	const uniquePhone = (make: () => string) => {
		for (;;) {
			const p = make()
			if (!usedPhones.has(p)) {
				usedPhones.add(p)
				return p
			}
		}
	}
	// Ofcom's drama range (07700 900000-900999) and NANP's 555-0100-0199.
	const ukMobile = () => uniquePhone(() => `+447700900${faker.string.numeric(3)}`)
	const usMobile = (area: string) => uniquePhone(() => `+1${area}55501${faker.string.numeric(2)}`)
	const uniqueEmail = (local: string, domain: string) => {
		let e = `${local}@${domain}`
		for (let n = 2; usedEmails.has(e); n++) e = `${local}${n}@${domain}`
		usedEmails.add(e)
		return e
	}
	const exampleDomain = () => faker.helpers.arrayElement(['example.com', 'example.org', 'example.net'])

	const kindOf = (i: number): Kind => (i < 25 ? 'business' : i < 38 ? 'personal' : 'lead')
	const contacts: Prisma.ContactCreateManyInput[] = []
	const emails: Prisma.ContactEmailCreateManyInput[] = []
	const phones: Prisma.ContactPhoneCreateManyInput[] = []

	for (let i = 0; i < N_CONTACTS; i++) {
		const kind = kindOf(i)
		const id = newId()
		let firstName = ''
		let lastName = ''
		do {
			firstName = faker.helpers.arrayElement(FIRST_NAMES)
			// Three of the family share the demo user's surname.
			lastName = FAMILY.slice(0, 3).includes(i) ? 'Morgan' : faker.helpers.arrayElement(LAST_NAMES)
		} while (usedNames.has(firstName) || (lastName !== 'Morgan' && usedNames.has(lastName)))
		usedNames.add(firstName).add(lastName)

		const ci = kind === 'business' ? i % COMPANIES.length : null
		const company = ci === null ? null : COMPANIES[ci]!
		const personalLocal = faker.helpers.arrayElement([
			`${slug(firstName)}.${slug(lastName)}`,
			`${slug(firstName)}${slug(lastName)}`,
			`${slug(firstName)}${faker.number.int({ min: 1, max: 99 })}`,
		])

		// Emails: a work address for people at companies, personal otherwise; some get both.
		const contactEmails: string[] = []
		if (company) contactEmails.push(uniqueEmail(`${slug(firstName)}.${slug(lastName)}`, company.host))
		if (!company || faker.datatype.boolean(0.3)) contactEmails.push(uniqueEmail(personalLocal, exampleDomain()))
		if (!company && faker.datatype.boolean(0.2)) {
			contactEmails.push(uniqueEmail(`${slug(firstName)[0]}${slug(lastName)}`, exampleDomain()))
		}
		contactEmails.slice(0, 2).forEach((email, n) =>
			emails.push({
				id: newId(),
				contactId: id,
				email,
				label: company && email.endsWith(`@${company.host}`) ? 'work' : company || n === 0 ? 'personal' : 'other',
				isPrimary: n === 0,
			}),
		)

		// Phones: 0-2, mobile first.
		const phoneCount =
			kind === 'personal' ? faker.helpers.arrayElement([1, 1, 2]) : faker.helpers.arrayElement([0, 1, 1, 2])
		const mobile = () => (company?.areaCode ? usMobile(company.areaCode) : ukMobile())
		const contactPhones: string[] = []
		for (let n = 0; n < phoneCount; n++) contactPhones.push(mobile())
		contactPhones.forEach((phone, n) =>
			phones.push({
				id: newId(),
				contactId: id,
				phone,
				label: n === 0 ? 'mobile' : kind === 'personal' ? 'home' : 'work',
				isPrimary: n === 0,
			}),
		)

		const whatsapp =
			contactPhones[0] && (kind === 'personal' || faker.datatype.boolean(0.3)) ? contactPhones[0] : null
		const instagram =
			kind !== 'business' && faker.datatype.boolean(kind === 'personal' ? 0.6 : 0.25)
				? faker.helpers.arrayElement([
						`${slug(firstName)}.${slug(lastName)}`,
						`${slug(firstName)}_${slug(lastName).slice(0, 4)}`,
						`${slug(firstName)}${slug(lastName)}${faker.number.int({ min: 1, max: 99 })}`,
					])
				: null

		let jobTitle: string | null = null
		let isDecisionMaker = false
		let authorityLevel: AuthorityLevel | null = null
		if (kind === 'business') {
			if (i < 10) {
				jobTitle = DECISION_TITLES[i]!
				isDecisionMaker = true
				authorityLevel = 'PRIMARY'
			} else {
				jobTitle = STAFF_TITLES[i % STAFF_TITLES.length]!
				if (i < 20 && i % 2 === 0) {
					isDecisionMaker = true
					authorityLevel = i % 4 === 0 ? 'SECONDARY' : 'INFLUENCER'
				}
			}
		} else if (kind === 'lead') {
			jobTitle = faker.helpers.arrayElement(LEAD_TITLES)
			if (faker.datatype.boolean(0.4)) {
				isDecisionMaker = true
				authorityLevel = 'PRIMARY'
			}
		} else if (faker.datatype.boolean(0.5)) {
			jobTitle = faker.helpers.arrayElement(PERSONAL_TITLES)
		}

		// Address: company city for colleagues, around the UK for friends and family.
		let address: Partial<Prisma.ContactCreateManyInput> = {}
		if (company && faker.datatype.boolean(0.4)) {
			const street = faker.location.streetAddress()
			address = { addresses: [{ label: 'work', street, city: company.city, region: company.region, postalCode: company.postalCode, country: company.country }] }
		} else if (kind === 'personal' && faker.datatype.boolean(0.75)) {
			const place = faker.helpers.arrayElement(PERSONAL_CITIES)
			const street = faker.location.streetAddress()
			address = { addresses: [{ label: 'home', street, city: place.city, region: place.region, postalCode: faker.location.zipCode(place.postal).toUpperCase(), country: 'United Kingdom' }] }
		} else if (kind === 'lead' && faker.datatype.boolean(0.5)) {
			address = { addresses: [{ label: null, street: null, region: null, postalCode: null, ...faker.helpers.arrayElement(LEAD_PLACES) }] }
		}

		let leadStatus: LeadStatus | null = null
		let source: ContactSource = 'MANUAL'
		let createdAt: Date
		let attribution: Partial<Prisma.ContactCreateManyInput> = {}
		if (kind === 'business') {
			leadStatus = i < 20 ? company!.leadStatus : null
			source = BUSINESS_SOURCES[i % BUSINESS_SOURCES.length]!
			createdAt = atHour(faker, now, faker.number.int({ min: 190, max: 390 }), 9, 18)
		} else if (kind === 'personal') {
			source = faker.helpers.arrayElement(['MANUAL', 'MANUAL', 'IMPORT'] as const)
			createdAt = atHour(faker, now, faker.number.int({ min: 250, max: 395 }), 8, 21)
		} else {
			const n = i - 38
			leadStatus = LEAD_STATUSES[n]!
			source = LEAD_SOURCES[n]!
			createdAt = FRESH_LEADS.includes(i)
				? addMs(now, -faker.number.int({ min: 2 * HOUR, max: 2 * DAY }))
				: atHour(faker, now, faker.number.int({ min: 5, max: 75 }), 7, 22)
			if (source === 'EMBED' || source === 'WORDPRESS' || source === 'WEBHOOK') {
				const first = faker.helpers.arrayElement(UTMS)
				attribution = {
					firstTouch: first,
					referrer: faker.helpers.arrayElement(REFERRERS),
					landingPage: `${OWN_SITE}/${faker.helpers.arrayElement(LANDING_PAGES)}`,
				}
				if (faker.datatype.boolean(0.4)) attribution.lastTouch = faker.helpers.arrayElement(UTMS)
			} else if (source === 'EXTENSION') {
				attribution = { landingPage: 'https://www.linkedin.com/' }
			}
		}

		let keepInTouchDays: number | null = null
		if (FAMILY.includes(i)) keepInTouchDays = 14
		else if (COLLEGE.includes(i) || BOOK_CLUB.includes(i)) keepInTouchDays = 30
		else if (TAGGED.VIP.includes(i) || STALE.includes(i)) keepInTouchDays = 30

		contacts.push({
			id,
			...ws,
			firstName,
			lastName,
			displayName: `${firstName} ${lastName}`,
			whatsapp,
			instagram,
			companyId: ci === null ? null : companies[ci]!.id,
			jobTitle,
			isDecisionMaker,
			authorityLevel,
			...address,
			notes: faker.datatype.boolean(0.6) ? faker.helpers.arrayElement(NOTES[kind]) : null,
			leadStatus,
			ownerId: userId,
			source,
			...attribution,
			keepInTouchDays,
			createdAt,
		})
	}

	// ── birthdays and anniversaries
	const setAnnual = (i: number, offset: number, field: 'birthday' | 'anniversary', withYear: boolean) => {
		const { month, day } = monthDayFromNow(now, offset)
		const c = contacts[i]!
		const year = withYear
			? fitYear(
					now.getUTCFullYear() -
						(field === 'birthday' ? faker.number.int({ min: 24, max: 68 }) : faker.number.int({ min: 2, max: 35 })),
					month,
					day,
				)
			: null
		if (field === 'birthday') Object.assign(c, { birthdayMonth: month, birthdayDay: day, birthdayYear: year })
		else Object.assign(c, { anniversaryMonth: month, anniversaryDay: day, anniversaryYear: year })
	}
	for (const [i, off] of [...BIRTHDAYS_SOON, ...BIRTHDAYS_LATER]) setAnnual(i, off, 'birthday', faker.datatype.boolean(0.6))
	// Random ones stay clear of the next two weeks so the upcoming list is exactly the intended ones.
	for (const i of BIRTHDAYS_RANDOM) {
		setAnnual(i, faker.number.int({ min: 30, max: 350 }), 'birthday', faker.datatype.boolean(0.6))
	}
	for (const [i, off] of [...ANNIVERSARIES_SOON, ...ANNIVERSARIES_LATER]) setAnnual(i, off, 'anniversary', true)
	for (const i of ANNIVERSARIES_RANDOM) setAnnual(i, faker.number.int({ min: 30, max: 350 }), 'anniversary', faker.datatype.boolean(0.8))

	// ── tags and groups
	const tags = TAGS.map((t) => ({
		name: t.name,
		color: t.color,
		contactIds: TAGGED[t.name].map((i) => contacts[i]!.id!),
		companyIds: (TAGGED_COMPANIES[t.name] ?? []).map((i) => companies[i]!.id!),
	}))
	const groups = GROUPS.map((g) => ({
		name: g.name,
		icon: g.icon,
		isPrivate: g.isPrivate,
		contactIds: GROUPED[g.name].map((i) => contacts[i]!.id!),
	}))

	// ── pipeline and deals
	const stages: Prisma.PipelineStageCreateManyInput[] = DEFAULT_STAGES.map((s, i) => ({
		id: newId(),
		...ws,
		name: s.name,
		position: i,
		probability: s.probability,
		outcome: s.outcome,
		createdAt: addDays(now, -400),
	}))
	const stageIdOf = (key: DealStage) => stages[DEFAULT_STAGES.findIndex((s) => s.key === key)]!.id!
	const stageKeyOf = new Map<string, DealStage>()
	const positions = new Map<DealStage, number>()
	const deals: Prisma.DealCreateManyInput[] = DEALS.map(([ci, stage, product, second]) => {
		const position = (positions.get(stage) ?? 0) + 1000
		positions.set(stage, position)
		const contactIndex = second ? ci + 10 : ci
		const closed = stage === 'CLOSED_WON' || stage === 'CLOSED_LOST'
		let createdAt: Date
		let closedAt: Date | null = null
		let expectedCloseAt: Date
		if (closed) {
			closedAt = atHour(faker, now, faker.number.int({ min: 7, max: 110 }), 9, 18)
			createdAt = addDays(closedAt, -faker.number.int({ min: 25, max: 60 }))
			expectedCloseAt = addDays(closedAt, faker.number.int({ min: -5, max: 10 }))
		} else {
			createdAt = atHour(faker, now, faker.number.int({ min: 15, max: 100 }), 9, 18)
			const [min, max] = EXPECTED_CLOSE_DAYS[stage as OpenStage]
			expectedCloseAt = atHour(faker, now, -faker.number.int({ min, max }), 12, 13)
		}
		const id = newId()
		stageKeyOf.set(id, stage)
		return {
			id,
			...ws,
			name: `${COMPANIES[ci]!.short}: ${product}`,
			// Multiples of $250 between $2,000 and $80,000.
			valueCents: faker.number.int({ min: 8, max: 320 }) * 250 * 100,
			currency: 'USD',
			stageId: stageIdOf(stage),
			probability: STAGE_PROBABILITY[stage],
			expectedCloseAt,
			closedAt,
			companyId: companies[ci]!.id,
			contactId: contacts[contactIndex]!.id,
			ownerId: userId,
			position,
			closeReason:
				stage === 'CLOSED_LOST'
					? faker.helpers.arrayElement(['Lost on price.', 'They chose to build it in-house.', 'Project shelved after a reorg.'])
					: stage === 'CLOSED_WON'
						? 'Best fit for their team.'
						: null,
			notes: null,
			createdAt,
		}
	})

	// Each deal's history: created in Prospecting, then one move per stage up to where it is now.
	const stageChanges: Prisma.DealStageChangeCreateManyInput[] = deals.flatMap((d) => {
		const key = stageKeyOf.get(d.id!)!
		const target = DEFAULT_STAGES.findIndex((s) => s.key === key)
		const path = key === 'CLOSED_LOST' ? [0, 1, target] : Array.from({ length: Math.min(target, 4) + 1 }, (_, i) => i)
		if (key === 'CLOSED_WON') path.push(target)
		const start = (d.createdAt as Date).getTime()
		const end = ((d.closedAt as Date | null) ?? now).getTime()
		return [...new Set(path)].map((stageIndex, step, all) => ({
			id: newId(),
			...ws,
			dealId: d.id!,
			fromStageId: step === 0 ? null : stages[all[step - 1]!]!.id!,
			toStageId: stages[stageIndex]!.id!,
			fromName: step === 0 ? null : DEFAULT_STAGES[all[step - 1]!]!.name,
			toName: DEFAULT_STAGES[stageIndex]!.name,
			changedById: userId,
			changedAt: new Date(start + ((end - start) * step) / Math.max(1, all.length)),
		}))
	})

	// ── interactions
	// Every contact except the freshest leads gets at least one; the rest are
	// handed out by weight so key relationships have a long history.
	const TOTAL_INTERACTIONS = 250
	const eligible = contacts.map((_, i) => i).filter((i) => !FRESH_LEADS.includes(i))
	const weightOf = (i: number) =>
		STALE.includes(i) ? 2 : i < 10 || FAMILY.includes(i) ? 8 : kindOf(i) === 'business' ? 3 : kindOf(i) === 'lead' ? 2 : 4
	const perContact = new Map<number, number>(eligible.map((i) => [i, 1]))
	const weighted = eligible.map((i) => ({ weight: weightOf(i), value: i }))
	for (let n = eligible.length; n < TOTAL_INTERACTIONS; n++) {
		const i = faker.helpers.weightedArrayElement(weighted)
		perContact.set(i, perContact.get(i)! + 1)
	}

	const interactions: Prisma.InteractionCreateManyInput[] = []
	const interactionsOf = new Map<number, Prisma.InteractionCreateManyInput[]>()
	for (const [i, count] of perContact) {
		const c = contacts[i]!
		const kind = kindOf(i)
		const created = c.createdAt as Date
		const [fromHour, toHour] = kind === 'personal' ? [8, 21] : [9, 18]
		// Windows in days ago: stale contacts go quiet 46+ days ago, leads start when they arrived.
		const oldest = kind === 'lead' ? Math.max(0, Math.floor((now.getTime() - created.getTime()) / DAY) - 1) : 180
		const newest = STALE.includes(i) ? 46 : 0
		const list: Prisma.InteractionCreateManyInput[] = []
		for (let n = 0; n < count; n++) {
			// The first one is recent for active contacts so only STALE ones look neglected.
			const max = n === 0 && !STALE.includes(i) && kind !== 'lead' ? Math.min(oldest, 35) : oldest
			let occurredAt = atHour(faker, now, faker.number.int({ min: newest, max: Math.max(newest, max) }), fromHour, toHour)
			if (occurredAt.getTime() > now.getTime() - 5 * MINUTE) occurredAt = addDays(occurredAt, -1)
			if (occurredAt < created) occurredAt = addMs(created, 30 * MINUTE)
			const medium = faker.helpers.weightedArrayElement(MEDIUM_WEIGHTS[kind])
			const t = faker.helpers.arrayElement(INTERACTIONS[kind][medium]!)
			const range = DURATION[medium]
			const deal = deals.find(
				(d) =>
					d.contactId === c.id &&
					occurredAt >= (d.createdAt as Date) &&
					occurredAt <= ((d.closedAt as Date | null) ?? now),
			)
			list.push({
				id: newId(),
				...ws,
				contactId: c.id,
				companyId: c.companyId ?? null,
				dealId: deal && faker.datatype.boolean(0.6) ? deal.id : null,
				userId,
				occurredAt,
				medium,
				subject: t.subject,
				notes: t.notes,
				outcome: t.outcome ?? null,
				nextSteps: t.nextSteps ?? null,
				durationMinutes: range ? faker.number.int({ min: range[0] / 5, max: range[1] / 5 }) * 5 : null,
				createdAt: occurredAt,
			})
		}
		list.sort((a, b) => (a.occurredAt as Date).getTime() - (b.occurredAt as Date).getTime())
		interactionsOf.set(i, list)
		interactions.push(...list)
		c.lastContactedAt = list.at(-1)!.occurredAt
	}
	interactions.sort((a, b) => (a.occurredAt as Date).getTime() - (b.occurredAt as Date).getTime())

	// ── follow-ups
	const followUps: Prisma.FollowUpCreateManyInput[] = []
	const openDealOf = (contactId: string) =>
		deals.find((d) => d.contactId === contactId && !isClosedKey(stageKeyOf.get(d.id!)!))
	const followUp = (i: number, dueAt: Date, status: FollowUpStatus, extra: Partial<Prisma.FollowUpCreateManyInput> = {}) => {
		const c = contacts[i]!
		// Nothing is due before the contact existed (matters for recent leads).
		const earliest = addMs(c.createdAt as Date, 12 * HOUR)
		if (dueAt < earliest) dueAt = earliest
		const task = faker.helpers.arrayElement(FOLLOW_UP_TASKS[kindOf(i)])
		const createdAt = new Date(Math.min(now.getTime(), dueAt.getTime() - faker.number.int({ min: 1, max: 7 }) * DAY))
		followUps.push({
			id: newId(),
			...ws,
			contactId: c.id,
			companyId: c.companyId ?? null,
			dealId: openDealOf(c.id!)?.id ?? null,
			dueAt,
			type: task.type,
			status,
			assigneeId: userId,
			createdById: userId,
			notes: task.notes,
			createdAt: createdAt < (c.createdAt as Date) ? (c.createdAt as Date) : createdAt,
			...extra,
		})
	}

	// Upcoming: three in the next few hours, the rest over the next two weeks.
	const UPCOMING = [0, 1, 2, 3, 4, 10, 11, 38, 39, 41, 45, 47, 48, 25, 30]
	const nextQuarterHour = new Date(Math.ceil(now.getTime() / (15 * MINUTE)) * 15 * MINUTE)
	UPCOMING.forEach((i, n) => {
		const dueAt =
			n < 3
				? addMs(nextQuarterHour, faker.number.int({ min: 1, max: 5 }) * HOUR)
				: atHour(faker, now, -faker.number.int({ min: 1, max: 14 }), 9, 17)
		followUp(i, dueAt, 'PENDING')
	})
	// Overdue: still PENDING, due on distinct days 1-9 days ago.
	const overdueDays = faker.helpers.shuffle([1, 2, 3, 4, 5, 6, 7, 8, 9])
	for (const [n, i] of [32, 34, 7, 40, 42, 13].entries()) {
		followUp(i, atHour(faker, now, overdueDays[n]!, 9, 17), 'PENDING')
	}
	// Completed: each closes with the contact's latest interaction, as the app does.
	const mediumToType: Partial<Record<Medium, FollowUpType>> = {
		CALL: 'CALL',
		EMAIL: 'EMAIL',
		WHATSAPP: 'WHATSAPP',
		SMS: 'SMS',
		VIDEO: 'MEETING',
		IN_PERSON: 'MEETING',
	}
	const COMPLETED_OUTCOMES = [
		'Spoke and agreed next steps',
		'Sent the information they asked for',
		'Booked a meeting',
		'No answer, left a message',
		'Done',
	]
	for (const i of [5, 6, 8, 12, 16, 26, 31, 36, 43, 44]) {
		const last = interactionsOf.get(i)!.at(-1)!
		const completedAt = last.occurredAt as Date
		last.outcome ??= faker.helpers.arrayElement(COMPLETED_OUTCOMES)
		followUp(i, addDays(completedAt, -faker.number.int({ min: 0, max: 2 })), 'COMPLETED', {
			type: mediumToType[last.medium] ?? 'OTHER',
			notes: last.subject,
			outcome: last.outcome,
			completedAt,
			interactionId: last.id,
		})
	}
	// Cancelled: the lost Tidewater and Copperleaf deals made these moot.
	for (const i of [6, 14]) {
		followUp(i, atHour(faker, now, faker.number.int({ min: 15, max: 30 }), 9, 17), 'CANCELLED', {
			type: 'CALL',
			notes: 'Renewal call (cancelled: they went another way)',
			dealId: null,
		})
	}

	// ── templates and audit trail
	const templates: Prisma.MessageTemplateCreateManyInput[] = TEMPLATES.map((t) => ({
		id: newId(),
		...ws,
		userId,
		...t,
	}))
	const logCreated = (
		entityType: string,
		entityId: string,
		createdAt: Date,
		diff: Record<string, string | number | null | undefined>,
	): Prisma.ActivityLogCreateManyInput => ({
		id: newId(),
		...ws,
		actorId: userId,
		entityType,
		entityId,
		action: 'created',
		// { field: [before, after] }
		diff: Object.fromEntries(Object.entries(diff).map(([k, v]) => [k, [null, v ?? null]])),
		createdAt,
	})
	const activity: Prisma.ActivityLogCreateManyInput[] = [
		...FRESH_LEADS.map((i) => {
			const c = contacts[i]!
			return logCreated('Contact', c.id!, c.createdAt as Date, { displayName: c.displayName, source: c.source })
		}),
		logCreated('Company', companies[7]!.id!, companies[7]!.createdAt as Date, { name: companies[7]!.name }),
		...deals
			.filter((d) => stageKeyOf.get(d.id!) === 'PROSPECTING')
			.map((d) => logCreated('Deal', d.id!, d.createdAt as Date, { name: d.name, stage: 'Prospecting', valueCents: d.valueCents })),
		...followUps
			.slice(0, 2)
			.map((f) => logCreated('FollowUp', f.id!, f.createdAt as Date, { dueAt: (f.dueAt as Date).toISOString(), type: f.type })),
	]

	return { companies, contacts, emails, phones, tags, groups, stages, deals, stageChanges, interactions, followUps, templates, activity }
}

// ───────────────────────── writing ─────────────────────────

/**
 * Creates the demo user, their personal workspace and its CRM data. Safe to run
 * again: if the demo user exists it returns `{ created: false }` and writes nothing.
 */
export async function seedDemo(prisma: PrismaClient, opts: { now?: Date } = {}): Promise<SeedSummary> {
	const now = opts.now ?? new Date()
	const existing = await prisma.user.findUnique({ where: { email: DEMO_EMAIL }, select: { id: true } })
	if (existing) {
		return { created: false, reason: `${DEMO_EMAIL} already exists`, userId: existing.id, email: DEMO_EMAIL }
	}

	// Hash before the transaction so the write lock is held only for the inserts.
	const passwordHash = await bcrypt.hash(DEMO_PASSWORD, 10)
	const userId = newId()
	const workspaceId = newId()
	const data = buildDemoData({ now, userId, workspaceId })

	await prisma.$transaction(
		async (tx) => {
			await tx.user.create({
				data: {
					id: userId,
					email: DEMO_EMAIL,
					name: DEMO_NAME,
					passwordHash,
					emailVerifiedAt: now,
					timezone: 'Europe/London',
					// Older than every demo row, so the history reads as theirs.
					createdAt: addDays(now, -400),
				},
			})
			await tx.workspace.create({
				data: {
					id: workspaceId,
					name: `${DEMO_NAME.split(' ')[0]}'s workspace`,
					personal: true,
					createdAt: addDays(now, -400),
					memberships: { create: { userId, role: 'OWNER' } },
				},
			})
			await tx.company.createMany({ data: data.companies })
			await tx.contact.createMany({ data: data.contacts })
			await tx.contactEmail.createMany({ data: data.emails })
			await tx.contactPhone.createMany({ data: data.phones })
			// Implicit many-to-many links cannot go through createMany: one nested connect per tag/group.
			for (const t of data.tags) {
				await tx.tag.create({
					data: {
						workspaceId,
						name: t.name,
						color: t.color,
						contacts: { connect: t.contactIds.map((id) => ({ id })) },
						companies: { connect: t.companyIds.map((id) => ({ id })) },
					},
				})
			}
			for (const g of data.groups) {
				await tx.group.create({
					data: {
						workspaceId,
						ownerId: userId,
						name: g.name,
						icon: g.icon,
						isPrivate: g.isPrivate,
						contacts: { connect: g.contactIds.map((id) => ({ id })) },
					},
				})
			}
			await tx.pipelineStage.createMany({ data: data.stages })
			await tx.deal.createMany({ data: data.deals })
			await tx.dealStageChange.createMany({ data: data.stageChanges })
			await tx.interaction.createMany({ data: data.interactions })
			await tx.followUp.createMany({ data: data.followUps })
			await tx.messageTemplate.createMany({ data: data.templates })
			await tx.activityLog.createMany({ data: data.activity })
		},
		{ maxWait: 10_000, timeout: 30_000 },
	)
	// Demo contacts must be findable from the search box straight away.
	await reindexContacts(workspaceId, undefined, prisma)

	const pending = data.followUps.filter((f) => f.status === 'PENDING')
	const soon = (m?: number | null, d?: number | null) => m != null && d != null && daysUntilAnnual(now, m, d) <= 7
	return {
		created: true,
		userId,
		workspaceId,
		email: DEMO_EMAIL,
		password: DEMO_PASSWORD,
		counts: {
			companies: data.companies.length,
			contacts: data.contacts.length,
			contactEmails: data.emails.length,
			contactPhones: data.phones.length,
			tags: data.tags.length,
			groups: data.groups.length,
			interactions: data.interactions.length,
			followUps: {
				pending: pending.filter((f) => (f.dueAt as Date) >= now).length,
				overdue: pending.filter((f) => (f.dueAt as Date) < now).length,
				completed: data.followUps.filter((f) => f.status === 'COMPLETED').length,
				cancelled: data.followUps.filter((f) => f.status === 'CANCELLED').length,
			},
			deals: data.deals.length,
			templates: data.templates.length,
			activityLogs: data.activity.length,
			birthdaysNext7Days: data.contacts.filter((c) => soon(c.birthdayMonth, c.birthdayDay)).length,
			anniversariesNext7Days: data.contacts.filter((c) => soon(c.anniversaryMonth, c.anniversaryDay)).length,
			staleContacts: data.contacts.filter(
				(c) => c.lastContactedAt && (c.lastContactedAt as Date).getTime() < now.getTime() - 45 * DAY,
			).length,
		},
	}
}

import * as z from 'zod';
import { Language } from '#shared/email/schemas.ts';
import { CountryCode } from '#shared/member-states/schemas.ts';
import { EmailAddress, NameText, PageQuery, QueryFlag } from '#shared/schemas.ts';
import { MoneyInput, MoneySchema } from '#shared/trust-fund/money.ts';

const Instant = z.iso.datetime({ offset: true });

/** The donors the resolution names (OP31, DOMAIN.md section 6); any other type is reviewed by hand, not refused. */
export const eligibleDonorTypes = ['member-state', 'regional-legislative-body', 'intergovernmental-organisation', 'philanthropic-organisation'] as const;
export const donorTypes = [...eligibleDonorTypes, 'private-sector', 'civil-society-organisation', 'individual', 'other'] as const;
export const DonorType = z.enum(donorTypes).meta({ id: 'DonorType' });
export type DonorType = z.infer<typeof DonorType>;
export const isEligible = (type: DonorType) => (eligibleDonorTypes as readonly string[]).includes(type);

export const ObjectiveId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a short slug such as ldc-travel');

/** What staff set and the public sees (GET /trust-fund); the reply to every donor is built from it. */
export const TrustFundDetails = z
  .object({
    name: NameText(5, 200),
    purpose: z.string().trim().min(20).max(3000),
    arrangement: z
      .object({ title: NameText(5, 200), instructions: z.string().trim().min(20).max(5000), url: z.url({ protocol: /^https?$/ }).nullable().default(null) })
      .strict(),
    earmarking: z.string().trim().min(20).max(3000).meta({ description: 'The encouragement to give un-earmarked, and how earmarking to an objective works' }),
    objectives: z
      .array(z.object({ objectiveId: ObjectiveId, title: NameText(3, 200), description: z.string().trim().min(10).max(2000) }).strict())
      .min(1)
      .max(30)
      .superRefine((objectives, ctx) => {
        const seen = new Set<string>();
        objectives.forEach((objective, index) => {
          if (seen.has(objective.objectiveId)) ctx.addIssue({ code: 'custom', path: [index, 'objectiveId'], message: 'is listed twice' });
          seen.add(objective.objectiveId);
        });
      }),
    contacts: z
      .array(
        z
          .object({
            name: NameText(2, 200),
            role: NameText(2, 200).meta({ example: 'Office of the SRSG for International Migration' }),
            email: EmailAddress,
            phone: z.string().trim().min(5).max(40).nullable().default(null),
          })
          .strict(),
      )
      .min(1)
      .max(10),
  })
  .strict()
  .meta({ id: 'TrustFundDetailsRequest' });
export type TrustFundDetails = z.infer<typeof TrustFundDetails>;

export const TrustFund = TrustFundDetails.extend({
  eligibleDonorTypes: z.array(DonorType),
  updatedAt: Instant,
  updatedBy: z.string(),
  version: z.number().int().positive(),
}).meta({ id: 'TrustFund' });
export type TrustFund = z.infer<typeof TrustFund>;

export const InquiryId = z.string().regex(/^inq_[0-9a-f]{16}$/, 'must be an inquiry id such as inq_0123456789abcdef');

export const InquiryBody = z
  .object({
    donor: z.object({ name: NameText(2, 300), type: DonorType, country: CountryCode.meta({ description: 'ISO 3166-1 alpha-3' }) }).strict(),
    contact: z.object({ name: NameText(2, 200), email: EmailAddress }).strict(),
    intended: MoneyInput,
    earmarked: z.boolean().default(false),
    objectiveId: ObjectiveId.nullable().default(null).meta({ description: 'The objective an earmarked contribution goes to' }),
    message: z.string().trim().max(3000).nullable().default(null),
    language: Language.default('en'),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.earmarked && !body.objectiveId) ctx.addIssue({ code: 'custom', path: ['objectiveId'], message: 'is required for an earmarked contribution (or send earmarked: false)' });
    if (!body.earmarked && body.objectiveId) ctx.addIssue({ code: 'custom', path: ['objectiveId'], message: 'is only for an earmarked contribution' });
  })
  .meta({ id: 'TrustFundInquiryRequest' });
export type InquiryBody = z.infer<typeof InquiryBody>;

export const inquiryStates = ['new', 'in-contact', 'arrangement-sent', 'arrangement-signed', 'contribution-received', 'closed'] as const;
export const InquiryState = z.enum(inquiryStates).meta({ id: 'TrustFundInquiryState' });
export type InquiryState = z.infer<typeof InquiryState>;

export const Note = z.object({ at: Instant, by: z.string(), text: z.string() });

export const Inquiry = z
  .object({
    inquiryId: InquiryId,
    donor: InquiryBody.shape.donor,
    contact: z.object({ name: z.string(), email: z.string() }),
    intended: MoneySchema,
    earmarked: z.boolean(),
    objectiveId: z.string().nullable(),
    objectiveTitle: z.string().nullable(),
    message: z.string().nullable(),
    language: Language,
    review: z.enum(['eligible', 'manual-review']).meta({ description: 'manual-review: a donor type outside the four the resolution names' }),
    state: InquiryState,
    received: MoneySchema.nullable(),
    notes: z.array(Note),
    createdAt: Instant,
    updatedAt: Instant.meta({ description: 'When staff last changed it (the 7-day reminder counts from here)' }),
    version: z.number().int().positive(),
  })
  .meta({ id: 'TrustFundInquiry' });
export type Inquiry = z.infer<typeof Inquiry>;

/** What the donor sees through the status link: no staff notes. */
export const DonorView = Inquiry.omit({ notes: true }).meta({ id: 'TrustFundInquiryStatus' });

export const InquiryReceipt = z
  .object({ inquiry: DonorView, statusUrl: z.url(), statusToken: z.string(), statusTokenExpiresAt: Instant })
  .meta({ id: 'TrustFundInquiryReceipt' });

export const InquiryChange = z
  .object({
    state: InquiryState.optional(),
    note: z.string().trim().min(2).max(3000).optional(),
    received: MoneyInput.optional().meta({ description: 'The contribution received; required to move to contribution-received unless already set' }),
  })
  .strict()
  .refine((change) => Object.keys(change).length > 0, 'must change the state, add a note or record the amount received')
  .meta({ id: 'TrustFundInquiryChange' });
export type InquiryChange = z.infer<typeof InquiryChange>;

export const InquiryQuery = z.object({ state: InquiryState.optional(), eligible: QueryFlag.optional(), ...PageQuery }).strict();

const sum = z.string().meta({ description: 'Exact, with the currency’s decimals, added in minor units', example: '1500.30' });
const sums = z.object({ earmarked: sum, unearmarked: sum, total: sum });
export const Totals = z
  .object({
    inquiries: z.number().int(),
    byState: z.record(z.string(), z.number().int()),
    currencies: z.record(z.string(), z.object({ digits: z.number().int().meta({ description: 'The currency’s decimals (ISO 4217)' }), intended: sums, received: sums })),
  })
  .meta({ id: 'TrustFundTotals', description: 'Per currency: amounts intended (inquiries not closed without a contribution) and received, earmarked and not' });

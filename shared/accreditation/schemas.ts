import * as z from 'zod';
import { EmailAddress, NameText, noRepeats } from '#shared/schemas.ts';
import { Language } from '#shared/email/schemas.ts';
import { CountryCode, RegionalGroup } from '#shared/member-states/schemas.ts';
import { AccreditationStage, OrganisationId, OrganisationType } from '#shared/organisations/schemas.ts';
import { Gender } from '#shared/registrations/schemas.ts';

/** Entities without ECOSOC status apply (DOMAIN.md sections 2 and 3): NHRIs register through their own list. */
export const ApplicantType = OrganisationType.exclude(['nhri']).meta({ id: 'ApplicantType' });

export const StageSettings = z
  .object({ stage: AccreditationStage, applicationDeadline: z.iso.datetime({ offset: true }), updatedAt: z.iso.datetime({ offset: true }), updatedBy: z.string() })
  .meta({ id: 'AccreditationStageSettings' });
export type StageSettings = z.infer<typeof StageSettings>;

export const PutStageSettings = z.object({ applicationDeadline: z.iso.datetime({ offset: true }) }).strict().meta({ id: 'PutAccreditationStage' });

export const ApplicationBody = z
  .object({
    stage: AccreditationStage,
    organisation: z
      .object({
        name: NameText(2, 300),
        type: ApplicantType,
        country: CountryCode.meta({ description: 'Country of headquarters, ISO 3166-1 alpha-3' }),
        website: z.url({ protocol: /^https?$/ }).max(500).nullable().default(null),
        yearFounded: z.number().int().min(1800).max(2100),
        mission: z.string().trim().min(20).max(3000),
        relevanceToMigration: z.string().trim().min(20).max(3000),
        geographicScope: z.enum(['local', 'national', 'regional', 'international']),
      })
      .strict(),
    contact: z.object({ name: NameText(2, 200), email: EmailAddress }).strict(),
    representativeGender: Gender.meta({ description: 'For the balance figures of the list (women’s participation)' }),
    language: Language.default('en'),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.organisation.yearFounded > new Date().getUTCFullYear()) ctx.addIssue({ code: 'custom', path: ['organisation', 'yearFounded'], message: 'must not be in the future' });
  })
  .meta({ id: 'AccreditationApplicationRequest' });
export type ApplicationBody = z.infer<typeof ApplicationBody>;

/**
 * submitted: waiting for screening; included: screened in, for the next list; rejected: screened out,
 * with a reason; listed: on a list (a circulation); accredited / not-accredited: that list's outcome.
 */
export const ApplicationState = z.enum(['submitted', 'included', 'rejected', 'listed', 'accredited', 'not-accredited']).meta({ id: 'AccreditationApplicationState' });
export type ApplicationState = z.infer<typeof ApplicationState>;

export const ApplicationId = z.string().regex(/^acc_[0-9a-f]{16}$/, 'must be an application id such as acc_0123456789abcdef');

export const Application = z
  .object({
    applicationId: ApplicationId,
    stage: AccreditationStage,
    organisationId: OrganisationId,
    organisation: ApplicationBody.shape.organisation.extend({ regionalGroup: RegionalGroup.nullable() }),
    contact: z.object({ name: z.string(), email: z.string() }),
    representativeGender: Gender,
    language: Language,
    state: ApplicationState,
    stateReason: z.string().nullable(),
    circulationId: z.string().nullable().meta({ description: 'The list it is on, once listed' }),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
    version: z.number().int().positive(),
  })
  .meta({ id: 'AccreditationApplication' });
export type Application = z.infer<typeof Application>;

export const ApplicationReceipt = z
  .object({ application: Application, statusUrl: z.url(), statusToken: z.string(), statusTokenExpiresAt: z.iso.datetime({ offset: true }) })
  .meta({ id: 'AccreditationApplicationReceipt' });

export const ScreeningDecision = z
  .object({
    applicationIds: z.array(ApplicationId).min(1).max(100).superRefine(noRepeats((id) => id, 'repeats an application')),
    decision: z.enum(['include', 'reject']),
    reason: z.string().trim().min(3).max(1000).nullable().default(null),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.decision === 'reject' && !body.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required to reject (the applicant is told)' });
  })
  .meta({ id: 'ScreeningDecision' });
export type ScreeningDecision = z.infer<typeof ScreeningDecision>;

const share = z.object({ count: z.number(), share: z.number().meta({ description: 'between 0 and 1' }) });
export const ListBalance = z
  .object({
    stage: AccreditationStage,
    state: ApplicationState,
    total: z.number(),
    byRegionalGroup: z.record(z.string(), share),
    byCountry: z.record(z.string(), share),
    byOrganisationType: z.record(z.string(), share),
    byGender: z.record(z.string(), share),
  })
  .meta({ id: 'ListBalance', description: 'Counts and shares, to judge transparency, equitable geographical representation and women’s participation' });
export type ListBalance = z.infer<typeof ListBalance>;

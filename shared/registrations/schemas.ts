import * as z from 'zod';
import { EmailAddress, NameText, noRepeats, QueryFlag } from '#shared/schemas.ts';
import { Language } from '#shared/email/schemas.ts';
import { CountryCode, RegionalGroup } from '#shared/member-states/schemas.ts';
import { MeetingId, StakeholderCategory } from '#shared/meetings/schemas.ts';
import { NewOrganisation, OrganisationId, OrganisationType } from '#shared/organisations/schemas.ts';

export const genders = ['female', 'male', 'other', 'prefer-not-to-say'] as const;
export const Gender = z.enum(genders).meta({ id: 'Gender' });

export const Representative = z
  .object({
    name: NameText(2, 200),
    email: EmailAddress,
    function: NameText(2, 200).meta({ description: 'Title or role in the organisation' }),
    gender: Gender,
    nationality: CountryCode,
    accessibilityNeeds: z.string().trim().max(1000).nullable().default(null),
    wishesToSpeak: z.boolean().default(false),
    speakingTopic: z.string().trim().min(3).max(500).nullable().default(null),
  })
  .strict()
  .superRefine((representative, ctx) => {
    if (representative.wishesToSpeak && !representative.speakingTopic) ctx.addIssue({ code: 'custom', path: ['speakingTopic'], message: 'is required when wishesToSpeak is true' });
  })
  .meta({ id: 'Representative' });
export type Representative = z.infer<typeof Representative>;

/** Parliamentarians take part in national delegations or through the IPU (DOMAIN.md section 2). */
export const ParliamentarianRegistration = z.object({ participantType: z.literal('parliamentarian') }).strict();

export const OrganisationRegistration = z
  .object({
    participantType: z.literal('organisation').optional(),
    organisation: z.union([z.object({ organisationId: OrganisationId }).strict(), NewOrganisation]),
    contact: z.object({ name: NameText(2, 200), email: EmailAddress }).strict(),
    representatives: z
      .array(Representative)
      .min(1)
      .max(50)
      .superRefine(noRepeats((representative) => representative.email, 'is listed twice', 'email')),
    language: Language.default('en'),
  })
  .strict();

// Discriminated, so a bad body is answered field by field (an absent participantType means an organisation).
export const RegistrationBody = z
  .discriminatedUnion('participantType', [ParliamentarianRegistration, OrganisationRegistration])
  .meta({ id: 'RegistrationRequest', description: 'An organisation registering representatives, or a parliamentarian (answered, not stored)' });
export type RegistrationBody = z.infer<typeof RegistrationBody>;
export type OrganisationRegistration = z.infer<typeof OrganisationRegistration>;

export const registrationStates = ['pending', 'approved', 'declined', 'waitlisted', 'withdrawn'] as const;
export const RegistrationState = z.enum(registrationStates).meta({ id: 'RegistrationState' });
export type RegistrationState = z.infer<typeof RegistrationState>;

/** States that hold places at the meeting (a waitlisted registration waits for them). */
export const placeHoldingStates: readonly RegistrationState[] = ['pending', 'approved'];

/**
 * Why a waitlisted registration waits: for a place (the meeting was full; it is promoted in
 * arrival order as places free up, and no newcomer takes a place while it waits), or for staff
 * (they put it on the waiting list; only their decision moves it, and it holds nobody back).
 */
export const WaitingFor = z.enum(['place', 'staff']).meta({ id: 'WaitingFor' });
export type WaitingFor = z.infer<typeof WaitingFor>;

export const RegistrationId = z.string().regex(/^reg_[\w-]{10,40}$/, 'must be a registration id such as reg_4kq9w2h7x1');

export const Registration = z
  .object({
    registrationId: RegistrationId,
    meetingId: MeetingId,
    organisation: z.object({ organisationId: OrganisationId, name: z.string(), country: CountryCode, regionalGroup: RegionalGroup.nullable(), type: OrganisationType, category: StakeholderCategory }),
    contact: z.object({ name: z.string(), email: z.string() }),
    representatives: z.array(Representative),
    places: z.number().int().positive(),
    state: RegistrationState,
    stateReason: z.string().nullable(),
    waitingFor: WaitingFor.optional().meta({ description: 'only while waitlisted; absent (registrations stored before it) means place' }),
    language: Language,
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
    version: z.number().int().positive(),
  })
  .meta({ id: 'Registration' });
export type Registration = z.infer<typeof Registration>;

/** Whether a registration is in the meeting's queue for places, the one that is promoted in arrival order. */
export const waitsForPlace = (registration: Pick<Registration, 'state' | 'waitingFor'>): boolean => registration.state === 'waitlisted' && registration.waitingFor !== 'staff';

/** The next version of a registration in another state (waitingFor only while waitlisted). */
export function movedTo(before: Registration, state: RegistrationState, reason: string | null, now: Date, waitingFor?: WaitingFor): Registration {
  const { waitingFor: _was, ...rest } = before;
  return { ...rest, state, stateReason: reason, ...(state === 'waitlisted' ? { waitingFor: waitingFor ?? 'place' } : {}), updatedAt: now.toISOString(), version: before.version + 1 };
}

export const RegistrationReceipt = z
  .object({ registration: Registration, statusUrl: z.url(), statusToken: z.string(), statusTokenExpiresAt: z.iso.datetime({ offset: true }) })
  .meta({ id: 'RegistrationReceipt' });

export const ParliamentarianAnswer = z.object({ stored: z.literal(false), message: z.string() }).meta({ id: 'ParliamentarianAnswer' });

export const UpdateSpeakingInterest = z
  .object({
    representatives: z
      .array(z.object({ email: EmailAddress, wishesToSpeak: z.boolean(), speakingTopic: z.string().trim().min(3).max(500).nullable().default(null) }).strict())
      .min(1),
  })
  .strict()
  .meta({ id: 'UpdateSpeakingInterest' });
export type UpdateSpeakingInterest = z.infer<typeof UpdateSpeakingInterest>;


export const RegistrationFilters = z.object({
  state: RegistrationState.optional(),
  category: StakeholderCategory.optional(),
  country: CountryCode.optional(),
  regionalGroup: RegionalGroup.optional(),
  gender: Gender.optional().meta({ description: 'registrations with at least one representative of this gender' }),
  wishesToSpeak: QueryFlag.optional().meta({ description: 'registrations with (true) or without (false) a representative who wishes to speak' }),
});
export type RegistrationFilters = z.infer<typeof RegistrationFilters>;

export const decisions = ['approve', 'decline', 'waitlist'] as const;
export const RegistrationDecision = z
  .object({
    registrationIds: z.array(RegistrationId).min(1).max(100).superRefine(noRepeats((id) => id, 'repeats a registration')),
    decision: z.enum(decisions),
    reason: z.string().trim().min(3).max(1000).nullable().default(null),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.decision !== 'approve' && !body.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: body.decision === 'decline' ? 'is required to decline' : 'is required to waitlist' });
  })
  .meta({ id: 'RegistrationDecision' });
export type RegistrationDecision = z.infer<typeof RegistrationDecision>;

export const DecisionOutcome = z
  .object({ registrationId: RegistrationId, outcome: z.enum(['done', 'skipped']), state: RegistrationState.nullable(), message: z.string().nullable() })
  .meta({ id: 'DecisionOutcome' });

export const RegistrationCounts = z
  .object({
    byState: z.record(z.string(), z.number()),
    places: z.object({ capacity: z.number().nullable(), taken: z.number(), waitlisted: z.number() }),
    /** Representatives of pending and approved registrations. */
    representatives: z.object({
      total: z.number(),
      byCategory: z.record(z.string(), z.number()),
      byRegionalGroup: z.record(z.string(), z.number()),
      byGender: z.record(z.string(), z.number()),
      wishingToSpeak: z.number(),
    }),
  })
  .meta({ id: 'RegistrationCounts' });
export type RegistrationCounts = z.infer<typeof RegistrationCounts>;

import * as z from 'zod';
import { NameText, noRepeats, PageQuery } from '#shared/schemas.ts';
import { ApplicationId } from '#shared/accreditation/schemas.ts';
import { CountryCode, RegionalGroup } from '#shared/member-states/schemas.ts';
import { AccreditationStage, OrganisationId, OrganisationType } from '#shared/organisations/schemas.ts';
import { Gender } from '#shared/registrations/schemas.ts';

const Instant = z.iso.datetime({ offset: true });

export const CirculationId = z.string().regex(/^circ_[0-9a-f]{16}$/, 'must be a circulation id such as circ_0123456789abcdef');
export const RequestId = z.string().regex(/^req_[0-9a-f]{16}$/, 'must be an information request id such as req_0123456789abcdef');

/** The most names one list holds: every notice carries the whole list, and a notice is one item (400 KB). */
export const maxListLength = 500;
/** Default non-objection period (DOMAIN.md section 11). */
export const defaultNonObjectionDays = 14;

/**
 * draft: drawn up, not sent; circulated: with the Member States until its deadline; closing: the
 * deadline has passed and outcomes are being recorded; closed: final, read-only; discarded: a
 * draft staff dropped, its applications included again.
 */
export const CirculationState = z.enum(['draft', 'circulated', 'closing', 'closed', 'discarded']).meta({ id: 'CirculationState' });
export type CirculationState = z.infer<typeof CirculationState>;

const FutureInstant = Instant.meta({ description: 'An instant with its offset; stored in UTC' });

/** Names on a list, each once. */
const ApplicationIds = (max: number) => z.array(ApplicationId).min(1).max(max).superRefine(noRepeats((id) => id, 'repeats an application'));

export const CreateCirculationBody = z
  .object({
    stage: AccreditationStage,
    title: NameText(3, 200).optional().meta({ description: 'Defaults to "Special accreditation: <stage>, list <n>"' }),
    applicationIds: ApplicationIds(maxListLength)
      .optional()
      .meta({ description: 'Included applications of the stage to list; by default every included application not on another list' }),
  })
  .strict()
  .meta({ id: 'CreateCirculation' });
export type CreateCirculationBody = z.infer<typeof CreateCirculationBody>;

export const CirculateBody = z
  .object({ deadline: FutureInstant.optional().meta({ description: `The non-objection deadline; by default ${defaultNonObjectionDays} days after circulation` }) })
  .strict()
  .meta({ id: 'CirculateList' });
export const ExtendDeadlineBody = z.object({ deadline: FutureInstant }).strict().meta({ id: 'ExtendDeadline' });

export const Extension = z.object({ from: Instant, to: Instant, at: Instant, by: z.string() });

export const Circulation = z
  .object({
    circulationId: CirculationId,
    stage: AccreditationStage,
    title: z.string(),
    state: CirculationState,
    applicants: z.number().int(),
    deadline: Instant.nullable(),
    extensions: z.array(Extension),
    /** The deadline the last reminder was sent for. */
    remindedFor: Instant.nullable(),
    /** When Member States were last sent the list or a new deadline: no reminder within 3 days of it. */
    lastNoticeAt: Instant.nullable(),
    createdAt: Instant,
    createdBy: z.string(),
    circulatedAt: Instant.nullable(),
    circulatedBy: z.string().nullable(),
    closedAt: Instant.nullable(),
    accredited: z.number().int().nullable(),
    notAccredited: z.number().int().nullable(),
    version: z.number().int().positive(),
  })
  .meta({ id: 'Circulation' });
export type Circulation = z.infer<typeof Circulation>;

export const Outcome = z.enum(['accredited', 'not-accredited']).meta({ id: 'AccreditationOutcome' });
export type Outcome = z.infer<typeof Outcome>;

/** A name on the list: what the application said when the list was drawn up. */
export const CirculationEntry = z
  .object({
    applicationId: ApplicationId,
    organisationId: OrganisationId,
    name: z.string(),
    country: CountryCode,
    regionalGroup: RegionalGroup.nullable(),
    organisationType: OrganisationType,
    representativeGender: Gender,
    outcome: Outcome.nullable(),
    standingObjections: z.number().int().nullable().meta({ description: 'How many Member States objected at the deadline; null until then' }),
  })
  .meta({ id: 'CirculationEntry' });
export type CirculationEntry = z.infer<typeof CirculationEntry>;
/** What the system keeps of an entry besides: the contact to tell the outcome. */
export type StoredEntry = CirculationEntry & { contactName: string; contactEmail: string; language: 'en' | 'fr'; position: number };

export const FanOutProgress = z
  .object({
    name: z.string().meta({ description: 'circulated, extended#<deadline> or reminder#<deadline>' }),
    kind: z.enum(['circulated', 'extended', 'reminder']),
    state: z.enum(['pending', 'done']),
    memberStatesNotified: z.number().int(),
    notifications: z.number().int(),
    withoutAddress: z.array(z.string()).meta({ description: 'States with no mission address, so not told: add one and staff can send again' }),
    createdAt: Instant,
    completedAt: Instant.nullable(),
  })
  .meta({ id: 'NoticeProgress' });
export type FanOutProgress = z.infer<typeof FanOutProgress>;

export const CirculationNotices = z.object({ circulation: Circulation, notices: FanOutProgress.nullable() }).meta({ id: 'CirculationNotices' });

export const CirculationDetail = z
  .object({ circulation: Circulation, entries: z.array(CirculationEntry), notices: z.array(FanOutProgress) })
  .meta({ id: 'CirculationDetail' });

export const ListCirculationsQuery = z.object({ stage: AccreditationStage.optional(), state: CirculationState.optional(), ...PageQuery }).strict();

export const ListVersion = z.enum(['proposed', 'final']);
export const ExportQuery = z.strictObject({
  version: ListVersion.default('proposed').meta({ description: 'proposed: every name circulated; final: the names accredited (once closed)' }),
  format: z.enum(['csv', 'html']).default('csv').meta({ description: 'csv, or html: a printable document for the attention of the General Assembly' }),
});

// ---- The ballot: what a Member State sees and does through its link ----

export const ObjectBody = z
  .object({
    applicationIds: ApplicationIds(90).meta({ description: 'Names on this list; up to 90 in one objection' }),
    basis: z.string().trim().min(3).max(5000).nullable().default(null).meta({ description: 'Optional, confidential general basis: seen by OPGA staff only, shared with a Member State that asks' }),
  })
  .strict()
  .meta({ id: 'Objection' });
export type ObjectBody = z.infer<typeof ObjectBody>;

export const InformationRequestBody = z
  .object({
    question: z.string().trim().min(3).max(3000).nullable().default(null),
    applicationIds: ApplicationIds(maxListLength)
      .optional()
      .meta({ description: 'The names the State asks about; by default every name objected to' }),
  })
  .strict()
  .meta({ id: 'InformationRequest' });
export type InformationRequestBody = z.infer<typeof InformationRequestBody>;

export const ObjectionState = z.enum(['standing', 'withdrawn']);
export const Objection = z
  .object({ applicationId: ApplicationId, memberState: CountryCode, state: ObjectionState, objectedAt: Instant, withdrawnAt: Instant.nullable() })
  .meta({ id: 'BallotObjection' });
export type Objection = z.infer<typeof Objection>;

export const InformationRequest = z
  .object({
    requestId: RequestId,
    circulationId: CirculationId,
    memberState: CountryCode,
    memberStateName: z.string(),
    question: z.string().nullable(),
    applicationIds: z.array(ApplicationId),
    state: z.enum(['open', 'answered']),
    askedAt: Instant,
    answer: z.string().nullable(),
    basesShared: z.number().int().nullable(),
    answeredAt: Instant.nullable(),
    answeredBy: z.string().nullable(),
  })
  .meta({ id: 'InformationRequestRecord' });
export type InformationRequest = z.infer<typeof InformationRequest>;

export const Ballot = z
  .object({
    circulationId: CirculationId,
    title: z.string(),
    stage: AccreditationStage,
    deadline: Instant,
    memberState: z.object({ code: CountryCode, name: z.string() }),
    applicants: z.array(
      z.object({ applicationId: ApplicationId, name: z.string(), country: CountryCode, organisationType: OrganisationType, objectedByYou: z.boolean() }),
    ),
    objections: z.array(Objection).meta({ description: "This State's own objections, standing or withdrawn; never another State's" }),
    informationRequests: z.array(InformationRequest.omit({ circulationId: true, memberStateName: true, answeredBy: true })),
  })
  .meta({ id: 'Ballot' });
export type Ballot = z.infer<typeof Ballot>;

export const ObjectionReceipt = z
  .object({ recorded: z.array(ApplicationId), alreadyStanding: z.array(ApplicationId), deadline: Instant })
  .meta({ id: 'ObjectionReceipt' });

// ---- Staff's view of the objections ----

export const BallotEventKind = z.enum(['objected', 'withdrawn', 'information-requested']);
export const BallotEvent = z
  .object({
    eventId: z.string(),
    at: Instant,
    memberState: CountryCode,
    memberStateName: z.string(),
    event: BallotEventKind,
    applicationIds: z.array(ApplicationId),
    basis: z.string().nullable().meta({ description: 'Confidential: staff only' }),
    requestId: RequestId.nullable(),
  })
  .meta({ id: 'BallotEvent' });
export type BallotEvent = z.infer<typeof BallotEvent>;

export const ObjectionsView = z
  .object({
    circulationId: CirculationId,
    byApplicant: z.array(z.object({ applicationId: ApplicationId, name: z.string(), standing: z.array(CountryCode), withdrawn: z.array(CountryCode) })),
    byMemberState: z.array(z.object({ memberState: CountryCode, name: z.string(), standing: z.array(ApplicationId), withdrawn: z.array(ApplicationId) })),
    events: z.array(BallotEvent),
  })
  .meta({ id: 'ObjectionsView' });

export const AnswerBody = z
  .object({
    answer: z.string().trim().min(3).max(5000),
    shareBases: z.boolean().default(true).meta({ description: 'Send the general bases received for the names asked about (without the objecting States)' }),
  })
  .strict()
  .meta({ id: 'InformationAnswer' });
export type AnswerBody = z.infer<typeof AnswerBody>;

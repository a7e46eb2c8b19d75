import * as z from 'zod';
import { MeetingDates } from '#shared/meetings/schemas.ts';
import { StoredMoney } from '#shared/trust-fund/money.ts';

/**
 * The catalogue of messages: each template's id and the data it needs, as a zod schema.
 * Features enqueue with these (typed, checked before the transaction); the renderers in
 * shared/email/render/ turn the data into text, HTML and attachments at send time.
 */
const meetingSummary = z.object({
  meetingId: z.string(),
  title: z.string(),
  venue: z.string().nullable(),
  city: z.string().nullable(),
  dates: MeetingDates.nullable(),
  timeZone: z.string(),
});

const stage = z.enum(['preparatory-process', 'intergovernmental-conference']);
/** A name on a circulated list, as Member States and staff read it. */
const listedApplicant = z.object({ reference: z.string(), name: z.string(), country: z.string(), organisationType: z.string() });
const instant = z.iso.datetime({ offset: true });

export const templates = {
  notificationFailed: {
    id: 'notification-failed',
    data: z.object({
      notificationId: z.string(),
      template: z.string(),
      to: z.array(z.string()),
      attempts: z.number().int(),
      reason: z.enum(['attempts-exhausted', 'rejected', 'delivery-uncertain']),
      lastError: z.string().nullable(),
    }),
  },
  testMessage: {
    id: 'test-message',
    data: z.object({ requestedBy: z.string(), requestedAt: z.iso.datetime({ offset: true }) }),
  },
  registrationReceived: {
    id: 'registration-received',
    data: z.object({
      contactName: z.string().min(1),
      organisationName: z.string().min(1),
      meeting: meetingSummary,
      state: z.enum(['pending', 'waitlisted']),
      representatives: z.array(z.object({ name: z.string(), wishesToSpeak: z.boolean() })).min(1),
      statusUrl: z.url(),
    }),
  },
  registrationStateChanged: {
    id: 'registration-state-changed',
    data: z.object({
      contactName: z.string().min(1),
      organisationName: z.string().min(1),
      meeting: meetingSummary,
      state: z.enum(['pending', 'approved', 'declined', 'waitlisted', 'withdrawn']),
      /** pending after waitlisted: promoted from the waiting list. */
      promoted: z.boolean().default(false),
      reason: z.string().nullable(),
      statusUrl: z.url(),
    }),
  },
  meetingReminder: {
    id: 'meeting-reminder',
    data: z.object({
      contactName: z.string().min(1),
      organisationName: z.string().min(1),
      meeting: meetingSummary,
      daysBefore: z.union([z.literal(7), z.literal(1)]),
      representatives: z.array(z.string()).min(1),
      statusUrl: z.url(),
    }),
  },
  registrationClosed: {
    id: 'registration-closed',
    data: z.object({
      meeting: meetingSummary,
      closedAt: z.iso.datetime({ offset: true }),
      byState: z.record(z.string(), z.number()),
      representatives: z.number().int().min(0),
      wishingToSpeak: z.number().int().min(0),
    }),
  },
  applicationReceived: {
    id: 'application-received',
    data: z.object({ contactName: z.string().min(1), organisationName: z.string().min(1), stage: z.enum(['preparatory-process', 'intergovernmental-conference']), statusUrl: z.url() }),
  },
  applicationRejected: {
    id: 'application-rejected',
    data: z.object({ contactName: z.string().min(1), organisationName: z.string().min(1), stage: z.enum(['preparatory-process', 'intergovernmental-conference']), reason: z.string().min(1), statusUrl: z.url() }),
  },
  meetingChanged: {
    id: 'meeting-changed',
    data: z.object({
      recipientName: z.string().min(1),
      meeting: meetingSummary,
      changedFields: z.array(z.string()).min(1),
    }),
  },
  circulationNotice: {
    id: 'circulation-notice',
    data: z.object({
      memberStateName: z.string().min(1),
      /** circulated: the list is sent; extended: the deadline moved later; reminder: 3 days before it. */
      kind: z.enum(['circulated', 'extended', 'reminder']),
      circulationId: z.string(),
      title: z.string().min(1),
      stage,
      deadline: instant,
      previousDeadline: instant.nullable(),
      applicants: z.array(listedApplicant).min(1),
      ballotUrl: z.url(),
    }),
  },
  objectionAlert: {
    id: 'objection-alert',
    data: z.object({
      circulationId: z.string(),
      title: z.string().min(1),
      memberState: z.string(),
      memberStateName: z.string().min(1),
      event: z.enum(['objected', 'withdrawn', 'information-requested']),
      applicants: z.array(listedApplicant),
      /** Only whether a general basis was given: the basis itself stays in the system, for staff. */
      basisGiven: z.boolean(),
      message: z.string().nullable(),
      at: instant,
    }),
  },
  objectionDigest: {
    id: 'objection-digest',
    data: z.object({
      since: instant,
      until: instant,
      circulations: z
        .array(
          z.object({
            circulationId: z.string(),
            title: z.string(),
            deadline: instant,
            events: z.array(z.object({ at: instant, memberStateName: z.string(), event: z.enum(['objected', 'withdrawn', 'information-requested']), applicants: z.array(z.string()) })),
            standingObjections: z.number().int().min(0),
            applicantsObjectedTo: z.number().int().min(0),
          }),
        )
        .min(1),
    }),
  },
  informationAnswer: {
    id: 'information-answer',
    data: z.object({
      memberStateName: z.string().min(1),
      circulationId: z.string(),
      title: z.string().min(1),
      question: z.string().nullable(),
      answer: z.string().min(1),
      /** The general bases Member States gave for objections to these names, without saying which State gave them. */
      bases: z.array(z.object({ applicant: z.string(), bases: z.array(z.string()) })),
    }),
  },
  accreditationOutcome: {
    id: 'accreditation-outcome',
    data: z.object({ contactName: z.string().min(1), organisationName: z.string().min(1), stage, outcome: z.enum(['accredited', 'not-accredited']), statusUrl: z.url() }),
  },
  circulationClosed: {
    id: 'circulation-closed',
    data: z.object({
      circulationId: z.string(),
      title: z.string().min(1),
      stage,
      deadline: instant,
      closedAt: instant,
      accredited: z.array(listedApplicant),
      notAccredited: z.array(listedApplicant.extend({ objections: z.number().int().min(1) })),
    }),
  },
  candidateReceived: {
    id: 'candidate-received',
    data: z.object({ candidateName: z.string().min(1), callTitle: z.string().min(1), callDeadline: instant, seats: z.number().int().positive(), statusUrl: z.url() }),
  },
  candidateDecision: {
    id: 'candidate-decision',
    data: z.object({
      candidateName: z.string().min(1),
      callTitle: z.string().min(1),
      selected: z.boolean(),
      /** Staff's reason for this candidate, if they gave one to send. */
      reason: z.string().nullable(),
      /** The member's own page (a token-scoped link), for those selected. */
      committeeUrl: z.url().nullable(),
    }),
  },
  trustFundReply: {
    id: 'trust-fund-reply',
    data: z.object({
      contactName: z.string().min(1),
      donorName: z.string().min(1),
      /** false: a donor type outside the four the resolution names; staff review the inquiry by hand. */
      eligible: z.boolean(),
      intended: StoredMoney,
      earmarked: z.boolean(),
      objectiveTitle: z.string().nullable(),
      /** The fund's details as staff last set them (GET /trust-fund): nothing here is a constant in code. */
      fund: z.object({
        name: z.string(),
        purpose: z.string(),
        arrangement: z.object({ title: z.string(), instructions: z.string(), url: z.url().nullable() }),
        earmarking: z.string(),
        objectives: z.array(z.object({ objectiveId: z.string(), title: z.string(), description: z.string() })),
        contacts: z.array(z.object({ name: z.string(), role: z.string(), email: z.string(), phone: z.string().nullable() })),
      }),
      statusUrl: z.url(),
    }),
  },
  trustFundInquiryAlert: {
    id: 'trust-fund-inquiry-alert',
    data: z.object({
      inquiryId: z.string(),
      donorName: z.string(),
      donorType: z.string(),
      country: z.string(),
      eligible: z.boolean(),
      intended: StoredMoney,
      earmarked: z.boolean(),
      objectiveTitle: z.string().nullable(),
      message: z.string().nullable(),
    }),
  },
  trustFundStaleInquiry: {
    id: 'trust-fund-stale-inquiry',
    data: z.object({ inquiryId: z.string(), donorName: z.string(), state: z.string(), lastChangedAt: instant, daysUntouched: z.number().int().min(1) }),
  },
} as const;

export type TemplateKey = keyof typeof templates;
export type TemplateId = (typeof templates)[TemplateKey]['id'];
export type TemplateData<K extends TemplateKey> = z.input<(typeof templates)[K]['data']>;

export const templateById = new Map<string, (typeof templates)[TemplateKey]>(Object.values(templates).map((template) => [template.id, template]));
/** A stored notification's template id back to its key, for queueing another of the same kind. */
export const templateKeyById = new Map<string, TemplateKey>((Object.keys(templates) as TemplateKey[]).map((key) => [templates[key].id, key]));

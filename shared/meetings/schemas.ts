import * as z from 'zod';
import { NameText, noRepeats } from '#shared/schemas.ts';

/** Kinds of meeting in an intergovernmental preparatory process (DOMAIN.md section 1a). */
export const meetingKinds = [
  'thematic-session',
  'multi-stakeholder-hearing',
  'stocktaking',
  'intergovernmental-negotiations',
  'intergovernmental-conference',
  'briefing',
  'consultation',
  'informal-dialogue',
] as const;
export const MeetingKind = z.enum(meetingKinds).meta({ id: 'MeetingKind' });
export type MeetingKind = z.infer<typeof MeetingKind>;

/**
 * Who may register with this system for a meeting (DOMAIN.md sections 1a and 2):
 * NGOs in ECOSOC consultative status, entities granted special accreditation, NHRIs
 * compliant with the Paris Principles, intergovernmental organisations with a standing
 * invitation, and UN system entities. Member States take part through their missions.
 */
export const stakeholderCategories = [
  'ecosoc-consultative-status',
  'special-accreditation',
  'nhri',
  'intergovernmental-organisation',
  'un-system',
] as const;
export const StakeholderCategory = z.enum(stakeholderCategories).meta({ id: 'StakeholderCategory' });
export type StakeholderCategory = z.infer<typeof StakeholderCategory>;

/** Hearings are full or half days, not a fixed count (DOMAIN.md section 10.2). */
export const MeetingLength = z.enum(['full-day', 'half-day']).meta({ id: 'MeetingLength' });

export const MeetingId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be 2-63 lower-case letters, digits or hyphens, starting with a letter or digit')
  .meta({ example: 'its-1' });

const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime({ offset: true });

export const TimeZone = z
  .string()
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return zone.includes('/') || zone === 'UTC';
    } catch {
      return false;
    }
  }, 'must be an IANA time zone such as Europe/Zurich')
  .meta({ example: 'Europe/Zurich' });

export const MeetingDates = z
  .object({ start: isoDate, end: isoDate })
  .refine((dates) => dates.end >= dates.start, { message: 'end must not be before start', path: ['end'] })
  .meta({ id: 'MeetingDates' });

/** An expected month or year for a meeting whose dates are still to be announced. */
export const ExpectedPeriod = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, 'must be YYYY or YYYY-MM')
  .meta({ example: '2018-02' });

export const RegistrationWindow = z
  .object({ opensAt: isoDateTime, closesAt: isoDateTime })
  .refine((window) => Date.parse(window.closesAt) > Date.parse(window.opensAt), {
    message: 'closesAt must be after opensAt',
    path: ['closesAt'],
  })
  .meta({ id: 'RegistrationWindow' });

/** The fields staff set; every one of them may be changed later except the id. */
const meetingFields = {
  kind: MeetingKind,
  title: NameText(3, 500),
  description: z.string().trim().max(4000).nullable().default(null),
  length: MeetingLength.nullable().default(null),
  venue: NameText(1, 300).nullable().default(null).meta({ description: 'null while the venue is to be announced' }),
  city: NameText(1, 120).nullable().default(null),
  dates: MeetingDates.nullable().default(null).meta({ description: 'null while the dates are to be announced' }),
  expectedPeriod: ExpectedPeriod.nullable().default(null),
  timeZone: TimeZone,
  registration: RegistrationWindow.nullable().default(null),
  eligibleCategories: z
    .array(StakeholderCategory)
    .max(stakeholderCategories.length)
    .superRefine(noRepeats((category) => category, 'repeats a category'))
    .default([]),
  capacity: z.number().int().positive().max(100_000).nullable().default(null).meta({ description: 'null for no limit' }),
  representativesPerOrganisation: z.number().int().min(1).max(50).default(2),
  hasSpeakingSlots: z.boolean().default(false),
};

const MeetingFields = z.object(meetingFields);
type MeetingFields = z.infer<typeof MeetingFields>;

/** Rules that span fields; applied to a new meeting and to a meeting after a change. */
export function checkMeetingConsistency(meeting: Pick<MeetingFields, 'dates' | 'expectedPeriod' | 'registration'>, ctx: z.RefinementCtx): void {
  if (meeting.dates && meeting.expectedPeriod) {
    ctx.addIssue({ code: 'custom', path: ['expectedPeriod'], message: 'must be null once dates are set' });
  }
  if (meeting.dates && meeting.registration) {
    const lastDay = Date.parse(`${meeting.dates.end}T23:59:59.999Z`) + 14 * 3600_000;
    if (Date.parse(meeting.registration.closesAt) > lastDay) {
      ctx.addIssue({ code: 'custom', path: ['registration', 'closesAt'], message: 'must not be after the meeting ends' });
    }
  }
}

export const CreateMeetingBody = z
  .object({ meetingId: MeetingId, ...meetingFields })
  .strict()
  .superRefine(checkMeetingConsistency)
  .meta({ id: 'CreateMeeting' });
export type CreateMeetingBody = z.infer<typeof CreateMeetingBody>;

/** A partial change: only the fields present are changed; null clears a nullable field. */
export const UpdateMeetingBody = z
  .object(Object.fromEntries(Object.entries(meetingFields).map(([name, schema]) => [name, unwrapDefault(schema).optional()])) as {
    [K in keyof typeof meetingFields]: z.ZodOptional<z.ZodType<z.output<(typeof meetingFields)[K]>, z.input<(typeof meetingFields)[K]>>>;
  })
  .strict()
  .refine((change) => Object.keys(change).length > 0, 'must change at least one field')
  .meta({ id: 'UpdateMeeting' });
export type UpdateMeetingBody = z.infer<typeof UpdateMeetingBody>;

function unwrapDefault(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : schema;
}

export const Meeting = z
  .object({
    meetingId: MeetingId,
    ...meetingFields,
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
    version: z.number().int().positive(),
  })
  .meta({ id: 'Meeting' });
export type Meeting = z.infer<typeof Meeting>;

/** Every field staff may change, as the audit entry of a change names them. */
export const editableMeetingFields = Object.keys(meetingFields) as (keyof MeetingFields)[];

/** What a meeting's audit entry says of a change: each field changed, with its value before and after. */
export interface MeetingEdit {
  changedFields: (keyof MeetingFields)[];
  before: Partial<MeetingFields>;
  after: Partial<MeetingFields>;
}

/** Fields whose change registrants must be told of (DOMAIN.md section 11). */
export const noticeableMeetingFields = ['dates', 'expectedPeriod', 'venue', 'city', 'timeZone', 'registration'] as const;
export type NoticeableMeetingField = (typeof noticeableMeetingFields)[number];

export const MeetingChange = z
  .object({
    meetingId: MeetingId,
    changeId: z.string(),
    changedAt: isoDateTime,
    changedBy: z.string(),
    fields: z.array(z.enum(noticeableMeetingFields)),
    before: z.record(z.string(), z.unknown()),
    after: z.record(z.string(), z.unknown()),
    registrantsNotifiedAt: isoDateTime.nullable(),
  })
  .meta({ id: 'MeetingChange' });
export type MeetingChange = z.infer<typeof MeetingChange>;

import * as z from 'zod';
import { MeetingDates } from '#shared/meetings/schemas.ts';

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
} as const;

export type TemplateKey = keyof typeof templates;
export type TemplateId = (typeof templates)[TemplateKey]['id'];
export type TemplateData<K extends TemplateKey> = z.input<(typeof templates)[K]['data']>;

export const templateById = new Map<string, (typeof templates)[TemplateKey]>(Object.values(templates).map((template) => [template.id, template]));

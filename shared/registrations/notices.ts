import { enqueueNotification } from '#shared/email/outbox.ts';
import { enqueueStandalone } from '#shared/email/store.ts';
import { getMeeting } from '#shared/meetings/use-cases.ts';
import type { Meeting } from '#shared/meetings/schemas.ts';
import { changesToNotify, markChangeNotified, meetingsStartingBetween, meetingsWithClosedRegistration } from '#shared/meetings/store.ts';
import { setting } from '#shared/config.ts';
import { tableName } from '#shared/db/client.ts';
import { keys } from '#shared/db/keys.ts';
import { writeTogether } from '#shared/db/transactions.ts';
import { countRegistrations } from '#shared/registrations/review.ts';
import type { Registration } from '#shared/registrations/schemas.ts';
import { allRegistrations } from '#shared/registrations/store.ts';
import { meetingSummary, statusLink } from '#shared/registrations/messages.ts';
import type { Needs } from '#shared/needs.ts';

/** What this module asks of its Lambda's role and environment (shared/needs.ts). */
export const needs: Needs = { table: ['PutItem'], env: ['STAFF_ALERT_EMAIL'] };

const stillComing = new Set(['pending', 'approved', 'waitlisted']);
const recipientsOf = (registration: Registration) => [...new Set([registration.contact.email, ...registration.representatives.map((person) => person.email)])];

/**
 * Tells every registrant who is still coming of each recorded change of dates, venue, time zone or
 * registration window, then marks the change as told. Re-running after a crash queues nothing twice:
 * each notice's dedupe key names the change and the registration.
 */
export async function notifyMeetingChanges(now: Date, remainingMs: () => number): Promise<{ changes: number; notices: number }> {
  let changes = 0;
  let notices = 0;
  for (const change of await changesToNotify(25)) {
    if (remainingMs() < 10_000) break;
    const meeting = await getMeeting(change.meetingId);
    // Who registered after the change saw the meeting as it now is: only those before it are told.
    const toTell = (await allRegistrations(change.meetingId)).filter((candidate) => stillComing.has(candidate.state) && Date.parse(candidate.createdAt) < Date.parse(change.changedAt));
    for (const registration of toTell) {
      const put = enqueueNotification(
        'meetingChanged',
        {
          to: recipientsOf(registration),
          language: registration.language,
          dedupeKey: `meeting-changed:${change.changeId}:${registration.registrationId}`,
          data: { recipientName: registration.contact.name, meeting: meetingSummary(meeting), changedFields: change.fields },
        },
        now,
      );
      if (await enqueueStandalone(put)) notices += 1;
    }
    await markChangeNotified(change, now);
    changes += 1;
  }
  return { changes, notices };
}

const dayMs = 24 * 3600_000;
const utcDate = (instant: number) => new Date(instant).toISOString().slice(0, 10);

/** 7 once the meeting is within a week, 1 once it is within a day; undefined before, or once it has begun. */
export function reminderDue(meeting: Meeting, now: Date): 7 | 1 | undefined {
  if (!meeting.dates) return undefined;
  const days = (Date.parse(`${meeting.dates.start}T00:00:00Z`) - Date.parse(`${utcDate(now.getTime())}T00:00:00Z`)) / dayMs;
  if (days <= 0) return undefined;
  return days <= 1 ? 1 : days <= 7 ? 7 : undefined;
}

/** Reminds approved registrants a week and a day before their meeting, once each (dedupe keys). */
export async function sendReminders(now: Date): Promise<{ reminders: number }> {
  let reminders = 0;
  const meetings = await meetingsStartingBetween(utcDate(now.getTime() + dayMs), utcDate(now.getTime() + 7 * dayMs));
  for (const meeting of meetings) {
    const daysBefore = reminderDue(meeting, now);
    if (!daysBefore) continue;
    for (const registration of await allRegistrations(meeting.meetingId, { state: 'approved' })) {
      const link = await statusLink(registration, meeting, now);
      const put = enqueueNotification(
        'meetingReminder',
        {
          to: recipientsOf(registration),
          language: registration.language,
          dedupeKey: `meeting-reminder:${daysBefore}:${meeting.meetingId}:${registration.registrationId}`,
          data: { contactName: registration.contact.name, organisationName: registration.organisation.name, meeting: meetingSummary(meeting), daysBefore, representatives: registration.representatives.map((person) => person.name), statusUrl: link.url },
        },
        now,
      );
      if (await enqueueStandalone(put)) reminders += 1;
    }
  }
  return { reminders };
}

/** Closed windows are looked at for this long after their close, so an old catalogue costs nothing. */
const closeLookBackMs = 30 * dayMs;

/**
 * At the end of a meeting's registration window (the API refuses registrations from then on):
 * records the close and e-mails staff what there is to review, once per close, in one transaction.
 */
export async function closeRegistrations(now: Date): Promise<{ closed: number }> {
  let closed = 0;
  for (const meeting of await meetingsWithClosedRegistration(now)) {
    const closesAt = meeting.registration?.closesAt;
    if (!closesAt || now.getTime() - Date.parse(closesAt) > closeLookBackMs) continue;
    const counts = await countRegistrations(meeting.meetingId);
    const { failedCondition } = await writeTogether([
      { Put: { TableName: tableName(), Item: { ...keys.registrationClosed(meeting.meetingId, closesAt), type: 'registrationClosed', closedAt: closesAt, recordedAt: now.toISOString() }, ConditionExpression: 'attribute_not_exists(pk)' } },
      enqueueNotification(
        'registrationClosed',
        {
          to: [setting('STAFF_ALERT_EMAIL')],
          language: 'en',
          dedupeKey: `registration-closed:${meeting.meetingId}:${closesAt}`,
          data: { meeting: meetingSummary(meeting), closedAt: closesAt, byState: counts.byState, representatives: counts.representatives.total, wishingToSpeak: counts.representatives.wishingToSpeak },
        },
        now,
      ),
    ]);
    if (failedCondition === undefined) closed += 1;
  }
  return { closed };
}

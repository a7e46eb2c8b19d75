import { statusLink as linkTo } from '#shared/auth/status-link.ts';
import { enqueueNotification } from '#shared/email/outbox.ts';
import { pathFor } from '#shared/http/route-spec.ts';
import { routes } from '#shared/http/routes.ts';
import type { Meeting } from '#shared/meetings/schemas.ts';
import type { Registration } from '#shared/registrations/schemas.ts';

/** What a registrant's e-mails say about the meeting, and the status link they carry. */
export const meetingSummary = (meeting: Meeting) => ({ meetingId: meeting.meetingId, title: meeting.title, venue: meeting.venue, city: meeting.city, dates: meeting.dates, timeZone: meeting.timeZone });

/** Status links expire the day after the meeting ends; while dates are to be announced, after a year. */
function statusLinkExpiry(meeting: Meeting, now: Date): Date {
  if (meeting.dates) return new Date(Date.parse(`${meeting.dates.end}T23:59:59Z`) + 24 * 3600_000);
  return new Date(now.getTime() + 365 * 24 * 3600_000);
}

export function statusLink(registration: Registration, meeting: Meeting, now: Date) {
  const { registrationId } = registration;
  return linkTo('registrant', pathFor(routes.getRegistration, { registrationId }), registrationId, statusLinkExpiry(meeting, now), now);
}

export async function stateChangeNotification(after: Registration, meeting: Meeting, now: Date, promoted: boolean) {
  const link = await statusLink(after, meeting, now);
  return enqueueNotification(
    'registrationStateChanged',
    {
      to: [after.contact.email],
      language: after.language,
      dedupeKey: `registration-state:${after.registrationId}:${after.version}`,
      data: { contactName: after.contact.name, organisationName: after.organisation.name, meeting: meetingSummary(meeting), state: after.state, promoted, reason: after.stateReason, statusUrl: link.url },
    },
    now,
  );
}

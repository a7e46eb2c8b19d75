import type { Meeting } from '#shared/meetings/schemas.ts';
import { formatDate, formatInstant, t, type MessageKey } from '../../i18n.ts';
import { AuditLink } from '../../staff/audit.tsx';
import { useResource } from '../../staff/resource.ts';

export type Params = { params?: Record<string, string> };

/** The label of one of the API's values, under its catalogue prefix (staff.meetings.states, gender, …). */
export const label = (prefix: string, value: string) => t(`${prefix}.${value}` as MessageKey);

export const dates = (meeting: Meeting) =>
  meeting.dates ? (meeting.dates.start === meeting.dates.end ? formatDate(meeting.dates.start) : `${formatDate(meeting.dates.start)} – ${formatDate(meeting.dates.end)}`) : t('staff.meetings.tba');

/** Whether registration is open now, or when it opens or closed. */
export function registrationWindow(meeting: Meeting): string {
  const window = meeting.registration;
  if (!window) return t('staff.meetings.window.none');
  const now = Date.now();
  const values = { opens: formatInstant(window.opensAt, meeting.timeZone), closes: formatInstant(window.closesAt, meeting.timeZone) };
  if (now < Date.parse(window.opensAt)) return t('staff.meetings.window.notYet', values);
  return t(now < Date.parse(window.closesAt) ? 'staff.meetings.window.open' : 'staff.meetings.window.closed', values);
}

/** The meeting's title as the page's heading, its dates and window, and its other staff pages. */
export function MeetingHeader(props: { meetingId: string; heading: MessageKey }) {
  const meeting = useResource<Meeting>(`/meetings/${props.meetingId}`).value;
  return (
    <>
      <h1>{t(props.heading, { title: meeting?.title ?? props.meetingId })}</h1>
      {meeting && (
        <p>
          {dates(meeting)} · {registrationWindow(meeting)}
        </p>
      )}
      <nav aria-label={t('staff.meetings.pages')} class="toolbar">
        <a href="/staff/meetings">{t('staff.meetings.all')}</a>
        <a href={`/staff/meetings/${props.meetingId}`}>{t('staff.meetings.queue')}</a>
        {meeting?.hasSpeakingSlots && <a href={`/staff/meetings/${props.meetingId}/speakers`}>{t('staff.meetings.speakers')}</a>}
        <AuditLink entity="meeting" id={props.meetingId} />
      </nav>
    </>
  );
}

import { createEvent } from 'ics';

export interface CalendarMeeting {
  meetingId: string;
  title: string;
  venue: string | null;
  city: string | null;
  dates: { start: string; end: string } | null;
}

/** The meeting as an all-day calendar event (the catalogue holds dates, not hours); none while dates are TBA. */
export function calendarFile(meeting: CalendarMeeting) {
  if (!meeting.dates) return undefined;
  const day = (date: string) => date.split('-').map(Number) as [number, number, number];
  const end = new Date(`${meeting.dates.end}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 1); // DTEND of an all-day event is the day after the last
  const { error, value } = createEvent({
    uid: `${meeting.meetingId}@stakeholder-registry`,
    title: meeting.title,
    start: day(meeting.dates.start),
    end: day(end.toISOString().slice(0, 10)),
    ...(meeting.venue || meeting.city ? { location: [meeting.venue, meeting.city].filter(Boolean).join(', ') } : {}),
    method: 'PUBLISH',
  });
  if (error || !value) throw new Error(`Calendar file for ${meeting.meetingId}: ${error?.message ?? 'empty'}`);
  return { filename: `${meeting.meetingId}.ics`, contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: value };
}

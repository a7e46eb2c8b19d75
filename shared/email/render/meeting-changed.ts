import { createEvent } from 'ics';
import type * as z from 'zod';
import { html } from '#shared/email/html.ts';
import type { RenderedMessage } from '#shared/email/schemas.ts';
import type { templates } from '#shared/email/templates.ts';
import { frame, type RenderContext } from '#shared/email/render/layout.ts';

type Data = z.output<typeof templates.meetingChanged.data>;

const words = {
  en: {
    subject: (title: string) => `Change to a meeting you registered for: ${title}`,
    greeting: (name: string) => `Dear ${name},`,
    intro: 'A meeting you registered for has changed:',
    fields: { dates: 'dates', expectedPeriod: 'expected period', venue: 'venue', city: 'city', timeZone: 'time zone', registration: 'registration window' } as Record<string, string>,
    when: 'When',
    where: 'Where',
    tba: 'to be announced',
    calendar: 'The attached calendar file has the updated details.',
  },
  fr: {
    subject: (title: string) => `Modification d’une réunion à laquelle vous êtes inscrit·e : ${title}`,
    greeting: (name: string) => `Madame, Monsieur ${name},`,
    intro: 'Une réunion à laquelle vous êtes inscrit·e a été modifiée :',
    fields: { dates: 'dates', expectedPeriod: 'période prévue', venue: 'lieu', city: 'ville', timeZone: 'fuseau horaire', registration: 'période d’inscription' } as Record<string, string>,
    when: 'Quand',
    where: 'Où',
    tba: 'à confirmer',
    calendar: 'Le fichier de calendrier joint contient les informations à jour.',
  },
} as const;

/** The meeting as an all-day calendar event (the catalogue holds dates, not hours). */
function calendarFile(meeting: Data['meeting']): string | undefined {
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
  return value;
}

export function renderMeetingChanged(data: Data, context: RenderContext): RenderedMessage {
  const w = words[context.language];
  const changed = data.changedFields.map((field) => w.fields[field] ?? field).join(', ');
  const when = data.meeting.dates ? (data.meeting.dates.start === data.meeting.dates.end ? data.meeting.dates.start : `${data.meeting.dates.start} – ${data.meeting.dates.end}`) : w.tba;
  const where = [data.meeting.venue, data.meeting.city].filter(Boolean).join(', ') || w.tba;
  const ics = calendarFile(data.meeting);
  const text = `${w.greeting(data.recipientName)}

${w.intro} ${data.meeting.title} (${changed}).

${w.when}: ${when} (${data.meeting.timeZone})
${w.where}: ${where}
${ics ? `\n${w.calendar}` : ''}`;
  const body = html`<p>${w.greeting(data.recipientName)}</p>
<p>${w.intro} <strong>${data.meeting.title}</strong> (${changed}).</p>
<p>${w.when}: ${when} (${data.meeting.timeZone})<br>${w.where}: ${where}</p>
${ics ? html`<p>${w.calendar}</p>` : ''}`;
  return {
    ...frame(context, w.subject(data.meeting.title), text, body),
    attachments: ics ? [{ filename: `${data.meeting.meetingId}.ics`, contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: ics }] : [],
  };
}

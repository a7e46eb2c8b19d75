import type * as z from 'zod';
import { html } from '#shared/email/html.ts';
import type { RenderedMessage } from '#shared/email/schemas.ts';
import type { templates } from '#shared/email/templates.ts';
import { frame, type RenderContext } from '#shared/email/render/layout.ts';
import { calendarFile } from '#shared/email/render/calendar.ts';

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
  return { ...frame(context, w.subject(data.meeting.title), text, body), attachments: ics ? [ics] : [] };
}

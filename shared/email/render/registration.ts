import type * as z from 'zod';
import { html } from '#shared/email/html.ts';
import type { RenderedMessage } from '#shared/email/schemas.ts';
import type { templates } from '#shared/email/templates.ts';
import { calendarFile } from '#shared/email/render/calendar.ts';
import { frame, type RenderContext } from '#shared/email/render/layout.ts';

type Received = z.output<typeof templates.registrationReceived.data>;
type StateChanged = z.output<typeof templates.registrationStateChanged.data>;
type Meeting = Received['meeting'];

const words = {
  en: {
    dear: (name: string) => `Dear ${name},`,
    received: (org: string, title: string) => `We have received the registration of ${org} for ${title}.`,
    waitlisted: 'The meeting is full for now, so the registration is on the waiting list. If a place frees, it moves up in order and we will tell you.',
    pending: 'OPGA staff will review it and tell you the outcome.',
    representatives: 'Representatives',
    speaks: 'wishes to speak',
    status: 'See the registration, change speaking interest or withdraw:',
    when: 'When',
    where: 'Where',
    tba: 'to be announced',
    subjectReceived: (title: string) => `Registration received: ${title}`,
    subjectChanged: (title: string) => `Your registration for ${title}`,
    states: {
      pending: 'is back under review',
      approved: 'has been approved',
      declined: 'has been declined',
      waitlisted: 'has been put on the waiting list',
      withdrawn: 'has been withdrawn',
    },
    promoted: 'A place has freed: the registration has moved from the waiting list and is now under review.',
    reason: 'Reason',
    changed: (org: string, title: string, what: string) => `The registration of ${org} for ${title} ${what}.`,
  },
  fr: {
    dear: (name: string) => `Madame, Monsieur ${name},`,
    received: (org: string, title: string) => `Nous avons reçu l’inscription de ${org} à la réunion : ${title}.`,
    waitlisted: 'La réunion est complète pour le moment : l’inscription est sur la liste d’attente. Si une place se libère, elle avance dans l’ordre et nous vous en informerons.',
    pending: 'Le personnel du Bureau du Président l’examinera et vous communiquera la décision.',
    representatives: 'Représentant·es',
    speaks: 'souhaite prendre la parole',
    status: 'Consulter l’inscription, modifier le souhait de prendre la parole ou se retirer :',
    when: 'Quand',
    where: 'Où',
    tba: 'à confirmer',
    subjectReceived: (title: string) => `Inscription reçue : ${title}`,
    subjectChanged: (title: string) => `Votre inscription : ${title}`,
    states: {
      pending: 'est de nouveau en cours d’examen',
      approved: 'a été acceptée',
      declined: 'a été refusée',
      waitlisted: 'a été placée sur la liste d’attente',
      withdrawn: 'a été retirée',
    },
    promoted: 'Une place s’est libérée : l’inscription a quitté la liste d’attente et est maintenant en cours d’examen.',
    reason: 'Motif',
    changed: (org: string, title: string, what: string) => `L’inscription de ${org} à la réunion « ${title} » ${what}.`,
  },
} as const;

function whenAndWhere(meeting: Meeting, w: (typeof words)[keyof typeof words]) {
  const when = meeting.dates ? (meeting.dates.start === meeting.dates.end ? meeting.dates.start : `${meeting.dates.start} – ${meeting.dates.end}`) : w.tba;
  const where = [meeting.venue, meeting.city].filter(Boolean).join(', ') || w.tba;
  return { when: `${when} (${meeting.timeZone})`, where };
}

/** The confirmation: what was registered, where it stands, the status link, and the meeting's .ics. */
export function renderRegistrationReceived(data: Received, context: RenderContext): RenderedMessage {
  const w = words[context.language];
  const { when, where } = whenAndWhere(data.meeting, w);
  const next = data.state === 'waitlisted' ? w.waitlisted : w.pending;
  const people = data.representatives.map((person) => `${person.name}${person.wishesToSpeak ? ` (${w.speaks})` : ''}`);
  const text = `${w.dear(data.contactName)}

${w.received(data.organisationName, data.meeting.title)} ${next}

${w.when}: ${when}
${w.where}: ${where}
${w.representatives}: ${people.join(', ')}

${w.status}
${data.statusUrl}`;
  const body = html`<p>${w.dear(data.contactName)}</p>
<p>${w.received(data.organisationName, data.meeting.title)} ${next}</p>
<p>${w.when}: ${when}<br>${w.where}: ${where}</p>
<p>${w.representatives}:</p><ul>${people.map((person) => html`<li>${person}</li>`)}</ul>
<p>${w.status} <a href="${data.statusUrl}">${data.statusUrl}</a></p>`;
  const ics = calendarFile(data.meeting);
  return { ...frame(context, w.subjectReceived(data.meeting.title), text, body), attachments: ics ? [ics] : [] };
}

export function renderRegistrationStateChanged(data: StateChanged, context: RenderContext): RenderedMessage {
  const w = words[context.language];
  const headline = data.promoted ? w.promoted : w.changed(data.organisationName, data.meeting.title, w.states[data.state]);
  const reason = data.reason ? `${w.reason}: ${data.reason}` : '';
  const text = `${w.dear(data.contactName)}

${headline}
${reason}

${w.status}
${data.statusUrl}`;
  const body = html`<p>${w.dear(data.contactName)}</p><p>${headline}</p>${reason ? html`<p>${reason}</p>` : ''}
<p>${w.status} <a href="${data.statusUrl}">${data.statusUrl}</a></p>`;
  const ics = data.state === 'approved' ? calendarFile(data.meeting) : undefined;
  return { ...frame(context, w.subjectChanged(data.meeting.title), text, body), attachments: ics ? [ics] : [] };
}

type Reminder = z.output<typeof templates.meetingReminder.data>;

const reminderWords = {
  en: {
    subject: (days: number, title: string) => `${days === 1 ? 'Tomorrow' : 'In one week'}: ${title}`,
    body: (days: number, org: string, title: string) => `${title}, for which ${org} is registered, begins ${days === 1 ? 'tomorrow' : 'in one week'}.`,
    who: 'Representatives',
  },
  fr: {
    subject: (days: number, title: string) => `${days === 1 ? 'Demain' : 'Dans une semaine'} : ${title}`,
    body: (days: number, org: string, title: string) => `La réunion « ${title} », à laquelle ${org} est inscrite, commence ${days === 1 ? 'demain' : 'dans une semaine'}.`,
    who: 'Représentant·es',
  },
} as const;

export function renderMeetingReminder(data: Reminder, context: RenderContext): RenderedMessage {
  const w = words[context.language];
  const r = reminderWords[context.language];
  const { when, where } = whenAndWhere(data.meeting, w);
  const text = `${w.dear(data.contactName)}

${r.body(data.daysBefore, data.organisationName, data.meeting.title)}

${w.when}: ${when}
${w.where}: ${where}
${r.who}: ${data.representatives.join(', ')}

${w.status}
${data.statusUrl}`;
  const body = html`<p>${w.dear(data.contactName)}</p><p>${r.body(data.daysBefore, data.organisationName, data.meeting.title)}</p>
<p>${w.when}: ${when}<br>${w.where}: ${where}<br>${r.who}: ${data.representatives.join(', ')}</p>
<p>${w.status} <a href="${data.statusUrl}">${data.statusUrl}</a></p>`;
  const ics = calendarFile(data.meeting);
  return { ...frame(context, r.subject(data.daysBefore, data.meeting.title), text, body), attachments: ics ? [ics] : [] };
}

type Closed = z.output<typeof templates.registrationClosed.data>;

/** To OPGA staff, in English: registration closed, and what there is to review. */
export function renderRegistrationClosed(data: Closed, context: RenderContext): RenderedMessage {
  const states = Object.entries(data.byState).map(([state, count]) => `${state}: ${count}`).join(', ') || 'none';
  const subject = `Registration closed: ${data.meeting.title}`;
  const text = `Registration for ${data.meeting.title} (${data.meeting.meetingId}) closed at ${data.closedAt}.

Registrations by state: ${states}
Representatives in pending or approved registrations: ${data.representatives}, of whom ${data.wishingToSpeak} wish to speak.

Review them in the staff console, or GET /meetings/${data.meeting.meetingId}/registrations?state=pending.`;
  const body = html`<p>Registration for <strong>${data.meeting.title}</strong> (${data.meeting.meetingId}) closed at ${data.closedAt}.</p>
<p>Registrations by state: ${states}<br>Representatives in pending or approved registrations: ${data.representatives}, of whom ${data.wishingToSpeak} wish to speak.</p>`;
  return { ...frame({ ...context, language: 'en' }, subject, text, body), attachments: [] };
}

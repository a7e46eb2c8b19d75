import type * as z from 'zod';
import { html } from '#shared/email/html.ts';
import type { RenderedMessage } from '#shared/email/schemas.ts';
import type { templates } from '#shared/email/templates.ts';
import { frame, type RenderContext } from '#shared/email/render/layout.ts';
import { utcInstant } from '#shared/email/render/circulation.ts';

type Received = z.output<typeof templates.candidateReceived.data>;
type Decision = z.output<typeof templates.candidateDecision.data>;

const words = {
  en: {
    dear: (name: string) => `Dear ${name},`,
    receivedSubject: (call: string) => `Stakeholder steering committee: application received (${call})`,
    received: (call: string, seats: number) =>
      `We have received your application to the call for membership “${call}” of the stakeholder steering committee of the global compact for migration process. The committee has ${seats} ${seats === 1 ? 'seat' : 'seats'} to fill.`,
    criteria: 'Staff select the members for their expertise and the diversity of their constituencies, with due regard for geographical, gender and age balance.',
    outcome: (deadline: string) => `The call closes on ${deadline}. Every candidate is told the outcome after the deadline.`,
    follow: 'Your application and its outcome, at any time:',
    decisionSubject: { selected: (call: string) => `Stakeholder steering committee: you have been selected (${call})`, notSelected: (call: string) => `Stakeholder steering committee: outcome of your application (${call})` },
    selected: (call: string) => `We are pleased to tell you that you have been selected as a member of the stakeholder steering committee, following the call for membership “${call}”.`,
    notSelected: (call: string) => `Thank you for your application to the call for membership “${call}” of the stakeholder steering committee. You have not been selected as a member.`,
    reason: 'Reason',
    committee: 'Your committee page, from which you recommend speakers for the meetings:',
    hearings: 'Please note that members of the steering committee are not considered for speaking roles at the informal interactive multi-stakeholder hearings.',
    thanks: 'We are grateful for your interest and your commitment to the process.',
  },
  fr: {
    dear: (name: string) => `Madame, Monsieur ${name},`,
    receivedSubject: (call: string) => `Comité directeur des parties prenantes : candidature reçue (${call})`,
    received: (call: string, seats: number) =>
      `Nous avons reçu votre candidature à l’appel « ${call} » pour siéger au comité directeur des parties prenantes du processus relatif au pacte mondial sur les migrations. Le comité compte ${seats} ${seats === 1 ? 'siège' : 'sièges'} à pourvoir.`,
    criteria: 'Le personnel choisit les membres en fonction de leur expertise et de la diversité de leurs groupes constitutifs, en tenant dûment compte de l’équilibre géographique, de l’équilibre entre les genres et de l’équilibre entre les âges.',
    outcome: (deadline: string) => `L’appel est clos le ${deadline}. Chaque candidat·e est informé·e du résultat après la date limite.`,
    follow: 'Votre candidature et son résultat, à tout moment :',
    decisionSubject: { selected: (call: string) => `Comité directeur des parties prenantes : votre candidature est retenue (${call})`, notSelected: (call: string) => `Comité directeur des parties prenantes : résultat de votre candidature (${call})` },
    selected: (call: string) => `Nous avons le plaisir de vous informer qu’à l’issue de l’appel à candidatures « ${call} », vous avez été choisi·e comme membre du comité directeur des parties prenantes.`,
    notSelected: (call: string) => `Nous vous remercions de votre candidature à l’appel « ${call} » pour siéger au comité directeur des parties prenantes. Votre candidature n’a pas été retenue.`,
    reason: 'Motif',
    committee: 'Votre page du comité, depuis laquelle vous recommandez des orateur·rices pour les réunions :',
    hearings: 'Veuillez noter que les membres du comité directeur ne sont pas pris en considération pour prendre la parole lors des auditions interactives informelles multipartites.',
    thanks: 'Merci de votre intérêt et de votre engagement dans le processus.',
  },
} as const;

/** To a candidate: the application to a call for membership of the steering committee is received; the outcome follows the deadline. */
export function renderCandidateReceived(data: Received, context: RenderContext): RenderedMessage {
  const w = words[context.language];
  const line = w.received(data.callTitle, data.seats);
  const outcome = w.outcome(utcInstant(data.callDeadline, context.language));
  const text = `${w.dear(data.candidateName)}\n\n${line}\n\n${w.criteria}\n\n${outcome}\n\n${w.follow}\n${data.statusUrl}`;
  const body = html`<p>${w.dear(data.candidateName)}</p><p>${line}</p><p>${w.criteria}</p><p>${outcome}</p><p>${w.follow} <a href="${data.statusUrl}">${data.statusUrl}</a></p>`;
  return { ...frame(context, w.receivedSubject(data.callTitle), text, body), attachments: [] };
}

/** To a candidate: selected (with the committee page and the hearings rule) or not (with thanks, and no link). */
export function renderCandidateDecision(data: Decision, context: RenderContext): RenderedMessage {
  const w = words[context.language];
  const line = data.selected ? w.selected(data.callTitle) : w.notSelected(data.callTitle);
  const reason = data.reason ? `${w.reason}: ${data.reason}` : '';
  const link = data.selected && data.committeeUrl ? data.committeeUrl : null;
  const closing = data.selected ? w.hearings : w.thanks;
  const subject = data.selected ? w.decisionSubject.selected(data.callTitle) : w.decisionSubject.notSelected(data.callTitle);
  const text = [w.dear(data.candidateName), line, reason, link ? `${w.committee}\n${link}` : '', closing].filter(Boolean).join('\n\n');
  const body = html`<p>${w.dear(data.candidateName)}</p><p>${line}</p>${reason ? html`<p>${reason}</p>` : ''}${link ? html`<p>${w.committee} <a href="${link}">${link}</a></p>` : ''}<p>${closing}</p>`;
  return { ...frame(context, subject, text, body), attachments: [] };
}

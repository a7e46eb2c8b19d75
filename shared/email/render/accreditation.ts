import type * as z from 'zod';
import { html } from '#shared/email/html.ts';
import type { RenderedMessage } from '#shared/email/schemas.ts';
import type { templates } from '#shared/email/templates.ts';
import { frame, type RenderContext } from '#shared/email/render/layout.ts';

type Received = z.output<typeof templates.applicationReceived.data>;
type Rejected = z.output<typeof templates.applicationRejected.data>;

const words = {
  en: {
    dear: (name: string) => `Dear ${name},`,
    stage: { 'preparatory-process': 'the preparatory process', 'intergovernmental-conference': 'the intergovernmental conference' },
    receivedSubject: 'Application for special accreditation received',
    received: (org: string, stage: string) =>
      `We have received the application of ${org} for special accreditation to ${stage}. OPGA staff will screen it; the list of applicants is then circulated to Member States on a non-objection basis, and you will be told the outcome.`,
    rejectedSubject: 'Your application for special accreditation',
    rejected: (org: string, stage: string) => `The application of ${org} for special accreditation to ${stage} has not been included in the list circulated to Member States.`,
    reason: 'Reason',
    status: 'Follow the application:',
  },
  fr: {
    dear: (name: string) => `Madame, Monsieur ${name},`,
    stage: { 'preparatory-process': 'le processus préparatoire', 'intergovernmental-conference': 'la conférence intergouvernementale' },
    receivedSubject: 'Demande d’accréditation spéciale reçue',
    received: (org: string, stage: string) =>
      `Nous avons reçu la demande d’accréditation spéciale de ${org} pour ${stage}. Le personnel du Bureau du Président l’examinera ; la liste des candidatures est ensuite communiquée aux États Membres selon la procédure d’approbation tacite, et vous serez informé·e du résultat.`,
    rejectedSubject: 'Votre demande d’accréditation spéciale',
    rejected: (org: string, stage: string) => `La demande d’accréditation spéciale de ${org} pour ${stage} n’a pas été retenue pour la liste communiquée aux États Membres.`,
    reason: 'Motif',
    status: 'Suivre la demande :',
  },
} as const;

export function renderApplicationReceived(data: Received, context: RenderContext): RenderedMessage {
  const w = words[context.language];
  const line = w.received(data.organisationName, w.stage[data.stage]);
  const text = `${w.dear(data.contactName)}\n\n${line}\n\n${w.status}\n${data.statusUrl}`;
  const body = html`<p>${w.dear(data.contactName)}</p><p>${line}</p><p>${w.status} <a href="${data.statusUrl}">${data.statusUrl}</a></p>`;
  return { ...frame(context, w.receivedSubject, text, body), attachments: [] };
}

export function renderApplicationRejected(data: Rejected, context: RenderContext): RenderedMessage {
  const w = words[context.language];
  const line = w.rejected(data.organisationName, w.stage[data.stage]);
  const text = `${w.dear(data.contactName)}\n\n${line}\n${w.reason}: ${data.reason}\n\n${w.status}\n${data.statusUrl}`;
  const body = html`<p>${w.dear(data.contactName)}</p><p>${line}</p><p>${w.reason}: ${data.reason}</p><p>${w.status} <a href="${data.statusUrl}">${data.statusUrl}</a></p>`;
  return { ...frame(context, w.rejectedSubject, text, body), attachments: [] };
}

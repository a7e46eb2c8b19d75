import { ValidationError } from '#shared/errors.ts';
import { fieldProblems } from '#shared/http/errors.ts';
import type { Language, RenderedMessage } from '#shared/email/schemas.ts';
import { templateById, templates, type TemplateKey } from '#shared/email/templates.ts';
import type { RenderContext } from '#shared/email/render/layout.ts';
import { renderMeetingChanged } from '#shared/email/render/meeting-changed.ts';
import { renderNotificationFailed } from '#shared/email/render/notification-failed.ts';
import { renderTestMessage } from '#shared/email/render/test-message.ts';
import { renderApplicationReceived, renderApplicationRejected } from '#shared/email/render/accreditation.ts';
import {
  renderAccreditationOutcome,
  renderCirculationClosed,
  renderCirculationNotice,
  renderInformationAnswer,
  renderObjectionAlert,
  renderObjectionDigest,
} from '#shared/email/render/circulation.ts';
import { renderCandidateDecision, renderCandidateReceived } from '#shared/email/render/steering-committee.ts';
import { renderTrustFundInquiryAlert, renderTrustFundReply, renderTrustFundStaleInquiry } from '#shared/email/render/trust-fund.ts';
import { renderMeetingReminder, renderRegistrationClosed, renderRegistrationReceived, renderRegistrationStateChanged } from '#shared/email/render/registration.ts';

/** One renderer per template of the catalogue; the type makes a missing one a compile error. */
const renderers: { [K in TemplateKey]: (data: never, context: RenderContext) => RenderedMessage } = {
  notificationFailed: renderNotificationFailed,
  meetingChanged: renderMeetingChanged,
  testMessage: renderTestMessage,
  registrationReceived: renderRegistrationReceived,
  registrationStateChanged: renderRegistrationStateChanged,
  meetingReminder: renderMeetingReminder,
  registrationClosed: renderRegistrationClosed,
  applicationReceived: renderApplicationReceived,
  applicationRejected: renderApplicationRejected,
  circulationNotice: renderCirculationNotice,
  objectionAlert: renderObjectionAlert,
  objectionDigest: renderObjectionDigest,
  informationAnswer: renderInformationAnswer,
  accreditationOutcome: renderAccreditationOutcome,
  circulationClosed: renderCirculationClosed,
  candidateReceived: renderCandidateReceived,
  candidateDecision: renderCandidateDecision,
  trustFundReply: renderTrustFundReply,
  trustFundInquiryAlert: renderTrustFundInquiryAlert,
  trustFundStaleInquiry: renderTrustFundStaleInquiry,
};
const rendererById = new Map<string, (data: never, context: RenderContext) => RenderedMessage>(
  Object.entries(templates).map(([key, template]) => [template.id, renderers[key as TemplateKey]]),
);

/** Renders stored data with its template, checking the data against the template's schema first. */
export function renderMessage(templateId: string, data: unknown, context: RenderContext): RenderedMessage {
  const template = templateById.get(templateId);
  const render = rendererById.get(templateId);
  if (!template || !render) throw new ValidationError(`No e-mail template is called '${templateId}'`, { fields: [{ field: 'body.template', message: 'is not a known template' }] });
  const parsed = template.data.safeParse(data);
  if (!parsed.success) {
    const fields = fieldProblems('body', parsed.error.issues).map((problem) => ({ ...problem, field: problem.field.replace(/^body/, 'body.data') }));
    throw new ValidationError(`The data does not fit the template '${templateId}': ${fields.map((field) => field.field).join(', ')}`, { fields });
  }
  return render(parsed.data as never, context);
}

export type { Language };

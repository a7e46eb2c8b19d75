import { randomUUID } from 'node:crypto';
import { setting } from '#shared/config.ts';
import { writeTogether } from '#shared/db/transactions.ts';
import { auditPut } from '#shared/audit/audit.ts';
import { keys } from '#shared/db/keys.ts';
import { enqueueNotification, notificationIdFor } from '#shared/email/outbox.ts';
import { ConflictError, NotFoundError } from '#shared/errors.ts';
import type { StaffContext } from '#shared/meetings/use-cases.ts';
import { renderMessage } from '#shared/email/render/index.ts';
import type { Language, Notification, NotificationState, RenderedMessage } from '#shared/email/schemas.ts';
import * as store from '#shared/email/store.ts';
import { templateSamples } from '#shared/email/samples.ts';
import { templateKeyById, templates, type TemplateKey } from '#shared/email/templates.ts';
import type { Needs } from '#shared/needs.ts';

/** What this module asks of its Lambda's role and environment (shared/needs.ts). */
export const needs: Needs = { env: ['EMAIL_FOOTER'] };

const renderContext = (language: Language, reference: string) => ({ language, footer: setting('EMAIL_FOOTER'), reference });

export async function getNotification(notificationId: string): Promise<{ notification: Notification; rendered: RenderedMessage }> {
  const notification = await store.findNotification(notificationId);
  if (!notification) throw new NotFoundError(`No notification has the id '${notificationId}'`);
  return { notification, rendered: renderMessage(notification.template, notification.data, renderContext(notification.language, notification.notificationId)) };
}

export function listNotifications(query: { state: NotificationState; limit: number; cursor?: string | undefined }) {
  return store.listByState(query.state, { limit: query.limit, cursor: query.cursor });
}

/** Staff send a failed (or suppressed) notification again: back in the queue with fresh attempts. */
export async function retryNotification(notificationId: string, { now }: StaffContext): Promise<Notification> {
  const notification = await store.findNotification(notificationId);
  if (!notification) throw new NotFoundError(`No notification has the id '${notificationId}'`);
  const requeued = await store.requeue(notification, now);
  if (!requeued) throw new ConflictError(`Only failed or suppressed notifications can be retried; this one is ${notification.state}`);
  return requeued;
}

export function listTemplates() {
  return Object.entries(templates).map(([key, template]) => ({ templateId: template.id, sampleData: templateSamples[key as TemplateKey] }));
}

export function previewTemplate(templateId: string, input: { language: Language; data?: unknown }): RenderedMessage {
  const key = templateKeyById.get(templateId);
  if (!key) throw new NotFoundError(`No e-mail template is called '${templateId}'`);
  return renderMessage(templateId, input.data ?? templateSamples[key], renderContext(input.language, 'preview'));
}

/** Queues a test message to any address, through the outbox like every other e-mail. */
export async function sendTestMessage(input: { to: string; language: Language }, { actor, now }: StaffContext): Promise<Notification> {
  const dedupeKey = `test-message:${randomUUID()}`;
  await writeTogether([
    enqueueNotification('testMessage', { to: [input.to], language: input.language, dedupeKey, data: { requestedBy: actor.id, requestedAt: now.toISOString() } }, now),
    auditPut(keys.notification(notificationIdFor(dedupeKey)), { action: 'notification.testRequested', actor, at: now, details: { to: input.to } }),
  ]);
  const queued = await store.findNotification(notificationIdFor(dedupeKey));
  if (!queued) throw new Error('The test message was not queued');
  return queued;
}

import { createHash } from 'node:crypto';
import { tableName } from '#shared/db/client.ts';
import { keys } from '#shared/db/keys.ts';
import type { Language, Notification } from '#shared/email/schemas.ts';
import { templates, type TemplateData, type TemplateKey } from '#shared/email/templates.ts';
import type { Needs } from '#shared/needs.ts';

/** What this module asks of its Lambda's role and environment (shared/needs.ts). */
export const needs: Needs = { table: ['PutItem'] };

export interface Enqueue<K extends TemplateKey> {
  to: string[];
  data: TemplateData<K>;
  language: Language;
  /** Names the event this message is about; the same key never makes a second notification. */
  dedupeKey: string;
}

/** Deterministic, so enqueueing the same event twice names the same notification. */
export const notificationIdFor = (dedupeKey: string) => createHash('sha256').update(dedupeKey).digest('base64url').slice(0, 26);

export function newNotification<K extends TemplateKey>(template: K, message: Enqueue<K>, now: Date): Notification {
  const data = templates[template].data.parse(message.data) as Record<string, unknown>;
  const at = now.toISOString();
  return {
    notificationId: notificationIdFor(message.dedupeKey),
    template: templates[template].id,
    language: message.language,
    to: message.to.map((address) => address.toLowerCase()),
    data,
    dedupeKey: message.dedupeKey,
    state: 'pending',
    attempts: 0,
    nextAttemptAt: at,
    lastError: null,
    sesMessageId: null,
    suppressedRecipients: [],
    claimToken: null,
    claimExpiresAt: null,
    sendStartedAt: null,
    createdAt: at,
    updatedAt: at,
    sentAt: null,
    failedAt: null,
  };
}

export function notificationItem(notification: Notification) {
  return {
    ...keys.notification(notification.notificationId),
    ...keys.outboxQueue(notification.state, notification.nextAttemptAt, notification.notificationId),
    type: 'notification',
    ...notification,
  };
}

/**
 * THE way to send e-mail: put this in the same TransactWriteItems as the state change that causes
 * the message. The dispatcher sends it. The data is checked against the template's schema here, so
 * a wrong field fails the change, not the send. If a notification with the same dedupe key exists,
 * the condition fails and so does the transaction: nothing is changed twice.
 */
export function enqueueNotification<K extends TemplateKey>(template: K, message: Enqueue<K>, now: Date) {
  return {
    Put: {
      TableName: tableName(),
      Item: notificationItem(newNotification(template, message, now)),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { Actor } from '#shared/audit/audit.ts';
import { db, tableName } from '#shared/db/client.ts';
import { keys, withoutKeys } from '#shared/db/keys.ts';
import { queryPage, type Page } from '#shared/db/query.ts';
import { NotFoundError } from '#shared/errors.ts';
import type { Suppression } from '#shared/email/schemas.ts';
import { setting } from '#shared/config.ts';
import type { Needs } from '#shared/needs.ts';

/** What this module asks of its Lambda's role and environment (shared/needs.ts). */
export const needs: Needs = { table: ['PutItem', 'DeleteItem'], indexes: ['gsi1'], env: ['SES_CONFIGURATION_SET'] };

const toSuppression = (item: Record<string, unknown>): Suppression => {
  const { type: _type, ...suppression } = withoutKeys(item);
  return suppression as Suppression;
};

/** Puts an address on the list; later notifications to it are skipped and marked suppressed. */
export async function suppress(entry: Suppression): Promise<Suppression> {
  const email = entry.email.toLowerCase();
  const item = { ...keys.suppression(email), ...keys.suppressionList(email), type: 'suppression', ...entry, email };
  await db().send(new PutCommand({ TableName: tableName(), Item: item }));
  return { ...entry, email };
}

export async function liftSuppression(email: string, _actor: Actor): Promise<void> {
  try {
    await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.suppression(email.toLowerCase()), ConditionExpression: 'attribute_exists(pk)' }));
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new NotFoundError(`'${email}' is not on the suppression list`);
    throw error;
  }
}

export function listSuppressions(page: { limit: number; cursor?: string | undefined }): Promise<Page<Suppression>> {
  return queryPage(
    { IndexName: keys.suppressionListIndex.indexName, KeyConditionExpression: 'gsi1pk = :list', ExpressionAttributeValues: { ':list': keys.suppressionListIndex.partition } },
    { limit: page.limit, cursor: page.cursor, partition: { gsi1pk: keys.suppressionListIndex.partition }, toItem: toSuppression },
  );
}

/**
 * SES's bounce and complaint events (EventBridge, from the configuration set): permanent bounces
 * and complaints suppress the address; transient bounces do not.
 */
export interface SesFeedbackEvent {
  'detail-type': string;
  time: string;
  detail: {
    eventType?: string;
    mail?: { tags?: Record<string, string[]> };
    bounce?: { bounceType?: string; bounceSubType?: string; bouncedRecipients?: { emailAddress: string; diagnosticCode?: string }[] };
    complaint?: { complainedRecipients?: { emailAddress: string }[]; complaintFeedbackType?: string };
  };
}

export async function recordSesFeedback(event: SesFeedbackEvent, configurationSet: string | undefined = setting('SES_CONFIGURATION_SET')): Promise<Suppression[]> {
  const { detail } = event;
  // Stages sharing an account and region see each other's events: act only on mail sent through ours.
  const sentThrough = detail.mail?.tags?.['ses:configuration-set']?.[0];
  if (configurationSet && sentThrough !== configurationSet) return [];
  const entries: Suppression[] = [];
  if (detail.bounce && detail.bounce.bounceType === 'Permanent') {
    for (const recipient of detail.bounce.bouncedRecipients ?? []) {
      entries.push({ email: recipient.emailAddress, reason: 'bounce', detail: recipient.diagnosticCode ?? detail.bounce.bounceSubType ?? null, suppressedAt: event.time, suppressedBy: 'ses' });
    }
  }
  if (detail.complaint) {
    for (const recipient of detail.complaint.complainedRecipients ?? []) {
      entries.push({ email: recipient.emailAddress, reason: 'complaint', detail: detail.complaint.complaintFeedbackType ?? null, suppressedAt: event.time, suppressedBy: 'ses' });
    }
  }
  return Promise.all(entries.map(suppress));
}

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '#shared/db/client.ts';
import { keys, withoutKeys } from '#shared/db/keys.ts';
import { queryPage, type Page } from '#shared/db/query.ts';
import { writeTogether } from '#shared/db/transactions.ts';
import { enqueueNotification } from '#shared/email/outbox.ts';
import type { Notification, NotificationState } from '#shared/email/schemas.ts';
import type { Needs } from '#shared/needs.ts';

/** What this module asks of its Lambda's role and environment (shared/needs.ts). */
export const needs: Needs = { table: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem'], indexes: ['gsi2'] };

export const toNotification = (item: Record<string, unknown>): Notification => {
  const { type: _type, ...notification } = withoutKeys(item);
  return notification as Notification;
};

export async function findNotification(notificationId: string): Promise<Notification | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.notification(notificationId) }));
  return Item ? toNotification(Item) : undefined;
}

/** Sets attributes and moves the item to another queue, if the condition holds; false if it did not. */
async function transition(
  notificationId: string,
  to: { state?: NotificationState; queueInstant?: string; set: Record<string, unknown> },
  condition: { expression: string; values: Record<string, unknown> },
): Promise<Notification | undefined> {
  const queue = to.state && to.queueInstant ? { state: to.state, ...keys.outboxQueue(to.state, to.queueInstant, notificationId) } : {};
  const set = { ...to.set, ...queue };
  const names = Object.fromEntries(Object.keys(set).map((name, index) => [`#a${index}`, name]));
  const values = Object.fromEntries(Object.values(set).map((value, index) => [`:a${index}`, value]));
  try {
    const { Attributes } = await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.notification(notificationId),
        UpdateExpression: `SET ${Object.keys(names).map((name, index) => `${name} = :a${index}`).join(', ')}`,
        ConditionExpression: `attribute_exists(pk) AND ${condition.expression}`,
        ExpressionAttributeNames: { ...names, '#state': 'state' },
        ExpressionAttributeValues: { ...values, ...condition.values },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes ? toNotification(Attributes) : undefined;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}

const claimedBy = (token: string) => ({ expression: '#state = :sending AND claimToken = :token', values: { ':sending': 'sending', ':token': token } });

/** Takes a due notification for this run; undefined if another run took it first. */
export function claim(notification: Notification, token: string, now: Date, timeoutSeconds: number) {
  const expires = new Date(now.getTime() + timeoutSeconds * 1000).toISOString();
  return transition(
    notification.notificationId,
    { state: 'sending', queueInstant: expires, set: { claimToken: token, claimExpiresAt: expires, sendStartedAt: null, updatedAt: now.toISOString() } },
    { expression: '#state = :pending AND nextAttemptAt <= :now', values: { ':pending': 'pending', ':now': now.toISOString() } },
  );
}

/** Recorded just before the message goes to SES: from here on, a crash means delivery is uncertain. */
export function markSendStarted(notificationId: string, token: string, now: Date) {
  return transition(notificationId, { set: { sendStartedAt: now.toISOString() } }, claimedBy(token));
}

export function markSent(notificationId: string, token: string, result: { sesMessageId: string; suppressedRecipients: string[] }, now: Date) {
  const at = now.toISOString();
  return transition(
    notificationId,
    { state: 'sent', queueInstant: at, set: { ...result, sentAt: at, updatedAt: at, claimToken: null, claimExpiresAt: null, lastError: null } },
    claimedBy(token),
  );
}

export function markSuppressed(notificationId: string, token: string, suppressedRecipients: string[], now: Date) {
  const at = now.toISOString();
  return transition(notificationId, { state: 'suppressed', queueInstant: at, set: { suppressedRecipients, updatedAt: at, claimToken: null, claimExpiresAt: null } }, claimedBy(token));
}

/** Back to the pending queue, due at `nextAttemptAt`; `attempts` says whether this try counted. */
export function release(notificationId: string, token: string, retry: { attempts: number; nextAttemptAt: Date; lastError: string | null }, now: Date) {
  const next = retry.nextAttemptAt.toISOString();
  return transition(
    notificationId,
    { state: 'pending', queueInstant: next, set: { attempts: retry.attempts, nextAttemptAt: next, lastError: retry.lastError, updatedAt: now.toISOString(), claimToken: null, claimExpiresAt: null, sendStartedAt: null } },
    claimedBy(token),
  );
}

/** A claim whose run crashed before it sent anything: safe to send again. */
export function takeBack(notification: Notification, now: Date) {
  const at = now.toISOString();
  return transition(
    notification.notificationId,
    { state: 'pending', queueInstant: at, set: { nextAttemptAt: at, updatedAt: at, claimToken: null, claimExpiresAt: null, sendStartedAt: null } },
    { expression: '#state = :sending AND claimToken = :token AND claimExpiresAt <= :now AND attribute_type(sendStartedAt, :null)', values: { ':sending': 'sending', ':token': notification.claimToken, ':now': at, ':null': 'NULL' } },
  );
}

/**
 * Gives up on a notification and, in the same transaction, tells staff (unless it is itself a
 * staff alert, which would only loop). `condition` is the claim the caller holds.
 */
export async function markFailed(
  notification: Notification,
  failure: { reason: 'attempts-exhausted' | 'rejected' | 'delivery-uncertain'; lastError: string | null; attempts: number },
  condition: { expression: string; values: Record<string, unknown> },
  staffAddress: string,
  now: Date,
): Promise<boolean> {
  const at = now.toISOString();
  const alert =
    notification.template === 'notification-failed'
      ? []
      : [
          enqueueNotification(
            'notificationFailed',
            {
              to: [staffAddress],
              language: 'en',
              dedupeKey: `notification-failed:${notification.notificationId}:${at}`,
              data: { notificationId: notification.notificationId, template: notification.template, to: notification.to, attempts: failure.attempts, reason: failure.reason, lastError: failure.lastError },
            },
            now,
          ),
        ];
  const { failedCondition } = await writeTogether([
    {
      Update: {
        TableName: tableName(),
        Key: keys.notification(notification.notificationId),
        UpdateExpression: 'SET #state = :failed, attempts = :attempts, lastError = :error, failedAt = :at, updatedAt = :at, claimToken = :null, claimExpiresAt = :null, gsi2pk = :queue, gsi2sk = :sort',
        ConditionExpression: `attribute_exists(pk) AND ${condition.expression}`,
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ...condition.values,
          ':failed': 'failed',
          ':attempts': failure.attempts,
          ':error': failure.lastError,
          ':at': at,
          ':null': null,
          ...Object.fromEntries(Object.entries(keys.outboxQueue('failed', at, notification.notificationId)).map(([name, value]) => [name === 'gsi2pk' ? ':queue' : ':sort', value])),
        },
      },
    },
    ...alert,
  ]);
  return failedCondition === undefined;
}

export const claimCondition = claimedBy;

/** Items of one outbox queue that are due by `now` (pending: to send; sending: claims that ran out), oldest first. */
async function dueIn(queue: 'pending' | 'sending', now: Date, limit: number, startKey: Record<string, unknown> | undefined) {
  const result = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: keys.outboxQueueIndex.indexName,
      KeyConditionExpression: 'gsi2pk = :queue AND gsi2sk <= :due',
      ExpressionAttributeValues: { ':queue': keys.outboxQueueIndex.partition(queue), ':due': `${now.toISOString()}#~` },
      Limit: limit,
      ExclusiveStartKey: startKey,
    }),
  );
  return { items: (result.Items ?? []).map(toNotification), nextKey: result.LastEvaluatedKey };
}

/** Due pending notifications, one page at a time (the cursor is DynamoDB's). */
export const duePending = (now: Date, limit: number, startKey: Record<string, unknown> | undefined) => dueIn('pending', now, limit, startKey);

/** Claims whose time ran out: their run crashed or was stopped. */
export const expiredClaims = async (now: Date, limit: number): Promise<Notification[]> => (await dueIn('sending', now, limit, undefined)).items;

export function listByState(state: NotificationState, page: { limit: number; cursor: string | undefined }): Promise<Page<Notification>> {
  const partition = keys.outboxQueueIndex.partition(state);
  return queryPage(
    {
      IndexName: keys.outboxQueueIndex.indexName,
      KeyConditionExpression: 'gsi2pk = :queue',
      ExpressionAttributeValues: { ':queue': partition },
      // Failed, sent and suppressed: newest first; pending and sending: next due first.
      ScanIndexForward: state === 'pending' || state === 'sending',
    },
    { ...page, partition: { gsi2pk: partition }, toItem: toNotification },
  );
}

/** Staff put a failed or suppressed notification back in the queue, due now, with fresh attempts. */
export function requeue(notification: Notification, now: Date) {
  const at = now.toISOString();
  return transition(
    notification.notificationId,
    { state: 'pending', queueInstant: at, set: { attempts: 0, nextAttemptAt: at, updatedAt: at, failedAt: null, suppressedRecipients: [], sendStartedAt: null } },
    { expression: '(#state = :failed OR #state = :suppressed)', values: { ':failed': 'failed', ':suppressed': 'suppressed' } },
  );
}

/** Which of these addresses are on the suppression list. */
export async function suppressedAmong(addresses: string[]): Promise<Set<string>> {
  if (addresses.length === 0) return new Set();
  const { Responses } = await db().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: addresses.map((address) => keys.suppression(address)), ProjectionExpression: 'email' } } }));
  return new Set((Responses?.[tableName()] ?? []).map((item) => String(item.email)));
}

/**
 * Queues a notification that no state change carries (a reminder, a notice of a recorded change).
 * Safe to repeat: a notification with the same dedupe key already queued counts as done.
 */
export async function enqueueStandalone(put: ReturnType<typeof enqueueNotification>): Promise<boolean> {
  try {
    await db().send(new PutCommand(put.Put));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

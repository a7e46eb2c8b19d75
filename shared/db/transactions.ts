import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/db/client.ts';

type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

/**
 * Writes all items or none. Returns the index of the first item whose condition failed (for the
 * caller to turn into 404/409), or undefined on success.
 */
export async function writeTogether(items: TransactItems, idempotencyToken?: string): Promise<{ failedCondition: number | undefined }> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await db().send(new TransactWriteCommand({ TransactItems: items, ...(idempotencyToken ? { ClientRequestToken: idempotencyToken } : {}) }));
      return { failedCondition: undefined };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const index = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
      if (index >= 0) return { failedCondition: index };
      // Another transaction was writing the same items (a counter, a guard): try again shortly.
      if (attempt >= 10 || !reasons.some((reason) => reason.Code === 'TransactionConflict')) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 15 * attempt));
    }
  }
}

/**
 * Optimistic concurrency: `attempt` reads, changes and writes on condition of the version it read,
 * returning undefined when another writer got there first. It is tried again on the newer version,
 * after a short random pause so that clashing writers spread out, until it succeeds or `tries` run out.
 */
export async function retryOnVersionClash<T>(attempt: () => Promise<T | undefined>, giveUp: () => Error, tries = 8): Promise<T> {
  for (let round = 0; round < tries; round += 1) {
    const result = await attempt();
    if (result !== undefined) return result;
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * (round + 1)));
  }
  throw giveUp();
}

import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '#shared/db/client.ts';
import { keys } from '#shared/db/keys.ts';
import type { Needs } from '#shared/needs.ts';

/** What this module asks of its Lambda's role and environment (shared/needs.ts). */
export const needs: Needs = { table: ['PutItem'] };

export async function recordHeartbeat(job: string, now: Date): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.heartbeat(job), type: 'heartbeat', job, lastRunAt: now.toISOString() } }));
}

import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { db, dynamoClient, tableName } from '#shared/db/client.ts';
import { keys } from '#shared/db/keys.ts';
import { scheduleList, type ScheduleSpec } from '#shared/jobs/schedules.ts';
import type { Health } from '#shared/system/schemas.ts';
import type { Needs } from '#shared/needs.ts';

/** What this module asks of its Lambda's role and environment (shared/needs.ts). */
export const needs: Needs = { table: ['DescribeTable', 'BatchGetItem'] };

/** A job is overdue once it has missed two runs at its rate. */
const overdue = (job: ScheduleSpec, lastRunAt: string | null, now: Date) =>
  lastRunAt !== null && now.getTime() - Date.parse(lastRunAt) > 2 * job.everyMinutes * 60_000;

export async function checkHealth(now: Date): Promise<Health> {
  try {
    await dynamoClient().send(new DescribeTableCommand({ TableName: tableName() }));
    const { Responses } = await db().send(
      new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: scheduleList.map((job) => keys.heartbeat(job.name)) } } }),
    );
    const seen = new Map((Responses?.[tableName()] ?? []).map((item) => [String(item.job), String(item.lastRunAt)]));
    const jobs = scheduleList.map((job) => {
      const lastRunAt = seen.get(job.name) ?? null;
      return { job: job.name, lastRunAt, overdue: overdue(job, lastRunAt, now) };
    });
    return { status: jobs.some((job) => job.overdue) ? 'degraded' : 'ok', table: 'reachable', jobs, checkedAt: now.toISOString() };
  } catch {
    return { status: 'degraded', table: 'unreachable', jobs: [], checkedAt: now.toISOString() };
  }
}

import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '#shared/db/client.ts';
import { BadRequestError } from '#shared/errors.ts';
import { decodeCursor, encodeCursor } from '#shared/db/pagination.ts';
import { tableDefinition } from '#shared/db/table.ts';
import type { Needs } from '#shared/needs.ts';

/** What this module asks of its Lambda's role and environment (shared/needs.ts). */
export const needs: Needs = { table: ['Query'] };

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

type PageQueryInput = Omit<QueryCommandInput, 'TableName' | 'Limit' | 'ExclusiveStartKey'>;

/**
 * One page of exactly `limit` matching items (fewer only at the end). DynamoDB applies Limit
 * before a FilterExpression, so this reads on until the page is full and then points the cursor
 * at the last item returned, not at the last item read: no item is ever skipped between pages.
 */
export async function queryPage<T>(input: PageQueryInput, options: { limit: number; cursor: string | undefined; partition: Record<string, string>; toItem: (item: Record<string, unknown>) => T }): Promise<Page<T>> {
  let startKey = decodeCursor(options.cursor);
  if (startKey && Object.entries(options.partition).some(([name, value]) => startKey?.[name] !== value)) {
    throw new BadRequestError('cursor belongs to another listing', { fields: [{ field: 'query.cursor', message: 'belongs to another listing' }] });
  }
  const raw: Record<string, unknown>[] = [];
  do {
    const result = await db().send(new QueryCommand({ ...input, TableName: tableName(), Limit: Math.max(options.limit, 25), ExclusiveStartKey: startKey }));
    raw.push(...(result.Items ?? []));
    startKey = result.LastEvaluatedKey as Record<string, string> | undefined;
  } while (raw.length < options.limit && startKey);

  if (raw.length > options.limit) {
    const kept = raw.slice(0, options.limit);
    return { items: kept.map(options.toItem), nextCursor: encodeCursor(keyOf(kept[kept.length - 1] as Record<string, unknown>, input.IndexName)) };
  }
  return { items: raw.map(options.toItem), nextCursor: encodeCursor(startKey) };
}

/** Every item a query matches, page after page. */
export async function queryAll(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db().send(new QueryCommand({ ...input, TableName: tableName(), ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** Every item of a partition under a sort-key prefix, read consistently. */
export const queryPrefix = (key: { pk: string; skPrefix: string }) =>
  queryAll({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)', ExpressionAttributeValues: { ':pk': key.pk, ':prefix': key.skPrefix }, ConsistentRead: true });

/** Every item of a paged listing, page after page. */
export async function allPages<T>(page: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const next = await page(cursor);
    items.push(...next.items);
    cursor = next.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

function keyOf(item: Record<string, unknown>, indexName: string | undefined): Record<string, unknown> {
  const names: string[] = [tableDefinition.partitionKey, tableDefinition.sortKey];
  const index = tableDefinition.globalSecondaryIndexes.find((candidate) => candidate.indexName === indexName);
  if (index) names.push(index.partitionKey, index.sortKey);
  return Object.fromEntries(names.map((name) => [name, item[name]]));
}

import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '#shared/db/client.ts';
import { cursorRefused, decodeCursor, encodeCursor, isStartKeyRefusal } from '#shared/db/pagination.ts';
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
export async function queryPage<T>(
  input: PageQueryInput,
  options: { limit: number; cursor: string | undefined; partition: Record<string, string>; sortKeyPrefix?: Record<string, string>; toItem: (item: Record<string, unknown>) => T },
): Promise<Page<T>> {
  let startKey = decodeCursor(options.cursor, { ...keySchema(input.IndexName), partition: options.partition, sortKeyPrefix: options.sortKeyPrefix });
  const raw: Record<string, unknown>[] = [];
  let first = true;
  do {
    const result = await db()
      .send(new QueryCommand({ ...input, TableName: tableName(), Limit: Math.max(options.limit, 25), ExclusiveStartKey: startKey }))
      .catch((error: unknown) => {
        // The first start key is the caller's cursor; any later one is DynamoDB's own.
        throw first && options.cursor !== undefined && isStartKeyRefusal(error) ? cursorRefused('DynamoDB cannot start from it') : error;
      });
    first = false;
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

/** The key attributes of the table and of the index queried: what a LastEvaluatedKey, and so a cursor, holds. */
function keySchema(indexName: string | undefined): { partitionKeys: string[]; sortKeys: string[] } {
  const index = tableDefinition.globalSecondaryIndexes.find((candidate) => candidate.indexName === indexName);
  return {
    partitionKeys: [tableDefinition.partitionKey, ...(index ? [index.partitionKey] : [])],
    sortKeys: [tableDefinition.sortKey, ...(index ? [index.sortKey] : [])],
  };
}

function keyOf(item: Record<string, unknown>, indexName: string | undefined): Record<string, unknown> {
  const { partitionKeys, sortKeys } = keySchema(indexName);
  return Object.fromEntries([...partitionKeys, ...sortKeys].map((name) => [name, item[name]]));
}

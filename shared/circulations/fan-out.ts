import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { statusLink } from '#shared/auth/status-link.ts';
import { db, tableName } from '#shared/db/client.ts';
import { keys, withoutKeys } from '#shared/db/keys.ts';
import { writeTogether } from '#shared/db/transactions.ts';
import { enqueueNotification } from '#shared/email/outbox.ts';
import { pathFor } from '#shared/http/route-spec.ts';
import { routes } from '#shared/http/routes.ts';
import { sortName } from '#shared/member-states/store.ts';
import { logger } from '#shared/observability/logger.ts';
import { allMemberStates, getCirculation, listEntries } from '#shared/circulations/store.ts';
import type { Circulation, FanOutProgress } from '#shared/circulations/schemas.ts';
import type { Needs } from '#shared/needs.ts';

/** What this module asks of its Lambda's role and environment (shared/needs.ts). */
export const needs: Needs = { table: ['GetItem', 'Query', 'PutItem', 'UpdateItem'], indexes: ['gsi2'] };

/**
 * Notices to every Member State's missions: the list when it is circulated, a new deadline, a
 * reminder. DynamoDB takes at most 100 items (4 MB) in one transaction, and a list goes to 195
 * States, so the state change writes a fan-out record in its own transaction (the outbox of the
 * notices), and the notifications are written from it in chunks: each chunk's transaction also
 * moves the record's cursor on, on condition that it still points where the chunk began. A chunk is
 * therefore written once or not at all; a run that stops (a crash, a timeout) leaves the record
 * pending, and the complete-notices job carries on from the cursor.
 */
export type NoticeKind = FanOutProgress['kind'];
type StoredFanOut = FanOutProgress & { circulationId: string; cursor: string; deadline: string; previousDeadline: string | null };

const maxItemsPerChunk = 99;
/** A request writes notices for at most ~6 s (circulations.ts); the job leaves younger fan-outs to it. */
const leaveToRequestMs = 15_000;
const maxBytesPerChunk = 3_000_000;

export const fanOutName = (kind: NoticeKind, deadline: string) => (kind === 'circulated' ? 'circulated' : `${kind}#${deadline}`);

/** The Put of a new fan-out record, for the transaction of the change it announces. */
export function newFanOut(circulation: Circulation, kind: NoticeKind, previousDeadline: string | null, now: Date) {
  const at = now.toISOString();
  const name = fanOutName(kind, circulation.deadline ?? '');
  const record: StoredFanOut = {
    circulationId: circulation.circulationId,
    name,
    kind,
    state: 'pending',
    cursor: '',
    deadline: circulation.deadline ?? '',
    previousDeadline,
    memberStatesNotified: 0,
    notifications: 0,
    withoutAddress: [],
    createdAt: at,
    completedAt: null,
  };
  return {
    name,
    put: { Put: { TableName: tableName(), Item: { ...keys.fanOut(circulation.circulationId, name), ...keys.fanOutQueue(at, circulation.circulationId, name), type: 'fanOut', ...record }, ConditionExpression: 'attribute_not_exists(pk)' } },
  };
}

async function findFanOut(circulationId: string, name: string): Promise<StoredFanOut | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.fanOut(circulationId, name), ConsistentRead: true }));
  if (!Item) return undefined;
  const { type: _type, ...record } = withoutKeys(Item);
  return record as StoredFanOut;
}

/** The link a mission follows to its ballot: for this list and this State, expiring at the deadline. */
export function ballotLink(circulationId: string, memberState: string, deadline: string, now: Date) {
  return statusLink('memberState', pathFor(routes.getBallot, { circulationId }), circulationId, new Date(deadline), now, memberState);
}

/**
 * Writes the notices of one fan-out from its cursor to the end, chunk by chunk; stops early (leaving
 * the rest to the job) when `stopBy` is near. Returns the record as it ends.
 */
export async function runFanOut(circulationId: string, name: string, now: Date, stopBy: () => boolean = () => false): Promise<StoredFanOut | undefined> {
  const found = await findFanOut(circulationId, name);
  if (!found || found.state === 'done') return found;
  let record: StoredFanOut = found;
  const circulation = await getCirculation(circulationId);
  const applicants = (await listEntries(circulationId)).map((entry) => ({ reference: entry.applicationId, name: entry.name, country: entry.country, organisationType: entry.organisationType }));
  const states = (await allMemberStates()).map((state) => ({ state, order: `${sortName(state.name)}#${state.code}` })).sort((a, b) => (a.order < b.order ? -1 : 1));
  const remaining = states.filter(({ order }) => order > found.cursor);

  let index = 0;
  do {
    if (stopBy()) return record;
    const puts: ReturnType<typeof enqueueNotification>[] = [];
    const withoutAddress: string[] = [];
    let bytes = 0;
    let statesInChunk = 0;
    while (index < remaining.length) {
      const { state } = remaining[index]!;
      const link = await ballotLink(circulationId, state.code, record.deadline, now);
      const notices = state.contacts.map((contact) =>
        enqueueNotification(
          'circulationNotice',
          {
            to: [contact.email],
            language: 'en',
            dedupeKey: `circulation:${circulationId}:${name}:${state.code}:${contact.email}`,
            data: { memberStateName: state.name, kind: record.kind, circulationId, title: circulation.title, stage: circulation.stage, deadline: record.deadline, previousDeadline: record.previousDeadline, applicants, ballotUrl: link.url },
          },
          now,
        ),
      );
      const size = notices.reduce((total, put) => total + JSON.stringify(put.Put.Item).length, 0);
      if (puts.length > 0 && (puts.length + notices.length > maxItemsPerChunk || bytes + size > maxBytesPerChunk)) break;
      puts.push(...notices);
      bytes += size;
      statesInChunk += 1;
      if (notices.length === 0) withoutAddress.push(state.code);
      index += 1;
    }
    const finished = index >= remaining.length;
    const cursor: string = index > 0 ? remaining[index - 1]!.order : record.cursor;
    const at = now.toISOString();
    const { failedCondition } = await writeTogether([
      ...puts,
      {
        Update: {
          TableName: tableName(),
          Key: keys.fanOut(circulationId, name),
          UpdateExpression: `SET #cursor = :cursor, memberStatesNotified = memberStatesNotified + :states, notifications = notifications + :notifications, withoutAddress = list_append(withoutAddress, :without)${finished ? ', #state = :done, completedAt = :at REMOVE gsi2pk, gsi2sk' : ''}`,
          ConditionExpression: '#cursor = :from AND #state = :pending',
          ExpressionAttributeNames: { '#cursor': 'cursor', '#state': 'state' },
          ExpressionAttributeValues: {
            ':cursor': cursor,
            ':from': record.cursor,
            ':pending': 'pending',
            ':states': statesInChunk - withoutAddress.length,
            ':notifications': puts.length,
            ':without': withoutAddress,
            ...(finished ? { ':done': 'done', ':at': at } : {}),
          },
        },
      },
    ]);
    if (failedCondition !== undefined) {
      // Another run wrote this chunk first (its notices exist and the record moved on): it carries on from there.
      const latest = await findFanOut(circulationId, name);
      if (latest && (latest.cursor !== record.cursor || latest.state === 'done')) return latest;
      throw new Error(`A notice of ${circulationId} (${name}) already existed outside its fan-out (item ${failedCondition})`);
    }
    record = { ...record, cursor, memberStatesNotified: record.memberStatesNotified + statesInChunk - withoutAddress.length, notifications: record.notifications + puts.length, withoutAddress: [...record.withoutAddress, ...withoutAddress], ...(finished ? { state: 'done' as const, completedAt: at } : {}) };
  } while (index < remaining.length);
  return record;
}

/** The job: carries every unfinished fan-out to its end (after a crash or a timeout). */
export async function completeFanOuts(now: Date, stopBy: () => boolean = () => false): Promise<{ completed: number; pending: number }> {
  // Only fan-outs older than a request's time budget: a younger one is most likely still being written by its request.
  const startedBefore = new Date(now.getTime() - leaveToRequestMs).toISOString();
  const { Items = [] } = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: keys.fanOutQueueIndex.indexName,
      KeyConditionExpression: 'gsi2pk = :pending AND gsi2sk < :before',
      ExpressionAttributeValues: { ':pending': keys.fanOutQueueIndex.partition, ':before': startedBefore },
      Limit: 50,
    }),
  );
  let completed = 0;
  for (const item of Items) {
    if (stopBy()) break;
    const record = await runFanOut(String(item.circulationId), String(item.name), now, stopBy);
    if (record?.state === 'done') completed += 1;
  }
  if (Items.length > 0) logger.info('Fan-outs carried on', { found: Items.length, completed });
  return { completed, pending: Items.length - completed };
}

import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { auditPut, type Actor } from '#shared/audit/audit.ts';
import { db, tableName } from '#shared/db/client.ts';
import { keys, withoutKeys } from '#shared/db/keys.ts';
import { queryPage, type Page } from '#shared/db/query.ts';
import { writeTogether } from '#shared/db/transactions.ts';
import type { Meeting, MeetingChange, MeetingEdit, MeetingKind } from '#shared/meetings/schemas.ts';
import type { Needs } from '#shared/needs.ts';

/** What this module asks of its Lambda's role and environment (shared/needs.ts). */
export const needs: Needs = { table: ['GetItem', 'Query', 'PutItem', 'UpdateItem'], indexes: ['gsi1', 'gsi2'] };

/** Sorts after every date of the period it follows: '2018-02~' > '2018-02-28'. */
const laterThanAnyDate = '~';

/** Where a meeting sits in the date-ordered catalogue, and the attributes its filters read. */
function catalogueAttributes(meeting: Meeting) {
  const period = meeting.expectedPeriod ? `${meeting.expectedPeriod}${laterThanAnyDate}` : laterThanAnyDate;
  return {
    ...keys.meetingCatalogue(meeting.dates?.start ?? period, meeting.meetingId),
    catalogueEnd: meeting.dates?.end ?? period,
    // UTC copies, because offsets make ISO strings with offsets compare wrongly as text
    registrationOpensUtc: meeting.registration ? new Date(meeting.registration.opensAt).toISOString() : null,
    registrationClosesUtc: meeting.registration ? new Date(meeting.registration.closesAt).toISOString() : null,
  };
}

const toMeeting = (item: Record<string, unknown>): Meeting => {
  const { catalogueEnd: _end, registrationOpensUtc: _opens, registrationClosesUtc: _closes, type: _type, ...meeting } = withoutKeys(item);
  return meeting as Meeting;
};

export function meetingItem(meeting: Meeting) {
  return { ...keys.meeting(meeting.meetingId), type: 'meeting', ...catalogueAttributes(meeting), ...meeting };
}

export async function findMeeting(meetingId: string): Promise<Meeting | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.meeting(meetingId) }));
  return Item ? toMeeting(Item) : undefined;
}

/** Returns false when a meeting with this id already exists; nothing is written then. */
export async function insertMeeting(meeting: Meeting, actor: Actor, at: Date): Promise<boolean> {
  const { failedCondition } = await writeTogether([
    { Put: { TableName: tableName(), Item: meetingItem(meeting), ConditionExpression: 'attribute_not_exists(pk)' } },
    auditPut(keys.meeting(meeting.meetingId), { action: 'meeting.created', actor, at, details: { meetingId: meeting.meetingId } }),
  ]);
  return failedCondition === undefined;
}

/**
 * Writes the new version only if nobody else changed the meeting since `expectedVersion` was read,
 * with its audit entry naming every field changed, before and after (capacity and limits included).
 */
export async function replaceMeeting(meeting: Meeting, expectedVersion: number, edit: { change: MeetingChange | undefined; audit: MeetingEdit }, actor: Actor, at: Date): Promise<boolean> {
  const { change } = edit;
  const { failedCondition } = await writeTogether([
    {
      Put: {
        TableName: tableName(),
        Item: meetingItem(meeting),
        ConditionExpression: 'attribute_exists(pk) AND version = :expected',
        ExpressionAttributeValues: { ':expected': expectedVersion },
      },
    },
    ...(change
      ? [{ Put: { TableName: tableName(), Item: { ...keys.meetingChange(change.meetingId, change.changedAt, change.changeId), ...keys.meetingChangeNotice(change.changedAt, change.changeId), type: 'meetingChange', ...change } } }]
      : []),
    auditPut(keys.meeting(meeting.meetingId), { action: 'meeting.updated', actor, at, details: { version: meeting.version, ...edit.audit } }),
  ]);
  return failedCondition === undefined;
}

export interface MeetingFilter {
  kind?: MeetingKind | undefined;
  /** Upcoming: ending on or after this UTC date (YYYY-MM-DD), or with dates to be announced; past: ended before it. */
  timing?: { upcoming: boolean; today: string } | undefined;
  /** Whether the registration window contains this instant (false: not set, not yet open, or closed). */
  registration?: { open: boolean; at: Date } | undefined;
}

export function listMeetings(filter: MeetingFilter, page: { limit: number; cursor: string | undefined }): Promise<Page<Meeting>> {
  const conditions: string[] = [];
  const names: Record<string, string> = { '#pk': 'gsi1pk' };
  const values: Record<string, unknown> = { ':partition': keys.meetingCatalogueIndex.partition };
  if (filter.kind) {
    conditions.push('#kind = :kind');
    names['#kind'] = 'kind';
    values[':kind'] = filter.kind;
  }
  if (filter.timing) {
    conditions.push(filter.timing.upcoming ? 'catalogueEnd >= :today' : 'catalogueEnd < :today');
    values[':today'] = filter.timing.today;
  }
  if (filter.registration) {
    const open = 'registrationOpensUtc <= :now AND registrationClosesUtc > :now';
    conditions.push(filter.registration.open ? open : `NOT (${open})`);
    values[':now'] = filter.registration.at.toISOString();
  }
  return queryPage(
    {
      IndexName: keys.meetingCatalogueIndex.indexName,
      KeyConditionExpression: '#pk = :partition',
      ...(conditions.length ? { FilterExpression: conditions.join(' AND ') } : {}),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
    { ...page, partition: { gsi1pk: keys.meetingCatalogueIndex.partition }, toItem: toMeeting },
  );
}

export function listMeetingChanges(meetingId: string, page: { limit: number; cursor: string | undefined }): Promise<Page<MeetingChange>> {
  const { pk, skPrefix } = keys.meetingChangePrefix(meetingId);
  return queryPage(
    {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
      ScanIndexForward: false,
    },
    { ...page, partition: { pk }, sortKeyPrefix: { sk: skPrefix }, toItem: (item) => { const { type: _type, ...change } = withoutKeys(item); return change as MeetingChange; } },
  );
}

/** Recorded changes whose registrants have not been told yet, oldest first. */
export async function changesToNotify(limit: number): Promise<MeetingChange[]> {
  const { Items } = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: keys.meetingChangeNoticeIndex.indexName,
      KeyConditionExpression: 'gsi2pk = :queue',
      ExpressionAttributeValues: { ':queue': keys.meetingChangeNoticeIndex.partition },
      Limit: limit,
    }),
  );
  return (Items ?? []).map((item) => {
    const { type: _type, ...change } = withoutKeys(item);
    return change as MeetingChange;
  });
}

export async function markChangeNotified(change: MeetingChange, at: Date): Promise<void> {
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.meetingChange(change.meetingId, change.changedAt, change.changeId),
      UpdateExpression: 'SET registrantsNotifiedAt = :at REMOVE gsi2pk, gsi2sk',
      ExpressionAttributeValues: { ':at': at.toISOString() },
    }),
  );
}

/** Meetings whose first day falls between two UTC dates (YYYY-MM-DD), from the date-ordered catalogue. */
export async function meetingsStartingBetween(from: string, to: string): Promise<Meeting[]> {
  const { Items } = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: keys.meetingCatalogueIndex.indexName,
      KeyConditionExpression: 'gsi1pk = :partition AND gsi1sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':partition': keys.meetingCatalogueIndex.partition, ':from': from, ':to': `${to}#~` },
    }),
  );
  return (Items ?? []).map(toMeeting);
}

/** Meetings whose registration window closed at or before `now` (the catalogue is small: one filtered query). */
export async function meetingsWithClosedRegistration(now: Date): Promise<Meeting[]> {
  const { Items } = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: keys.meetingCatalogueIndex.indexName,
      KeyConditionExpression: 'gsi1pk = :partition',
      FilterExpression: 'registrationClosesUtc <= :now',
      ExpressionAttributeValues: { ':partition': keys.meetingCatalogueIndex.partition, ':now': now.toISOString() },
    }),
  );
  return (Items ?? []).map(toMeeting);
}

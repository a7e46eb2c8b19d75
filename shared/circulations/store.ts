import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '#shared/db/client.ts';
import { keys, withoutKeys } from '#shared/db/keys.ts';
import { allPages, queryPrefix } from '#shared/db/query.ts';
import { NotFoundError } from '#shared/errors.ts';
import { listMemberStates } from '#shared/member-states/store.ts';
import type { MemberState } from '#shared/member-states/schemas.ts';
import type { BallotEvent, Circulation, FanOutProgress, InformationRequest, Objection, StoredEntry } from '#shared/circulations/schemas.ts';
import type { Needs } from '#shared/needs.ts';

/** What this module asks of its Lambda's role and environment (shared/needs.ts). */
export const needs: Needs = { table: ['GetItem'] };

const strip = <T>(item: Record<string, unknown>): T => {
  const { type: _type, ...rest } = withoutKeys(item);
  return rest as T;
};

export function circulationItem(circulation: Circulation) {
  const queue = circulation.state === 'circulated' || circulation.state === 'closing' ? keys.circulationQueue(circulation.state, circulation.deadline ?? '', circulation.circulationId) : {};
  return { ...keys.circulation(circulation.circulationId), ...keys.circulationCatalogue(circulation.createdAt, circulation.circulationId), ...queue, type: 'circulation', ...circulation };
}

export async function findCirculation(circulationId: string): Promise<Circulation | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.circulation(circulationId), ConsistentRead: true }));
  return Item ? strip<Circulation>(Item) : undefined;
}

export async function getCirculation(circulationId: string): Promise<Circulation> {
  const circulation = await findCirculation(circulationId);
  if (!circulation) throw new NotFoundError(`No circulation has the id '${circulationId}'`);
  return circulation;
}

export const entryItem = (circulationId: string, entry: StoredEntry) => ({ ...keys.circulationEntry(circulationId, entry.applicationId), type: 'circulationEntry', circulationId, ...entry });

/** The names on a list, in the order they were listed. */
export async function listEntries(circulationId: string): Promise<StoredEntry[]> {
  const items = await queryPrefix(keys.circulationEntryPrefix(circulationId));
  return items.map((item) => {
    const { circulationId: _id, ...entry } = strip<StoredEntry & { circulationId: string }>(item);
    return entry;
  }).sort((a, b) => a.position - b.position);
}

export async function listObjections(circulationId: string, memberState?: string): Promise<Objection[]> {
  return (await queryPrefix(keys.objectionPrefix(circulationId, memberState))).map((item) => {
    const { circulationId: _id, ...objection } = strip<Objection & { circulationId: string }>(item);
    return objection;
  });
}

export async function listBallotEvents(circulationId: string): Promise<BallotEvent[]> {
  return (await queryPrefix(keys.ballotEventPrefix(circulationId))).map((item) => {
    const { circulationId: _id, ...event } = strip<BallotEvent & { circulationId: string }>(item);
    return event;
  });
}

export async function listInformationRequests(circulationId: string, memberState?: string): Promise<InformationRequest[]> {
  const all = (await queryPrefix(keys.informationRequestPrefix(circulationId))).map((item) => strip<InformationRequest>(item));
  return all.filter((request) => !memberState || request.memberState === memberState).sort((a, b) => a.askedAt.localeCompare(b.askedAt));
}

export async function listFanOuts(circulationId: string): Promise<(FanOutProgress & { cursor: string | null; circulationId: string })[]> {
  return (await queryPrefix({ pk: keys.circulation(circulationId).pk, skPrefix: 'FANOUT#' })).map((item) => strip(item));
}

/** Every State of the registry, in its (name) order: the missions a list goes to. */
export const allMemberStates = (): Promise<MemberState[]> => allPages((cursor) => listMemberStates({}, { limit: 200, cursor }));

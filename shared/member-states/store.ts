import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '#shared/db/client.ts';
import { keys, withoutKeys } from '#shared/db/keys.ts';
import { queryPage, type Page } from '#shared/db/query.ts';
import { ValidationError } from '#shared/errors.ts';
import type { MemberState, RegionalGroup } from '#shared/member-states/schemas.ts';
import type { Needs } from '#shared/needs.ts';

/** What this module asks of its Lambda's role and environment (shared/needs.ts). */
export const needs: Needs = { table: ['GetItem'], indexes: ['gsi1'] };

/** Accent- and case-insensitive, so Côte d'Ivoire sorts among the Cs. */
export const sortName = (name: string) => name.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

const toMemberState = (item: Record<string, unknown>): MemberState => {
  const { type: _type, ...state } = withoutKeys(item);
  return state as MemberState;
};

export function memberStateItem(state: MemberState) {
  return { ...keys.memberState(state.code), ...keys.memberStateDirectory(sortName(state.name), state.code), type: 'memberState', ...state };
}

export async function findMemberState(code: string): Promise<MemberState | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.memberState(code) }));
  return Item ? toMemberState(Item) : undefined;
}

export const notInRegistryMessage = 'is not a State in the Member State registry (GET /member-states)';

/**
 * The registry's entry for the country an organisation (or a committee candidate) gives: its regional
 * group counts in every balance figure, so a code the registry does not hold is refused (400, naming the field).
 */
export async function registryCountry(code: string, field: string): Promise<MemberState> {
  const state = await findMemberState(code);
  if (!state) throw new ValidationError(`${code} is not a State in the Member State registry, so it has no regional group`, { fields: [{ field, message: notInRegistryMessage }] });
  return state;
}

/** Those of these codes that the registry holds (one GetItem per distinct code). */
export async function registryCodesAmong(codes: Iterable<string>): Promise<Set<string>> {
  const found = await Promise.all([...new Set(codes)].map(async (code) => ((await findMemberState(code)) ? code : undefined)));
  return new Set(found.filter((code): code is string => code !== undefined));
}

export function listMemberStates(filter: { regionalGroup?: RegionalGroup | undefined; status?: MemberState['status'] | undefined }, page: { limit: number; cursor: string | undefined }): Promise<Page<MemberState>> {
  const conditions: string[] = [];
  const values: Record<string, unknown> = { ':partition': keys.memberStateDirectoryIndex.partition };
  if (filter.regionalGroup) {
    conditions.push('regionalGroup = :group');
    values[':group'] = filter.regionalGroup;
  }
  if (filter.status) {
    conditions.push('#status = :status');
    values[':status'] = filter.status;
  }
  return queryPage(
    {
      IndexName: keys.memberStateDirectoryIndex.indexName,
      KeyConditionExpression: 'gsi1pk = :partition',
      ...(conditions.length ? { FilterExpression: conditions.join(' AND ') } : {}),
      ...(filter.status ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
      ExpressionAttributeValues: values,
    },
    { ...page, partition: { gsi1pk: keys.memberStateDirectoryIndex.partition }, toItem: toMemberState },
  );
}

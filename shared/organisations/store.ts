import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { auditPut, type Actor } from '#shared/audit/audit.ts';
import { db, tableName } from '#shared/db/client.ts';
import { keys, withoutKeys, type ItemKey } from '#shared/db/keys.ts';
import { retryOnVersionClash, writeTogether } from '#shared/db/transactions.ts';
import { ConflictError, NotFoundError } from '#shared/errors.ts';
import { organisationMatchKey, type Accreditation, type Organisation, type OrganisationType } from '#shared/organisations/schemas.ts';
import type { Needs } from '#shared/needs.ts';

/** What this module asks of its Lambda's role and environment (shared/needs.ts). */
export const needs: Needs = { table: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem'] };

/** `org_` and 16 hex digits: 64 random bits, so ids are unguessable and never clash in practice. */
export const newOrganisationId = () => `org_${randomBytes(8).toString('hex')}`;

// Every item's `type` says what kind of item it is, so the organisation's own type is stored as organisationType.
const toOrganisation = (item: Record<string, unknown>): Organisation => {
  const { type: _item, matchKey: _matchKey, organisationType, ...organisation } = withoutKeys(item);
  return { ...organisation, type: organisationType } as Organisation;
};

export function organisationItem(organisation: Organisation) {
  const { type: organisationType, ...rest } = organisation;
  return { ...keys.organisation(organisation.organisationId), type: 'organisation', matchKey: organisationMatchKey(organisation.name, organisation.country), organisationType, ...rest };
}

/** The item that finds an organisation by name and country, and keeps a second one with the same name and country out. */
export function matchItem(organisation: Pick<Organisation, 'organisationId' | 'name' | 'country'>) {
  return { ...keys.organisationMatch(organisationMatchKey(organisation.name, organisation.country)), type: 'organisationMatch', organisationId: organisation.organisationId };
}

/**
 * The two Puts that add an organisation, for any transaction: both fail (ConditionalCheckFailed) if
 * the id is taken or an organisation with the same name and country exists.
 */
export function newOrganisationPuts(organisation: Organisation) {
  return [
    { Put: { TableName: tableName(), Item: organisationItem(organisation), ConditionExpression: 'attribute_not_exists(pk)' } },
    { Put: { TableName: tableName(), Item: matchItem(organisation), ConditionExpression: 'attribute_not_exists(pk)' } },
  ];
}

export async function findOrganisation(organisationId: string): Promise<Organisation | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.organisation(organisationId) }));
  return Item ? toOrganisation(Item) : undefined;
}

/** For the API: the organisation, or 404. */
export async function getOrganisation(organisationId: string): Promise<Organisation> {
  const organisation = await findOrganisation(organisationId);
  if (!organisation) throw new NotFoundError(`No organisation has the id '${organisationId}'`);
  return organisation;
}

/** The organisation with this organisationMatchKey (name and country), if any. */
export async function findOrganisationByMatchKey(matchKey: string): Promise<Organisation | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.organisationMatch(matchKey) }));
  return Item ? findOrganisation(Item.organisationId as string) : undefined;
}

/** Many organisations by match key in a few BatchGetItem calls: the map holds those that exist. */
export async function findOrganisationsByMatchKeys(matchKeys: readonly string[]): Promise<Map<string, Organisation>> {
  const matches = await getMany([...new Set(matchKeys)].map((matchKey) => keys.organisationMatch(matchKey)));
  const organisations = await getMany(matches.map((match) => keys.organisation(match.organisationId as string)));
  const byId = new Map(organisations.map((item) => [item.organisationId as string, toOrganisation(item)]));
  const found = new Map<string, Organisation>();
  for (const match of matches) {
    const organisation = byId.get(match.organisationId as string);
    if (organisation) found.set(organisationMatchKey(organisation.name, organisation.country), organisation);
  }
  return found;
}

/** BatchGetItem takes 100 keys at most, and may leave some unprocessed under load: those are asked for again. */
async function getMany(itemKeys: ItemKey[]): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for (let start = 0; start < itemKeys.length; start += 100) {
    let pending: ItemKey[] = itemKeys.slice(start, start + 100);
    for (let round = 0; pending.length > 0; round += 1) {
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 20 * 2 ** round)));
      const result = await db().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: pending } } }));
      items.push(...(result.Responses?.[tableName()] ?? []));
      pending = (result.UnprocessedKeys?.[tableName()]?.Keys ?? []) as ItemKey[];
    }
  }
  return items;
}

/** An organisation as an imported list gives it. `type` is used only when the organisation is new. */
export interface ListedOrganisation {
  name: string;
  country: string;
  website: string | null;
  type: OrganisationType;
  accreditation: Accreditation;
}

export type ImportOutcome = 'created' | 'updated' | 'unchanged';

export interface ImportContext {
  /** The list the organisation comes from (ecosoc, nhri), for the audit trail. */
  list: string;
  actor: Actor;
  at: Date;
}

/**
 * Adds an organisation from an imported list, or, if one with the same name and country exists,
 * sets its accreditation when the list says otherwise (nothing else of it changes). Each is one
 * transaction with its audit entry, on condition that nobody added or changed the organisation
 * since it was read; on a clash it is read again and decided again. `known` is what a batch read
 * found (null: nothing), to save the first read.
 */
export function importOrganisation(listed: ListedOrganisation, context: ImportContext, known?: Organisation | null): Promise<{ outcome: ImportOutcome; organisation: Organisation }> {
  const matchKey = organisationMatchKey(listed.name, listed.country);
  let read = known === undefined ? undefined : { organisation: known ?? undefined };
  return retryOnVersionClash(
    async () => {
      const existing = read ? read.organisation : await findOrganisationByMatchKey(matchKey);
      read = undefined;
      return existing ? updateAccreditation(existing, listed.accreditation, context) : createOrganisation(listed, context);
    },
    () => new ConflictError(`The organisation '${listed.name}' (${listed.country}) is being changed by others right now; import the list again`),
  );
}

async function createOrganisation(listed: ListedOrganisation, { list, actor, at }: ImportContext) {
  const organisation: Organisation = { organisationId: newOrganisationId(), ...listed, createdAt: at.toISOString(), updatedAt: at.toISOString() };
  const { failedCondition } = await writeTogether([
    ...newOrganisationPuts(organisation),
    auditPut(keys.organisation(organisation.organisationId), { action: 'organisation.imported', actor, at, details: { list, accreditation: organisation.accreditation } }),
  ]);
  return failedCondition === undefined ? { outcome: 'created' as const, organisation } : undefined;
}

async function updateAccreditation(existing: Organisation, accreditation: Accreditation, { list, actor, at }: ImportContext) {
  if (isDeepStrictEqual(existing.accreditation, accreditation)) return { outcome: 'unchanged' as const, organisation: existing };
  const updatedAt = at.toISOString();
  const { failedCondition } = await writeTogether([
    {
      Update: {
        TableName: tableName(),
        Key: keys.organisation(existing.organisationId),
        UpdateExpression: 'SET accreditation = :accreditation, updatedAt = :updatedAt',
        ConditionExpression: 'updatedAt = :read',
        ExpressionAttributeValues: { ':accreditation': accreditation, ':updatedAt': updatedAt, ':read': existing.updatedAt },
      },
    },
    auditPut(keys.organisation(existing.organisationId), { action: 'organisation.accreditationImported', actor, at, details: { list, before: existing.accreditation, after: accreditation } }),
  ]);
  return failedCondition === undefined ? { outcome: 'updated' as const, organisation: { ...existing, accreditation, updatedAt } } : undefined;
}

/** One audit entry per import of a list: who imported it, when, and what it did. */
export async function recordListImport(list: string, details: Record<string, unknown>, actor: Actor, at: Date): Promise<void> {
  await writeTogether([auditPut(keys.organisationImport(list), { action: 'organisations.listImported', actor, at, details: { list, ...details } })]);
}

import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { allPages, queryPage, type Page } from '#shared/db/query.ts';
import { auditPut, type Actor } from '#shared/audit/audit.ts';
import { db, tableName } from '#shared/db/client.ts';
import { keys, withoutKeys } from '#shared/db/keys.ts';
import { writeTogether } from '#shared/db/transactions.ts';
import { placeHoldingStates, waitsForPlace, type Registration, type RegistrationFilters, type RegistrationState } from '#shared/registrations/schemas.ts';
import type { Needs } from '#shared/needs.ts';

/** What this module asks of its Lambda's role and environment (shared/needs.ts). */
export const needs: Needs = { table: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'], indexes: ['gsi1', 'gsi2'] };

type TransactItem = Parameters<typeof writeTogether>[0][number];

export const toRegistration = (item: Record<string, unknown>): Registration => {
  const { type: _type, genders: _genders, wishesToSpeak: _speaks, ...registration } = withoutKeys(item);
  return registration as Registration;
};

export function registrationItem(registration: Registration) {
  return {
    ...keys.registration(registration.registrationId),
    ...keys.meetingRegistrations(registration.meetingId, registration.createdAt, registration.registrationId),
    ...(waitsForPlace(registration) ? keys.waitlist(registration.meetingId, registration.createdAt, registration.registrationId) : {}),
    type: 'registration',
    ...registration,
    // Copies for the staff filters, which DynamoDB cannot apply inside a list of maps.
    genders: [...new Set(registration.representatives.map((person) => person.gender))],
    wishesToSpeak: registration.representatives.some((person) => person.wishesToSpeak),
  };
}

export async function findRegistration(registrationId: string): Promise<Registration | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.registration(registrationId), ConsistentRead: true }));
  return Item ? toRegistration(Item) : undefined;
}

/** Which guard stopped a new registration; the caller turns it into 409, 422 or the waiting list. */
export type InsertOutcome = { ok: true } | { ok: false; reason: 'person'; email: string } | { ok: false; reason: 'organisation-limit' } | { ok: false; reason: 'full' } | { ok: false; reason: 'organisation-exists' };

/**
 * The registration and everything it implies, in one transaction: a guard per person (one
 * registration per person per meeting), the organisation's count against the per-organisation
 * limit, the places (unless waitlisted: conditional on capacity and on nobody waiting for one),
 * the new organisation if any, the confirmation e-mail and an audit entry.
 */
export async function insertRegistration(
  registration: Registration,
  limits: { perOrganisation: number; capacity: number | null },
  extra: { newOrganisation: TransactItem[]; notification: TransactItem; actor: Actor; at: Date },
): Promise<InsertOutcome> {
  const { meetingId, places } = registration;
  const holdsPlaces = placeHoldingStates.includes(registration.state);
  const items: TransactItem[] = [
    { Put: { TableName: tableName(), Item: registrationItem(registration), ConditionExpression: 'attribute_not_exists(pk)' } },
    ...registration.representatives.map((person) => ({
      Put: { TableName: tableName(), Item: { ...keys.meetingPerson(meetingId, person.email), type: 'meetingPerson', registrationId: registration.registrationId }, ConditionExpression: 'attribute_not_exists(pk)' },
    })),
    {
      Update: {
        TableName: tableName(),
        Key: keys.meetingOrganisation(meetingId, registration.organisation.organisationId),
        UpdateExpression: 'SET representatives = if_not_exists(representatives, :zero) + :n',
        ConditionExpression: 'attribute_not_exists(representatives) OR representatives <= :max',
        ExpressionAttributeValues: { ':zero': 0, ':n': places, ':max': limits.perOrganisation - places },
      },
    },
    placesUpdate(meetingId, holdsPlaces ? { placesTaken: places, waitlisted: 0 } : { placesTaken: 0, waitlisted: places }, { capacity: limits.capacity, newcomer: true }),
    ...extra.newOrganisation,
    extra.notification,
    auditPut(keys.registration(registration.registrationId), { action: 'registration.created', actor: extra.actor, at: extra.at, details: { meetingId, state: registration.state, places } }),
  ];
  const { failedCondition } = await writeTogether(items);
  if (failedCondition === undefined) return { ok: true };
  const people = registration.representatives.length;
  if (failedCondition >= 1 && failedCondition <= people) return { ok: false, reason: 'person', email: registration.representatives[failedCondition - 1]?.email ?? '' };
  if (failedCondition === people + 1) return { ok: false, reason: 'organisation-limit' };
  if (failedCondition === people + 2) return { ok: false, reason: 'full' };
  if (failedCondition > people + 2 && failedCondition < people + 3 + extra.newOrganisation.length) return { ok: false, reason: 'organisation-exists' };
  throw new Error(`Registration ${registration.registrationId}: unexpected condition failure at item ${failedCondition}`);
}

/** What a meeting's counters change by: places taken, and places waiting in the queue for them. */
interface PlacesChange {
  placesTaken: number;
  waitlisted: number;
}

/**
 * Adds to (or, negative, takes from) a meeting's place counts. Places taken never go beyond the
 * capacity; a newcomer takes places only while nobody waits in the queue, so it never jumps it.
 */
function placesUpdate(meetingId: string, change: PlacesChange, rules: { capacity: number | null; newcomer: boolean }): TransactItem {
  const entries = Object.entries(change).filter(([, value]) => value !== 0);
  const capped = rules.capacity !== null && change.placesTaken > 0;
  const conditions = [
    ...(capped ? ['(attribute_not_exists(placesTaken) OR placesTaken <= :max)'] : []),
    ...(rules.newcomer && change.placesTaken > 0 ? ['(attribute_not_exists(waitlisted) OR waitlisted <= :zero)'] : []),
  ];
  return {
    Update: {
      TableName: tableName(),
      Key: keys.meetingPlaces(meetingId),
      UpdateExpression: `SET ${entries.map(([name]) => `${name} = if_not_exists(${name}, :zero) + :${name}`).join(', ')}`,
      ...(conditions.length ? { ConditionExpression: conditions.join(' AND ') } : {}),
      ExpressionAttributeValues: {
        ':zero': 0,
        ...Object.fromEntries(entries.map(([name, value]) => [`:${name}`, value])),
        ...(capped ? { ':max': (rules.capacity ?? 0) - change.placesTaken } : {}),
      },
    },
  };
}

/** What moving a registration from one state to another does to its meeting's counters. */
export function placesChangeOf(before: Registration, after: Registration): PlacesChange {
  const holds = (registration: Registration) => (placeHoldingStates.includes(registration.state) ? registration.places : 0);
  const queued = (registration: Registration) => (waitsForPlace(registration) ? registration.places : 0);
  return { placesTaken: holds(after) - holds(before), waitlisted: queued(after) - queued(before) };
}

/** One registration's move to another state, with the e-mail it causes and who made it. */
export interface Move {
  before: Registration;
  after: Registration;
  releaseGuards: boolean;
  notification: TransactItem;
  actor: Actor;
  action: string;
}

/** Every move was written; or a registration was not as read (read again); or the places were not there. */
export type MoveOutcome = 'moved' | 'changed' | 'full';

/**
 * Moves registrations of one meeting to other states, all or none: each conditional on the state
 * and version read, the meeting's counters changed once by the sum of the moves (never beyond the
 * capacity), guards freed as a move implies, with each e-mail and audit entry. A withdrawal and
 * the promotions of the places it frees are one such write, so no one else can take them between.
 */
export async function writeMoves(meetingId: string, moves: Move[], capacity: number | null, at: Date): Promise<MoveOutcome> {
  const change = moves.reduce<PlacesChange>(
    (sum, move) => {
      const one = placesChangeOf(move.before, move.after);
      return { placesTaken: sum.placesTaken + one.placesTaken, waitlisted: sum.waitlisted + one.waitlisted };
    },
    { placesTaken: 0, waitlisted: 0 },
  );
  const placesItems = change.placesTaken !== 0 || change.waitlisted !== 0 ? [placesUpdate(meetingId, change, { capacity, newcomer: false })] : [];
  const items: TransactItem[] = [
    ...placesItems,
    ...moves.flatMap(({ before, after, releaseGuards, notification, actor, action }): TransactItem[] => [
      {
        Put: {
          TableName: tableName(),
          Item: registrationItem(after),
          ConditionExpression: '#state = :state AND version = :version',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':state': before.state, ':version': before.version },
        },
      },
      ...(releaseGuards
        ? [
            ...before.representatives.map((person) => ({ Delete: { TableName: tableName(), Key: keys.meetingPerson(before.meetingId, person.email) } })),
            {
              Update: {
                TableName: tableName(),
                Key: keys.meetingOrganisation(before.meetingId, before.organisation.organisationId),
                UpdateExpression: 'SET representatives = representatives - :n',
                ExpressionAttributeValues: { ':n': before.places },
              },
            },
          ]
        : []),
      notification,
      auditPut(keys.registration(before.registrationId), { action, actor, at, details: { from: before.state, to: after.state, reason: after.stateReason } }),
    ]),
  ];
  const { failedCondition } = await writeTogether(items);
  if (failedCondition === undefined) return 'moved';
  return failedCondition < placesItems.length ? 'full' : 'changed';
}

/** Saves a change that moves no state (speaking interest), conditional on the version read. */
export async function saveRegistration(before: Registration, after: Registration, actor: Actor, at: Date): Promise<boolean> {
  const { failedCondition } = await writeTogether([
    { Put: { TableName: tableName(), Item: registrationItem(after), ConditionExpression: 'version = :version', ExpressionAttributeValues: { ':version': before.version } } },
    auditPut(keys.registration(before.registrationId), { action: 'registration.speakingInterestChanged', actor, at, details: {} }),
  ]);
  return failedCondition === undefined;
}

/**
 * The first registrations waiting for a place at a meeting, in arrival order, from the index; it
 * is eventually consistent, so read each item itself (findRegistration) before acting on it.
 */
export async function waitingListIds(meetingId: string, limit: number): Promise<string[]> {
  const { Items } = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: keys.waitlistIndex.indexName,
      KeyConditionExpression: 'gsi2pk = :list',
      ExpressionAttributeValues: { ':list': keys.waitlistIndex.partition(meetingId) },
      Limit: limit,
    }),
  );
  return (Items ?? []).map((item) => String(item.registrationId));
}

export type { RegistrationState };

/** A meeting's registrations in arrival order, filtered for staff; one page. */
export function listRegistrations(meetingId: string, filters: RegistrationFilters, page: { limit: number; cursor?: string | undefined }): Promise<Page<Registration>> {
  const conditions: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':partition': keys.meetingRegistrationsIndex.partition(meetingId) };
  const equals = (attribute: string, path: string, value: unknown) => {
    names[`#${attribute}`] = attribute;
    conditions.push(`${path.replace(attribute, `#${attribute}`)} = :${attribute}`);
    values[`:${attribute}`] = value;
  };
  if (filters.state) equals('state', 'state', filters.state);
  if (filters.category) {
    names['#organisation'] = 'organisation';
    conditions.push('#organisation.category = :category');
    values[':category'] = filters.category;
  }
  if (filters.country) {
    names['#organisation'] = 'organisation';
    conditions.push('#organisation.country = :country');
    values[':country'] = filters.country;
  }
  if (filters.regionalGroup) {
    names['#organisation'] = 'organisation';
    conditions.push('#organisation.regionalGroup = :regionalGroup');
    values[':regionalGroup'] = filters.regionalGroup;
  }
  if (filters.gender) {
    conditions.push('contains(genders, :gender)');
    values[':gender'] = filters.gender;
  }
  if (filters.wishesToSpeak !== undefined) equals('wishesToSpeak', 'wishesToSpeak', filters.wishesToSpeak);
  return queryPage(
    {
      IndexName: keys.meetingRegistrationsIndex.indexName,
      KeyConditionExpression: 'gsi1pk = :partition',
      ...(conditions.length ? { FilterExpression: conditions.join(' AND ') } : {}),
      ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
      ExpressionAttributeValues: values,
    },
    { limit: page.limit, cursor: page.cursor, partition: { gsi1pk: keys.meetingRegistrationsIndex.partition(meetingId) }, toItem: toRegistration },
  );
}

/** Every registration of a meeting that matches, page after page (exports and counts). */
export const allRegistrations = (meetingId: string, filters: RegistrationFilters = {}): Promise<Registration[]> =>
  allPages((cursor) => listRegistrations(meetingId, filters, { limit: 200, cursor }));

export async function meetingPlaces(meetingId: string): Promise<{ placesTaken: number; waitlisted: number }> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.meetingPlaces(meetingId), ConsistentRead: true }));
  return { placesTaken: Number(Item?.placesTaken ?? 0), waitlisted: Number(Item?.waitlisted ?? 0) };
}

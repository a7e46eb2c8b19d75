import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { MiddlewareObj } from '@middy/core';
import { setting } from '#shared/config.ts';
import { db, tableName } from '#shared/db/client.ts';
import { keys } from '#shared/db/keys.ts';
import { TooManyRequestsError } from '#shared/errors.ts';
import type { RouteEvent } from '#shared/http/handler.ts';
import type { Needs } from '#shared/needs.ts';

/** What this module asks of its Lambda's role and environment (shared/needs.ts). */
export const needs: Needs = { table: ['UpdateItem'], env: ['PUBLIC_POSTS_PER_CLIENT_PER_HOUR', 'PUBLIC_POSTS_PER_ADDRESS_PER_HOUR'] };

const hourMs = 3600_000;
/** Identities are kept hashed: the counters are about abuse, not about who. */
const hashed = (value: string) => createHash('sha256').update(value).digest('base64url').slice(0, 32);

export interface Submitter {
  /** The client's address as API Gateway saw it (requestContext.http.sourceIp). */
  client: string;
  /** Every e-mail address the submission names: the contact's, each representative's. */
  addresses: string[];
}

/**
 * Counts one public submission against the hour's limits, per client address and per e-mail
 * address: one conditional update per counter (a counter under its limit goes up by one), so a
 * burst at one counter is served one by one rather than clashing as transactions would. If one is
 * at its limit, those already counted are given back and the answer is 429 with the seconds until
 * the hour ends (Retry-After). A fixed window of one clock hour; counters expire with the table's TTL.
 */
export async function countSubmission(submitter: Submitter, now: Date): Promise<void> {
  const hourStart = Math.floor(now.getTime() / hourMs) * hourMs;
  const hour = new Date(hourStart).toISOString();
  const expiresAt = Math.floor((hourStart + 2 * hourMs) / 1000);
  const counters = [
    { kind: 'client' as const, identity: submitter.client, limit: setting('PUBLIC_POSTS_PER_CLIENT_PER_HOUR') },
    ...[...new Set(submitter.addresses.map((address) => address.trim().toLowerCase()))].map((address) => ({ kind: 'address' as const, identity: address, limit: setting('PUBLIC_POSTS_PER_ADDRESS_PER_HOUR') })),
  ];
  const key = (counter: (typeof counters)[number]) => keys.submissionCount(counter.kind, hashed(counter.identity), hour);
  const counted: typeof counters = [];
  for (const counter of counters) {
    try {
      await db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: key(counter),
          UpdateExpression: 'ADD #count :one SET #type = :type, expiresAt = :expiresAt',
          ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
          ExpressionAttributeNames: { '#count': 'submissions', '#type': 'type' },
          ExpressionAttributeValues: { ':one': 1, ':type': 'submissionCount', ':expiresAt': expiresAt, ':limit': counter.limit },
        }),
      );
      counted.push(counter);
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // Nothing is stored for a refused submission: what it counted is given back.
      await Promise.all(counted.map((earlier) => db().send(new UpdateCommand({ TableName: tableName(), Key: key(earlier), UpdateExpression: 'ADD #count :less', ExpressionAttributeNames: { '#count': 'submissions' }, ExpressionAttributeValues: { ':less': -1 } }))));
      const retryAfter = Math.max(1, Math.ceil((hourStart + hourMs - now.getTime()) / 1000));
      const who = counter.kind === 'client' ? 'from this network address' : `naming ${counter.identity}`;
      const minutes = Math.ceil(retryAfter / 60);
      throw new TooManyRequestsError(`Too many submissions ${who} this hour (at most ${counter.limit}); try again in ${minutes} minute${minutes === 1 ? '' : 's'}`, { headers: { 'retry-after': String(retryAfter) } });
    }
  }
}

/**
 * The middleware of a public POST: after the body is validated (a refused body counts for
 * nothing and stores nothing), before anything is stored. `addresses` says which e-mail
 * addresses the route's body names.
 */
export const rateLimit =
  <Body>(addresses: (body: Body) => string[]) =>
  (clock: { now(): Date }): MiddlewareObj<RouteEvent> => ({
    before: async ({ event }) => {
      await countSubmission({ client: event.requestContext?.http?.sourceIp ?? 'unknown', addresses: addresses(event.parsedBody as Body) }, clock.now());
    },
  });
export type RateLimit = ReturnType<typeof rateLimit>;

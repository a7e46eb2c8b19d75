import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import type { ResponseHook } from '@aws-lambda-powertools/idempotency/types';
import type { MiddlewareObj, Request } from '@middy/core';
import { setting } from '#shared/config.ts';
import { dynamoClient } from '#shared/db/client.ts';
import { keys } from '#shared/db/keys.ts';
import { tableDefinition } from '#shared/db/table.ts';
import { AppError } from '#shared/errors.ts';

/** A public POST retried with a key already used: done once, and its answer given only to the request that did it. */
export class IdempotencyKeyUsedError extends AppError {
  readonly statusCode = 409;
  readonly code = 'IDEMPOTENCY_KEY_USED';
}
import type { Needs } from '#shared/needs.ts';

/** What this module asks of its Lambda's role and environment (shared/needs.ts). */
export const needs: Needs = { table: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'], env: ['TABLE_NAME', 'IDEMPOTENCY_TTL_SECONDS'], through: "Powertools Idempotency's DynamoDB persistence layer (GetItem, PutItem, UpdateItem, DeleteItem)" };

/**
 * Idempotency-Key on POST, with Powertools Idempotency persisted in the one table: a retried POST
 * with the same key gets the first answer back and creates nothing twice; the same key with another
 * body is refused (422); a retry while the first is still running gets 409. No key: no idempotency.
 *
 * Records are scoped to the caller (the token's subject and holder), so nobody is answered with
 * another caller's response. An anonymous caller has nothing of its own to scope by (an address is
 * shared behind NAT, and the key and body are what a second caller would copy), so on a public route
 * a retry still creates nothing twice but is never given the stored answer, status token and all:
 * it gets 409, and the answer's link reaches its owner by the confirmation e-mail.
 */
export function idempotencyMiddleware(operationId: string): MiddlewareObj {
  const authenticated = recordsOf(operationId);
  const anonymous = recordsOf(operationId, () => {
    throw new IdempotencyKeyUsedError(
      'This Idempotency-Key was already used for this request, which was carried out once; the answer to a public request goes only to the request that made it (its confirmation e-mail carries the link). Send a new key for a new request',
      { fields: [{ field: 'headers.idempotency-key', message: 'was already used for this request' }] },
    );
  });
  const recordsFor = (request: Request) => ((request.event as { principal?: unknown }).principal === undefined ? anonymous : authenticated);
  return {
    before: (request) => recordsFor(request).before?.(request),
    after: (request) => recordsFor(request).after?.(request),
    onError: (request) => recordsFor(request).onError?.(request),
  };
}

const refusedBeforeHandler = 'idempotency.refusedBeforeHandler';

/** Each caller kind gets its own persistence layer: Powertools configures one from the first config that uses it. */
function recordsOf(operationId: string, responseHook?: ResponseHook): MiddlewareObj {
  const persistenceStore = new DynamoDBPersistenceLayer({
    tableName: setting('TABLE_NAME'),
    awsSdkV3Client: dynamoClient(),
    keyAttr: keys.idempotency.keyAttribute,
    sortKeyAttr: keys.idempotency.sortKeyAttribute,
    staticPkValue: `${keys.idempotency.prefix}${operationId}`,
    expiryAttr: tableDefinition.timeToLiveAttribute,
  });
  const idempotencyConfig = new IdempotencyConfig({
    // Scoped to the caller; null (no idempotency) without a key.
    eventKeyJmesPath: 'headers."idempotency-key" && [principal.id, principal.holder, headers."idempotency-key"]',
    payloadValidationJmesPath: 'body',
    throwOnNoIdempotencyKey: false,
    expiresAfterSeconds: setting('IDEMPOTENCY_TTL_SECONDS'),
    ...(responseHook ? { responseHook } : {}),
  });
  const middleware = makeHandlerIdempotent({ persistenceStore, config: idempotencyConfig }) as MiddlewareObj;
  return {
    before: async (request) => {
      try {
        return await middleware.before?.(request);
      } catch (error) {
        (request.internal as Record<string, unknown>)[refusedBeforeHandler] = true;
        throw error;
      }
    },
    after: (request) => middleware.after?.(request),
    // Powertools deletes the record on any error; refused before the handler ran (reused key, still in
    // progress, a replay refused), the record is another request's, and deleting it would let the next retry run again.
    onError: (request) => ((request.internal as Record<string, unknown>)[refusedBeforeHandler] === true ? undefined : middleware.onError?.(request)),
  };
}

/** What POST handler modules pass to httpHandler (shared/http/handler.ts). */
export const idempotency = idempotencyMiddleware;

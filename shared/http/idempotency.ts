import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import type { MiddlewareObj } from '@middy/core';
import { setting } from '#shared/config.ts';
import { dynamoClient } from '#shared/db/client.ts';
import { keys } from '#shared/db/keys.ts';
import { tableDefinition } from '#shared/db/table.ts';
import type { Needs } from '#shared/needs.ts';

/** What this module asks of its Lambda's role and environment (shared/needs.ts). */
export const needs: Needs = { table: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'], env: ['TABLE_NAME', 'IDEMPOTENCY_TTL_SECONDS'], through: "Powertools Idempotency's DynamoDB persistence layer (GetItem, PutItem, UpdateItem, DeleteItem)" };

/**
 * Idempotency-Key on POST, with Powertools Idempotency persisted in the one table: a retried POST
 * with the same key gets the first answer back and creates nothing twice; the same key with another
 * body is refused (422); a retry while the first is still running gets 409. No key: no idempotency.
 */
export function idempotencyMiddleware(operationId: string): MiddlewareObj {
  const persistenceStore = new DynamoDBPersistenceLayer({
    tableName: setting('TABLE_NAME'),
    awsSdkV3Client: dynamoClient(),
    keyAttr: keys.idempotency.keyAttribute,
    sortKeyAttr: keys.idempotency.sortKeyAttribute,
    staticPkValue: `${keys.idempotency.prefix}${operationId}`,
    expiryAttr: tableDefinition.timeToLiveAttribute,
  });
  const idempotencyConfig = new IdempotencyConfig({
    // Scoped to the caller, so nobody is answered with another caller's response; null (no idempotency) without a key.
    eventKeyJmesPath: 'headers."idempotency-key" && [principal.id, principal.holder, headers."idempotency-key"]',
    payloadValidationJmesPath: 'body',
    throwOnNoIdempotencyKey: false,
    expiresAfterSeconds: setting('IDEMPOTENCY_TTL_SECONDS'),
  });
  return makeHandlerIdempotent({ persistenceStore, config: idempotencyConfig }) as MiddlewareObj;
}

/** What POST handler modules pass to httpHandler (shared/http/handler.ts). */
export const idempotency = idempotencyMiddleware;

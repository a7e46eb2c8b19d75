import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { setting } from '#shared/config.ts';
import type { Needs } from '#shared/needs.ts';

/** What this module asks of its Lambda's role and environment (shared/needs.ts). */
export const needs: Needs = { env: ['TABLE_NAME', 'AWS_REGION', 'DYNAMODB_ENDPOINT'] };

/** One DynamoDB client per process, created on first use so tests can set the environment first. */
let client: DynamoDBClient | undefined;
let documentClient: DynamoDBDocumentClient | undefined;

export function dynamoClient(): DynamoDBClient {
  if (!client) {
    const endpoint = setting('DYNAMODB_ENDPOINT');
    client = new DynamoDBClient({ region: setting('AWS_REGION'), ...(endpoint ? { endpoint } : {}) });
  }
  return client;
}

export function db(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(dynamoClient(), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return documentClient;
}

export function tableName(): string {
  return setting('TABLE_NAME');
}

/** For the local runtime and tests that point the process at another endpoint. */
export function resetDbClients(): void {
  client?.destroy();
  client = undefined;
  documentClient = undefined;
}

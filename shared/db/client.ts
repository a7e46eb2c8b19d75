import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '#shared/config.ts';

/** One DynamoDB client per process, created on first use so tests can set the environment first. */
let client: DynamoDBClient | undefined;
let documentClient: DynamoDBDocumentClient | undefined;

export function dynamoClient(): DynamoDBClient {
  if (!client) {
    const { AWS_REGION, DYNAMODB_ENDPOINT } = config();
    client = new DynamoDBClient({ region: AWS_REGION, ...(DYNAMODB_ENDPOINT ? { endpoint: DYNAMODB_ENDPOINT } : {}) });
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
  return config().TABLE_NAME;
}

/** For the local runtime and tests that point the process at another endpoint. */
export function resetDbClients(): void {
  client?.destroy();
  client = undefined;
  documentClient = undefined;
}

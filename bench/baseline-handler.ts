import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

/** The least a table-reading Lambda can be: the SDK and one GetItem. The benchmark's baseline. */
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event: { pathParameters?: Record<string, string> }) => {
  const { Item } = await client.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: { pk: `MEETING#${event.pathParameters?.meetingId}`, sk: 'MEETING' } }));
  return { statusCode: Item ? 200 : 404, body: JSON.stringify(Item ?? null) };
};

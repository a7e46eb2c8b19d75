import { DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditTrail } from '#shared/audit/audit.ts';
import { listMeetings } from '#shared/meetings/use-cases.ts';

const documentClient = mockClient(DynamoDBDocumentClient);
const now = new Date('2017-04-20T10:00:00Z');
beforeEach(() => documentClient.reset());

const cursor = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
const issued = { pk: 'MEETING#its-1', sk: 'MEETING', gsi1pk: 'MEETINGS', gsi1sk: '2017-05-08#its-1' };
const validation = (message: string) => new DynamoDBServiceException({ name: 'ValidationException', $fault: 'client', $metadata: {}, message });

/** The answer every crafted cursor gets: 400 naming query.cursor, and DynamoDB never asked. */
const refusedBeforeReading = async (page: Promise<unknown>) => {
  await expect(page).rejects.toMatchObject({ statusCode: 400, fields: [{ field: 'query.cursor' }] });
  expect(documentClient.commandCalls(QueryCommand)).toHaveLength(0);
};

describe('a listing refuses any cursor it did not give out', () => {
  it.each([
    ['the partition alone', { gsi1pk: 'MEETINGS' }],
    ['the table keys without the index keys', { pk: 'MEETING#its-1', sk: 'MEETING' }],
    ['an attribute that is no key', { ...issued, state: 'open' }],
    ['a key of another type', { ...issued, gsi1sk: 5 }],
    ['an empty key', { ...issued, sk: '' }],
    ['a sort key longer than DynamoDB takes', { ...issued, gsi1sk: 'x'.repeat(1025) }],
    ['another listing', { pk: 'MEMBER_STATE#MEX', sk: 'MEMBER_STATE', gsi1pk: 'MEMBER_STATES', gsi1sk: 'mexico#MEX' }],
    ['not an object', ['MEETINGS']],
  ])('%s', async (_case, key) => {
    await refusedBeforeReading(listMeetings({ limit: 5, cursor: cursor(key) }, now));
  });

  it('text that is no cursor at all', async () => {
    await refusedBeforeReading(listMeetings({ limit: 5, cursor: 'not-base64-json' }, now));
  });

  it('a sort key outside the key condition of a listing read by prefix (the audit trail)', async () => {
    await refusedBeforeReading(auditTrail('meeting', 'its-1', { limit: 5, cursor: cursor({ pk: 'MEETING#its-1', sk: 'MEETING' }) }));
  });

  it('takes a cursor it gave out, and starts from it', async () => {
    documentClient.on(QueryCommand).resolves({ Items: [] });
    await listMeetings({ limit: 5, cursor: cursor(issued) }, now);
    expect(documentClient.commandCalls(QueryCommand)[0]?.args[0].input.ExclusiveStartKey).toEqual(issued);
  });

  it("answers 400, not 500, should DynamoDB still refuse a cursor's start key", async () => {
    documentClient.on(QueryCommand).rejects(validation('The provided starting key is invalid: The provided key element does not match the schema'));
    await expect(listMeetings({ limit: 5, cursor: cursor(issued) }, now)).rejects.toMatchObject({ statusCode: 400, fields: [{ field: 'query.cursor' }] });
  });

  it('leaves any other DynamoDB failure a fault', async () => {
    documentClient.on(QueryCommand).rejects(validation('The provided starting key is invalid'));
    await expect(listMeetings({ limit: 5 }, now)).rejects.not.toHaveProperty('statusCode');
  });
});

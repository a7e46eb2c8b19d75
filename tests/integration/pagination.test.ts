import { describe, expect, it } from 'vitest';
import { api, newMeeting, staffToken, uniqueMeetingId } from '../helpers/integration.ts';

interface Page {
  items: { meetingId: string }[];
  nextCursor: string | null;
}
const cursor = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');

describe('a crafted cursor, against DynamoDB Local', () => {
  it.each([
    ['the partition alone', { gsi1pk: 'MEETINGS' }],
    ['the table keys without the index keys', { pk: 'MEETING#its-1', sk: 'MEETING' }],
    ['an attribute that is no key', { pk: 'MEETING#its-1', sk: 'MEETING', gsi1pk: 'MEETINGS', gsi1sk: '2017-05-08#its-1', state: 'x' }],
    ['an empty key', { pk: 'MEETING#its-1', sk: '', gsi1pk: 'MEETINGS', gsi1sk: '2017-05-08#its-1' }],
    ['a sort key longer than DynamoDB takes', { pk: 'MEETING#its-1', sk: 'MEETING', gsi1pk: 'MEETINGS', gsi1sk: 'x'.repeat(1100) }],
  ])('on the public GET /meetings (%s) gets 400 naming query.cursor', async (_case, key) => {
    const response = await api<{ code: string; fields: { field: string }[] }>('GET', `/meetings?limit=2&cursor=${cursor(key)}`);
    expect(response.status).toBe(400);
    expect(response.body.fields.map((problem) => problem.field)).toEqual(['query.cursor']);
  });

  it('outside the prefix of a listing read by prefix (an audit trail) gets 400', async () => {
    const meetingId = uniqueMeetingId('cursor');
    expect((await api('POST', '/meetings', { token: staffToken(), body: newMeeting(meetingId) })).status).toBe(201);
    const response = await api<{ fields: { field: string }[] }>('GET', `/audit/meeting/${meetingId}?cursor=${cursor({ pk: `MEETING#${meetingId}`, sk: 'MEETING' })}`, { token: staffToken() });
    expect(response.status).toBe(400);
    expect(response.body.fields.map((problem) => problem.field)).toEqual(['query.cursor']);
  });

  it('one the listing gave out still pages on', async () => {
    const first = await api<Page>('GET', '/meetings?limit=1');
    expect(first.status).toBe(200);
    expect(first.body.nextCursor).not.toBeNull();
    const second = await api<Page>('GET', `/meetings?limit=1&cursor=${first.body.nextCursor ?? ''}`);
    expect(second.status).toBe(200);
    expect(second.body.items[0]?.meetingId).not.toBe(first.body.items[0]?.meetingId);
  });
});

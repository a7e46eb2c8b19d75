import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, ValidationError } from '#shared/errors.ts';
import { CreateMeetingBody, type Meeting } from '#shared/meetings/schemas.ts';
import { createMeeting, listMeetings, updateMeeting } from '#shared/meetings/use-cases.ts';

const documentClient = mockClient(DynamoDBDocumentClient);
const actor = { id: 'staff@opga.example.org', role: 'admin' };
const now = new Date('2017-04-20T10:00:00Z');

const its1Input = CreateMeetingBody.parse({
  meetingId: 'its-1',
  kind: 'thematic-session',
  title: 'Human rights of all migrants',
  venue: 'Palais des Nations, Room XIX',
  city: 'Geneva',
  dates: { start: '2017-05-08', end: '2017-05-09' },
  timeZone: 'Europe/Zurich',
  registration: { opensAt: '2017-03-27T00:00:00+02:00', closesAt: '2017-05-01T23:59:00+02:00' },
  eligibleCategories: ['ecosoc-consultative-status', 'special-accreditation'],
  capacity: 300,
  hasSpeakingSlots: true,
});
const stored = (overrides: Partial<Meeting> = {}): Meeting => ({ ...its1Input, createdAt: '2017-03-01T00:00:00.000Z', updatedAt: '2017-03-01T00:00:00.000Z', version: 4, ...overrides });

const conditionFailed = () =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
  });

const transactItems = (call = 0) => documentClient.commandCalls(TransactWriteCommand)[call]?.args[0].input.TransactItems ?? [];

beforeEach(() => documentClient.reset());

describe('creating a meeting', () => {
  it('writes the meeting at version 1 with its catalogue keys and an audit entry, in one transaction', async () => {
    documentClient.on(TransactWriteCommand).resolves({});
    const meeting = await createMeeting(its1Input, { actor, now });
    expect(meeting).toMatchObject({ meetingId: 'its-1', version: 1, createdAt: now.toISOString() });
    const [put, audit] = transactItems();
    expect(put?.Put?.Item).toMatchObject({ pk: 'MEETING#its-1', sk: 'MEETING', gsi1pk: 'MEETINGS', gsi1sk: '2017-05-08#its-1', registrationOpensUtc: '2017-03-26T22:00:00.000Z' });
    expect(put?.Put?.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(audit?.Put?.Item).toMatchObject({ pk: 'MEETING#its-1', action: 'meeting.created', actorId: actor.id });
  });

  it('refuses an id that exists with 409, saying which id', async () => {
    documentClient.on(TransactWriteCommand).rejects(conditionFailed());
    await expect(createMeeting(its1Input, { actor, now })).rejects.toThrow(ConflictError);
    await expect(createMeeting(its1Input, { actor, now })).rejects.toThrow(/'its-1' already exists/);
  });

  it('sorts meetings with dates to be announced after every dated meeting of their period', async () => {
    documentClient.on(TransactWriteCommand).resolves({});
    await createMeeting(CreateMeetingBody.parse({ ...its1Input, meetingId: 'msh-4', dates: null, registration: null, expectedPeriod: '2018-02' }), { actor, now });
    expect(transactItems()[0]?.Put?.Item).toMatchObject({ gsi1sk: '2018-02~#msh-4', catalogueEnd: '2018-02~' });
  });
});

describe('changing a meeting', () => {
  it('records a change of venue and dates for registrants, with before and after', async () => {
    documentClient.on(GetCommand).resolves({ Item: stored() });
    documentClient.on(TransactWriteCommand).resolves({});
    const after = await updateMeeting('its-1', { venue: 'Palais des Nations, Room XX', dates: { start: '2017-05-09', end: '2017-05-10' } }, { actor, now });
    expect(after).toMatchObject({ venue: 'Palais des Nations, Room XX', version: 5, title: its1Input.title });
    const [put, change, audit] = transactItems();
    expect(put?.Put?.ConditionExpression).toContain('version = :expected');
    expect(put?.Put?.ExpressionAttributeValues).toEqual({ ':expected': 4 });
    expect(change?.Put?.Item).toMatchObject({
      fields: ['dates', 'venue'],
      before: { venue: 'Palais des Nations, Room XIX', dates: { start: '2017-05-08', end: '2017-05-09' } },
      after: { venue: 'Palais des Nations, Room XX' },
      registrantsNotifiedAt: null,
      changedBy: actor.id,
    });
    expect(String(change?.Put?.Item?.sk)).toMatch(/^CHANGE#2017-04-20T10:00:00.000Z#/);
    expect(audit?.Put?.Item).toMatchObject({ action: 'meeting.updated' });
  });

  it('records no change for registrants when only the title changes', async () => {
    documentClient.on(GetCommand).resolves({ Item: stored() });
    documentClient.on(TransactWriteCommand).resolves({});
    await updateMeeting('its-1', { title: 'Human rights of all migrants (revised)' }, { actor, now });
    const items = transactItems();
    expect(items).toHaveLength(2);
    expect(items.some((item) => String(item.Put?.Item?.sk).startsWith('CHANGE#'))).toBe(false);
  });

  it('names a change of capacity and of the per-organisation limit in the audit entry, before and after', async () => {
    // Prepare
    documentClient.on(GetCommand).resolves({ Item: stored() });
    documentClient.on(TransactWriteCommand).resolves({});
    // Act
    await updateMeeting('its-1', { capacity: 250, representativesPerOrganisation: 3, title: its1Input.title }, { actor, now });
    // Assess: nothing for registrants to be told of, and the audit entry says what changed
    const items = transactItems();
    expect(items).toHaveLength(2);
    expect(items[1]?.Put?.Item).toMatchObject({
      action: 'meeting.updated',
      details: { version: 5, changedFields: ['capacity', 'representativesPerOrganisation'], before: { capacity: 300, representativesPerOrganisation: 2 }, after: { capacity: 250, representativesPerOrganisation: 3 } },
    });
  });

  it('checks the meeting as it would be after the change, and writes nothing when it would be inconsistent', async () => {
    documentClient.on(GetCommand).resolves({ Item: stored() });
    const change = updateMeeting('its-1', { dates: { start: '2017-04-01', end: '2017-04-02' } }, { actor, now });
    await expect(change).rejects.toThrow(ValidationError);
    await expect(updateMeeting('its-1', { dates: { start: '2017-04-01', end: '2017-04-02' } }, { actor, now })).rejects.toMatchObject({
      fields: [{ field: 'body.registration.closesAt', message: 'must not be after the meeting ends' }],
    });
    expect(documentClient.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('applies the change again to the newer version when someone else wrote in between', async () => {
    documentClient.on(GetCommand).resolvesOnce({ Item: stored({ version: 4 }) }).resolves({ Item: stored({ version: 5, capacity: 250 }) });
    documentClient.on(TransactWriteCommand).rejectsOnce(conditionFailed()).resolves({});
    const after = await updateMeeting('its-1', { title: 'Revised title' }, { actor, now });
    expect(after).toMatchObject({ version: 6, capacity: 250, title: 'Revised title' });
    expect(transactItems(1)[0]?.Put?.ExpressionAttributeValues).toEqual({ ':expected': 5 });
  });

  it('gives up with 409 after repeated clashes', async () => {
    documentClient.on(GetCommand).resolves({ Item: stored() });
    documentClient.on(TransactWriteCommand).rejects(conditionFailed());
    await expect(updateMeeting('its-1', { title: 'Revised title' }, { actor, now })).rejects.toThrow(ConflictError);
    expect(documentClient.commandCalls(TransactWriteCommand)).toHaveLength(8);
  });

  it('answers 404 for an unknown meeting', async () => {
    documentClient.on(GetCommand).resolves({});
    await expect(updateMeeting('its-99', { title: 'Nothing' }, { actor, now })).rejects.toThrow(NotFoundError);
  });
});

describe('listing meetings', () => {
  it('filters upcoming meetings by their last day and open registration by UTC instants', async () => {
    documentClient.on(QueryCommand).resolves({ Items: [] });
    await listMeetings({ kind: 'multi-stakeholder-hearing', upcoming: true, registrationOpen: true, limit: 10 }, now);
    const input = documentClient.commandCalls(QueryCommand)[0]?.args[0].input;
    expect(input?.IndexName).toBe('gsi1');
    expect(input?.FilterExpression).toBe('#kind = :kind AND catalogueEnd >= :today AND registrationOpensUtc <= :now AND registrationClosesUtc > :now');
    expect(input?.ExpressionAttributeValues).toMatchObject({ ':partition': 'MEETINGS', ':kind': 'multi-stakeholder-hearing', ':today': '2017-04-20', ':now': now.toISOString() });
  });

  it('lists past meetings and meetings not open for registration', async () => {
    documentClient.on(QueryCommand).resolves({ Items: [] });
    await listMeetings({ upcoming: false, registrationOpen: false, limit: 10 }, now);
    expect(documentClient.commandCalls(QueryCommand)[0]?.args[0].input.FilterExpression).toBe(
      'catalogueEnd < :today AND NOT (registrationOpensUtc <= :now AND registrationClosesUtc > :now)',
    );
  });

  it('fills a page across reads and points the cursor at the last meeting returned, so nothing is skipped', async () => {
    const item = (id: string, start: string) => ({ ...stored({ meetingId: id }), pk: `MEETING#${id}`, sk: 'MEETING', gsi1pk: 'MEETINGS', gsi1sk: `${start}#${id}` });
    documentClient
      .on(QueryCommand)
      .resolvesOnce({ Items: [item('a', '2017-01-01')], LastEvaluatedKey: { pk: 'MEETING#a', sk: 'MEETING', gsi1pk: 'MEETINGS', gsi1sk: '2017-01-01#a' } })
      .resolvesOnce({ Items: [item('b', '2017-02-01'), item('c', '2017-03-01'), item('d', '2017-04-01')], LastEvaluatedKey: { pk: 'MEETING#d', sk: 'MEETING', gsi1pk: 'MEETINGS', gsi1sk: '2017-04-01#d' } });
    const page = await listMeetings({ limit: 3, kind: 'thematic-session' }, now);
    expect(page.items.map((meeting) => meeting.meetingId)).toEqual(['a', 'b', 'c']);
    expect(page.items[0]).not.toHaveProperty('pk');
    expect(JSON.parse(Buffer.from(page.nextCursor ?? '', 'base64url').toString())).toEqual({ pk: 'MEETING#c', sk: 'MEETING', gsi1pk: 'MEETINGS', gsi1sk: '2017-03-01#c' });
  });

  it('refuses a cursor of another listing with 400 before reading anything', async () => {
    const foreign = Buffer.from(JSON.stringify({ pk: 'MEMBER_STATE#MEX', sk: 'MEMBER_STATE', gsi1pk: 'MEMBER_STATES', gsi1sk: 'mexico#MEX' })).toString('base64url');
    await expect(listMeetings({ limit: 5, cursor: foreign }, now)).rejects.toMatchObject({ statusCode: 400 });
    await expect(listMeetings({ limit: 5, cursor: 'not-base64-json' }, now)).rejects.toMatchObject({ statusCode: 400 });
    expect(documentClient.commandCalls(QueryCommand)).toHaveLength(0);
  });
});

import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, UnprocessableError, ValidationError } from '#shared/errors.ts';
import { applyToCall } from '#shared/steering-committee/committee.ts';
import { refuseMembersAsHearingSpeakers } from '#shared/steering-committee/membership.ts';
import type { Call, CandidacyBody } from '#shared/steering-committee/schemas.ts';

const documentClient = mockClient(DynamoDBDocumentClient);
const now = new Date('2017-04-20T10:00:00Z');
beforeEach(() => documentClient.reset());

describe('members are not speakers at hearings', () => {
  it('refuses a hearing speaker who is a member, naming them, whatever the case of the address', async () => {
    documentClient.on(GetCommand).resolves({});
    documentClient.on(GetCommand, { Key: { pk: 'SC_MEMBER_EMAIL#rosa@example.org', sk: 'MEMBER_EMAIL' } }).resolves({ Item: { memberId: 'mem_1' } });
    const refusal = refuseMembersAsHearingSpeakers({ kind: 'multi-stakeholder-hearing', meetingId: 'msh-1' }, [{ email: 'Rosa@Example.org', name: 'Rosa' }, { email: 'ana@example.org', name: 'Ana' }], 'register without asking to speak');
    await expect(refusal).rejects.toThrow(UnprocessableError);
    await expect(refusal).rejects.toThrow(/^Rosa is a member of the stakeholder steering committee.*\(msh-1\): register without asking to speak$/);
  });

  it('lets members speak at other meetings without looking them up, and non-members at hearings', async () => {
    documentClient.on(GetCommand).resolves({});
    await expect(refuseMembersAsHearingSpeakers({ kind: 'thematic-session', meetingId: 'its-1' }, [{ email: 'rosa@example.org', name: 'Rosa' }], 'x')).resolves.toBeUndefined();
    expect(documentClient.commandCalls(GetCommand)).toHaveLength(0);
    await expect(refuseMembersAsHearingSpeakers({ kind: 'multi-stakeholder-hearing', meetingId: 'msh-1' }, [{ email: 'ana@example.org', name: 'Ana' }], 'x')).resolves.toBeUndefined();
  });
});

describe('applying to a call', () => {
  const call: Call = {
    callId: 'call_0123456789abcdef',
    title: 'Call for members',
    description: 'Members recommend speakers for the hearings.',
    constituencies: ['civil-society'],
    seats: 10,
    deadline: '2017-04-30T23:59:59.000Z',
    maxApplications: 2,
    applications: 2,
    state: 'open',
    createdAt: '2017-04-01T00:00:00.000Z',
    decidedAt: null,
    version: 1,
  };
  const body: CandidacyBody = {
    name: 'Rosa',
    email: 'Rosa@Example.org',
    organisation: 'Red de Migrantes',
    constituency: 'civil-society',
    country: 'GTM',
    gender: 'female',
    ageBracket: '30-44',
    expertise: 'Ten years organising migrant domestic workers.',
    motivation: 'To bring the voices of migrant workers in.',
    languages: ['Spanish'],
    language: 'fr',
  };
  const cancelled = (failing: number) =>
    new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: Array.from({ length: 5 }, (_, index) => ({ Code: index === failing ? 'ConditionalCheckFailed' : 'None' })) });

  /** The registry holds Guatemala, as the seed does. */
  const registryHoldsGuatemala = () =>
    documentClient.on(GetCommand, { Key: { pk: 'MEMBER_STATE#GTM', sk: 'MEMBER_STATE' } }).resolves({ Item: { pk: 'MEMBER_STATE#GTM', sk: 'MEMBER_STATE', code: 'GTM', name: 'Guatemala', status: 'member', regionalGroup: 'latin-american-caribbean', contacts: [] } });

  it('counts the application on the call, guards the address and acknowledges it, in one transaction', async () => {
    documentClient.on(GetCommand).resolves({});
    documentClient.on(GetCommand, { Key: { pk: `SC_CALL#${call.callId}`, sk: 'CALL' } }).resolves({ Item: { ...call, applications: 0 } });
    registryHoldsGuatemala();
    documentClient.on(TransactWriteCommand).resolves({});
    const candidate = await applyToCall(call.callId, body, now);
    expect(candidate.email).toBe('rosa@example.org');
    expect(candidate.regionalGroup).toBe('latin-american-caribbean');
    const items = documentClient.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items[0]?.Update?.ConditionExpression).toContain('applications < maxApplications');
    expect(items[1]?.Put?.Item).toMatchObject({ pk: `SC_CALL#${call.callId}`, sk: 'EMAIL#rosa@example.org' });
    expect(items.find((item) => item.Put?.Item?.template === 'candidate-received')?.Put?.Item).toMatchObject({ language: 'fr' });
  });

  it('says the call is full when the count stopped it, and names the address when it already applied', async () => {
    documentClient.on(GetCommand).resolves({});
    documentClient.on(GetCommand, { Key: { pk: `SC_CALL#${call.callId}`, sk: 'CALL' } }).resolves({ Item: call });
    registryHoldsGuatemala();
    documentClient.on(TransactWriteCommand).rejectsOnce(cancelled(0)).rejectsOnce(cancelled(1));
    await expect(applyToCall(call.callId, body, now)).rejects.toThrow(/is full: it takes 2 applications/);
    await expect(applyToCall(call.callId, body, now)).rejects.toThrow(ConflictError);
  });

  it('refuses a country the Member State registry does not hold, naming the field, without writing: it would have no regional group', async () => {
    documentClient.on(GetCommand).resolves({});
    documentClient.on(GetCommand, { Key: { pk: `SC_CALL#${call.callId}`, sk: 'CALL' } }).resolves({ Item: { ...call, applications: 0 } });
    const refusal = applyToCall(call.callId, { ...body, country: 'PRI' }, now);
    await expect(refusal).rejects.toThrow(ValidationError);
    await expect(refusal).rejects.toMatchObject({ fields: [{ field: 'body.country', message: 'is not a State in the Member State registry (GET /member-states)' }] });
    expect(documentClient.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('refuses after the deadline without writing', async () => {
    documentClient.on(GetCommand).resolves({ Item: call });
    await expect(applyToCall(call.callId, body, new Date('2017-05-01T00:00:00Z'))).rejects.toThrow('closed at 2017-04-30T23:59:59.000Z');
    expect(documentClient.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});

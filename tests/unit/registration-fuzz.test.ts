import { DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler } from '#functions/registrations/register.ts';
import { context, httpEvent, type Result } from '../helpers/lambda.ts';

const documentClient = mockClient(DynamoDBDocumentClient);
beforeEach(() => {
  documentClient.reset();
  documentClient.on(GetCommand).resolves({});
  documentClient.on(TransactWriteCommand).resolves({});
});

const valid = {
  organisation: { organisationId: 'org_0123456789abcdef' },
  contact: { name: 'Amina Diallo', email: 'amina@example.org' },
  representatives: [{ name: 'Amina Diallo', email: 'amina@example.org', function: 'Director', gender: 'female', nationality: 'SEN', wishesToSpeak: true, speakingTopic: 'Regular pathways' }],
};

/** A valid body with one part broken: a field dropped, retyped, or an unknown one added, at any depth. */
const broken = fc.oneof(
  fc.constantFrom('organisation', 'contact', 'representatives').map((field) => {
    const copy: Record<string, unknown> = structuredClone(valid);
    delete copy[field];
    return copy;
  }),
  fc.tuple(fc.constantFrom('name', 'email', 'function', 'gender', 'nationality', 'wishesToSpeak', 'speakingTopic'), fc.oneof(fc.integer(), fc.constant(null), fc.string({ maxLength: 1 }), fc.array(fc.integer(), { maxLength: 2 }), fc.constant('x'.repeat(600)))).map(([field, value]) => {
    const copy = structuredClone(valid);
    (copy.representatives[0] as Record<string, unknown>)[field] = value;
    return copy;
  }),
  fc.tuple(fc.string({ minLength: 1, maxLength: 12 }).filter((key) => !(key in valid) && key !== '__proto__'), fc.jsonValue()).map(([key, value]) => ({ ...structuredClone(valid), [key]: value })),
  fc.jsonValue().filter((value) => typeof value !== 'object' || value === null || Array.isArray(value)),
  fc.constantFrom({ participantType: 'robot' }, { participantType: 'parliamentarian', name: 'extra' }, { ...valid, representatives: [] }, { ...valid, language: 'xx' }),
);

const call = (body: unknown) =>
  handler(httpEvent({ method: 'POST', path: '/meetings/its-1/registrations', routeKey: 'POST /meetings/{meetingId}/registrations', pathParameters: { meetingId: 'its-1' }, body: JSON.stringify(body) }), context()) as Promise<Result>;

describe('registering with malformed bodies (fast-check)', () => {
  it('always answers 400 naming a field, never a 5xx, and stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(broken, async (body) => {
        documentClient.resetHistory();
        const result = await call(body);
        expect([400, 413]).toContain(result.statusCode); // 413 only if the body outgrows MAX_BODY_BYTES
        if (result.statusCode === 400) expect((JSON.parse(result.body ?? '{}') as { fields?: unknown[] }).fields?.length).toBeGreaterThan(0);
        expect(documentClient.commandCalls(TransactWriteCommand)).toHaveLength(0);
        expect(documentClient.commandCalls(PutCommand)).toHaveLength(0);
        expect(documentClient.commandCalls(UpdateCommand)).toHaveLength(0);
      }),
      { numRuns: 300 },
    );
  });

  it('answers bytes that are not JSON with 400 too', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 200 }).filter((text) => { try { JSON.parse(text); return false; } catch { return true; } }), async (text) => {
        const result = (await handler(httpEvent({ method: 'POST', path: '/meetings/its-1/registrations', routeKey: 'POST /meetings/{meetingId}/registrations', pathParameters: { meetingId: 'its-1' }, body: text, headers: { 'content-type': 'application/json' } }), context())) as Result;
        expect(result.statusCode).toBeGreaterThanOrEqual(400);
        expect(result.statusCode).toBeLessThan(500);
        expect(documentClient.commandCalls(TransactWriteCommand)).toHaveLength(0);
      }),
      { numRuns: 200 },
    );
  });
});

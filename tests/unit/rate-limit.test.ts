import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { resetConfig } from '#shared/config.ts';
import { TooManyRequestsError } from '#shared/errors.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { countSubmission, rateLimit } from '#shared/http/rate-limit.ts';
import { defineRoute } from '#shared/http/route-spec.ts';
import { context, httpEvent, json, type Result } from '../helpers/lambda.ts';

const documentClient = mockClient(DynamoDBDocumentClient);
const now = new Date('2018-07-13T10:45:00Z');
const refused = () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
const updates = () => documentClient.commandCalls(UpdateCommand).map((call) => call.args[0].input);

beforeEach(() => {
  documentClient.reset();
  documentClient.on(UpdateCommand).resolves({});
  Object.assign(process.env, { PUBLIC_POSTS_PER_CLIENT_PER_HOUR: '30', PUBLIC_POSTS_PER_ADDRESS_PER_HOUR: '5' });
  resetConfig();
});
afterEach(() => {
  delete process.env.PUBLIC_POSTS_PER_CLIENT_PER_HOUR;
  delete process.env.PUBLIC_POSTS_PER_ADDRESS_PER_HOUR;
  resetConfig();
});

describe('counting public submissions', () => {
  it('counts the client and each address once (case aside), in this clock hour, each under its limit, hashed', async () => {
    await countSubmission({ client: '203.0.113.7', addresses: ['Ana@Example.org', 'ana@example.org', 'ben@example.org'] }, now);
    const calls = updates();
    expect(calls).toHaveLength(3);
    expect(calls.map((call) => call.ExpressionAttributeValues?.[':limit'])).toEqual([30, 5, 5]);
    expect(calls.every((call) => call.ConditionExpression === 'attribute_not_exists(#count) OR #count < :limit')).toBe(true);
    expect(calls.map((call) => (call.Key as { sk: string }).sk)).toEqual(Array(3).fill('HOUR#2018-07-13T10:00:00.000Z'));
    expect(JSON.stringify(calls)).not.toMatch(/ana@|203\.0\.113\.7/i);
    expect(calls[0]?.ExpressionAttributeValues?.[':expiresAt']).toBe(Date.parse('2018-07-13T12:00:00Z') / 1000);
  });

  it('refuses at an address’s limit with 429 and the seconds left in the hour, and gives back what it had counted', async () => {
    documentClient.on(UpdateCommand, { ExpressionAttributeValues: { ':limit': 5 } }).rejects(refused());
    const attempt = countSubmission({ client: '203.0.113.7', addresses: ['ana@example.org'] }, now);
    await expect(attempt).rejects.toBeInstanceOf(TooManyRequestsError);
    await expect(countSubmission({ client: '203.0.113.7', addresses: ['ana@example.org'] }, now)).rejects.toMatchObject({
      statusCode: 429,
      headers: { 'retry-after': String(15 * 60) },
      message: 'Too many submissions naming ana@example.org this hour (at most 5); try again in 15 minutes',
    });
    const givenBack = updates().filter((call) => call.ExpressionAttributeValues?.[':less'] === -1);
    expect(givenBack).toHaveLength(2);
    expect(givenBack[0]?.Key).toEqual(updates()[0]?.Key);
  });
});

describe('a public POST', () => {
  const route = defineRoute({
    operationId: 'testSubmit',
    method: 'POST',
    path: '/submissions',
    handler: 'test/submit',
    access: 'public',
    summary: 'test',
    tags: ['test'],
    body: z.object({ email: z.email() }).strict(),
    response: { status: 201, description: 'ok' },
  });
  const noIdempotency = () => ({});
  const post = (body: unknown, sourceIp = '198.51.100.4') => {
    const event = httpEvent({ method: 'POST', path: '/submissions', routeKey: 'POST /submissions', body });
    event.requestContext.http.sourceIp = sourceIp;
    return event;
  };

  it('must be built with the limit, or it does not load', () => {
    expect(() => httpHandler(route, async () => ({}), { idempotency: noIdempotency })).toThrow(/a public POST needs \{ rateLimit \}/);
  });

  it('is counted by its client address and the body’s addresses once the body is valid; a refused one answers 429 and never reaches the use case', async () => {
    let reached = 0;
    const submit = httpHandler(route, async () => ((reached += 1), { body: { ok: true } }), { idempotency: noIdempotency, rateLimit: rateLimit<{ email: string }>((body) => [body.email]) });
    expect(((await submit(post({ email: 'not-an-address' }), context())) as Result).statusCode).toBe(400);
    expect(updates()).toEqual([]);
    expect(((await submit(post({ email: 'ana@example.org' }), context())) as Result).statusCode).toBe(201);
    expect(updates()).toHaveLength(2);

    documentClient.on(UpdateCommand, { ExpressionAttributeValues: { ':limit': 30 } }).rejects(refused());
    const result = (await submit(post({ email: 'ana@example.org' }, '198.51.100.4'), context())) as Result;
    expect(result.statusCode).toBe(429);
    expect(Number(result.headers?.['retry-after'])).toBeGreaterThan(0);
    expect(json(result)).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.stringContaining('from this network address') });
    expect(reached).toBe(1);
  });
});

import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { resetConfig } from '#shared/config.ts';
import { NotFoundError } from '#shared/errors.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { authenticate } from '#shared/http/authenticate.ts';
import { defineRoute } from '#shared/http/route-spec.ts';
import { context, httpEvent, json, type Result } from '../helpers/lambda.ts';
import { linkToken, tokens } from '../helpers/tokens.ts';

const Body = z.object({ title: z.string().min(3), seats: z.number().int().positive(), dates: z.object({ start: z.iso.date() }) }).strict();

const staffRoute = defineRoute({
  operationId: 'testUpdate',
  method: 'PUT',
  path: '/things/{thingId}',
  handler: 'test/update-thing',
  access: 'reviewer',
  summary: 'test',
  tags: ['test'],
  params: z.object({ thingId: z.string().regex(/^[a-z]+$/) }),
  query: z.object({ dryRun: z.enum(['true', 'false']).optional() }).strict(),
  body: Body,
  response: { status: 200, description: 'ok' },
});
const adminRoute = { ...staffRoute, operationId: 'testAdmin', access: 'admin' as const };
const publicRoute = defineRoute({
  operationId: 'testGet',
  method: 'GET',
  path: '/things/{thingId}',
  handler: 'test/get-thing',
  access: 'public',
  summary: 'test',
  tags: ['test'],
  params: z.object({ thingId: z.string() }),
  response: { status: 200, description: 'ok' },
});

const echo = httpHandler(staffRoute, async ({ params, body, principal }) => ({ body: { thingId: params.thingId, title: body.title, by: principal.id, role: principal.role } }), { authenticate });
const adminOnly = httpHandler(adminRoute, async () => ({ body: { ok: true } }), { authenticate });
const goodBody = { title: 'Hearing', seats: 3, dates: { start: '2017-07-26' } };

const put = (overrides: { headers?: Record<string, string>; body?: unknown; pathParameters?: Record<string, string>; query?: Record<string, string> } = {}) =>
  httpEvent({
    method: 'PUT',
    path: '/things/abc',
    routeKey: 'PUT /things/{thingId}',
    pathParameters: { thingId: 'abc' },
    headers: { authorization: `Bearer ${tokens.valid()}` },
    body: goodBody,
    ...overrides,
  });

const call = (handler: typeof echo, event: ReturnType<typeof put>) => handler(event, context()) as Promise<Result>;

describe('the HTTP middy stack', () => {
  it('passes parsed, validated input and the verified principal to the use case', async () => {
    // Act
    const result = await call(echo, put());
    // Assess
    expect(result.statusCode).toBe(200);
    expect(json(result)).toEqual({ thingId: 'abc', title: 'Hearing', by: 'staff@opga.example.org', role: 'reviewer' });
    expect(result.headers?.['content-type']).toBe('application/json');
  });

  it('names every bad field of params, query and body in one 400', async () => {
    const result = await call(
      echo,
      put({ pathParameters: { thingId: 'ABC' }, query: { dryRun: 'maybe', extra: '1' }, body: { title: 'x', dates: { start: '2017-13-40' }, colour: 'red' } }),
    );
    expect(result.statusCode).toBe(400);
    const body = json(result);
    expect(body.code).toBe('VALIDATION_FAILED');
    const fields = (body.fields as { field: string }[]).map((problem) => problem.field).sort();
    expect(fields).toEqual(['body.colour', 'body.dates.start', 'body.seats', 'body.title', 'params.thingId', 'query.dryRun', 'query.extra']);
    expect(body.message).toContain('7 invalid fields');
  });

  it('says a missing body is required, and malformed JSON is not valid JSON', async () => {
    const missing = await call(echo, put({ body: '' }));
    expect(missing.statusCode).toBe(400);
    expect(json(missing).fields).toEqual([{ field: 'body', message: 'is required' }]);

    const malformed = await call(echo, put({ body: '{"title": "Hearing",' }));
    expect(malformed.statusCode).toBe(400);
    expect(json(malformed).message).toMatch(/not valid JSON/);
  });

  it('refuses a body that is not JSON with 415 and one over the size limit with 413', async () => {
    const form = await call(echo, put({ headers: { authorization: `Bearer ${tokens.valid()}`, 'content-type': 'application/x-www-form-urlencoded' } }));
    expect(form.statusCode).toBe(415);
    expect(json(form).message).toContain('application/json');

    const large = await call(echo, put({ body: { ...goodBody, title: 'x'.repeat(3000) } }));
    expect(large.statusCode).toBe(413);
    expect(json(large).message).toContain('limit is 2048');
  });

  it('accepts JSON with a charset parameter', async () => {
    const result = await call(echo, put({ headers: { authorization: `Bearer ${tokens.valid()}`, 'content-type': 'application/json; charset=utf-8' } }));
    expect(result.statusCode).toBe(200);
  });

  it('answers 401 with a WWW-Authenticate challenge when there is no bearer token', async () => {
    for (const headers of [{}, { authorization: 'Basic dXNlcjpwYXNz' }, { authorization: 'Bearer' }] as Record<string, string>[]) {
      const result = await call(echo, put({ headers }));
      expect(result.statusCode).toBe(401);
      expect(result.headers?.['www-authenticate']).toMatch(/^Bearer/);
    }
  });

  it.each([
    ['alg none', tokens.algNone],
    ['HS256 signed with the old shared secret', tokens.hs256OldSecret],
    ['a key the provider does not publish', tokens.unknownKey],
    ['an expired token', tokens.expired],
    ['a token without expiry', tokens.noExpiry],
    ['another client', tokens.otherClient],
    ['another issuer', tokens.otherIssuer],
    ['an ID token', tokens.idToken],
    ['a tampered payload', tokens.tampered],
  ])('answers 401 with the invalid_token challenge and no data for %s', async (_name, token) => {
    const result = await call(echo, put({ headers: { authorization: `Bearer ${token()}` } }));
    expect(result.statusCode).toBe(401);
    expect(json(result).code).toBe('UNAUTHORIZED');
    expect(result.headers?.['www-authenticate']).toBe('Bearer error="invalid_token"');
    expect(result.body).not.toContain('Hearing');
  });

  it('answers 403 and no data to a good token whose groups hold no registry role', async () => {
    const result = await call(echo, put({ headers: { authorization: `Bearer ${tokens.noRegistryRole()}` } }));
    expect(result.statusCode).toBe(403);
    expect(result.body).not.toContain('Hearing');
  });

  it('says an expired token has expired', async () => {
    const result = await call(echo, put({ headers: { authorization: `Bearer ${tokens.expired()}` } }));
    expect(json(result).message).toBe('The token has expired');
  });

  it('answers 403 when the role is too low, and lets admin through', async () => {
    const staff = await call(adminOnly, put());
    expect(staff.statusCode).toBe(403);
    expect(json(staff).message).toContain('admin');

    const admin = await call(adminOnly, put({ headers: { authorization: `Bearer ${tokens.valid({ role: 'admin' })}` } }));
    expect(admin.statusCode).toBe(200);
  });

  it('authenticates before validating, so an anonymous caller learns nothing of the schema', async () => {
    const result = await call(echo, put({ headers: {}, body: { nonsense: true } }));
    expect(result.statusCode).toBe(401);
  });

  it('maps domain errors to their status and faults to a 500 without a stack trace', async () => {
    const missing = httpHandler(publicRoute, async ({ params }) => {
      throw new NotFoundError(`No thing has the id '${params.thingId}'`);
    });
    const notFound = (await missing(httpEvent({ method: 'GET', path: '/things/x', routeKey: 'GET /things/{thingId}', pathParameters: { thingId: 'x' } }), context())) as Result;
    expect(notFound.statusCode).toBe(404);
    expect(json(notFound)).toMatchObject({ code: 'NOT_FOUND', message: "No thing has the id 'x'", requestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678' });

    const broken = httpHandler(publicRoute, async () => {
      throw new Error('connection reset by peer at db.internal:8000');
    });
    const fault = (await broken(httpEvent({ method: 'GET', path: '/things/x', routeKey: 'GET /things/{thingId}', pathParameters: { thingId: 'x' } }), context())) as Result;
    expect(fault.statusCode).toBe(500);
    expect(fault.body).not.toMatch(/connection reset|at |\.ts/);
    expect(json(fault).code).toBe('INTERNAL');
  });

  it('answers a configuration fault with a JSON 500 instead of failing when the module loads', async () => {
    const saved = process.env.MAX_BODY_BYTES;
    process.env.MAX_BODY_BYTES = 'lots';
    resetConfig();
    try {
      const handler = httpHandler(publicRoute, async () => ({ body: 'unreachable' }));
      const result = (await handler(httpEvent({ method: 'GET', path: '/things/x', routeKey: 'GET /things/{thingId}', pathParameters: { thingId: 'x' } }), context())) as Result;
      expect(result.statusCode).toBe(500);
      expect(json(result).code).toBe('INTERNAL');
      expect(result.body).not.toContain('MAX_BODY_BYTES');
    } finally {
      if (saved === undefined) delete process.env.MAX_BODY_BYTES;
      else process.env.MAX_BODY_BYTES = saved;
      resetConfig();
    }
  });

  it('adds security headers, the request id and CORS for the configured origin, also on errors', async () => {
    for (const event of [put({ headers: { authorization: `Bearer ${tokens.valid()}`, origin: 'https://stakeholders.example.org' } }), put({ headers: { origin: 'https://stakeholders.example.org' } })]) {
      const result = await call(echo, event);
      const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
      expect(headers['strict-transport-security']).toMatch(/max-age=/);
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['x-request-id']).toBe('c6af9ac6-7b61-11e6-9a41-93e812345678');
      expect(headers['access-control-allow-origin']).toBe('https://stakeholders.example.org');
    }
  });

  it('does not allow another origin', async () => {
    const result = await call(echo, put({ headers: { authorization: `Bearer ${tokens.valid()}`, origin: 'https://evil.example.com' } }));
    const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
    expect(headers['access-control-allow-origin']).not.toBe('https://evil.example.com');
  });
});

describe('what a handler module passes: its token check and idempotency', () => {
  const postRoute = defineRoute({ ...publicRoute, operationId: 'testPost', method: 'POST', handler: 'test/post-thing', body: z.object({ title: z.string() }), response: { status: 201, description: 'created' } });

  it('refuses, when the module loads, a staff route without authenticate and a POST without idempotency', () => {
    expect(() => httpHandler(staffRoute, async () => ({}), {} as never)).toThrow("testUpdate: access 'reviewer' needs { authenticate } from #shared/http/authenticate.ts");
    expect(() => httpHandler(postRoute, async () => ({}))).toThrow('testPost: a POST needs { idempotency } from #shared/http/idempotency.ts');
  });

  it('builds a public GET with neither, so its bundle has no token verification or idempotency store', () => {
    expect(() => httpHandler(publicRoute, async () => ({}))).not.toThrow();
  });
});

describe('ballot secrecy: what staff routes answer', () => {
  const ballotToken = () => linkToken({ aud: 'non-objection-ballot', sub: 'circ_1', holder: 'MEX' });
  const notice = (token: string) => ({ data: { ballotUrl: `https://registry.example.org/ballot#token=${token}`, nested: [{ text: `Open https://registry.example.org/ballot#token=${token} before the deadline` }] } });

  it('withholds every link token in a staff route’s JSON and text answers, keeping the link’s address', async () => {
    const token = ballotToken();
    const asJson = httpHandler(staffRoute, async () => ({ body: notice(token) }), { authenticate });
    const asText = httpHandler(staffRoute, async () => ({ text: `id,link\n1,https://registry.example.org/status#token=${token}\n` }), { authenticate });
    const shown = await call(asJson, put());
    expect(shown.statusCode).toBe(200);
    expect(shown.body).not.toContain(token.split('.')[1]);
    expect(json(shown)).toEqual({ data: { ballotUrl: 'https://registry.example.org/ballot#token=[withheld]', nested: [{ text: 'Open https://registry.example.org/ballot#token=[withheld] before the deadline' }] } });
    expect((await call(asText, put())).body).toBe('id,link\n1,https://registry.example.org/status#token=[withheld]\n');
  });

  it('leaves a public route’s answer alone: a registrant’s receipt carries their own link', async () => {
    const token = ballotToken();
    const receipt = httpHandler(publicRoute, async () => ({ body: notice(token) }));
    const result = (await receipt(httpEvent({ method: 'GET', path: '/things/abc', routeKey: 'GET /things/{thingId}', pathParameters: { thingId: 'abc' } }), context())) as Result;
    expect(json(result)).toEqual(notice(token));
  });
});

describe('ballot links (Member State access)', () => {
  const ballotRoute = defineRoute({
    operationId: 'testBallot',
    method: 'GET',
    path: '/lists/{circulationId}/ballot',
    handler: 'test/get-ballot',
    access: 'memberState',
    summary: 'test',
    tags: ['test'],
    params: z.object({ circulationId: z.string() }),
    response: { status: 200, description: 'ok' },
  });
  const ballot = httpHandler(ballotRoute, async ({ principal }) => ({ body: { circulationId: principal.id, holder: principal.holder, expiresAt: principal.expiresAt.toISOString() } }), { authenticate });
  // Where an admin's withdrawal of a State's links would be (shared/auth/link-revocations.ts): none unless a test puts one.
  const documentClient = mockClient(DynamoDBDocumentClient);
  const revocationKey = { pk: 'LINKS#non-objection-ballot#circ_1', sk: 'REVOKED#MEX' };
  beforeEach(() => {
    documentClient.reset();
    documentClient.on(GetCommand).resolves({});
  });
  const seconds = () => Math.floor(Date.now() / 1000);
  const link = (claims: Record<string, unknown> = {}) =>
    linkToken({ aud: 'non-objection-ballot', sub: 'circ_1', holder: 'MEX', exp: seconds() + 600, ...claims });
  const get = (token: string, circulationId = 'circ_1') =>
    ballot(httpEvent({ method: 'GET', path: `/lists/${circulationId}/ballot`, routeKey: 'GET /lists/{circulationId}/ballot', pathParameters: { circulationId }, headers: { authorization: `Bearer ${token}` } }), context()) as Promise<Result>;

  it('gives the use case the list, the State holding the link and when the link expires', async () => {
    const exp = seconds() + 600;
    const result = await get(link({ exp }));
    expect(result.statusCode).toBe(200);
    expect(json(result)).toEqual({ circulationId: 'circ_1', holder: 'MEX', expiresAt: new Date(exp * 1000).toISOString() });
  });

  it('refuses, from then on, every link of the State issued before an admin withdrew them, and takes one issued after', async () => {
    const withdrawnAt = Date.now() - 1000;
    documentClient.on(GetCommand, { Key: revocationKey }).resolves({ Item: { revokedBefore: new Date(withdrawnAt).toISOString() } });
    const before = await get(link({ iat: (withdrawnAt - 1) / 1000 }));
    expect(before.statusCode).toBe(401);
    expect(before.headers?.['www-authenticate']).toBe('Bearer error="invalid_token"');
    expect(json(before)).toMatchObject({ message: expect.stringContaining('withdrawn') });
    expect(documentClient.commandCalls(GetCommand, { Key: revocationKey, ConsistentRead: true })).toHaveLength(1);
    // The fresh link, minted at the very instant of the withdrawal, and the links of another State, open as before.
    expect((await get(link({ iat: withdrawnAt / 1000 }))).statusCode).toBe(200);
    expect((await get(link({ holder: 'FRA', iat: (withdrawnAt - 1) / 1000 }))).statusCode).toBe(200);
  });

  it('leaves an expired link to the use case, which knows the deadline (409 once closed, 401 while open)', async () => {
    const result = await get(link({ exp: seconds() - 3600 }));
    expect(result.statusCode).toBe(200);
    expect(new Date((json(result) as { expiresAt: string }).expiresAt).getTime()).toBeLessThan(Date.now());
  });

  it('refuses a link for another list (403), one without a holder, a status-link audience or a staff token (401)', async () => {
    expect((await get(link(), 'circ_2')).statusCode).toBe(403);
    expect((await get(link({ holder: undefined }))).statusCode).toBe(401);
    expect((await get(link({ aud: 'accreditation-status' }))).statusCode).toBe(401);
    expect((await get(tokens.valid())).statusCode).toBe(401);
    expect((await get(linkToken({ aud: 'non-objection-ballot', sub: 'circ_1', holder: 'MEX' }, `${'x'.repeat(40)}-another-secret`))).statusCode).toBe(401);
  });
});

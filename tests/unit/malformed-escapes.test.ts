import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler as getMeeting } from '#functions/meetings/get-meeting.ts';
import { handler as listMeetings } from '#functions/meetings/list-meetings.ts';
import { freePort } from '#local/runtime.ts';
import { startApiServer } from '#local/server.ts';
import { startWebServer } from '#local/web-server.ts';
import { context, httpEvent, json } from '../helpers/lambda.ts';

const documentClient = mockClient(DynamoDBDocumentClient);
beforeEach(() => {
  documentClient.reset();
  documentClient.on(GetCommand).resolves({});
  documentClient.on(QueryCommand).resolves({ Items: [] });
});

const fields = (body: unknown) => (body as { fields?: { field: string }[] }).fields?.map((problem) => problem.field);

describe('a malformed percent-escape reaching the Lambda handler', () => {
  // API Gateway passes on what it cannot decode as it came, or with U+FFFD for the bytes that are no UTF-8.
  it.each(['%E0%A4', '\uFFFD\uFFFD', 'its-%zz'])('in a path parameter (%s) gets 400 naming it', async (meetingId) => {
    const result = await getMeeting(httpEvent({ method: 'GET', path: `/meetings/${meetingId}`, routeKey: 'GET /meetings/{meetingId}', pathParameters: { meetingId } }), context());
    expect(result.statusCode).toBe(400);
    expect(fields(json(result))).toEqual(['params.meetingId']);
  });

  it.each([['kind', '%E0%A4'], ['cursor', '%E0%A4'], ['cursor', '\uFFFD'], ['limit', '%E0']])('in the query (%s=%s) gets 400 naming it', async (name, value) => {
    const result = await listMeetings(httpEvent({ method: 'GET', path: '/meetings', routeKey: 'GET /meetings', query: { [name]: value } }), context());
    expect(result.statusCode).toBe(400);
    expect(fields(json(result))).toEqual([`query.${name}`]);
  });
});

describe('a malformed percent-escape on the local API server', () => {
  let api: Awaited<ReturnType<typeof startApiServer>>;
  beforeAll(async () => {
    api = await startApiServer({ port: await freePort() });
  });
  afterAll(() => api.stop());

  it.each([
    ['/meetings/%E0%A4', 'params.meetingId'],
    ['/meetings/%zz/changes', 'params.meetingId'],
    ['/meetings?kind=%E0%A4', 'query.kind'],
    ['/meetings?limit=5&cursor=%', 'query.cursor'],
  ])('GET %s gets 400 naming %s, and the server keeps answering', async (path, field) => {
    const response = await fetch(`${api.url}${path}`, { headers: { origin: 'http://127.0.0.1:3001' } });
    expect(response.status).toBe(400);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:3001'); // so the page can read why
    const body = (await response.json()) as { message: string; code: string; requestId: string };
    expect(fields(body)).toEqual([field]);
    expect(body).toMatchObject({ code: 'BAD_REQUEST', requestId: response.headers.get('x-request-id') });
    expect(body.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.message).toContain('percent-encoded UTF-8');
    expect((await fetch(`${api.url}/openapi.json`)).status).toBe(200);
  });

  it('still decodes a well-formed escape for the handler', async () => {
    const response = await fetch(`${api.url}/meetings/caf%C3%A9`);
    expect(response.status).toBe(400); // the handler's own answer: 'café' is not a meeting id
    expect(fields(await response.json())).toEqual(['params.meetingId']);
  });
});

describe('a malformed percent-escape on the local web server', { timeout: 120_000 }, () => {
  const outDir = mkdtempSync(join(tmpdir(), 'registry-web-'));
  let web: Awaited<ReturnType<typeof startWebServer>>;
  beforeAll(async () => {
    web = await startWebServer({ port: await freePort(), apiUrl: 'http://127.0.0.1:1', outDir });
  }, 120_000);
  afterAll(async () => {
    await web.stop();
    rmSync(outDir, { recursive: true, force: true });
  });

  it.each(['/%E0%A4', '/meetings/%zz', '/assets/%'])('GET %s gets 400 saying why, and the server keeps serving the pages', async (path) => {
    const response = await fetch(`${web.url}${path}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('not valid percent-encoded UTF-8');
    const page = await fetch(`${web.url}/meetings/caf%C3%A9`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
  });
});

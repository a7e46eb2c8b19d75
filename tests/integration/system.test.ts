import { describe, expect, it } from 'vitest';
import { routeList } from '#shared/http/routes.ts';
import { handler as recordHeartbeat } from '#functions/system/record-heartbeat.ts';
import { context } from '../helpers/lambda.ts';
import { api, apiUrl, mailboxUrl } from '../helpers/integration.ts';

describe('the system routes', () => {
  it('reports health, and the heartbeat job shows up in it once it has run', async () => {
    const before = await api<{ status: string; table: string; jobs: { job: string; lastRunAt: string | null }[] }>('GET', '/health');
    expect(before.status).toBe(200);
    expect(before.body.table).toBe('reachable');
    const ranAt = Date.now();
    await recordHeartbeat({ id: 'test', version: '0', account: '0', time: new Date().toISOString(), region: 'local', resources: [], source: 'aws.scheduler', 'detail-type': 'Scheduled Event', detail: {} }, context());
    const after = await api<{ status: string; jobs: { job: string; lastRunAt: string }[] }>('GET', '/health');
    const heartbeat = after.body.jobs.find((job) => job.job === 'heartbeat');
    expect(Date.parse(heartbeat?.lastRunAt ?? '')).toBeGreaterThanOrEqual(ranAt - 1000);
    expect(after.body.status).toBe('ok');
  });

  it('serves an OpenAPI 3.1 document with every route of the route table', async () => {
    const response = await api<{ openapi: string; paths: Record<string, Record<string, { operationId: string }>> }>('GET', '/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    for (const route of routeList) {
      expect(response.body.paths[route.path]?.[route.method.toLowerCase()]?.operationId, `${route.method} ${route.path}`).toBe(route.operationId);
    }
  });

  it('serves a readable API page and the mailbox page', async () => {
    const docs = await fetch(`${apiUrl}/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger-ui-bundle.js');
    expect((await fetch(`${apiUrl}/docs/assets/swagger-ui-bundle.js`)).status).toBe(200);
    const mailbox = await fetch(mailboxUrl);
    expect(mailbox.status).toBe(200);
  });

  it('answers an unknown route 404 and a CORS preflight 204', async () => {
    expect((await api('GET', '/no-such-route')).status).toBe(404);
    expect((await api('DELETE', '/meetings')).status).toBe(404);
    const preflight = await fetch(`${apiUrl}/meetings`, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('idempotency-key');
  });

  it('passes path parameters decoded and query strings to the handler as API Gateway does', async () => {
    const response = await api('GET', '/meetings/its%2D1');
    expect(response.status).toBe(200);
    expect(response.body.meetingId).toBe('its-1');
  });
});

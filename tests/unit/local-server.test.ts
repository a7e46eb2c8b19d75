import { Socket } from 'node:net';
import { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { httpApiEvent } from '#local/api-gateway-event.ts';
import { localIntervalSeconds } from '#local/scheduler.ts';
import { matchRoute, mountRoutes } from '#local/server.ts';
import { routes } from '#shared/http/routes.ts';
import { schedules } from '#shared/jobs/schedules.ts';

function request(method: string, rawHeaders: string[]): IncomingMessage {
  const message = new IncomingMessage(new Socket());
  message.method = method;
  message.httpVersion = '1.1';
  message.rawHeaders = rawHeaders;
  return message;
}

describe('the local API Gateway', () => {
  const mounted = mountRoutes();

  it('matches a path to its route with decoded path parameters', () => {
    expect(matchRoute(mounted, 'GET', '/meetings/its-1')).toEqual({ route: routes.getMeeting, pathParameters: { meetingId: 'its-1' } });
    expect(matchRoute(mounted, 'GET', '/meetings/caf%C3%A9')?.pathParameters).toEqual({ meetingId: 'café' });
    expect(matchRoute(mounted, 'GET', '/meetings/its-1/changes')?.route).toBe(routes.listMeetingChanges);
    expect(matchRoute(mounted, 'GET', '/meetings')).toEqual({ route: routes.listMeetings, pathParameters: undefined });
  });

  it('matches nothing for an unknown path or method, as API Gateway answers 404', () => {
    expect(matchRoute(mounted, 'DELETE', '/meetings/its-1')).toBeUndefined();
    expect(matchRoute(mounted, 'GET', '/meetings/its-1/unknown')).toBeUndefined();
    expect(matchRoute(mounted, 'GET', '/meetings/')).toBeUndefined();
  });

  it('builds a payload 2.0 event: lower-case headers joined by commas, cookies apart, query values joined', () => {
    const event = httpApiEvent({
      request: request('GET', ['Host', 'localhost:3000', 'Accept', 'text/html', 'Accept', 'application/json', 'Cookie', 'a=1; b=2', 'User-Agent', 'curl/8']),
      url: new URL('http://localhost:3000/meetings?kind=briefing&kind=consultation&limit=5'),
      routeKey: 'GET /meetings',
      pathParameters: undefined,
      body: Buffer.alloc(0),
      requestId: 'request-1',
      now: new Date('2017-05-08T08:00:00Z'),
    });
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /meetings',
      rawPath: '/meetings',
      rawQueryString: 'kind=briefing&kind=consultation&limit=5',
      cookies: ['a=1', 'b=2'],
      headers: { host: 'localhost:3000', accept: 'text/html,application/json', 'user-agent': 'curl/8' },
      queryStringParameters: { kind: 'briefing,consultation', limit: '5' },
      isBase64Encoded: false,
      requestContext: { routeKey: 'GET /meetings', stage: '$default', requestId: 'request-1', time: '08/May/2017:08:00:00 +0000', timeEpoch: 1494230400000, http: { method: 'GET', path: '/meetings', userAgent: 'curl/8' } },
    });
    expect(event.headers.cookie).toBeUndefined();
    expect(event).not.toHaveProperty('pathParameters');
    expect(event).not.toHaveProperty('body');
  });

  it('passes JSON bodies as text and binary bodies base64-encoded', () => {
    const build = (contentType: string, body: Buffer) =>
      httpApiEvent({ request: request('POST', ['Content-Type', contentType]), url: new URL('http://localhost/meetings'), routeKey: 'POST /meetings', pathParameters: undefined, body, requestId: 'r', now: new Date() });
    expect(build('application/json', Buffer.from('{"a":1}'))).toMatchObject({ body: '{"a":1}', isBase64Encoded: false });
    expect(build('application/pdf', Buffer.from([0, 1, 2]))).toMatchObject({ body: 'AAEC', isBase64Encoded: true });
  });
});

describe('the local scheduler', () => {
  it('ticks at the schedule-table rate unless a local override says otherwise', () => {
    expect(localIntervalSeconds(schedules.heartbeat, {})).toBe(schedules.heartbeat.everyMinutes * 60);
    expect(localIntervalSeconds(schedules.heartbeat, { LOCAL_HEARTBEAT_EVERY_SECONDS: '10' })).toBe(10);
    expect(localIntervalSeconds(schedules.heartbeat, { LOCAL_HEARTBEAT_EVERY_SECONDS: 'soon' })).toBe(schedules.heartbeat.everyMinutes * 60);
  });
});

describe('meeting reminders', async () => {
  const { reminderDue } = await import('#shared/registrations/notices.ts');
  const meeting = (start: string | null) => ({ dates: start ? { start, end: start } : null }) as Parameters<typeof reminderDue>[0];
  it('is due a week before, then a day before, and not before, after, or without dates', () => {
    const now = new Date('2017-07-19T10:00:00Z');
    expect(reminderDue(meeting('2017-07-26'), now)).toBe(7);
    expect(reminderDue(meeting('2017-07-21'), now)).toBe(7);
    expect(reminderDue(meeting('2017-07-20'), now)).toBe(1);
    expect(reminderDue(meeting('2017-07-27'), now)).toBeUndefined();
    expect(reminderDue(meeting('2017-07-19'), now)).toBeUndefined();
    expect(reminderDue(meeting(null), now)).toBeUndefined();
  });
});

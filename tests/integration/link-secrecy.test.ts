import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { beforeAll, describe, expect, it } from 'vitest';
import { audiences } from '#shared/auth/audiences.ts';
import { auditedEntities } from '#shared/audit/schemas.ts';
import { findNotification } from '#shared/email/store.ts';
import { notificationStates, type Notification } from '#shared/email/schemas.ts';
import { routeList } from '#shared/http/routes.ts';
import { api, apiUrl, dispatchedMail, staffToken, type MailboxEmail } from '../helpers/integration.ts';
import { ecosocOrganisation, openMeeting, registration, unique, type Receipt as RegistrationReceipt } from '../helpers/registrations.ts';

/**
 * Ballot secrecy (issue 14): staff run every part of the process but never hold a Member State's
 * vote or a registrant's say over their record. After a list has gone to all 195 States, every GET
 * route staff can call is read page by page and every string in its answer decoded: no link token
 * of any kind is in it. Staff resend a notice or withdraw its links instead; a withdrawn link gets
 * 401 on every route from then on.
 */
const admin = () => staffToken('admin', { sub: 'secrecy-admin@opga.example.org', name: 'Ada Admin' });
const reviewer = () => staffToken('reviewer', { sub: 'secrecy-reviewer@opga.example.org', name: 'Rui Reviewer' });
const linkAudiences = new Set<string>(Object.values(audiences));

type Page = { items?: unknown[]; nextCursor?: string | null };
type Scenario = {
  meetingId: string;
  organisationId: string;
  registrationId: string;
  registrationToken: string;
  applicationId: string;
  circulationId: string;
  title: string;
  inquiryId: string;
  callId: string;
  ballots: Map<string, string>;
};

/** Every token-like string in a text that decodes as a JWT, with what it says it is for. */
function decodedTokens(text: string): { token: string; audience: unknown }[] {
  const found = [];
  for (const [candidate] of text.matchAll(/[\w-]{10,}\.[\w-]{10,}\.[\w-]{10,}/g)) {
    const decoded = jwt.decode(candidate, { json: true });
    if (decoded) found.push({ token: candidate, audience: decoded.aud });
  }
  return found;
}

/** Every string in a JSON value (keys included), for decodedTokens. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, inner]) => [key, ...strings(inner)]);
  return [];
}

/** Each mission's ballot token from its e-mail (pm.<code>@missions.example.org) for this list. */
function ballotsFrom(emails: MailboxEmail[], title: string): Map<string, string> {
  const links = new Map<string, string>();
  for (const email of emails.filter((candidate) => candidate.subject.endsWith(title))) {
    const code = /pm\.([a-z]{3})@missions\.example\.org/.exec(email.destination.to.join(','))?.[1]?.toUpperCase();
    const token = /#token=([\w.-]+)/.exec(email.body.text ?? '')?.[1];
    if (code && token) links.set(code, token);
  }
  return links;
}

async function scenario(): Promise<Scenario> {
  const opened = await api('PUT', '/accreditation/stages/preparatory-process', { token: admin(), body: { applicationDeadline: new Date(Date.now() + 30 * 24 * 3600_000).toISOString() } });
  expect(opened.status).toBe(200);

  const meetingId = await openMeeting();
  const organisation = await ecosocOrganisation();
  const registered = await api<RegistrationReceipt>('POST', `/meetings/${meetingId}/registrations`, { body: registration(organisation.organisationId, [unique()]) });
  expect(registered.status).toBe(201);

  const applied = await api<{ application: { applicationId: string } }>('POST', '/accreditation/applications', {
    body: {
      stage: 'preparatory-process',
      organisation: { name: `Secrecy Migrant Network ${randomUUID().slice(0, 8)}`, type: 'ngo', country: 'KEN', website: null, yearFounded: 2003, mission: 'Legal aid and shelter for migrants in transit and at destination.', relevanceToMigration: 'Works with migrants in transit along the central Mediterranean route.', geographicScope: 'international' },
      contact: { name: 'Ana Ruiz', email: unique() },
      representativeGender: 'female',
    },
  });
  expect(applied.status).toBe(201);
  const { applicationId } = applied.body.application;
  expect((await api('POST', '/accreditation/applications/decisions', { token: admin(), body: { applicationIds: [applicationId], decision: 'include' } })).status).toBe(200);

  const title = `Secret ballot list ${randomUUID().slice(0, 8)}`;
  const created = await api<{ circulation: { circulationId: string } }>('POST', '/circulations', { token: admin(), body: { stage: 'preparatory-process', title, applicationIds: [applicationId] } });
  expect(created.status).toBe(201);
  const { circulationId } = created.body.circulation;
  const circulated = await api<{ notices: { notifications: number } }>('POST', `/circulations/${circulationId}/circulate`, { token: admin(), body: { deadline: new Date(Date.now() + 3600_000).toISOString() } });
  expect(circulated.status).toBe(200);
  expect(circulated.body.notices.notifications).toBe(195);

  const inquiry = await api<{ inquiry: { inquiryId: string } }>('POST', '/trust-fund/inquiries', {
    body: { donor: { name: `Fondation Secret ${randomUUID().slice(0, 6)}`, type: 'philanthropic-organisation', country: 'CHE' }, contact: { name: 'Claire Dubois', email: unique() }, intended: { amount: 250000, currency: 'CHF' }, earmarked: false, message: 'We would like to support participation from the least developed countries.' },
  });
  expect(inquiry.status).toBe(201);
  const call = await api<{ callId: string }>('POST', '/steering-committee/calls', {
    token: admin(),
    body: { title: `Secrecy call ${randomUUID().slice(0, 6)}`, description: 'Members recommend speakers and give input to the programme.', constituencies: ['civil-society'], seats: 3, deadline: new Date(Date.now() + 3600_000).toISOString() },
  });
  expect(call.status).toBe(201);

  const ballots = ballotsFrom(await dispatchedMail((email) => email.subject.endsWith(title), 195), title);
  expect(ballots.size).toBe(195);
  return {
    meetingId,
    organisationId: organisation.organisationId,
    registrationId: registered.body.registration.registrationId,
    registrationToken: registered.body.statusToken,
    applicationId,
    circulationId,
    title,
    inquiryId: inquiry.body.inquiry.inquiryId,
    callId: call.body.callId,
    ballots,
  };
}

/** Reads a GET route as staff, every page of it; the answers' texts. */
async function readAll(path: string, query: Record<string, string> = {}): Promise<{ status: number; texts: string[]; items: unknown[] }> {
  const texts: string[] = [];
  const items: unknown[] = [];
  let cursor: string | null | undefined;
  for (let pages = 0; pages < 200; pages += 1) {
    const search = new URLSearchParams({ ...query, ...(cursor ? { cursor } : {}) });
    const response = await fetch(`${apiUrl}${path}${search.size ? `?${search}` : ''}`, { headers: { authorization: `Bearer ${admin()}` } });
    const text = await response.text();
    texts.push(text);
    if (response.status !== 200) return { status: response.status, texts, items };
    if (!(response.headers.get('content-type') ?? '').includes('json')) return { status: 200, texts, items };
    const body = JSON.parse(text) as Page;
    items.push(...(body.items ?? []));
    cursor = body.nextCursor;
    if (!cursor) return { status: 200, texts, items };
  }
  throw new Error(`${path} did not end within 200 pages`);
}

/** A listing takes `limit` (and gives a cursor); an export or a summary does not. */
const pageable = (route: (typeof routeList)[number]) => Boolean(route.query && 'shape' in route.query && 'limit' in (route.query.shape as object));

let world: Scenario;
beforeAll(async () => {
  world = await scenario();
}, 180_000);

describe('no staff route shows a link token', { timeout: 300_000 }, () => {
  it('after a full circulation, every staff GET route answers without a token of any audience in any string', async () => {
    // The tokens are there to be leaked: the stored notice of Mexico carries its ballot link.
    const mexico = world.ballots.get('MEX')!;
    expect(jwt.decode(mexico, { json: true })?.aud).toBe(audiences.ballot);

    const ours: Notification[] = [];
    const texts: { route: string; text: string }[] = [];
    const read = async (route: string, path: string, query: Record<string, string> = {}) => {
      const answer = await readAll(path, query);
      expect(answer.status, `${route} ${path}`).toBe(200);
      texts.push(...answer.texts.map((text) => ({ route, text })));
      return answer.items;
    };

    const values: Record<string, string[]> = {
      meetingId: [world.meetingId],
      stage: ['preparatory-process'],
      circulationId: [world.circulationId],
      callId: [world.callId],
      inquiryId: [world.inquiryId],
      organisationId: [world.organisationId],
    };
    const staffGets = routeList.filter((route) => route.method === 'GET' && (route.access === 'reviewer' || route.access === 'admin'));
    const later = staffGets.filter((route) => route.path.includes('{notificationId}') || route.path.includes('{entity}'));
    for (const route of staffGets.filter((candidate) => !later.includes(candidate))) {
      const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
      const missing = names.filter((name) => !values[name]);
      expect(missing, `${route.operationId}: a value for each path parameter`).toEqual([]);
      const path = names.reduce((built, name) => built.replace(`{${name}}`, encodeURIComponent(values[name]![0]!)), route.path);
      if (route.operationId === 'listNotifications') {
        for (const state of notificationStates) {
          const items = (await read(route.operationId, path, { state, limit: '200' })) as Notification[];
          ours.push(...items.filter((notification) => notification.data.circulationId === world.circulationId || JSON.stringify(notification.data).includes(world.registrationId)));
        }
      } else await read(route.operationId, path, pageable(route) ? { limit: '200' } : {});
    }

    // Each of this scenario's notices on its own, as staff open it (data and rendered body), and every audit trail it made.
    expect(ours.length).toBeGreaterThanOrEqual(195);
    for (const route of later.filter((candidate) => candidate.path.includes('{notificationId}'))) {
      for (const notification of ours) await read(route.operationId, route.path.replace('{notificationId}', notification.notificationId));
    }
    const audited: Record<string, string> = { meeting: world.meetingId, registration: world.registrationId, 'member-state': 'MEX', organisation: world.organisationId, notification: ours[0]!.notificationId, circulation: world.circulationId, 'committee-call': world.callId, 'trust-fund-inquiry': world.inquiryId, 'trust-fund': 'current', application: world.applicationId, 'accreditation-stage': 'preparatory-process' };
    for (const entity of Object.keys(auditedEntities).filter((name) => audited[name])) await read('getAuditTrail', `/audit/${entity}/${encodeURIComponent(audited[entity]!)}`, { limit: '200' });

    const leaked = texts.flatMap(({ route, text }) => strings(text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text).flatMap(decodedTokens).filter((token) => linkAudiences.has(String(token.audience))).map((token) => `${route}: ${String(token.audience)}`));
    expect(leaked).toEqual([]);
    // What staff read instead: the link, its token withheld.
    const shown = texts.find(({ route, text }) => route === 'getNotification' && text.includes('ballot'))!.text;
    expect(shown).toContain('#token=[withheld]');
  });
});

describe('resending a notice and withdrawing its links', { timeout: 120_000 }, () => {
  const ballotOf = (token: string | undefined) => api<{ memberState: { code: string } }>('GET', `/circulations/${world.circulationId}/ballot`, { token });
  async function noticeTo(address: string, matches: (notification: Notification) => boolean): Promise<Notification> {
    const { items } = await readAll('/notifications', { state: 'sent', limit: '200' });
    const found = (items as Notification[]).find((notification) => notification.to.includes(address) && matches(notification));
    expect(found, `a sent notice to ${address}`).toBeDefined();
    return found!;
  }
  /** The links in e-mails to this address not seen before, once at least one has come; for a mission, of this list only (other tests circulate lists to the same missions). */
  const newTokensTo = async (address: string, known: Set<string>) => {
    const mission = address.endsWith('@missions.example.org');
    const tokenOf = (email: MailboxEmail) => /#token=([\w.-]+)/.exec(email.body.text ?? '')?.[1];
    const emails = await dispatchedMail((email) => email.destination.to.includes(address) && (!mission || email.subject.endsWith(world.title)) && tokenOf(email) !== undefined && !known.has(tokenOf(email)!), 1);
    return emails.map((email) => tokenOf(email)!);
  };

  it('resends a ballot to its mission with a fresh link staff never see; both links open the ballot', async () => {
    const notice = await noticeTo('pm.mex@missions.example.org', (notification) => notification.data.circulationId === world.circulationId);
    const resent = await api<{ notifications: Notification[]; links: { kind: string; memberState: string | null }[] }>('POST', `/notifications/${notice.notificationId}/resend`, { token: reviewer() });
    expect(resent.status).toBe(201);
    expect(resent.body.links).toEqual([expect.objectContaining({ kind: 'ballot link', memberState: 'MEX', subject: world.circulationId })]);
    expect(resent.body.notifications).toHaveLength(1);
    expect(resent.body.notifications[0]!.to).toEqual(['pm.mex@missions.example.org']);
    expect(JSON.stringify(resent.body)).toContain('#token=[withheld]');
    expect(decodedTokens(JSON.stringify(resent.body))).toEqual([]);
    // The copy in the table holds a new token for the same ballot.
    const stored = await findNotification(resent.body.notifications[0]!.notificationId);
    const fresh = /#token=([\w.-]+)/.exec(String(stored?.data.ballotUrl))![1]!;
    expect(fresh).not.toBe(world.ballots.get('MEX'));

    const mailed = await newTokensTo('pm.mex@missions.example.org', new Set([world.ballots.get('MEX')!]));
    expect(mailed).toContain(fresh);
    expect((await ballotOf(fresh)).body.memberState.code).toBe('MEX');
    expect((await ballotOf(world.ballots.get('MEX'))).status).toBe(200);
    world.ballots.set('MEX-resent', fresh);
  });

  it('lets only an admin withdraw; then every earlier link of the State gets 401 on every route, the fresh one opens, other States are untouched', async () => {
    const notice = await noticeTo('pm.mex@missions.example.org', (notification) => notification.data.circulationId === world.circulationId);
    const path = `/notifications/${notice.notificationId}/revoke-links`;
    const byReviewer = await api('POST', path, { token: reviewer(), body: { reason: 'Sent to a former mission address' } });
    expect(byReviewer.status).toBe(403);
    expect((await api<{ fields: { field: string }[] }>('POST', path, { token: admin(), body: { reason: '' } })).body.fields[0]!.field).toBe('body.reason');
    expect((await ballotOf(world.ballots.get('MEX'))).status).toBe(200);

    // Two clicks at once, the same Idempotency-Key: one withdrawal, one fresh notice.
    const key = randomUUID();
    const clicks = await Promise.all([1, 2].map(() => api<{ withdrawn: { kind: string; memberState: string }[]; notifications: Notification[] }>('POST', path, { token: admin(), body: { reason: 'Sent to a former mission address' }, headers: { 'idempotency-key': key } })));
    const done = clicks.find((click) => click.status === 200)!;
    expect(clicks.map((click) => click.status).sort()).toEqual(clicks.every((click) => click.status === 200) ? [200, 200] : [200, 409]);
    expect(done.body.withdrawn).toEqual([expect.objectContaining({ kind: 'ballot link', memberState: 'MEX' })]);
    expect(done.body.notifications.map((notification) => notification.to)).toEqual([['pm.mex@missions.example.org']]);

    for (const old of [world.ballots.get('MEX'), world.ballots.get('MEX-resent')]) {
      const refused = await ballotOf(old);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
      expect(String((refused.body as unknown as { message: string }).message)).toContain('withdrawn');
      const objection = await api('POST', `/circulations/${world.circulationId}/objections`, { token: old, body: { applicationIds: [world.applicationId], basis: null } });
      expect(objection.status).toBe(401);
    }
    const fresh = await newTokensTo('pm.mex@missions.example.org', new Set([world.ballots.get('MEX')!, world.ballots.get('MEX-resent')!]));
    expect(fresh).toHaveLength(1);
    expect((await ballotOf(fresh[0])).body.memberState.code).toBe('MEX');
    expect((await ballotOf(world.ballots.get('FRA'))).status).toBe(200);

    const trail = await api<{ items: { action: string; actorId: string; actorName?: string; details: { reason?: string } }[] }>('GET', `/audit/notification/${notice.notificationId}`, { token: reviewer() });
    expect(trail.body.items.filter((entry) => entry.action === 'notification.linksWithdrawn')).toEqual([expect.objectContaining({ actorId: 'secrecy-admin@opga.example.org', actorName: 'Ada Admin', details: expect.objectContaining({ reason: 'Sent to a former mission address' }) })]);
  });

  it('withdraws a registrant’s status link: the receipt’s token stops opening the registration, the fresh e-mail’s opens it', async () => {
    const open = (token: string) => api('GET', `/registrations/${world.registrationId}`, { token });
    expect((await open(world.registrationToken)).status).toBe(200);
    const { items } = await readAll('/notifications', { state: 'sent', limit: '200' });
    const received = (items as Notification[]).find((notification) => JSON.stringify(notification.data).includes(world.registrationId) || notification.dedupeKey.includes(world.registrationId))!;
    expect(received).toBeDefined();
    const withdrawn = await api<{ withdrawn: { kind: string; subject: string }[]; notifications: Notification[] }>('POST', `/notifications/${received.notificationId}/revoke-links`, { token: admin(), body: { reason: 'The registrant forwarded the e-mail to a mailing list' } });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.withdrawn).toEqual([expect.objectContaining({ kind: 'registration status link', subject: world.registrationId })]);
    expect((await open(world.registrationToken)).status).toBe(401);
    const [fresh] = await newTokensTo(received.to[0]!, new Set([world.registrationToken]));
    expect(fresh).toBeDefined();
    expect((await open(fresh!)).status).toBe(200);
  });

  it('refuses to resend or withdraw what it cannot: an unknown notice 404, a notice without links 409', async () => {
    expect((await api('POST', '/notifications/no-such-notification/resend', { token: reviewer() })).status).toBe(404);
    const test = await api<Notification>('POST', '/notifications/test-messages', { token: admin(), body: { to: 'checks@opga.example.org' } });
    expect(test.status).toBe(201);
    const refused = await api('POST', `/notifications/${test.body.notificationId}/revoke-links`, { token: admin(), body: { reason: 'Checking' } });
    expect(refused.status).toBe(409);
    expect(String(refused.body.message)).toContain('no link');
  });
});

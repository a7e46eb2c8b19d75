import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '#shared/clock.ts';
import { dispatchNotifications } from '#shared/email/dispatcher.ts';
import { api, mailbox, staffToken } from '../helpers/integration.ts';

type Application = { applicationId: string; state: string; stateReason: string | null; organisation: { regionalGroup: string | null } };
type Receipt = { application: Application; statusUrl: string; statusToken: string };

const body = (overrides: { name?: string; country?: string; type?: string; gender?: string; email?: string } = {}) => ({
  stage: 'preparatory-process',
  organisation: {
    name: overrides.name ?? `Diaspora Youth Forum ${randomUUID().slice(0, 6)}`,
    type: overrides.type ?? 'diaspora-organisation',
    country: overrides.country ?? 'GHA',
    website: 'https://diaspora-youth.example.org',
    yearFounded: 2009,
    mission: 'Connecting young people of the diaspora with development at home.',
    relevanceToMigration: 'Runs remittance literacy and return-migration programmes in West Africa.',
    geographicScope: 'regional',
  },
  contact: { name: 'Kofi Mensah', email: overrides.email ?? `${randomUUID().slice(0, 10)}@example.org` },
  representativeGender: overrides.gender ?? 'female',
});

beforeAll(async () => {
  // The seeded deadline is the sources' (17 April 2017): open the stage as staff would.
  const opened = await api('PUT', '/accreditation/stages/preparatory-process', { token: staffToken(), body: { applicationDeadline: new Date(Date.now() + 30 * 24 * 3600_000).toISOString() } });
  expect(opened.status).toBe(200);
});

describe('applying for special accreditation', { timeout: 60_000 }, () => {
  it('accepts an application before the deadline, acknowledges it by e-mail with a status link, and refuses the same organisation twice', async () => {
    const request = body({ name: `Migrant Workers Link ${randomUUID().slice(0, 6)}` });
    const response = await api<Receipt>('POST', '/accreditation/applications', { body: request });
    expect(response.status).toBe(201);
    expect(response.body.application).toMatchObject({ state: 'submitted', organisation: { regionalGroup: 'african' } });
    expect(response.headers.get('location')).toBe(`/accreditation/applications/${response.body.application.applicationId}`);

    const again = await api('POST', '/accreditation/applications', { body: { ...request, organisation: { ...request.organisation, name: request.organisation.name.toUpperCase() } } });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain(response.body.application.applicationId);

    const path = `/accreditation/applications/${response.body.application.applicationId}`;
    expect((await api<Application>('GET', path, { token: response.body.statusToken })).body.state).toBe('submitted');
    expect((await api('GET', path, { token: staffToken() })).status).toBe(401);
    expect((await api('GET', path)).status).toBe(401);

    await dispatchNotifications({ clock: systemClock, remainingMs: () => 60_000 });
    const [email] = (await mailbox()).filter((candidate) => candidate.destination.to.some((to) => to.includes(request.contact.email)));
    expect(email?.subject).toBe('Application for special accreditation received');
    expect(email?.body.text).toContain(response.body.statusUrl);
  });

  it('refuses after the deadline, and names bad fields', async () => {
    const late = await api('POST', '/accreditation/applications', { body: { ...body(), stage: 'intergovernmental-conference' } });
    expect(late.status).toBe(409);
    expect(late.body.message).toContain('closed at 2018-04-30T23:59:59-04:00');
    const bad = await api('POST', '/accreditation/applications', { body: { ...body(), organisation: { ...body().organisation, type: 'nhri', yearFounded: 3000, mission: 'short' } } });
    expect(bad.status).toBe(400);
    expect((bad.body.fields as { field: string }[]).map((problem) => problem.field).sort()).toEqual(['body.organisation.mission', 'body.organisation.type', 'body.organisation.yearFounded']);
  });

  it('lets staff screen applications, tells a rejected applicant why, and shows the balance of the list', async () => {
    const kenya = (await api<Receipt>('POST', '/accreditation/applications', { body: body({ country: 'KEN', gender: 'male', type: 'migrant-organisation' }) })).body;
    const mexico = (await api<Receipt>('POST', '/accreditation/applications', { body: body({ country: 'MEX' }) })).body;
    const rejected = (await api<Receipt>('POST', '/accreditation/applications', { body: body({ country: 'FRA' }) })).body;

    const include = await api<{ items: { outcome: string }[] }>('POST', '/accreditation/applications/decisions', { token: staffToken(), body: { applicationIds: [kenya.application.applicationId, mexico.application.applicationId], decision: 'include' } });
    expect(include.body.items.map((item) => item.outcome)).toEqual(['done', 'done']);
    expect((await api('POST', '/accreditation/applications/decisions', { token: staffToken(), body: { applicationIds: [rejected.application.applicationId], decision: 'reject' } })).status).toBe(400);
    const reject = await api<{ items: { outcome: string; state: string }[] }>('POST', '/accreditation/applications/decisions', { token: staffToken(), body: { applicationIds: [rejected.application.applicationId], decision: 'reject', reason: 'The organisation does not work on migration.' } });
    expect(reject.body.items[0]).toMatchObject({ outcome: 'done', state: 'rejected' });

    const included = await api<{ items: Application[] }>('GET', '/accreditation/stages/preparatory-process/applications?state=included&limit=200', { token: staffToken() });
    const ids = included.body.items.map((application) => application.applicationId);
    expect(ids).toEqual(expect.arrayContaining([kenya.application.applicationId, mexico.application.applicationId]));
    expect(ids).not.toContain(rejected.application.applicationId);

    const figures = await api<{ total: number; byRegionalGroup: Record<string, { count: number; share: number }>; byGender: Record<string, { count: number }> }>('GET', '/accreditation/stages/preparatory-process/balance', { token: staffToken() });
    expect(figures.body.total).toBe(ids.length);
    expect(figures.body.byRegionalGroup['latin-american-caribbean']?.count).toBeGreaterThanOrEqual(1);
    expect(figures.body.byGender.male?.count).toBeGreaterThanOrEqual(1);
    const shares = Object.values(figures.body.byRegionalGroup).reduce((sum, entry) => sum + entry.share, 0);
    expect(shares).toBeCloseTo(1, 2);

    await dispatchNotifications({ clock: systemClock, remainingMs: () => 60_000 });
    const told = (await mailbox()).filter((email) => email.subject === 'Your application for special accreditation');
    expect(told.some((email) => (email.body.text ?? '').includes('The organisation does not work on migration.'))).toBe(true);
    const trail = await api<{ items: { action: string }[] }>('GET', `/audit/application/${rejected.application.applicationId}`, { token: staffToken() });
    expect(trail.body.items.map((entry) => entry.action)).toEqual(['application.rejected', 'application.submitted']);
  });
});

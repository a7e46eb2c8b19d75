import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dispatchNotifications } from '#shared/email/dispatcher.ts';
import { systemClock } from '#shared/clock.ts';
import type { Organisation } from '#shared/organisations/schemas.ts';
import { findOrganisationByMatchKey } from '#shared/organisations/store.ts';
import { organisationMatchKey } from '#shared/organisations/schemas.ts';
import { api, mailbox, staffToken } from '../helpers/integration.ts';
import { ecosocOrganisation, openMeeting, person, registration, unique, type Receipt, type Registration } from '../helpers/registrations.ts';

describe('registering for a meeting', { timeout: 60_000 }, () => {
  it('registers, answers with a status link, and e-mails the confirmation with the .ics and the link', async () => {
    const meetingId = await openMeeting();
    const organisation = await ecosocOrganisation();
    const [first, second] = [unique(), unique()];
    const response = await api<Receipt>('POST', `/meetings/${meetingId}/registrations`, { body: registration(organisation.organisationId, [first, second], { language: 'fr' }) });
    expect(response.status).toBe(201);
    const { registration: stored, statusUrl, statusToken } = response.body;
    expect(stored).toMatchObject({ state: 'pending', places: 2, organisation: { organisationId: organisation.organisationId, category: 'ecosoc-consultative-status' } });
    expect(statusUrl).toBe(`http://127.0.0.1:3000/registrations/${stored.registrationId}#token=${statusToken}`);
    expect(response.headers.get('location')).toBe(`/registrations/${stored.registrationId}`);

    await dispatchNotifications({ clock: systemClock, remainingMs: () => 60_000 });
    // The parsed To of a message to several people is one comma-separated string.
    const [email] = (await mailbox()).filter((candidate) => candidate.destination.to.some((to) => to.includes(first)));
    expect(email?.subject).toMatch(/^Inscription reçue/);
    expect(email?.destination.to.join(',')).toContain(second);
    expect(email?.body.text).toContain(statusUrl);
    expect(email?.attachments.some((attachment) => attachment.contentType.startsWith('text/calendar'))).toBe(true);
  });

  it('lets the status link, and only it, read the registration and change its speaking interest', async () => {
    const meetingId = await openMeeting();
    const organisation = await ecosocOrganisation();
    const [first, second] = [unique(), unique()];
    const receipt = (await api<Receipt>('POST', `/meetings/${meetingId}/registrations`, { body: registration(organisation.organisationId, [first, second]) })).body;
    const other = (await api<Receipt>('POST', `/meetings/${meetingId}/registrations`, { body: registration((await ecosocOrganisation()).organisationId, [unique()]) })).body;
    const path = `/registrations/${receipt.registration.registrationId}`;

    expect((await api<Registration>('GET', path, { token: receipt.statusToken })).body.registrationId).toBe(receipt.registration.registrationId);
    expect((await api('GET', path)).status).toBe(401);
    expect((await api('GET', path, { token: staffToken() })).status).toBe(401);
    expect((await api('GET', path, { token: other.statusToken })).status).toBe(403);

    const changed = await api<Registration>('PATCH', path, { token: receipt.statusToken, body: { representatives: [{ email: second, wishesToSpeak: true, speakingTopic: 'Diaspora contributions' }] } });
    expect(changed.status).toBe(200);
    expect(changed.body.representatives.find((representative) => representative.email === second)).toMatchObject({ wishesToSpeak: true, speakingTopic: 'Diaspora contributions' });
    const unknown = await api('PATCH', path, { token: receipt.statusToken, body: { representatives: [{ email: 'stranger@example.org', wishesToSpeak: true, speakingTopic: 'Anything at all' }] } });
    expect(unknown.status).toBe(400);
  });

  it('answers a parliamentarian without storing anything', async () => {
    const meetingId = await openMeeting();
    const response = await api<{ stored: boolean; message: string }>('POST', `/meetings/${meetingId}/registrations`, { body: { participantType: 'parliamentarian' } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ stored: false, message: expect.stringContaining('Inter-Parliamentary Union') });
  });

  it('refuses, storing nothing: closed window, unknown meeting, ineligible organisation, too many representatives, malformed fields', async () => {
    const organisation = await ecosocOrganisation();
    const closed = await api('POST', '/meetings/its-1/registrations', { body: registration(organisation.organisationId, [unique()]) });
    expect(closed.status).toBe(409);
    expect(closed.body.message).toContain('closed at 2017-05-01T23:59:00+02:00');
    expect((await api('POST', '/meetings/no-such-meeting/registrations', { body: registration(organisation.organisationId, [unique()]) })).status).toBe(404);

    const meetingId = await openMeeting();
    const newcomer = { name: `Unaccredited Collective ${randomUUID().slice(0, 6)}`, country: 'KEN', website: null, type: 'civil-society-organisation' };
    const ineligible = await api('POST', `/meetings/${meetingId}/registrations`, { body: { organisation: newcomer, contact: { name: 'Wanjiru K', email: unique() }, representatives: [person(unique())] } });
    expect(ineligible.status).toBe(422);
    expect(ineligible.body.message).toMatch(/not eligible.*special accreditation/);
    expect(await findOrganisationByMatchKey(organisationMatchKey(newcomer.name, newcomer.country))).toBeUndefined();

    const tooMany = await api('POST', `/meetings/${meetingId}/registrations`, { body: registration(organisation.organisationId, [unique(), unique(), unique()]) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.fields).toEqual([{ field: 'body.representatives', message: 'must name at most 2' }]);

    const malformed = await api('POST', `/meetings/${meetingId}/registrations`, {
      body: { organisation: { organisationId: organisation.organisationId }, contact: { name: 'A', email: 'nope' }, representatives: [{ ...person(unique(), true), speakingTopic: null, gender: 'unknown' }] },
    });
    expect(malformed.status).toBe(400);
    expect((malformed.body.fields as { field: string }[]).map((problem) => problem.field)).toEqual(expect.arrayContaining(['body.contact.name', 'body.contact.email', 'body.representatives.0.gender']));
  });

  it('refuses the same person twice for a meeting (409), and an organisation beyond its representatives (422)', async () => {
    const meetingId = await openMeeting();
    const organisation = await ecosocOrganisation();
    const email = unique();
    expect((await api('POST', `/meetings/${meetingId}/registrations`, { body: registration(organisation.organisationId, [email]) })).status).toBe(201);
    const again = await api('POST', `/meetings/${meetingId}/registrations`, { body: registration((await ecosocOrganisation()).organisationId, [email]) });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain(`${email} is already registered`);
    const beyond = await api('POST', `/meetings/${meetingId}/registrations`, { body: registration(organisation.organisationId, [unique(), unique()]) });
    expect(beyond.status).toBe(422);
  });

  it('creates one registration from 50 concurrent identical ones', async () => {
    const meetingId = await openMeeting();
    const body = registration((await ecosocOrganisation()).organisationId, [unique()]);
    const responses = await Promise.all(Array.from({ length: 50 }, () => api('POST', `/meetings/${meetingId}/registrations`, { body })));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    // The rest are refused as already registered, or, past the hour's limit for the address (40 in the tests), as too many.
    expect(statuses.filter((status) => status === 409)).toHaveLength(39);
    expect(statuses.filter((status) => status === 429)).toHaveLength(10);
  });

  it('never over-fills a meeting when many race for the last places, and waitlists the rest in order', async () => {
    const meetingId = await openMeeting({ capacity: 5, representativesPerOrganisation: 50 });
    const organisation = await ecosocOrganisation();
    const responses = await Promise.all(Array.from({ length: 20 }, () => api<Receipt>('POST', `/meetings/${meetingId}/registrations`, { body: registration(organisation.organisationId, [unique()]) })));
    expect(responses.every((response) => response.status === 201)).toBe(true);
    const states = responses.map((response) => response.body.registration.state);
    expect(states.filter((state) => state === 'pending')).toHaveLength(5);
    expect(states.filter((state) => state === 'waitlisted')).toHaveLength(15);
  });

  it('promotes the first waitlisted registration when a place frees, and e-mails it', async () => {
    const meetingId = await openMeeting({ capacity: 2 });
    const register = async () => (await api<Receipt>('POST', `/meetings/${meetingId}/registrations`, { body: registration((await ecosocOrganisation()).organisationId, [unique(), unique()]) })).body;
    const holder = await register();
    const firstWaiting = await register();
    const secondWaiting = await register();
    expect([holder, firstWaiting, secondWaiting].map((receipt) => receipt.registration.state)).toEqual(['pending', 'waitlisted', 'waitlisted']);

    const withdrawn = await api<Registration>('DELETE', `/registrations/${holder.registration.registrationId}`, { token: holder.statusToken });
    expect(withdrawn.body.state).toBe('withdrawn');
    expect((await api('DELETE', `/registrations/${holder.registration.registrationId}`, { token: holder.statusToken })).status).toBe(409);

    const read = async (receipt: Receipt) => (await api<Registration>('GET', `/registrations/${receipt.registration.registrationId}`, { token: receipt.statusToken })).body.state;
    expect(await read(firstWaiting)).toBe('pending');
    expect(await read(secondWaiting)).toBe('waitlisted');

    await dispatchNotifications({ clock: systemClock, remainingMs: () => 60_000 });
    const contact = firstWaiting.registration.representatives[0]?.email ?? '';
    const messages = (await mailbox()).filter((email) => email.destination.to.some((to) => to.includes(contact))).map((email) => email.body.text ?? '');
    expect(messages.some((text) => text.includes('moved from the waiting list'))).toBe(true);
  });
});

describe('staff reviewing registrations', { timeout: 60_000 }, () => {
  it('lists with filters, decides in bulk with reasons, promotes the waiting list, counts and exports', async () => {
    const meetingId = await openMeeting({ capacity: 3 });
    const post = async (organisation: Organisation, people: Record<string, unknown>[]) =>
      (await api<Receipt>('POST', `/meetings/${meetingId}/registrations`, { body: { organisation: { organisationId: organisation.organisationId }, contact: { name: 'Contact person', email: unique() }, representatives: people } })).body.registration;
    const african = await post(await ecosocOrganisation(), [person(unique(), true)]);
    const latin = await post(await ecosocOrganisation(`=HYPERLINK("http://evil.example") ${randomUUID().slice(0, 4)}`, 'MEX'), [{ ...person(unique()), gender: 'male', nationality: 'MEX' }, { ...person(unique()), gender: 'male', nationality: 'MEX' }]);
    const waiting = await post(await ecosocOrganisation(undefined, 'KEN'), [person(unique())]);
    expect([african.state, latin.state, waiting.state]).toEqual(['pending', 'pending', 'waitlisted']);
    expect(african.organisation.regionalGroup).toBe('african');

    const list = (query: string) => api<{ items: Registration[] }>('GET', `/meetings/${meetingId}/registrations?${query}`, { token: staffToken() }).then((response) => response.body.items.map((item) => item.registrationId));
    expect(await list('')).toEqual([african.registrationId, latin.registrationId, waiting.registrationId]);
    expect(await list('state=waitlisted')).toEqual([waiting.registrationId]);
    expect(await list('regionalGroup=african')).toEqual([african.registrationId, waiting.registrationId]);
    expect(await list('gender=male')).toEqual([latin.registrationId]);
    expect(await list('wishesToSpeak=true&country=SEN')).toEqual([african.registrationId]);
    expect((await api('GET', `/meetings/${meetingId}/registrations`)).status).toBe(401);

    const decide = (body: Record<string, unknown>) => api<{ items: { registrationId: string; outcome: string; state: string; message: string | null }[] }>('POST', `/meetings/${meetingId}/registrations/decisions`, { token: staffToken(), body });
    const approved = await decide({ registrationIds: [african.registrationId, waiting.registrationId], decision: 'approve' });
    expect(approved.body.items).toEqual([
      { registrationId: african.registrationId, outcome: 'done', state: 'approved', message: null },
      { registrationId: waiting.registrationId, outcome: 'skipped', state: 'waitlisted', message: 'The meeting has no room for 1 more representative' },
    ]);
    const noReason = await decide({ registrationIds: [latin.registrationId], decision: 'decline' });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toMatchObject({ fields: [{ field: 'body.reason', message: 'is required to decline' }] });

    const declined = await decide({ registrationIds: [latin.registrationId], decision: 'decline', reason: 'Balance of constituencies at this hearing' });
    expect(declined.body.items[0]).toMatchObject({ outcome: 'done', state: 'declined' });
    expect(await list('state=pending')).toEqual([waiting.registrationId]); // promoted into the freed places
    expect((await decide({ registrationIds: [waiting.registrationId], decision: 'approve' })).body.items[0]?.state).toBe('approved');

    const counts = await api<{ byState: Record<string, number>; places: Record<string, number>; representatives: { total: number; byGender: Record<string, number>; byRegionalGroup: Record<string, number> } }>('GET', `/meetings/${meetingId}/registrations/counts`, { token: staffToken() });
    expect(counts.body.byState).toEqual({ approved: 2, declined: 1 });
    expect(counts.body.places).toEqual({ capacity: 3, taken: 2, waitlisted: 0 });
    expect(counts.body.representatives).toMatchObject({ total: 2, byGender: { female: 2 }, byRegionalGroup: { african: 2 } });

    const exported = await fetch(`${(await import('../helpers/integration.ts')).apiUrl}/meetings/${meetingId}/registrations/export`, { headers: { authorization: `Bearer ${staffToken()}` } });
    expect(exported.headers.get('content-type')).toContain('text/csv');
    expect(exported.headers.get('content-disposition')).toContain(`${meetingId}-registrations-`);
    const csv = await exported.text();
    const lines = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^registrationId,state,stateReason,organisation,/);
    expect(lines).toHaveLength(1 + 4); // header and one row per representative
    expect(csv).toContain("'=HYPERLINK"); // a spreadsheet will not run it
    expect(csv).toContain('Balance of constituencies at this hearing');

    const trail = await api<{ items: { action: string; actorId: string; details: Record<string, unknown> }[] }>('GET', `/audit/registration/${latin.registrationId}`, { token: staffToken() });
    expect(trail.body.items.map((entry) => entry.action)).toEqual(['registration.declined', 'registration.created']);
    expect(trail.body.items[0]).toMatchObject({ actorId: 'tester@opga.example.org', details: { from: 'pending', to: 'declined', reason: 'Balance of constituencies at this hearing' } });
    expect((await api('GET', `/audit/registration/${latin.registrationId}`)).status).toBe(401);
    expect((await api('GET', `/audit/spaceship/x`, { token: staffToken() })).status).toBe(400);
  });
});

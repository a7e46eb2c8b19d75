import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeTogether } from '#shared/db/transactions.ts';
import { organisationMatchKey, type Organisation } from '#shared/organisations/schemas.ts';
import { findOrganisationByMatchKey, newOrganisationId, newOrganisationPuts } from '#shared/organisations/store.ts';
import { api, newMeeting, staffToken, uniqueMeetingId } from '../helpers/integration.ts';

// Countries: organisations' must be in the Member State registry (their regional group counts in every
// balance figure), nationalities in ISO 3166. Names: one plain line, for they go into e-mails and lists.

type Refusal = { message: string; fields?: { field: string; message: string }[] };
const fieldsOf = (body: unknown) => ((body as Refusal).fields ?? []).map((problem) => problem.field).sort();
const unique = () => `${randomUUID().slice(0, 10)}@example.org`;

/** Line breaks that would start an e-mail header or a new line in a note, and a right-to-left override. */
const injected = { lineBreak: 'Amina Diallo\r\nBcc: everyone@example.org', override: 'Amina \u202eallaiD', isolate: 'Network \u2066of\u2069 Migrants', control: 'Amina\u0007Diallo' };

const application = (organisation: Record<string, unknown> = {}, contactName = 'Kofi Mensah') => ({
  stage: 'preparatory-process',
  organisation: {
    name: `Diaspora Youth Forum ${randomUUID().slice(0, 6)}`,
    type: 'diaspora-organisation',
    country: 'GHA',
    website: null,
    yearFounded: 2009,
    mission: 'Connecting young people of the diaspora with development at home.',
    relevanceToMigration: 'Runs remittance literacy and return-migration programmes in West Africa.',
    geographicScope: 'regional',
    ...organisation,
  },
  contact: { name: contactName, email: unique() },
  representativeGender: 'female',
});

beforeAll(async () => {
  const opened = await api('PUT', '/accreditation/stages/preparatory-process', { token: staffToken(), body: { applicationDeadline: new Date(Date.now() + 30 * 24 * 3600_000).toISOString() } });
  expect(opened.status).toBe(200);
});

describe('countries', { timeout: 60_000 }, () => {
  it('refuses an organisation whose country is not an ISO 3166 code, or not a State of the registry, naming the field, and stores nothing', async () => {
    for (const country of ['ZZZ', 'HKG']) {
      const request = application({ country });
      const refused = await api<Refusal>('POST', '/accreditation/applications', { body: request });
      expect([refused.status, fieldsOf(refused.body)]).toEqual([400, ['body.organisation.country']]);
      expect(await findOrganisationByMatchKey(organisationMatchKey(request.organisation.name, country))).toBeUndefined();
    }
    const registered = await api<{ application: { organisation: { regionalGroup: string } } }>('POST', '/accreditation/applications', { body: application({ country: 'MEX' }) });
    expect(registered.status).toBe(201);
    expect(registered.body.application.organisation.regionalGroup).toBe('latin-american-caribbean');
  });

  it('takes any ISO 3166 nationality but refuses an unassigned one, and refuses a new organisation outside the registry', async () => {
    const meetingId = uniqueMeetingId('inputs');
    expect((await api('POST', '/meetings', { token: staffToken(), body: newMeeting(meetingId) })).status).toBe(201);
    const at = new Date().toISOString();
    const organisation: Organisation = { organisationId: newOrganisationId(), name: `Migrant Rights Network ${randomUUID().slice(0, 6)}`, country: 'SEN', website: null, type: 'ngo', accreditation: { basis: 'ecosoc-consultative-status', ecosocStatus: 'special' }, createdAt: at, updatedAt: at };
    await writeTogether(newOrganisationPuts(organisation));
    const representative = (nationality: string, email = unique()) => ({ name: 'Awa Ndiaye', email, function: 'Director', gender: 'female', nationality, wishesToSpeak: false, speakingTopic: null });
    const register = (body: unknown) => api<Refusal>('POST', `/meetings/${meetingId}/registrations`, { body });

    const email = unique();
    const zzz = await register({ organisation: { organisationId: organisation.organisationId }, contact: { name: 'Awa Ndiaye', email }, representatives: [representative('ZZZ', email)] });
    expect([zzz.status, fieldsOf(zzz.body)]).toEqual([400, ['body.representatives.0.nationality']]);
    // Hong Kong is in ISO 3166 though not a State: a person may hold that nationality. Nothing was stored for the refusal above.
    expect((await register({ organisation: { organisationId: organisation.organisationId }, contact: { name: 'Awa Ndiaye', email }, representatives: [representative('HKG', email)] })).status).toBe(201);

    const outside = { name: `Kowloon Migrant Workers ${randomUUID().slice(0, 6)}`, country: 'HKG', website: null, type: 'ngo' };
    const refused = await register({ organisation: outside, contact: { name: 'Awa Ndiaye', email: unique() }, representatives: [representative('HKG')] });
    expect([refused.status, fieldsOf(refused.body)]).toEqual([400, ['body.organisation.country']]);
    expect(refused.body.fields?.[0]?.message).toBe('is not a State in the Member State registry (GET /member-states)');
    expect(await findOrganisationByMatchKey(organisationMatchKey(outside.name, 'HKG'))).toBeUndefined();
  });

  it('refuses a committee candidate, or a donor, from a country that is not an ISO 3166 code', async () => {
    const call = await api<{ callId: string }>('POST', '/steering-committee/calls', {
      token: staffToken(),
      body: { title: 'Call for members', description: 'Members recommend speakers for the hearings and give input to the programme.', constituencies: ['civil-society'], seats: 3, deadline: new Date(Date.now() + 7 * 24 * 3600_000).toISOString() },
    });
    const candidacy = (country: string) => ({ name: 'Rosa Mendoza', email: unique(), organisation: 'Red de Migrantes', constituency: 'civil-society', country, gender: 'female', ageBracket: '30-44', languages: ['Spanish'], expertise: 'Ten years organising migrant domestic workers.', motivation: 'To bring the voices of migrant workers in.' });
    for (const country of ['ZZZ', 'PRI']) {
      const refused = await api<Refusal>('POST', `/steering-committee/calls/${call.body.callId}/applications`, { body: candidacy(country) });
      expect([refused.status, fieldsOf(refused.body)]).toEqual([400, ['body.country']]);
    }
    const donor = await api<Refusal>('POST', '/trust-fund/inquiries', {
      body: { donor: { name: 'Fondation Horizons', type: 'philanthropic-organisation', country: 'ZZZ' }, contact: { name: 'Claire Dubois', email: unique() }, intended: { amount: '1000', currency: 'CHF' } },
    });
    expect([donor.status, fieldsOf(donor.body)]).toEqual([400, ['body.donor.country']]);
  });
});

describe('names', { timeout: 60_000 }, () => {
  it('refuses line breaks, controls and text-direction overrides in every name, naming the field, and stores nothing', async () => {
    for (const name of Object.values(injected)) {
      const byOrganisation = application({ name });
      const organisation = await api<Refusal>('POST', '/accreditation/applications', { body: byOrganisation });
      expect([organisation.status, fieldsOf(organisation.body)]).toEqual([400, ['body.organisation.name']]);
      const contact = await api<Refusal>('POST', '/accreditation/applications', { body: application({}, name) });
      expect([contact.status, fieldsOf(contact.body)]).toEqual([400, ['body.contact.name']]);
      expect(contact.body.fields?.[0]?.message).toBe('must be one line of text, without control or text-direction characters');
    }

    const meetingId = uniqueMeetingId('inputs');
    const title = await api<Refusal>('POST', '/meetings', { token: staffToken(), body: newMeeting(meetingId, { title: 'Hearing\nSubject: urgent' }) });
    expect([title.status, fieldsOf(title.body)]).toEqual([400, ['body.title']]);
    expect((await api('GET', `/meetings/${meetingId}`)).status).toBe(404);
    expect((await api('POST', '/meetings', { token: staffToken(), body: newMeeting(meetingId) })).status).toBe(201);
    const representative = { name: injected.override, email: unique(), function: 'Director\r\n', gender: 'female', nationality: 'SEN', wishesToSpeak: false, speakingTopic: null };
    const registration = await api<Refusal>('POST', `/meetings/${meetingId}/registrations`, {
      body: { organisation: { name: injected.isolate, country: 'SEN', website: null, type: 'ngo' }, contact: { name: injected.lineBreak, email: representative.email }, representatives: [representative] },
    });
    // A line break at the end is trimmed away; inside a name it is refused.
    expect([registration.status, fieldsOf(registration.body)]).toEqual([400, ['body.contact.name', 'body.organisation.name', 'body.representatives.0.name']]);

    const donor = await api<Refusal>('POST', '/trust-fund/inquiries', {
      body: { donor: { name: injected.override, type: 'philanthropic-organisation', country: 'CHE' }, contact: { name: injected.control, email: unique() }, intended: { amount: '1000', currency: 'CHF' } },
    });
    expect([donor.status, fieldsOf(donor.body)]).toEqual([400, ['body.contact.name', 'body.donor.name']]);

    const call = await api<Refusal>('POST', '/steering-committee/calls', {
      token: staffToken(),
      body: { title: 'Call for members\r\nBcc: all', description: 'Members recommend speakers for the hearings and give input to the programme.', constituencies: ['civil-society'], seats: 3, deadline: new Date(Date.now() + 7 * 24 * 3600_000).toISOString() },
    });
    expect([call.status, fieldsOf(call.body)]).toEqual([400, ['body.title']]);
  });
});

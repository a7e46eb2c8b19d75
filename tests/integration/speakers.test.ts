import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { writeTogether } from '#shared/db/transactions.ts';
import type { Organisation } from '#shared/organisations/schemas.ts';
import { newOrganisationId, newOrganisationPuts } from '#shared/organisations/store.ts';
import { api, newMeeting, staffToken, uniqueMeetingId } from '../helpers/integration.ts';

type Speaker = { speakerId: string; name: string; registrationId: string };
type SpeakersList = { speakers: { speakerId: string; name: string; organisationName: string; topic: string | null }[]; publishedAt: string | null; publishedBy: string | null };

async function register(meetingId: string, people: { email: string; speaks: boolean }[]) {
  const at = new Date().toISOString();
  const organisation: Organisation = { organisationId: newOrganisationId(), name: `Academic Network ${randomUUID().slice(0, 6)}`, country: 'MEX', website: null, type: 'academic-institution', accreditation: { basis: 'ecosoc-consultative-status', ecosocStatus: 'general' }, createdAt: at, updatedAt: at };
  await writeTogether(newOrganisationPuts(organisation));
  const response = await api<{ registration: { registrationId: string } }>('POST', `/meetings/${meetingId}/registrations`, {
    body: {
      organisation: { organisationId: organisation.organisationId },
      contact: { name: 'Lucía Ramírez', email: people[0]?.email },
      representatives: people.map(({ email, speaks }) => ({ name: `Speaker ${email.slice(0, 4)}`, email, function: 'Researcher', gender: 'female', nationality: 'MEX', wishesToSpeak: speaks, speakingTopic: speaks ? 'Portability of earned benefits' : null })),
    },
  });
  expect(response.status).toBe(201);
  return response.body.registration.registrationId;
}

const email = () => `${randomUUID().slice(0, 10)}@example.org`;

describe('the speakers list', { timeout: 60_000 }, () => {
  it('shortlists those who asked to speak, refuses the others, and publishes a final list in order for everyone to see', async () => {
    const meetingId = uniqueMeetingId('speak');
    await api('POST', '/meetings', { token: staffToken(), body: newMeeting(meetingId) });
    const [first, second, silent] = [email(), email(), email()];
    const registrationA = await register(meetingId, [{ email: first, speaks: true }, { email: silent, speaks: false }]);
    const registrationB = await register(meetingId, [{ email: second, speaks: true }]);
    const path = `/meetings/${meetingId}/speakers/shortlist`;

    const a = await api<Speaker>('POST', path, { token: staffToken(), body: { registrationId: registrationA, email: first } });
    const b = await api<Speaker>('POST', path, { token: staffToken(), body: { registrationId: registrationB, email: second } });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect((await api('POST', path, { token: staffToken(), body: { registrationId: registrationA, email: first } })).status).toBe(409);
    expect((await api('POST', path, { token: staffToken(), body: { registrationId: registrationA, email: silent } })).status).toBe(422);
    expect((await api('POST', path, { token: staffToken(), body: { registrationId: registrationA, email: second } })).status).toBe(400);
    expect((await api('POST', path, { body: { registrationId: registrationA, email: first } })).status).toBe(401);

    const shortlist = await api<{ items: Speaker[] }>('GET', path, { token: staffToken() });
    expect(shortlist.body.items.map((speaker) => speaker.speakerId)).toEqual([a.body.speakerId, b.body.speakerId]);

    expect((await api<SpeakersList>('GET', `/meetings/${meetingId}/speakers`)).body).toMatchObject({ speakers: [], publishedAt: null });
    const notShortlisted = await api('PUT', `/meetings/${meetingId}/speakers`, { token: staffToken(), body: { speakerIds: [b.body.speakerId, 'spk_0000000000000000'] } });
    expect(notShortlisted.status).toBe(400);
    expect(notShortlisted.body.fields).toEqual([{ field: 'body.speakerIds.1', message: 'is not on the shortlist' }]);

    const published = await api<SpeakersList>('PUT', `/meetings/${meetingId}/speakers`, { token: staffToken(), body: { speakerIds: [b.body.speakerId, a.body.speakerId] } });
    expect(published.status).toBe(200);
    const seen = await api<SpeakersList>('GET', `/meetings/${meetingId}/speakers`);
    expect(seen.body.speakers.map((speaker) => speaker.speakerId)).toEqual([b.body.speakerId, a.body.speakerId]);
    expect(seen.body.speakers[0]).toMatchObject({ topic: 'Portability of earned benefits' });
    expect(seen.body.publishedAt).not.toBeNull();
    expect(seen.body.publishedBy).toBeNull();
    expect(JSON.stringify(seen.body)).not.toContain('@example.org'); // no e-mail address in the public list

    expect((await api('DELETE', `${path}/${a.body.speakerId}`, { token: staffToken() })).status).toBe(204);
    expect((await api('DELETE', `${path}/${a.body.speakerId}`, { token: staffToken() })).status).toBe(404);
    const trail = await api<{ items: { action: string }[] }>('GET', `/audit/meeting/${meetingId}`, { token: staffToken() });
    expect(trail.body.items.map((entry) => entry.action)).toEqual(expect.arrayContaining(['speakers.shortlisted', 'speakers.published', 'speakers.removed']));
  });

  it('refuses speakers for a meeting without speaking slots', async () => {
    const meetingId = uniqueMeetingId('nospeak');
    await api('POST', '/meetings', { token: staffToken(), body: newMeeting(meetingId, { hasSpeakingSlots: false }) });
    const registrationId = await register(meetingId, [{ email: email(), speaks: true }]);
    const response = await api('POST', `/meetings/${meetingId}/speakers/shortlist`, { token: staffToken(), body: { registrationId, email: 'x@example.org' } });
    expect(response.status).toBe(409);
    expect(response.body.message).toContain('no speaking slots');
  });
});

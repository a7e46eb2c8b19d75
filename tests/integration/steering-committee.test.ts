import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { systemClock } from '#shared/clock.ts';
import { writeTogether } from '#shared/db/transactions.ts';
import { dispatchNotifications } from '#shared/email/dispatcher.ts';
import type { Organisation } from '#shared/organisations/schemas.ts';
import { newOrganisationId, newOrganisationPuts } from '#shared/organisations/store.ts';
import { api, mailbox, newMeeting, staffToken, uniqueMeetingId } from '../helpers/integration.ts';

type Call = { callId: string; state: string; applications: number; seats: number };
type Candidate = { candidateId: string; email: string; reviews: { reviewer: string; score: number; note: string | null }[]; meanScore: number | null; decision: string | null };
type Composition = { selected: number; seats: number; byRegionalGroup: Record<string, { count: number }>; imbalances: { kind: string; subject: string; message: string }[] };

const dispatch = () => dispatchNotifications({ clock: systemClock, remainingMs: () => 60_000 });
const reviewer = (sub: string) => staffToken('admin', { sub });
const email = () => `${randomUUID().slice(0, 10)}@candidates.example.org`;

async function openCall(overrides: Record<string, unknown> = {}) {
  const response = await api<Call>('POST', '/steering-committee/calls', {
    token: staffToken(),
    body: {
      title: `Call for members ${randomUUID().slice(0, 6)}`,
      description: 'Members recommend speakers, give input to the programme and contribute to the summary of the hearings.',
      constituencies: ['civil-society', 'academia', 'migrant-and-diaspora-organisations'],
      seats: 3,
      deadline: new Date(Date.now() + 3600_000).toISOString(),
      ...overrides,
    },
  });
  expect(response.status).toBe(201);
  return response.body;
}

const candidacy = (overrides: Record<string, unknown> = {}) => ({
  name: `Candidate ${randomUUID().slice(0, 4)}`,
  email: email(),
  organisation: 'Migrant Forum in Asia',
  constituency: 'civil-society',
  country: 'PHL',
  gender: 'female',
  ageBracket: '30-44',
  expertise: 'Fifteen years of work on labour migration governance in Asia.',
  motivation: 'To bring the voices of migrant workers into the hearings.',
  languages: ['English', 'Tagalog'],
  ...overrides,
});

const apply = (callId: string, body = candidacy()) => api<{ candidateId: string; regionalGroup: string | null }>('POST', `/steering-committee/calls/${callId}/applications`, { body });

describe('a call for membership of the steering committee', { timeout: 120_000 }, () => {
  it('is listed for the public while open, takes applications once per address with an acknowledgement, and refuses bad ones clearly', async () => {
    const call = await openCall();
    const open = await api<{ items: Call[] }>('GET', '/steering-committee/calls');
    expect(open.body.items.map((item) => item.callId)).toContain(call.callId);

    const body = candidacy();
    const first = await apply(call.callId, body);
    expect(first.status).toBe(201);
    expect(first.body.regionalGroup).toBe('asia-pacific');
    const twice = await apply(call.callId, { ...body, email: body.email.toUpperCase(), name: 'Someone else' });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ message: expect.stringContaining('already applied') });
    expect((await apply('call_0000000000000000')).status).toBe(404);
    const bad = await api<{ fields: { field: string }[] }>('POST', `/steering-committee/calls/${call.callId}/applications`, { body: { ...candidacy(), ageBracket: 'old', languages: [] } });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((problem) => problem.field).sort()).toEqual(['body.ageBracket', 'body.languages']);
    expect((await api<Call>('GET', `/steering-committee/calls/${call.callId}`)).body.applications).toBe(1);

    const french = candidacy({ language: 'fr' });
    expect((await apply(call.callId, french)).status).toBe(201);

    await dispatch();
    const acknowledgementTo = async (address: string) => (await mailbox()).find((message) => message.destination.to.join(',').includes(address.toLowerCase()));
    expect((await acknowledgementTo(body.email))?.subject).toContain('application received');
    // The acknowledgement is in the language the candidate applied in.
    expect((await acknowledgementTo(french.email))?.subject).toContain('candidature reçue');
  });

  it('refuses applications after the deadline and to a full call', async () => {
    const closing = await openCall({ deadline: new Date(Date.now() + 1500).toISOString() });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const late = await apply(closing.callId);
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ message: expect.stringContaining('closed at') });
    expect((await api<{ items: Call[] }>('GET', '/steering-committee/calls')).body.items.map((item) => item.callId)).not.toContain(closing.callId);
    expect((await api<{ items: Call[] }>('GET', '/steering-committee/calls?includeClosed=true')).body.items.map((item) => item.callId)).toContain(closing.callId);

    const small = await openCall({ maxApplications: 1 });
    expect((await apply(small.callId)).status).toBe(201);
    const full = await apply(small.callId);
    expect(full.status).toBe(409);
    expect(full.body).toMatchObject({ message: expect.stringContaining('full') });
  });
});

describe('choosing the members', { timeout: 120_000 }, () => {
  it('collects scores from several reviewers, shows the composition with imbalances named, suggests a slate, records the decision and tells everyone', async () => {
    const call = await openCall({ seats: 3 });
    const pool = [
      candidacy({ country: 'KEN', gender: 'female', constituency: 'civil-society' }),
      candidacy({ country: 'NGA', gender: 'female', constituency: 'civil-society' }),
      candidacy({ country: 'GHA', gender: 'female', constituency: 'civil-society' }),
      candidacy({ country: 'MEX', gender: 'male', constituency: 'academia', ageBracket: '18-29' }),
      candidacy({ country: 'DEU', gender: 'male', constituency: 'migrant-and-diaspora-organisations', ageBracket: '60-plus' }),
    ];
    const ids: string[] = [];
    for (const body of pool) ids.push((await apply(call.callId, body)).body.candidateId);
    const [kenya, nigeria, ghana, mexico, germany] = ids as [string, string, string, string, string];

    // Two reviewers; the African civil-society candidates score highest.
    const scores: [string, number, number][] = [[kenya, 5, 5], [nigeria, 5, 4], [ghana, 4, 5], [mexico, 3, 3], [germany, 3, 2]];
    for (const [id, a, b] of scores) {
      expect((await api('PUT', `/steering-committee/calls/${call.callId}/candidates/${id}/review`, { token: reviewer('ana@opga.example.org'), body: { score: a, note: 'Strong record' } })).status).toBe(200);
      await api('PUT', `/steering-committee/calls/${call.callId}/candidates/${id}/review`, { token: reviewer('ben@opga.example.org'), body: { score: b } });
    }
    const reviewed = await api<{ items: Candidate[] }>('GET', `/steering-committee/calls/${call.callId}/candidates`, { token: staffToken() });
    expect(reviewed.body.items[0]).toMatchObject({ candidateId: kenya, meanScore: 5 });
    expect(reviewed.body.items.find((candidate) => candidate.candidateId === nigeria)?.reviews.map((review) => [review.reviewer, review.score])).toEqual([
      ['ana@opga.example.org', 5],
      ['ben@opga.example.org', 4],
    ]);

    // The top scores alone: all African, all women, all civil society. Each imbalance is named.
    const topScored = await api<{ composition: Composition }>('PUT', `/steering-committee/calls/${call.callId}/selection`, { token: staffToken(), body: { candidateIds: [kenya, nigeria, ghana] } });
    const kinds = topScored.body.composition.imbalances.map((imbalance) => imbalance.kind);
    expect(kinds).toEqual(expect.arrayContaining(['regional-group-missing', 'gender-over-60', 'constituency-missing']));
    expect(topScored.body.composition.imbalances.map((imbalance) => imbalance.message).join(' ')).toMatch(/latin-american-caribbean|Latin/);
    const unknown = await api('PUT', `/steering-committee/calls/${call.callId}/selection`, { token: staffToken(), body: { candidateIds: ['cand_0000000000000000'] } });
    expect(unknown.status).toBe(400);

    const slate = await api<{ candidateIds: string[]; composition: Composition; topScored: { composition: Composition } }>('GET', `/steering-committee/calls/${call.callId}/slate`, { token: staffToken() });
    expect(slate.body.candidateIds).toHaveLength(3);
    expect(slate.body.composition.imbalances.length).toBeLessThan(slate.body.topScored.composition.imbalances.length);
    expect(slate.body.candidateIds).toContain(kenya);

    const tooMany = await api('POST', `/steering-committee/calls/${call.callId}/decision`, { token: staffToken(), body: { candidateIds: ids, reasons: 'Everyone is excellent.' } });
    expect(tooMany.status).toBe(400);
    const decision = await api<{ call: Call; selected: { memberId: string; candidateId: string }[]; notSelected: number }>('POST', `/steering-committee/calls/${call.callId}/decision`, {
      token: staffToken(),
      body: { candidateIds: slate.body.candidateIds, reasons: 'The suggested slate: balanced across regions, genders and constituencies.', candidateReasons: { [germany]: 'Many strong candidates from your region.' } },
    });
    expect(decision.status).toBe(200);
    expect(decision.body.call.state).toBe('decided');
    expect(decision.body.selected).toHaveLength(3);
    expect(decision.body.notSelected).toBe(2);
    expect((await apply(call.callId)).status).toBe(409);
    expect((await api('POST', `/steering-committee/calls/${call.callId}/decision`, { token: staffToken(), body: { candidateIds: [kenya], reasons: 'A different mind.' } })).status).toBe(409);

    await dispatch();
    const emails = await mailbox();
    for (const [index, body] of pool.entries()) {
      const decisionMail = emails.filter((message) => message.destination.to.join(',').includes(body.email) && !message.subject.includes('received'));
      expect(decisionMail).toHaveLength(1);
      const selected = slate.body.candidateIds.includes(ids[index]!);
      expect(/#token=/.test(decisionMail[0]?.body.text ?? '')).toBe(selected);
    }
    // Each acknowledgement's link opens that application, with the decision and the reason staff sent.
    const statusThroughLink = async (candidateId: string, asCandidate = candidateId) => {
      const address = pool[ids.indexOf(asCandidate)]!.email;
      const acknowledgement = emails.find((message) => message.destination.to.join(',').includes(address) && message.subject.includes('received'));
      const [, path, token] = /https?:\/\/[^/\s]+(\/steering-committee\/calls\/call_\w+\/candidacies\/cand_\w+)#token=([\w.-]+)/.exec(acknowledgement?.body.text ?? '') ?? [];
      expect(path).toBe(`/steering-committee/calls/${call.callId}/candidacies/${asCandidate}`);
      return api<{ callId: string; decision: string | null; decisionReason: string | null; reviews?: unknown }>('GET', path!.replace(asCandidate, candidateId), { token: token! });
    };
    const withReason = await statusThroughLink(germany);
    expect(withReason.status).toBe(200);
    expect(withReason.body).toMatchObject({ callId: call.callId, decision: slate.body.candidateIds.includes(germany) ? 'selected' : 'not-selected', decisionReason: 'Many strong candidates from your region.' });
    expect(withReason.body.reviews).toBeUndefined();
    const outside = ids.find((id) => !slate.body.candidateIds.includes(id))!;
    expect((await statusThroughLink(outside)).body).toMatchObject({ decision: 'not-selected', decisionReason: null });
    expect((await statusThroughLink(slate.body.candidateIds[0]!)).body.decision).toBe('selected');
    expect((await statusThroughLink(ids.find((id) => id !== germany)!, germany)).status).toBe(403);

    const members = await api<{ items: { candidateId: string }[] }>('GET', '/steering-committee/members', { token: staffToken() });
    expect(members.body.items.map((member) => member.candidateId)).toEqual(expect.arrayContaining(slate.body.candidateIds));
    const audit = await api<{ items: { action: string; details: { reasons?: string } }[] }>('GET', `/audit/committee-call/${call.callId}?limit=100`, { token: staffToken() });
    expect(audit.body.items.find((entry) => entry.action === 'call.decided')?.details.reasons).toContain('balanced');
  });
});

describe('members and speakers', { timeout: 120_000 }, () => {
  async function appointMember(address = email()) {
    const call = await openCall({ seats: 1 });
    const body = candidacy({ name: 'Rosa Member', email: address });
    const { candidateId } = (await apply(call.callId, body)).body;
    await api('POST', `/steering-committee/calls/${call.callId}/decision`, { token: staffToken(), body: { candidateIds: [candidateId], reasons: 'The one candidate, and a strong one.' } });
    await dispatch();
    // The decision e-mail (the same address may also hold a registration's confirmation, with its own link).
    const mail = (await mailbox()).find((message) => message.destination.to.join(',').includes(body.email) && /\/steering-committee\/members\/mem_/.test(message.body.text ?? ''));
    const token = /#token=([\w.-]+)/.exec(mail?.body.text ?? '')?.[1];
    const memberId = /\/steering-committee\/members\/(mem_[0-9a-f]+)/.exec(mail?.body.text ?? '')?.[1];
    expect(token && memberId).toBeTruthy();
    return { email: body.email, token: token!, memberId: memberId! };
  }

  async function registerSpeakers(meetingId: string, people: { email: string; name: string; speaks: boolean }[]) {
    const at = new Date().toISOString();
    const organisation: Organisation = { organisationId: newOrganisationId(), name: `Network ${randomUUID().slice(0, 6)}`, country: 'SEN', website: null, type: 'ngo', accreditation: { basis: 'ecosoc-consultative-status', ecosocStatus: 'special' }, createdAt: at, updatedAt: at };
    await writeTogether(newOrganisationPuts(organisation));
    return api<{ registration: { registrationId: string } }>('POST', `/meetings/${meetingId}/registrations`, {
      body: {
        organisation: { organisationId: organisation.organisationId },
        contact: { name: 'Awa Ndiaye', email: people[0]!.email },
        representatives: people.map(({ email: address, name, speaks }) => ({ name, email: address, function: 'Director', gender: 'female', nationality: 'SEN', wishesToSpeak: speaks, speakingTopic: speaks ? 'Regular pathways for migrant workers' : null })),
      },
    });
  }

  it('lets a member recommend speakers seeing only name, organisation, category, country and topic; staff see the recommendations beside each candidate', async () => {
    const member = await appointMember();
    const meetingId = uniqueMeetingId('sc');
    await api('POST', '/meetings', { token: staffToken(), body: newMeeting(meetingId) });
    const speaker = email();
    const registration = await registerSpeakers(meetingId, [{ email: speaker, name: 'Awa Ndiaye', speaks: true }]);
    expect(registration.status).toBe(201);

    const page = await api<{ member: { name: string }; meetings: { meetingId: string; speakingCandidates: number }[] }>('GET', `/steering-committee/members/${member.memberId}`, { token: member.token });
    expect(page.status).toBe(200);
    expect(page.body.meetings.find((meeting) => meeting.meetingId === meetingId)?.speakingCandidates).toBe(1);
    expect((await api('GET', `/steering-committee/members/${member.memberId}`, { token: staffToken() })).status).toBe(401);
    expect((await api('GET', `/steering-committee/members/mem_0000000000000000`, { token: member.token })).status).toBe(403);

    const candidates = await api<{ items: Record<string, unknown>[] }>('GET', `/steering-committee/members/${member.memberId}/meetings/${meetingId}/speaking-candidates`, { token: member.token });
    expect(candidates.body.items).toHaveLength(1);
    expect(Object.keys(candidates.body.items[0]!).sort()).toEqual(['category', 'country', 'name', 'organisationName', 'reason', 'recommendedByYou', 'speakerId', 'topic']);
    expect(JSON.stringify(candidates.body)).not.toContain(speaker);
    const speakerId = String(candidates.body.items[0]!.speakerId);

    const recommended = await api('PUT', `/steering-committee/members/${member.memberId}/meetings/${meetingId}/recommendations/${speakerId}`, { token: member.token, body: { reason: 'Speaks from first-hand experience' } });
    expect(recommended.status).toBe(200);
    const staffView = await api<{ items: { speakerId: string; recommendations: { memberName: string; reason: string }[] }[] }>('GET', `/meetings/${meetingId}/speaking-candidates`, { token: staffToken() });
    expect(staffView.body.items.find((item) => item.speakerId === speakerId)?.recommendations).toEqual([expect.objectContaining({ memberName: 'Rosa Member', reason: 'Speaks from first-hand experience' })]);

    expect((await api('DELETE', `/steering-committee/members/${member.memberId}/meetings/${meetingId}/recommendations/${speakerId}`, { token: member.token })).status).toBe(204);
    const after = await api<{ items: { recommendations: unknown[] }[] }>('GET', `/meetings/${meetingId}/speaking-candidates`, { token: staffToken() });
    expect(after.body.items[0]?.recommendations).toEqual([]);
  });

  it('never lets a member be a speaker at a hearing: registering to speak, asking to speak later and shortlisting are refused with the reason', async () => {
    const member = await appointMember();
    const hearing = uniqueMeetingId('hearing');
    await api('POST', '/meetings', { token: staffToken(), body: newMeeting(hearing) });
    const refused = await registerSpeakers(hearing, [{ email: member.email, name: 'Rosa Member', speaks: true }]);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ message: expect.stringContaining('members are not considered for speaking roles at the hearings') });

    const quiet = await registerSpeakers(hearing, [{ email: member.email.toUpperCase(), name: 'Rosa Member', speaks: false }]);
    expect(quiet.status).toBe(201);
    const registrationId = quiet.body.registration.registrationId;
    const statusToken = (quiet.body as unknown as { statusToken: string }).statusToken;
    const asks = await api('PATCH', `/registrations/${registrationId}`, { token: statusToken, body: { representatives: [{ email: member.email, wishesToSpeak: true, speakingTopic: 'Labour rights' }] } });
    expect(asks.status).toBe(422);

    // Someone who asked to speak before being appointed is flagged, and cannot be shortlisted.
    const speaker = email();
    const early = await registerSpeakers(hearing, [{ email: speaker, name: 'Early Speaker', speaks: true }]);
    expect(early.status).toBe(201);
    const earlyMember = await appointMember(speaker);
    // Nor can that member recommend themselves (or any member) as a speaker at the hearing.
    const own = (await api<{ items: { speakerId: string; name: string }[] }>('GET', `/steering-committee/members/${earlyMember.memberId}/meetings/${hearing}/speaking-candidates`, { token: earlyMember.token })).body.items.find((item) => item.name === 'Early Speaker');
    const selfRecommended = await api('PUT', `/steering-committee/members/${earlyMember.memberId}/meetings/${hearing}/recommendations/${own!.speakerId}`, { token: earlyMember.token, body: { reason: 'I know the subject best' } });
    expect(selfRecommended.status).toBe(422);
    expect(selfRecommended.body).toMatchObject({ message: expect.stringContaining('members are not considered for speaking roles at the hearings') });
    const byOther = await api('PUT', `/steering-committee/members/${member.memberId}/meetings/${hearing}/recommendations/${own!.speakerId}`, { token: member.token, body: { reason: 'A strong voice' } });
    expect(byOther.status).toBe(422);
    const recommendations = await api<{ items: { speakerId: string; recommendations: unknown[] }[] }>('GET', `/meetings/${hearing}/speaking-candidates`, { token: staffToken() });
    expect(recommendations.body.items.find((item) => item.speakerId === own!.speakerId)?.recommendations).toEqual([]);
    const flagged = await api<{ items: { email: string; steeringCommitteeMember: boolean; excludedAsHearingSpeaker: boolean }[] }>('GET', `/meetings/${hearing}/speaking-candidates`, { token: staffToken() });
    expect(flagged.body.items.find((item) => item.email === speaker)).toMatchObject({ steeringCommitteeMember: true, excludedAsHearingSpeaker: true });
    const shortlisted = await api('POST', `/meetings/${hearing}/speakers/shortlist`, { token: staffToken(), body: { registrationId: early.body.registration.registrationId, email: speaker } });
    expect(shortlisted.status).toBe(422);
    expect(shortlisted.body).toMatchObject({ message: expect.stringContaining('steering committee') });

    // At a thematic session a member may speak.
    const session = uniqueMeetingId('its');
    await api('POST', '/meetings', { token: staffToken(), body: newMeeting(session, { kind: 'thematic-session' }) });
    expect((await registerSpeakers(session, [{ email: member.email, name: 'Rosa Member', speaks: true }])).status).toBe(201);
  });
});

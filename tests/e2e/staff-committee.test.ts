import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, expectAccessible, launch, screenshot, signInAsStaff, staffToken, waitForEmail, webUrl } from '../helpers/browser.ts';
import { newMeeting } from '../helpers/fixtures.ts';

type Composition = { selected: number; imbalances: { kind: string }[] };
type Candidate = { candidateId: string; name: string; email: string; reviews: { reviewer: string; score: number; note: string | null }[]; decision: string | null; decisionReason: string | null };

let browser: Browser;
let page: Page;
const suffix = randomUUID().slice(0, 6);
const title = `Steering committee 2031 ${suffix}`;
const meetingTitle = `Thematic session on regular pathways ${suffix}`;
const meetingId = `scm-${suffix}`;
const speakerName = 'Awa Ndiaye';
let callId = '';
const byName = new Map<string, Candidate>();

// Three African women score highest in the brief: ticked together they leave regions and genders out.
const pool = [
  { name: 'Amina Odhiambo', country: 'KEN', gender: 'female', constituency: 'civil-society', ageBracket: '30-44' },
  { name: 'Ngozi Adeyemi', country: 'NGA', gender: 'female', constituency: 'civil-society', ageBracket: '45-59' },
  { name: 'Efua Mensah', country: 'GHA', gender: 'female', constituency: 'academia', ageBracket: '30-44' },
  { name: 'Diego Hernández', country: 'MEX', gender: 'male', constituency: 'youth', ageBracket: '18-29' },
  { name: 'Klaus Becker', country: 'DEU', gender: 'male', constituency: 'civil-society', ageBracket: '60-plus' },
  { name: 'Maria Santos', country: 'PHL', gender: 'female', constituency: 'academia', ageBracket: '45-59' },
];

const candidates = async () => (await api<{ items: Candidate[] }>('GET', `/steering-committee/calls/${callId}/candidates`, { token: staffToken() })).body.items;
const selection = async () => (await api<{ candidateIds: string[]; composition: Composition }>('GET', `/steering-committee/calls/${callId}/selection`, { token: staffToken() })).body;

beforeAll(async () => {
  browser = await launch();
  page = await browser.newPage();
  const opened = await api<{ callId: string }>('POST', '/steering-committee/calls', {
    token: staffToken(),
    body: { title, description: 'Members advise the President of the General Assembly on stakeholder participation.', constituencies: ['civil-society', 'academia', 'youth'], seats: 3, deadline: new Date(Date.now() + 30 * 24 * 3600_000).toISOString() },
  });
  expect(opened.status).toBe(201);
  callId = opened.body.callId;
  for (const person of pool) {
    const applied = await api<Candidate>('POST', `/steering-committee/calls/${callId}/applications`, {
      body: {
        ...person,
        email: `${person.name.split(' ')[0]!.toLowerCase()}-${suffix}@candidates.example.org`,
        organisation: `${person.name.split(' ')[1]} Migration Network`,
        expertise: 'Fifteen years of work on labour migration governance.',
        motivation: 'To bring the voices of migrant workers into the hearings.',
        languages: ['English', 'French'],
      },
    });
    expect(applied.status).toBe(201);
    byName.set(person.name, applied.body);
  }

  // A meeting with speaking slots, and a representative of an ECOSOC organisation who asked to speak at it.
  const meeting = await api('POST', '/meetings', {
    token: staffToken(),
    body: newMeeting(meetingId, { kind: 'thematic-session', title: meetingTitle, dates: { start: '2031-06-18', end: '2031-06-18' }, registration: { opensAt: '2020-01-01T00:00:00-05:00', closesAt: '2031-06-11T23:59:00-04:00' } }),
  });
  expect(meeting.status).toBe(201);
  const organisation = `Pathways Network ${suffix}`;
  expect((await api('POST', '/organisations/imports/ecosoc', { token: staffToken(), body: `name,country,status\n${organisation},SEN,special\n`, contentType: 'text/csv' })).status).toBe(200);
  const speaker = `awa-${suffix}@example.org`;
  const registered = await api('POST', `/meetings/${meetingId}/registrations`, {
    body: {
      organisation: { name: organisation, country: 'SEN', website: null, type: 'ngo' },
      contact: { name: speakerName, email: speaker },
      representatives: [{ name: speakerName, email: speaker, function: 'Director', gender: 'female', nationality: 'SEN', wishesToSpeak: true, speakingTopic: 'Regular pathways for migrant workers' }],
    },
  });
  expect(registered.status).toBe(201);
});

afterAll(async () => {
  await browser?.close();
});

describe('choosing the steering committee in the staff console', () => {
  it('lists the calls with their applications, and opens a call from the form after checking it', async () => {
    await signInAsStaff(page, '/staff/steering-committee');
    const row = page.getByRole('row', { name: new RegExp(title) });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/Open for applications.*6/);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Open the call' }).click();
    await expect.poll(() => page.locator('.summary').textContent()).toContain('Please correct');
    await expect.poll(() => page.locator('.field.invalid').count()).toBeGreaterThanOrEqual(3);
    const another = `Youth seats ${suffix}`;
    await page.getByLabel('Title').fill(another);
    await page.getByLabel('Description').fill('Two seats for youth organisations working on migration.');
    await page.getByLabel('Youth').check();
    await page.getByLabel('Seats').fill('2');
    await page.getByLabel('Deadline for applications').fill('2031-01-15T12:00');
    await page.getByRole('button', { name: 'Open the call' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain(another);
    await page.getByRole('link', { name: another }).waitFor();
    const calls = await api<{ items: { title: string; seats: number; constituencies: string[] }[] }>('GET', '/steering-committee/calls?includeClosed=true');
    expect(calls.body.items.find((call) => call.title === another)).toMatchObject({ seats: 2, constituencies: ['youth'] });

    await page.getByRole('link', { name: title }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(title);
  });

  it('scores two candidates as the signed-in reviewer', async () => {
    for (const [name, score] of [['Amina Odhiambo', '5'], ['Diego Hernández', '4']] as const) {
      await page.getByRole('button', { name: `Score ${name}` }).click();
      await page.getByRole('heading', { name: `Your review of ${name}` }).waitFor();
      await page.getByLabel('Score', { exact: true }).selectOption(score);
      await page.getByLabel('Note (optional').fill(`Strong record, ${name}`);
      if (score === '4') {
        await expectAccessible(page);
        await screenshot(page, 'staff-committee-call');
      }
      await page.getByRole('button', { name: 'Save the score' }).click();
      await expect.poll(() => page.getByRole('status').textContent()).toContain(`Your score for ${name} is saved`);
      // The table is read again: the reviewer's own score shows in the candidate's row.
      await expect.poll(() => page.getByRole('row', { name: new RegExp(name) }).textContent()).toContain(`Yours: ${score}/5`);
    }
    const reviewed = await candidates();
    expect(reviewed[0]).toMatchObject({ name: 'Amina Odhiambo', reviews: [{ reviewer: 'admin', score: 5, note: 'Strong record, Amina Odhiambo' }] });
    expect(reviewed.find((candidate) => candidate.name === 'Diego Hernández')?.reviews.map((review) => review.score)).toEqual([4]);
    // The table shows the reviews and the mean, best first.
    await expect.poll(() => page.getByRole('row').nth(1).textContent()).toContain('Amina Odhiambo');
  });

  it('ticks a selection and names its imbalances in the composition panel', async () => {
    for (const name of ['Amina Odhiambo', 'Ngozi Adeyemi', 'Efua Mensah']) await page.getByRole('checkbox', { name: `Select ${name}` }).check();
    const panel = page.getByRole('complementary');
    await expect.poll(() => panel.textContent()).toContain('3 selected for 3 seats');
    await expect.poll(() => panel.locator('.warning').textContent()).toContain('Gender Female: 3 of 3 (100%), above 60%');
    expect(await panel.locator('.warning').textContent()).toContain('No member from Latin American and Caribbean Group');
    await expect.poll(async () => (await selection()).candidateIds.sort()).toEqual(['Amina Odhiambo', 'Ngozi Adeyemi', 'Efua Mensah'].map((name) => byName.get(name)!.candidateId).sort());
    expect((await selection()).composition.imbalances.map((imbalance) => imbalance.kind)).toEqual(expect.arrayContaining(['gender-over-60', 'regional-group-missing']));
    await expectAccessible(page);
    await screenshot(page, 'staff-committee-selection');
  });

  it('accepts the suggested slate as the selection', async () => {
    const slate = (await api<{ candidateIds: string[] }>('GET', `/steering-committee/calls/${callId}/slate`, { token: staffToken() })).body;
    await page.getByRole('button', { name: 'Use the suggested slate as the selection' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('suggested slate is now the working selection');
    expect((await selection()).candidateIds).toEqual(slate.candidateIds);
    for (const candidate of await candidates()) expect(await page.getByRole('checkbox', { name: `Select ${candidate.name}` }).isChecked()).toBe(slate.candidateIds.includes(candidate.candidateId));
  });

  it('records the decision with its reasons after a confirmation, then shows it read-only', async () => {
    const chosen = (await selection()).candidateIds;
    const passedOver = [...byName.values()].find((candidate) => !chosen.includes(candidate.candidateId))!;
    const reasons = 'The suggested slate: balanced across regions, genders and constituencies.';
    await page.getByRole('button', { name: 'Record the decision…' }).click();
    await expect.poll(() => page.locator('.field.invalid').textContent()).toContain('Reasons for this selection');
    await page.getByLabel('Reasons for this selection').fill(reasons);
    await page.getByText('Reasons for individual candidates').click();
    await page.getByLabel(`Reason for ${passedOver.name} (not selected)`).fill('Many strong candidates from your region.');
    await page.getByRole('button', { name: 'Record the decision…' }).click();
    await page.getByRole('button', { name: 'Confirm and record the decision' }).click();
    await page.getByRole('heading', { name: 'The decision has been recorded' }).waitFor();
    await expect.poll(() => page.locator('.confirmation').textContent()).toContain(reasons);
    await expect.poll(() => page.getByRole('checkbox').count()).toBe(0);
    await expect.poll(() => page.getByRole('button', { name: /^Score / }).count()).toBe(0);
    await expectAccessible(page);

    const call = await api<{ state: string }>('GET', `/steering-committee/calls/${callId}`);
    expect(call.body.state).toBe('decided');
    const members = await api<{ items: { candidateId: string }[] }>('GET', '/steering-committee/members', { token: staffToken() });
    expect(members.body.items.map((member) => member.candidateId)).toEqual(expect.arrayContaining(chosen));
    const decided = await candidates();
    expect(decided.filter((candidate) => candidate.decision === 'selected').map((candidate) => candidate.candidateId).sort()).toEqual([...chosen].sort());
    expect(decided.find((candidate) => candidate.candidateId === passedOver.candidateId)).toMatchObject({ decision: 'not-selected', decisionReason: 'Many strong candidates from your region.' });
  });
});

describe("a member's page, from the link in the appointment e-mail", () => {
  it('shows the meetings with speaking slots, records a recommendation that staff then see, and withdraws it', async () => {
    const chosen = (await selection()).candidateIds;
    const member = [...byName.values()].find((candidate) => chosen.includes(candidate.candidateId))!;
    const mail = await waitForEmail(member.email, (email) => /\/steering-committee\/members\/mem_/.test(email.body.text ?? ''));
    const link = /(http:\/\/[^\s]+\/steering-committee\/members\/mem_[0-9a-f]+#token=[\w.-]+)/.exec(mail.body.text ?? '')?.[1];
    expect(link?.startsWith(webUrl)).toBe(true);

    await page.goto(link!);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(member.name);
    const row = page.getByRole('row', { name: new RegExp(meetingTitle) });
    expect((await row.getByRole('cell').allTextContents()).slice(1, 4)).toEqual(['18 June 2031', '1', '0']);
    await expectAccessible(page);
    await page.getByRole('button', { name: `Show who asked to speak at ${meetingTitle}` }).click();
    await page.getByRole('button', { name: `Recommend ${speakerName}` }).click();
    await page.getByLabel('Why you recommend this representative').fill('Twenty years of work on regular pathways in West Africa.');
    await page.getByRole('button', { name: 'Recommend', exact: true }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain(`Your recommendation of ${speakerName} is recorded`);
    await expect.poll(() => page.getByRole('row', { name: new RegExp(speakerName) }).textContent()).toContain('Recommended: Twenty years');
    await expectAccessible(page);
    await screenshot(page, 'member-page');

    const staffView = await api<{ items: { name: string; recommendations: { memberName: string; reason: string }[] }[] }>('GET', `/meetings/${meetingId}/speaking-candidates`, { token: staffToken() });
    expect(staffView.body.items.find((speaker) => speaker.name === speakerName)?.recommendations).toEqual([expect.objectContaining({ memberName: member.name, reason: 'Twenty years of work on regular pathways in West Africa.' })]);

    await page.getByRole('button', { name: `Withdraw the recommendation of ${speakerName}` }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain(`Your recommendation of ${speakerName} is withdrawn`);
    const withdrawn = await api<{ items: { name: string; recommendations: unknown[] }[] }>('GET', `/meetings/${meetingId}/speaking-candidates`, { token: staffToken() });
    expect(withdrawn.body.items.find((speaker) => speaker.name === speakerName)?.recommendations).toEqual([]);
  });

  it('says that a link is expired or invalid', async () => {
    const other = await browser.newPage();
    const memberId = `mem_${[...byName.values()][0]!.candidateId.slice(5)}`;
    await other.goto(`${webUrl}/steering-committee/members/${memberId}#token=not-a-token`);
    await expect.poll(() => other.getByRole('alert').textContent()).toContain('expired or is not valid');
    await other.close();
  });
});

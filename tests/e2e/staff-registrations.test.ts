import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, expectAccessible, launch, screenshot, signInAsStaff, staffToken, waitForEmail, webUrl } from '../helpers/browser.ts';
import { newMeeting } from '../helpers/fixtures.ts';

type Registration = { registrationId: string; state: string; stateReason: string | null };
type Candidate = { speakerId: string; name: string; registrationId: string; email: string };

const suffix = randomUUID().slice(0, 6);
const meetingId = `queue-${suffix}`;
const title = `Thematic session on decent work ${suffix}`;
/** Three organisations in ECOSOC status, each registering one representative who asks to speak. */
const organisations = ['Sahel Migrant Solidarity', 'Andean Diaspora Forum', 'Pacific Mobility Network'].map((name, index) => ({
  name: `${name} ${suffix}`,
  person: `Speaker ${['Awa', 'Lucía', 'Tevita'][index]} ${suffix}`,
  email: `queue-${index}-${suffix}@example.org`,
  registrationId: '',
}));
const [sahel, andean, pacific] = organisations as [(typeof organisations)[number], (typeof organisations)[number], (typeof organisations)[number]];

let browser: Browser;
let page: Page;
/** Errors thrown in the page: a render that throws leaves a half-updated screen behind. */
const pageErrors: string[] = [];

beforeAll(async () => {
  browser = await launch();
  page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // A meeting of its own, open for registration, so other tests' registrations never mix in.
  const created = await api('POST', '/meetings', {
    token: staffToken(),
    body: newMeeting(meetingId, {
      kind: 'thematic-session',
      title,
      venue: 'Palais des Nations',
      city: 'Geneva',
      dates: { start: '2030-05-08', end: '2030-05-09' },
      timeZone: 'Europe/Zurich',
      registration: { opensAt: '2020-01-01T00:00:00Z', closesAt: '2030-05-01T00:00:00Z' },
      eligibleCategories: ['ecosoc-consultative-status'],
      capacity: 100,
    }),
  });
  expect(created.status).toBe(201);
  const csv = `name,country,status\n${organisations.map((organisation) => `${organisation.name},SEN,special`).join('\n')}\n`;
  expect((await api('POST', '/organisations/imports/ecosoc', { token: staffToken(), body: csv, contentType: 'text/csv' })).status).toBe(200);
  for (const organisation of organisations) {
    const registered = await api<{ registration: Registration }>('POST', `/meetings/${meetingId}/registrations`, {
      body: {
        organisation: { name: organisation.name, country: 'SEN', type: 'ngo' },
        contact: { name: organisation.person, email: organisation.email },
        representatives: [{ name: organisation.person, email: organisation.email, function: 'Director', gender: 'female', nationality: 'SEN', wishesToSpeak: true, speakingTopic: 'Decent work for migrant workers' }],
      },
    });
    expect(registered.status).toBe(201);
    organisation.registrationId = registered.body.registration.registrationId;
  }
});

afterAll(async () => {
  await browser?.close();
});

const stateOf = async (registrationId: string) => {
  const listed = await api<{ items: Registration[] }>('GET', `/meetings/${meetingId}/registrations?limit=200`, { token: staffToken() });
  return listed.body.items.find((registration) => registration.registrationId === registrationId);
};

describe('the registration queue in the staff console', () => {
  it('lists the meeting, filters the queue to pending, approves two at once with a reason, and the registrant is e-mailed', async () => {
    await signInAsStaff(page, '/staff/meetings');
    await page.getByLabel('Show').selectOption('open');
    const meetingLink = page.getByRole('link', { name: title, exact: true });
    await meetingLink.waitFor();
    await expect.poll(() => page.getByRole('link', { name: `Speakers: ${title}` }).count()).toBe(1);
    await expectAccessible(page);

    await meetingLink.click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`Registrations: ${title}`);
    await page.getByLabel('State').selectOption('pending');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => page.url()).toContain('state=pending');
    await page.getByRole('checkbox', { name: `Select ${sahel.name}` }).waitFor();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(3);

    await page.getByRole('checkbox', { name: `Select ${sahel.name}` }).check();
    await page.getByRole('checkbox', { name: `Select ${andean.name}` }).check();
    await page.getByText('2 selected').waitFor();
    await page.getByLabel('Decision', { exact: true }).selectOption('approve');
    await page.getByLabel('Reason').fill('Eligible and within the places available');
    await page.getByRole('button', { name: 'Apply' }).click();

    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('2 changed, 0 refused');
    await expect.poll(() => page.getByText(`${sahel.name}: now Approved.`).count()).toBe(1);
    // The queue refreshed: only the third is still pending.
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    expect(await page.locator('tbody').textContent()).toContain(pacific.name);
    await expectAccessible(page);
    await screenshot(page, 'staff-registrations');

    expect(await stateOf(sahel.registrationId)).toMatchObject({ state: 'approved', stateReason: 'Eligible and within the places available' });
    expect((await stateOf(andean.registrationId))?.state).toBe('approved');
    expect((await stateOf(pacific.registrationId))?.state).toBe('pending');
    const approval = await waitForEmail(sahel.email, (email) => email.subject.startsWith('Your registration for'));
    expect(approval.body.text).toContain('approved');
    expect(approval.body.text).toContain('Eligible and within the places available');
    expect(pageErrors).toEqual([]);
  });

  it('shortlists speakers, shows a refusal beside the action, orders them with the keyboard and publishes the list', async () => {
    await page.goto(`${webUrl}/staff/meetings/${meetingId}/speakers`);
    await page.getByRole('button', { name: `Shortlist ${sahel.person}` }).waitFor();
    await expectAccessible(page);

    // Someone else shortlists Tevita while this page is open: the API's refusal shows beside the button.
    const candidates = await api<{ items: Candidate[] }>('GET', `/meetings/${meetingId}/speaking-candidates`, { token: staffToken() });
    const tevita = candidates.body.items.find((candidate) => candidate.name === pacific.person)!;
    expect((await api('POST', `/meetings/${meetingId}/speakers/shortlist`, { token: staffToken(), body: { registrationId: tevita.registrationId, email: tevita.email } })).status).toBe(201);
    await page.getByRole('button', { name: `Shortlist ${pacific.person}` }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('already on the shortlist');

    await page.getByRole('button', { name: `Shortlist ${sahel.person}` }).click();
    await page.getByRole('button', { name: `Move ${sahel.person} up` }).waitFor();
    await page.getByRole('button', { name: `Shortlist ${andean.person}` }).click();
    await page.getByRole('button', { name: `Move ${andean.person} up` }).waitFor();
    await page.getByRole('button', { name: `Remove ${pacific.person} from the shortlist` }).click();
    await expect.poll(() => page.getByRole('button', { name: `Move ${pacific.person} up` }).count()).toBe(0);

    // Andean speaks first: moved up with the keyboard alone; the focus stays on the moved speaker.
    await page.getByRole('button', { name: `Move ${andean.person} up` }).focus();
    await page.keyboard.press('Enter');
    await page.getByText(`${andean.person} is now number 1.`).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Move ${andean.person} down`);
    await page.getByRole('button', { name: 'Publish this list' }).click();
    await page.getByText('Published: 2 speakers, in this order.').waitFor();
    await expect.poll(() => page.locator('ol li').count()).toBe(2);
    await expect.poll(() => page.getByText('No list has been published yet.').count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'staff-speakers');

    const published = await api<{ speakers: { name: string; organisationName: string }[]; publishedAt: string | null }>('GET', `/meetings/${meetingId}/speakers`);
    expect(published.body.publishedAt).not.toBeNull();
    expect(published.body.speakers.map((speaker) => [speaker.name, speaker.organisationName])).toEqual([
      [andean.person, andean.name],
      [sahel.person, sahel.name],
    ]);
    expect(pageErrors).toEqual([]);
  });
});

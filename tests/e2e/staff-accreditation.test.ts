import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { api, expectAccessible, launch, screenshot, signInAsStaff, staffToken, waitForEmail, webUrl } from '../helpers/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

// The conference stage: the other browser tests apply to the preparatory process, so this list holds only this test's names.
const stage = 'intergovernmental-conference';
const stageLabel = 'The intergovernmental conference';
const suffix = randomUUID().slice(0, 4);
const accepted = { name: `Alianza Migrante ${suffix}`, email: `alianza-${randomUUID().slice(0, 6)}@example.org`, country: 'GTM', gender: 'female' };
const objected = { name: `Sahel Workers Union ${suffix}`, email: `sahel-${randomUUID().slice(0, 6)}@example.org`, country: 'MLI', gender: 'male' };
const title = `Conference list ${randomUUID().slice(0, 6)}`;

/** A datetime-local value in the browser's (this machine's) time zone, to the second. */
const localInput = (instant: Date) => new Date(instant.getTime() - instant.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);

async function applyInBrowser(page: Page, applicant: typeof accepted): Promise<string> {
  await page.goto(`${webUrl}/accreditation`);
  await page.getByLabel('Stage').selectOption(stage);
  await page.getByLabel('Name of the organisation').fill(applicant.name);
  await page.getByLabel('Type of organisation').selectOption('migrant-organisation');
  await page.getByLabel('Country of headquarters').fill(applicant.country);
  await page.getByLabel('Year founded').fill('2009');
  await page.getByLabel('Geographic scope').selectOption('national');
  await page.getByLabel('Mission of the organisation').fill(`${applicant.name} organises migrant domestic workers.`);
  await page.getByLabel('Relevance to migration').fill('Runs legal clinics for migrants in transit and at destination.');
  const contact = page.locator('fieldset', { hasText: 'Contact person' });
  await contact.getByLabel('Name').fill('Mariama Diallo');
  await contact.getByLabel('E-mail').fill(applicant.email);
  await page.getByLabel('Gender of your representative').selectOption(applicant.gender);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toContain('Application received');
  const acknowledgement = await waitForEmail(applicant.email);
  const link = /(http:\/\/127\.0\.0\.1:\d+\/accreditation\/applications\/acc_[0-9a-f]+#token=[\w.-]+)/.exec(acknowledgement.body.text ?? '')?.[1];
  expect(link?.startsWith(webUrl)).toBe(true);
  return link!;
}

describe('screening and the non-objection procedure in the staff console', () => {
  it('opens the stage, screens two applications in, circulates their list, shows an objection as it arrives, and closes it with the outcomes', async () => {
    // Staff open the conference stage for applications from the console.
    const staff = await browser.newPage();
    await signInAsStaff(staff, `/staff/accreditation?stage=${stage}`);
    await staff.getByRole('heading', { name: 'Special accreditation', level: 1 }).waitFor();
    const card = staff.locator('.cards li', { hasText: stageLabel });
    await card.getByText(`Change the deadline for ${stageLabel}`).click();
    const applicationDeadline = new Date(Date.now() + 30 * 24 * 3600_000);
    await card.getByLabel('Application deadline').fill(localInput(applicationDeadline));
    await card.getByRole('button', { name: 'Save the deadline' }).click();
    await expect.poll(() => staff.getByRole('status').first().textContent()).toContain(`The application deadline for ${stageLabel} is saved.`);
    const stages = await api<{ items: { stage: string; applicationDeadline: string }[] }>('GET', '/accreditation/stages');
    const saved = new Date(stages.body.items.find((item) => item.stage === stage)!.applicationDeadline).getTime();
    expect(Math.abs(saved - applicationDeadline.getTime())).toBeLessThan(1000);

    // Two organisations apply on the public page.
    const applicant = await browser.newPage();
    const acceptedLink = await applyInBrowser(applicant, accepted);
    const objectedLink = await applyInBrowser(applicant, objected);

    // Staff screen both in: a decision with nothing ticked is refused beside the bar.
    await staff.getByLabel('State', { exact: true }).selectOption('submitted');
    await staff.getByRole('button', { name: 'Reject with this reason' }).click();
    await staff.getByText('Tick at least one application first.').waitFor();
    await staff.getByLabel(`Select ${accepted.name}`).check();
    await staff.getByLabel(`Select ${objected.name}`).check();
    await staff.getByText('2 selected').waitFor();
    await staff.getByRole('button', { name: 'Include in the next list' }).click();
    await expect.poll(() => staff.getByRole('status').filter({ hasText: 'Decision recorded' }).textContent()).toContain('Decision recorded for 2, skipped for 0');
    await expect.poll(() => staff.getByLabel(`Select ${accepted.name}`).count()).toBe(0);
    // The balance beside the table counts them at once.
    await expect.poll(() => staff.getByText('2 included, not yet on a list.').count()).toBe(1);
    const groups = staff.locator('table', { has: staff.locator('caption', { hasText: 'Regional group' }) });
    await expect.poll(() => groups.getByRole('row', { name: /African States 1 50%/ }).count()).toBe(1);
    await expect.poll(() => groups.getByRole('row', { name: /Latin American and Caribbean States 1 50%/ }).count()).toBe(1);
    await staff.getByLabel('State', { exact: true }).selectOption('');
    await expect.poll(() => staff.getByRole('row', { name: new RegExp(`${accepted.name}.*Included`) }).count()).toBe(1);
    await expectAccessible(staff);
    await screenshot(staff, 'staff-accreditation');

    // They draw up the list and open it.
    await staff.getByLabel('Title of the list').fill(title);
    await staff.getByRole('button', { name: `Draw up a list of every included application to ${stageLabel}` }).click();
    await expect.poll(() => staff.getByRole('status').filter({ hasText: 'draft list' }).textContent()).toContain('A draft list of 2 names is drawn up');
    await expect.poll(() => staff.getByRole('row', { name: new RegExp(`${title} Draft 2`) }).count()).toBe(1);
    await staff.getByRole('status').getByRole('link', { name: title }).click();
    await expect.poll(() => staff.getByRole('heading', { level: 1 }).textContent()).toBe(title);
    expect(await staff.locator('.deadline').textContent()).toContain('not circulated yet');
    await expectAccessible(staff);

    // They circulate it with a deadline 45 seconds ahead.
    const deadline = new Date(Date.now() + 45_000);
    await staff.getByLabel('Non-objection deadline').fill(localInput(deadline));
    await staff.getByRole('button', { name: 'Circulate the list' }).click();
    await expect.poll(() => staff.getByRole('status').first().textContent()).toContain('The list is circulated');
    await expect.poll(() => staff.locator('.deadline').textContent()).toContain('Non-objection deadline:');

    // A Member State opens its ballot from its note and objects to one name.
    const note = await waitForEmail('pm.afg@missions.example.org', (email) => email.subject.endsWith(title), 30_000);
    const ballotLink = /(http:\/\/127\.0\.0\.1:\d+\/circulations\/circ_[0-9a-f]+\/ballot#token=[\w.-]+)/.exec(note.body.text ?? '')?.[1];
    expect(ballotLink?.startsWith(webUrl)).toBe(true);
    const ballot = await browser.newPage();
    await ballot.goto(ballotLink!);
    await ballot.getByLabel(`Object to ${objected.name}`).check();
    await ballot.getByLabel('General basis of the objection (optional, confidential)').fill('Not registered under national law');
    await ballot.getByRole('button', { name: 'Object to the names ticked' }).click();
    await expect.poll(() => ballot.getByRole('status').textContent()).toContain('Objections recorded: 1');

    // The staff page, never reloaded, shows it arriving.
    await expect.poll(() => staff.getByText('New objections since you opened this list: 1.').count(), { timeout: 15_000 }).toBe(1);
    const byApplicant = staff.locator('table', { has: staff.locator('caption', { hasText: 'Objections by applicant' }) });
    expect(await byApplicant.getByRole('row', { name: new RegExp(`${objected.name} Afghanistan`) }).count()).toBe(1);
    expect(await byApplicant.getByRole('row', { name: new RegExp(accepted.name) }).count()).toBe(0);
    expect(await staff.locator('table', { hasText: 'Every ballot event' }).textContent()).toContain('Not registered under national law');
    await expectAccessible(staff);
    await screenshot(staff, 'staff-circulation');

    // The close job closes the list 30 s after its deadline; the page, still open, shows the outcomes.
    await expect.poll(() => staff.locator('.deadline').textContent(), { timeout: 100_000, interval: 1000 }).toContain('Closed on');
    await expect.poll(() => staff.getByRole('row', { name: new RegExp(`^${accepted.name} .* 0 Accredited$`) }).count()).toBe(1);
    await expect.poll(() => staff.getByRole('row', { name: new RegExp(`^${objected.name} .* 1 Not accredited$`) }).count()).toBe(1);
    await staff.getByRole('button', { name: 'Final list (CSV)' }).waitFor();

    // Each applicant's status link (from the acknowledgement) shows the outcome.
    await applicant.goto(acceptedLink);
    await expect.poll(() => applicant.locator('.state').textContent()).toContain('Accredited: no Member State objected.');
    await applicant.goto(objectedLink);
    await expect.poll(() => applicant.locator('.state').textContent()).toContain('Not accredited');
  }, 150_000);

  it('discards a draft, answers a request for information, extends the deadline and exports the proposed list', async () => {
    // Set-up, not the staff work under test: one application, screened in, on a draft list.
    const token = staffToken();
    const name = `Diaspora Forum ${suffix}`;
    const applied = await api<{ application: { applicationId: string } }>('POST', '/accreditation/applications', {
      body: {
        stage,
        organisation: { name, type: 'diaspora-organisation', country: 'SEN', website: null, yearFounded: 2011, geographicScope: 'international', mission: 'Connects the Senegalese diaspora with development work.', relevanceToMigration: 'Supports returning migrants and their families.' },
        contact: { name: 'Awa Ndiaye', email: `awa-${randomUUID().slice(0, 6)}@example.org` },
        representativeGender: 'female',
      },
    });
    expect(applied.status).toBe(201);
    const applicationId = applied.body.application.applicationId;
    expect((await api('POST', '/accreditation/applications/decisions', { token, body: { applicationIds: [applicationId], decision: 'include' } })).status).toBe(200);
    const draft = async (listTitle: string) => (await api<{ circulation: { circulationId: string } }>('POST', '/circulations', { token, body: { stage, title: listTitle, applicationIds: [applicationId] } })).body.circulation.circulationId;
    const included = async () => (await api<{ items: { applicationId: string }[] }>('GET', `/accreditation/stages/${stage}/applications?state=included`, { token })).body.items.map((item) => item.applicationId);

    // Staff discard a draft: its application is included again.
    const discarded = await draft(`Discarded list ${suffix}`);
    const staff = await browser.newPage();
    await signInAsStaff(staff, `/staff/circulations/${discarded}`);
    await staff.getByRole('button', { name: 'Discard this draft' }).click();
    await expect.poll(() => staff.locator('.deadline').textContent()).toContain('Discarded');
    expect(await included()).toContain(applicationId);

    // They circulate another with the default deadline, 14 days ahead.
    const listTitle = `Second conference list ${suffix}`;
    const circulationId = await draft(listTitle);
    await staff.goto(`${webUrl}/staff/circulations/${circulationId}`);
    await staff.getByRole('button', { name: 'Circulate the list' }).click();
    await expect.poll(() => staff.locator('.deadline').textContent()).toContain('Non-objection deadline:');
    const circulated = await api<{ circulation: { deadline: string } }>('GET', `/circulations/${circulationId}`, { token });
    expect(Math.abs(new Date(circulated.body.circulation.deadline).getTime() - Date.now() - 14 * 24 * 3600_000)).toBeLessThan(120_000);

    // A Member State objects and asks for the information on the basis of objections, through its link.
    const note = await waitForEmail('pm.afg@missions.example.org', (email) => email.subject.endsWith(listTitle), 30_000);
    const ballotToken = /\/circulations\/circ_[0-9a-f]+\/ballot#token=([\w.-]+)/.exec(note.body.text ?? '')?.[1];
    expect(ballotToken).toBeDefined();
    expect((await api('POST', `/circulations/${circulationId}/objections`, { token: ballotToken!, body: { applicationIds: [applicationId], basis: 'Concerns about its registration' } })).status).toBe(201);
    expect((await api('POST', `/circulations/${circulationId}/information-requests`, { token: ballotToken!, body: { question: 'On what basis were objections made?' } })).status).toBe(201);

    // Staff see the request arrive and answer it; the mission is e-mailed the answer.
    const request = staff.locator('.cards li', { hasText: 'On what basis were objections made?' });
    await request.waitFor({ timeout: 15_000 });
    await request.getByRole('button', { name: 'Send the answer to Afghanistan' }).click();
    await expect.poll(() => request.locator('.summary').textContent()).toContain('Please correct');
    await request.getByLabel('Answer').fill('One objection concerns its registration under national law.');
    await expectAccessible(staff);
    await request.getByRole('button', { name: 'Send the answer to Afghanistan' }).click();
    await expect.poll(() => staff.getByRole('status').first().textContent()).toContain('The answer is recorded');
    await expect.poll(() => request.textContent()).toContain('Answered: One objection concerns its registration');
    await waitForEmail('pm.afg@missions.example.org', (email) => (email.body.text ?? '').includes('One objection concerns its registration under national law.'), 30_000);

    // They extend the deadline by a week (the form's default): every State is told.
    await staff.getByRole('button', { name: 'Extend and tell every Member State' }).click();
    await expect.poll(() => staff.getByRole('status').first().textContent()).toContain('The deadline is extended');
    await expect.poll(() => staff.getByText('Deadline extended from').count()).toBe(1);
    await expect.poll(() => staff.getByRole('row', { name: /^A new deadline / }).count()).toBe(1);
    const extended = await api<{ circulation: { deadline: string } }>('GET', `/circulations/${circulationId}`, { token });
    expect(new Date(extended.body.circulation.deadline).getTime() - new Date(circulated.body.circulation.deadline).getTime()).toBe(7 * 24 * 3600_000);

    // The proposed list downloads as CSV, with the name still pending.
    const [download] = await Promise.all([staff.waitForEvent('download'), staff.getByRole('button', { name: 'Proposed list (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe(`${circulationId}-proposed.csv`);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv).toContain(`${applicationId},${name},SEN`);
    expect(csv.trim().endsWith('pending')).toBe(true);
  }, 90_000);
});

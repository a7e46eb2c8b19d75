import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, expectAccessible, launch, screenshot, staffToken, waitForEmail, webUrl } from '../helpers/browser.ts';

let browser: Browser;
let page: Page;
const title = `Steering committee 2030 ${randomUUID().slice(0, 4)}`;
let callId = '';

beforeAll(async () => {
  browser = await launch();
  page = await browser.newPage();
  const opened = await api<{ callId: string }>('POST', '/steering-committee/calls', {
    token: staffToken(),
    body: { title, description: 'Members advise the President of the General Assembly on stakeholder participation.', constituencies: ['civil-society', 'youth'], seats: 9, deadline: new Date(Date.now() + 30 * 24 * 3600_000).toISOString() },
  });
  expect(opened.status).toBe(201);
  callId = opened.body.callId;
});

afterAll(async () => {
  await browser?.close();
});

describe('applying to the steering committee in the browser', () => {
  it('lists the open calls and opens one', async () => {
    await page.goto(`${webUrl}/steering-committee`);
    await page.getByRole('link', { name: title }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(title);
    expect(page.url()).toContain(callId);
    await expectAccessible(page);
  });

  it('checks the application beside each field, then applies and is acknowledged by e-mail', async () => {
    const email = `kwame-${randomUUID().slice(0, 6)}@example.org`;
    await page.goto(`${webUrl}/steering-committee/calls/${callId}`);
    await page.getByRole('button', { name: 'Send the application' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('Please correct');
    expect(await page.locator('.field.invalid').count()).toBeGreaterThan(8);
    await expectAccessible(page);

    await page.getByLabel('Name', { exact: true }).fill('Kwame Mensah');
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Organisation', { exact: true }).fill('West African Youth Migration Network');
    await page.getByLabel('Constituency').selectOption('youth');
    await page.getByLabel('Country').fill('GHA');
    await page.getByLabel('Gender').selectOption('male');
    await page.getByLabel('Age bracket').selectOption('18-29');
    await page.getByLabel('Languages you work in').fill('English, French');
    await page.getByLabel('Expertise').fill('Ten years of youth organising on labour migration corridors.');
    await page.getByLabel('Motivation').fill('To bring the voice of young migrants to the process.');
    await screenshot(page, 'committee-application');
    await page.getByRole('button', { name: 'Send the application' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Application received');
    const acknowledgement = await waitForEmail(email);
    expect(acknowledgement.subject + (acknowledgement.body.text ?? '')).toContain(title);

    // The acknowledgement's link opens the application, with where it stands.
    const link = /(http:\/\/127\.0\.0\.1:\d+\/steering-committee\/calls\/call_\w+\/candidacies\/cand_\w+#token=[\w.-]+)/.exec(acknowledgement.body.text ?? '')?.[1];
    expect(link?.startsWith(webUrl)).toBe(true);
    await page.goto(link!);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Application of Kwame Mensah');
    expect(await page.locator('.state').textContent()).toContain('Received: the decision follows the deadline.');
    await expectAccessible(page);
    await screenshot(page, 'candidacy-status');
    await page.goto('about:blank');
    await page.goto(link!.replace(/#token=.*/, '#token=tampered'));
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('expired or is not valid');
  });
});

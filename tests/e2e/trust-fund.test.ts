import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launch, screenshot, waitForEmail, webUrl } from '../helpers/browser.ts';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
});

describe('asking the trust fund how to contribute, in the browser', () => {
  it('shows the fund and checks the inquiry with the API’s schema, beside each field', async () => {
    await page.goto(`${webUrl}/trust-fund`);
    await expect.poll(() => page.getByRole('heading', { name: 'What the fund supports' }).count()).toBe(1);
    await page.getByLabel('Name of the donor').fill('Fondation Horizons');
    await page.getByLabel('Currency').fill('dol');
    await page.getByLabel('Earmark the contribution to one objective').check();
    await page.getByRole('button', { name: 'Send the inquiry' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('Please correct');
    expect(await page.getByText('must be an ISO 4217 currency code in capitals, such as USD or EUR').count()).toBe(1);
    expect(await page.getByLabel('Name of the donor').inputValue()).toBe('Fondation Horizons');
    await expectAccessible(page);

    // The schema's cross-field rule, checked once the rest is right: an earmarked contribution names its objective.
    await page.getByLabel('Type of donor').selectOption('philanthropic-organisation');
    await page.getByLabel('Country').fill('CHE');
    const contact = page.locator('fieldset', { hasText: 'Contact person' });
    await contact.getByLabel('Name').fill('Claire Dubois');
    await contact.getByLabel('E-mail').fill('claire@example.org');
    await page.getByLabel('Amount').fill('250000');
    await page.getByLabel('Currency').fill('CHF');
    await page.getByRole('button', { name: 'Send the inquiry' }).click();
    await expect.poll(() => page.getByText('is required for an earmarked contribution').count()).toBe(1);
    expect(await page.locator('.field.invalid').count()).toBe(1);
  });

  it('sends an earmarked inquiry, and the reply’s status link opens it with its state in words', async () => {
    const email = `claire-${randomUUID().slice(0, 6)}@example.org`;
    await page.goto(`${webUrl}/trust-fund`);
    await page.getByLabel('Name of the donor').fill('Fondation Horizons');
    await page.getByLabel('Type of donor').selectOption('philanthropic-organisation');
    await page.getByLabel('Country').fill('CHE');
    const contact = page.locator('fieldset', { hasText: 'Contact person' });
    await contact.getByLabel('Name').fill('Claire Dubois');
    await contact.getByLabel('E-mail').fill(email);
    await page.getByLabel('Amount').fill('250000');
    await page.getByLabel('Currency').fill('CHF');
    await page.getByLabel('Earmark the contribution to one objective').check();
    await page.getByLabel('Objective', { exact: true }).selectOption('ldc-participation');
    await page.getByLabel('Message (optional)').fill('We would like to support participation from the least developed countries.');
    await expectAccessible(page);
    await screenshot(page, 'trust-fund');
    await page.getByRole('button', { name: 'Send the inquiry' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Inquiry received');

    const reply = await waitForEmail(email);
    expect(reply.body.text).toContain('Participation of representatives of the least developed countries');
    const link = /(http:\/\/127\.0\.0\.1:\d+\/trust-fund\/inquiries\/inq_[0-9a-f]+\/status#token=[\w.-]+)/.exec(reply.body.text ?? '')?.[1];
    expect(link?.startsWith(webUrl)).toBe(true);
    await page.goto(link!);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Fondation Horizons');
    expect(await page.locator('.state').textContent()).toContain('Received');
    expect(await page.locator('dl').textContent()).toContain('Earmarked to: Participation of representatives of the least developed countries');
    await expectAccessible(page);
    await screenshot(page, 'inquiry-status');
  });

  it('shows the fund in French', async () => {
    await page.goto(`${webUrl}/trust-fund`);
    await page.getByLabel('Language').selectOption('fr');
    await expect.poll(() => page.getByRole('heading', { name: 'Comment contribuer' }).count()).toBe(1);
    expect(await page.getByLabel('Devise').count()).toBe(1);
    await expectAccessible(page);
    await page.getByLabel('Langue').selectOption('en');
  });
});

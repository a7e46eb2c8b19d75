import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, expectAccessible, launch, screenshot, staffToken, waitForEmail, webUrl } from '../helpers/browser.ts';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  page = await browser.newPage();
  // The seeded deadline is in 2017: staff open the stage for another 30 days.
  const opened = await api('PUT', '/accreditation/stages/preparatory-process', { token: staffToken(), body: { applicationDeadline: new Date(Date.now() + 30 * 24 * 3600_000).toISOString() } });
  expect(opened.status).toBe(200);
});

afterAll(async () => {
  await browser?.close();
});

describe('applying for special accreditation in the browser', () => {
  it('shows the stages with their deadlines and checks the application beside each field', async () => {
    await page.goto(`${webUrl}/accreditation`);
    await expect.poll(() => page.getByRole('heading', { name: 'The preparatory process' }).count()).toBe(1);
    expect(await page.locator('.cards').textContent()).toContain('Applications close');
    await page.getByLabel('Name of the organisation').fill('Red de Migrantes');
    await page.getByLabel('Mission of the organisation').fill('Too short');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('Please correct');
    expect(await page.locator('.field.invalid').count()).toBeGreaterThan(5);
    expect(await page.getByLabel('Mission of the organisation').inputValue()).toBe('Too short');
    await expectAccessible(page);
  });

  it('applies, is acknowledged by e-mail, and the status link shows the state in words', async () => {
    const email = `lucia-${randomUUID().slice(0, 6)}@example.org`;
    const name = `Red de Migrantes ${randomUUID().slice(0, 4)}`;
    await page.goto(`${webUrl}/accreditation`);
    await page.getByLabel('Stage').selectOption('preparatory-process');
    await page.getByLabel('Name of the organisation').fill(name);
    await page.getByLabel('Type of organisation').selectOption('migrant-organisation');
    await page.getByLabel('Country of headquarters').fill('GTM');
    await page.getByLabel('Year founded').fill('2004');
    await page.getByLabel('Geographic scope').selectOption('regional');
    await page.getByLabel('Mission of the organisation').fill('Defends the labour rights of migrant workers.');
    await page.getByLabel('Relevance to migration').fill('Represents seasonal and circular migrant workers.');
    const contact = page.locator('fieldset', { hasText: 'Contact person' });
    await contact.getByLabel('Name').fill('Lucía Pérez');
    await contact.getByLabel('E-mail').fill(email);
    await page.getByLabel('Gender of your representative').selectOption('female');
    await expectAccessible(page);
    await screenshot(page, 'accreditation-form');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Application received');

    const acknowledgement = await waitForEmail(email);
    const link = /(http:\/\/127\.0\.0\.1:\d+\/accreditation\/applications\/acc_[0-9a-f]+#token=[\w.-]+)/.exec(acknowledgement.body.text ?? '')?.[1];
    expect(link?.startsWith(webUrl)).toBe(true);
    await page.goto(link!);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(name);
    expect(await page.locator('.state').textContent()).toContain('Submitted');
    await expectAccessible(page);
    await screenshot(page, 'application-status');
  });
});

import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, expectAccessible, launch, screenshot, staffToken, waitForEmail, webUrl } from '../helpers/browser.ts';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  page = await browser.newPage();
  // The seeded meetings are in 2017: open msh-1's window as staff would, and list an ECOSOC organisation.
  const opened = await api('PATCH', '/meetings/msh-1', {
    token: staffToken(),
    body: { dates: { start: '2030-07-26', end: '2030-07-26' }, registration: { opensAt: '2020-01-01T00:00:00Z', closesAt: '2030-07-19T00:00:00Z' } },
  });
  expect(opened.status).toBe(200);
  const imported = await api('POST', '/organisations/imports/ecosoc', { token: staffToken(), body: 'name,country,status\nMigrant Rights Network,SEN,special\n', contentType: 'text/csv' });
  expect(imported.status).toBe(200);
});

afterAll(async () => {
  await browser?.close();
});

describe('registering for a meeting in the browser', () => {
  it('lists the meetings with open registration, accessibly', async () => {
    await page.goto(`${webUrl}/meetings`);
    await expect.poll(() => page.getByRole('link', { name: /multi-stakeholder hearing/i }).count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await screenshot(page, 'meetings');
  });

  it('checks the form in the browser, keeps what was typed, and shows each problem beside its field', async () => {
    await page.goto(`${webUrl}/meetings/msh-1`);
    await page.getByLabel('Name of the organisation').fill('Migrant Rights Network');
    await page.getByRole('button', { name: 'Register' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('Please correct');
    expect(await page.getByLabel('Name of the organisation').inputValue()).toBe('Migrant Rights Network');
    expect(await page.locator('.field.invalid').count()).toBeGreaterThan(6);
    // The organisation's own fields are checked too, with the API's schema and its messages.
    expect(await page.getByText('must be a three-letter ISO 3166-1 code in capitals, such as MEX').count()).toBe(2);
    await expectAccessible(page);
    await screenshot(page, 'registration-form-errors');
    // In French, the schema's own messages (from the catalogue) and zod's (from its locale) follow.
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('button', { name: 'S’inscrire' }).click();
    await expect.poll(() => page.getByText('doit être un code ISO 3166-1 à trois lettres majuscules, par exemple MEX').count()).toBe(2);
    expect(await page.getByLabel('Nom de l’organisation').inputValue()).toBe('Migrant Rights Network');
    await page.getByLabel('Langue').selectOption('en');
  });

  it('registers, shows the confirmation, e-mails the status link, and the link opens the registration', async () => {
    const email = `amina-${randomUUID().slice(0, 6)}@example.org`;
    await page.goto(`${webUrl}/meetings/msh-1`);
    await page.getByLabel('Name of the organisation').fill('Migrant Rights Network');
    await page.getByLabel('Country of headquarters').fill('SEN');
    await page.getByLabel('Type of organisation').selectOption('ngo');
    const contact = page.locator('fieldset', { hasText: 'Contact person' });
    await contact.getByLabel('Name').fill('Amina Diallo');
    await contact.getByLabel('E-mail').fill(email);
    const person = page.locator('fieldset', { hasText: 'Representative 1' });
    await person.getByLabel('Name', { exact: true }).fill('Amina Diallo');
    await person.getByLabel('E-mail').fill(email);
    await person.getByLabel('Title or function').fill('Director');
    await person.getByLabel('Gender').selectOption('female');
    await person.getByLabel('Nationality').fill('SEN');
    await person.getByLabel('Wishes to speak').check();
    await person.getByLabel('Topic of the intervention').fill('Regular pathways');
    await screenshot(page, 'registration-form');
    await page.getByRole('button', { name: 'Register' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Registration received');

    const confirmation = await waitForEmail(email);
    const link = /(http:\/\/127\.0\.0\.1:\d+\/registrations\/reg_[\w-]+#token=[\w.-]+)/.exec(confirmation.body.text ?? '')?.[1];
    expect(link?.startsWith(webUrl)).toBe(true);
    await page.goto(link!);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Migrant Rights Network');
    expect(await page.locator('.state').textContent()).toContain('Pending');
    await expect.poll(() => page.getByRole('link', { name: 'First informal interactive multi-stakeholder hearing' }).count()).toBe(1);
    await expectAccessible(page);
    await screenshot(page, 'registration-status');

    // The speaking interest is edited from the same link: a new topic, then no wish to speak.
    const [, registrationId, token] = /registrations\/(reg_[\w-]+)#token=([\w.-]+)/.exec(link!)!;
    const stored = async () => (await api<{ representatives: { wishesToSpeak: boolean; speakingTopic: string | null }[] }>('GET', `/registrations/${registrationId}`, { token })).body.representatives[0];
    const speaker = page.locator('fieldset', { hasText: 'Amina Diallo' });
    await speaker.getByLabel('Topic of the intervention').fill('Regular pathways for women migrant workers');
    await speaker.getByRole('button', { name: 'Save the wish to speak' }).click();
    await expect.poll(stored).toMatchObject({ wishesToSpeak: true, speakingTopic: 'Regular pathways for women migrant workers' });
    await speaker.getByLabel('Wishes to speak').uncheck();
    expect(await speaker.getByLabel('Topic of the intervention').count()).toBe(0);
    await speaker.getByRole('button', { name: 'Save the wish to speak' }).click();
    await expect.poll(stored).toMatchObject({ wishesToSpeak: false, speakingTopic: null });
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Saved');
  });

  it('shows the pages in French and marks the document as French', async () => {
    await page.goto(`${webUrl}/meetings`);
    await page.getByLabel('Language').selectOption('fr');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Réunions');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await page.getByLabel('Langue').selectOption('en');
  });
});

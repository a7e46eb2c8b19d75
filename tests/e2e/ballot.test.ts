import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, expectAccessible, launch, screenshot, staffToken, waitForEmail, webUrl } from '../helpers/browser.ts';

let browser: Browser;
let page: Page;
const names = [`Sahel Migrant Workers Union ${randomUUID().slice(0, 4)}`, `Red de Migrantes ${randomUUID().slice(0, 4)}`];
let title = '';

beforeAll(async () => {
  browser = await launch();
  page = await browser.newPage();
  // Staff open the stage, two organisations apply, staff include them and circulate the list.
  await api('PUT', '/accreditation/stages/preparatory-process', { token: staffToken(), body: { applicationDeadline: new Date(Date.now() + 30 * 24 * 3600_000).toISOString() } });
  const ids: string[] = [];
  for (const [index, name] of names.entries()) {
    const applied = await api<{ application: { applicationId: string } }>('POST', '/accreditation/applications', {
      body: {
        stage: 'preparatory-process',
        organisation: { name, type: 'migrant-organisation', country: index ? 'GTM' : 'MLI', website: null, yearFounded: 2004, geographicScope: 'regional', mission: 'Defends the labour rights of migrant workers.', relevanceToMigration: 'Represents seasonal and circular migrant workers.' },
        contact: { name: 'Moussa Traoré', email: `${randomUUID().slice(0, 8)}@example.org` },
        representativeGender: index ? 'female' : 'male',
      },
    });
    expect(applied.status).toBe(201);
    ids.push(applied.body.application.applicationId);
  }
  await api('POST', '/accreditation/applications/decisions', { token: staffToken(), body: { applicationIds: ids, decision: 'include' } });
  title = `List ${randomUUID().slice(0, 6)}`;
  const created = await api<{ circulation: { circulationId: string } }>('POST', '/circulations', { token: staffToken(), body: { stage: 'preparatory-process', title, applicationIds: ids } });
  const circulated = await api('POST', `/circulations/${created.body.circulation.circulationId}/circulate`, { token: staffToken(), body: { deadline: new Date(Date.now() + 3600_000).toISOString() } });
  expect(circulated.status).toBe(200);
});

afterAll(async () => {
  await browser?.close();
});

describe("a Member State's ballot in the browser", () => {
  it('opens from the link in the note, keeps the deadline in view, and records an objection with its basis, then its withdrawal', async () => {
    const note = await waitForEmail('pm.mex@missions.example.org', (email) => email.subject.endsWith(title), 45_000);
    const link = /(http:\/\/127\.0\.0\.1:\d+\/circulations\/circ_[0-9a-f]+\/ballot#token=[\w.-]+)/.exec(note.body.text ?? '')?.[1];
    expect(link?.startsWith(webUrl)).toBe(true);
    await page.goto(link!);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(title);
    expect(await page.locator('.deadline').textContent()).toContain('Non-objection deadline');
    await expectAccessible(page);
    await screenshot(page, 'ballot');

    await page.getByLabel(`Object to ${names[0]}`).check();
    await page.getByLabel('General basis of the objection (optional, confidential)').fill('Not registered under national law');
    await page.getByRole('button', { name: 'Object to the names ticked' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Objections recorded: 1');
    await page.getByRole('button', { name: `Withdraw the objection to ${names[0]}` }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('is withdrawn');
    await expect.poll(() => page.getByLabel(`Object to ${names[0]}`).count()).toBe(1);
  });

  it('asks for ticks before sending an objection, and says so beside the list', async () => {
    await page.getByRole('button', { name: 'Object to the names ticked' }).click();
    await expect.poll(() => page.locator('.summary').textContent()).toContain('Please correct');
  });
});

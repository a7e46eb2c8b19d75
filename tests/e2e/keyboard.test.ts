import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, firstReviewer, launch, staffToken, waitForEmail, webUrl } from '../helpers/browser.ts';

/**
 * Keyboard only: no mouse, no filling by selector. Tab moves the focus, the focused element must
 * show it, and Enter, Space and the arrow keys do the rest, as for someone who cannot use a mouse.
 */
let browser: Browser;
let page: Page;
const meetingId = 'its-5';

beforeAll(async () => {
  browser = await launch();
  page = await browser.newPage();
  const opened = await api('PATCH', `/meetings/${meetingId}`, {
    token: staffToken(),
    body: { dates: { start: '2030-09-20', end: '2030-09-21' }, registration: { opensAt: '2020-01-01T00:00:00Z', closesAt: '2030-09-10T00:00:00Z' } },
  });
  expect(opened.status).toBe(200);
  const imported = await api('POST', '/organisations/imports/ecosoc', { token: staffToken(), body: 'name,country,status\nKeyboard Access Alliance,KEN,general\n', contentType: 'text/csv' });
  expect(imported.status).toBe(200);
});

afterAll(async () => {
  await browser?.close();
});

/** The focused element's accessible name as a person hears it: its label, aria-label or text. */
const focusedName = () =>
  page.evaluate(() => {
    const element = document.activeElement as (HTMLElement & { labels?: NodeListOf<HTMLLabelElement> }) | null;
    if (!element || element === document.body) return '';
    return (element.getAttribute('aria-label') ?? element.labels?.[0]?.textContent ?? element.textContent ?? '').replace(/\s+/g, ' ').trim();
  });

/** Presses Tab until an element with this name has the focus (at most 80 times), and checks the focus is visible. */
async function tabTo(name: string | RegExp, options: { within?: string } = {}): Promise<void> {
  for (let presses = 0; presses < 80; presses += 1) {
    await page.keyboard.press('Tab');
    const focused = await focusedName();
    const inside = options.within ? await page.evaluate((legend) => document.activeElement?.closest('fieldset')?.querySelector('legend')?.textContent?.includes(legend) ?? false, options.within) : true;
    if (inside && (typeof name === 'string' ? focused === name : name.test(focused))) {
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
      expect(outline, `focus on ${focused} is visible`).not.toBe('none');
      return;
    }
  }
  throw new Error(`Tab never reached ${String(name)}`);
}

async function chooseWithArrows(value: string): Promise<void> {
  for (let presses = 0; presses < 30; presses += 1) {
    if ((await page.evaluate(() => (document.activeElement as HTMLSelectElement).value)) === value) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`The arrows never chose ${value}`);
}

describe('keyboard only', () => {
  it('skips to the content, opens a meeting and registers, every field reached with Tab', async () => {
    const email = `keys-${randomUUID().slice(0, 6)}@example.org`;
    await page.goto(`${webUrl}/meetings`);
    await page.keyboard.press('Tab');
    expect(await focusedName()).toBe('Skip to content');
    await tabTo(/^Smuggling of migrants/);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${webUrl}/meetings/${meetingId}`);
    // The move to the new page puts the focus on its content, as a page load would.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');

    await tabTo('Name of the organisation');
    await page.keyboard.type('Keyboard Access Alliance');
    await tabTo('Country of headquarters');
    await page.keyboard.type('KEN');
    await tabTo('Type of organisation');
    await chooseWithArrows('ngo');
    await tabTo('Name', { within: 'Contact person' });
    await page.keyboard.type('Wanjiru Kamau');
    await tabTo('E-mail', { within: 'Contact person' });
    await page.keyboard.type(email);
    await tabTo('Name', { within: 'Representative 1' });
    await page.keyboard.type('Wanjiru Kamau');
    await tabTo('E-mail', { within: 'Representative 1' });
    await page.keyboard.type(email);
    await tabTo('Title or function');
    await page.keyboard.type('Coordinator');
    await tabTo('Gender');
    await chooseWithArrows('female');
    await tabTo('Nationality');
    await page.keyboard.type('KEN');
    await tabTo('Wishes to speak');
    await page.keyboard.press('Space');
    await tabTo('Topic of the intervention');
    await page.keyboard.type('Access to services for migrants with disabilities');
    await tabTo('Register');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Registration received');

    const confirmation = await waitForEmail(email, (message) => message.subject.includes('Registration received'));
    expect(confirmation.body.text).toContain('Keyboard Access Alliance');
    const registrations = await api<{ items: { organisation: { name: string }; representatives: { wishesToSpeak: boolean; speakingTopic: string | null }[] }[] }>('GET', `/meetings/${meetingId}/registrations`, { token: staffToken() });
    const stored = registrations.body.items.find((item) => item.organisation.name === 'Keyboard Access Alliance');
    expect(stored?.representatives[0]).toMatchObject({ wishesToSpeak: true, speakingTopic: 'Access to services for migrants with disabilities' });
  });

  it('signs in to the staff console and signs out with the keyboard', async () => {
    await page.goto(`${webUrl}/staff`);
    await tabTo('Sign in');
    await page.keyboard.press('Enter');
    // The staff sign-in's own page (npm start's provider; Cognito's managed login in AWS).
    await page.getByRole('heading', { name: 'Sign in to the staff console' }).waitFor();
    await tabTo('E-mail address');
    await page.keyboard.type(firstReviewer.email);
    await tabTo('Password');
    await page.keyboard.type(firstReviewer.password);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await tabTo('Registrations');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${webUrl}/staff/meetings`);
    // The new page replaces the old one (its own console bar) once its code has loaded: wait for it before tabbing on.
    await page.getByRole('heading', { level: 1, name: 'Meetings and registrations' }).waitFor();
    await tabTo('Sign out');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Staff sign-in' }).waitFor();
  });
});

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, demoAdmin, expectAccessible, launch, screenshot, signInAsStaff, staffToken, waitForEmail, webUrl } from '../helpers/browser.ts';

interface Inquiry {
  inquiryId: string;
  state: string;
  received: { amount: string; currency: string; minorUnits: number } | null;
  notes: { text: string; by: string }[];
}
interface Totals {
  currencies: Record<string, { received: { unearmarked: string; total: string } }>;
}
interface Notification {
  notificationId: string;
  to: string[];
  template: string;
  state: string;
}

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  page = await browser.newPage({ acceptDownloads: true });
});
afterAll(async () => {
  await browser?.close();
});

/** A donor asks through the public API, as the public page does: the staff work starts from there. */
async function inquire(donorName: string, email: string, currency = 'NOK') {
  const response = await api<{ inquiry: { inquiryId: string } }>('POST', '/trust-fund/inquiries', {
    body: { donor: { name: donorName, type: 'member-state', country: 'NOR' }, contact: { name: 'Ingrid Berg', email }, intended: { amount: 50000, currency }, earmarked: false, message: null, language: 'en' },
  });
  expect(response.status).toBe(201);
  return response.body.inquiry.inquiryId;
}

const staffApi = <T,>(path: string) => api<T>('GET', path, { token: staffToken() });

describe('staff records: trust fund inquiries, notifications and the audit trail', { timeout: 120_000 }, () => {
  const donorName = `Royal Ministry ${randomUUID().slice(0, 6)}`;
  let inquiryId: string;

  it('moves a donor inquiry on from the list to contribution received, with notes, totals and the CSV export', async () => {
    inquiryId = await inquire(donorName, `ingrid-${randomUUID().slice(0, 6)}@donors.example.org`);

    await signInAsStaff(page, '/staff/trust-fund');
    const link = page.getByRole('link', { name: donorName });
    await link.waitFor();
    const row = page.locator('tr', { has: link });
    expect(await row.textContent()).toContain('New');
    expect(await row.textContent()).toContain('Member State');
    await page.getByLabel('State', { exact: true }).selectOption('closed');
    await expect.poll(() => page.getByText('Nothing here.').count()).toBe(1);
    expect(await link.count()).toBe(0);
    await page.getByLabel('State', { exact: true }).selectOption('new');
    await link.waitFor();
    await page.getByRole('heading', { name: 'Totals' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'staff-trust-fund');

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/^trust-fund-inquiries-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = readFileSync((await csv.path())!, 'utf8');
    expect(text.split('\n')[0]).toContain('inquiryId,receivedAt,donor');
    expect(text).toContain(`${inquiryId},`);
    expect(text).toContain(donorName);

    await link.click();
    await page.getByRole('heading', { level: 1, name: donorName }).waitFor();
    // The next state is offered first.
    expect(await page.getByLabel('New state').inputValue()).toBe('in-contact');
    await page.getByLabel('Note').fill('Called the permanent mission; they will send the signed arrangement.');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved.' }).count()).toBe(1);
    await expect.poll(() => page.locator('p .state').textContent()).toBe('In contact');
    await page.getByText('Called the permanent mission').first().waitFor();
    await page.locator('table code', { hasText: 'inquiry.in-contact' }).waitFor();

    // Contribution received needs the amount: checked in the browser, beside the field, and nothing typed is lost.
    await page.getByLabel('New state').selectOption('contribution-received');
    await page.getByLabel('Note').fill('Funds arrived on the UN account.');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('.field.invalid').count()).toBe(1);
    expect(await page.locator('.field.invalid label').textContent()).toBe('Amount received');
    expect(await page.getByLabel('Note').inputValue()).toBe('Funds arrived on the UN account.');
    expect(await page.getByLabel('Currency').inputValue()).toBe('NOK');
    await page.getByLabel('Amount received').fill('45000');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('p .state').textContent()).toBe('Contribution received');
    await page.locator('table code', { hasText: 'inquiry.contribution-received' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'staff-inquiry');

    const saved = await staffApi<Inquiry>(`/trust-fund/inquiries/${inquiryId}`);
    expect(saved.body.state).toBe('contribution-received');
    expect(saved.body.received).toEqual({ amount: '45000.00', currency: 'NOK', minorUnits: 4500000 });
    expect(saved.body.notes.map((note) => note.text)).toEqual(['Called the permanent mission; they will send the signed arrangement.', 'Funds arrived on the UN account.']);
    expect(saved.body.notes[0]!.by).toBe(demoAdmin.id);
    const totals = await staffApi<Totals>('/trust-fund/totals');
    expect(totals.body.currencies.NOK?.received).toMatchObject({ unearmarked: '45000.00', total: '45000.00' });

    // The list's totals show the amount received.
    await page.getByRole('link', { name: 'All inquiries' }).click();
    const nok = page.locator('tr', { has: page.getByRole('rowheader', { name: 'NOK' }) });
    await nok.waitFor();
    expect(await nok.textContent()).toMatch(/45,000/);
  });

  it('shows the inquiry’s trail from a link, and another record’s from the form, in the address', async () => {
    await page.goto(`${webUrl}/staff/audit?entity=trust-fund-inquiry&id=${inquiryId}`);
    const rows = page.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    // Newest first: received by the donor last in the list, each staff change with who made it.
    expect(await rows.nth(0).textContent()).toContain('inquiry.contribution-received');
    expect(await rows.nth(0).textContent()).toContain(`${demoAdmin.name} (${demoAdmin.id}, admin)`);
    expect(await rows.nth(0).textContent()).toContain('Funds arrived on the UN account.');
    expect(await rows.nth(1).textContent()).toContain('inquiry.in-contact');
    expect(await rows.nth(1).textContent()).toContain(demoAdmin.name);
    expect(await rows.nth(2).textContent()).toContain('inquiry.received');
    expect(await rows.nth(2).textContent()).toContain('donor (public)');
    expect(await page.getByLabel('Kind of record').inputValue()).toBe('trust-fund-inquiry');
    expect(await page.getByLabel('Identifier').inputValue()).toBe(inquiryId);
    await expectAccessible(page);
    await screenshot(page, 'staff-audit');

    // The form updates the address, so that a trail can be bookmarked.
    await page.getByLabel('Identifier').fill('');
    await page.getByRole('button', { name: 'Show the trail' }).click();
    await page.getByText('Enter the record\'s identifier.').waitFor();
    await page.getByLabel('Kind of record').selectOption('trust-fund');
    await page.getByLabel('Identifier').fill('fund');
    await page.getByRole('button', { name: 'Show the trail' }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('?entity=trust-fund&id=fund');
    await page.getByRole('table', { name: 'Trail of Trust fund details fund, newest first' }).waitFor();
  });

  it('lists suppressed e-mail after the failed ones, lifts the suppression and retries the e-mail', async () => {
    const address = `bounced-${randomUUID().slice(0, 6)}@donors.example.org`;
    await page.goto(`${webUrl}/staff/notifications`);
    await expect.poll(() => page.getByRole('tab', { selected: true }).textContent()).toBe('Failed');
    await page.getByLabel('E-mail address').fill('not-an-address');
    await page.getByRole('button', { name: 'Suppress the address' }).click();
    await expect.poll(() => page.locator('.field.invalid').count()).toBe(1);
    await page.getByLabel('E-mail address').fill(address);
    await page.getByLabel('Reason').fill('The mission asked us to stop writing to this address.');
    await page.getByRole('button', { name: 'Suppress the address' }).click();
    await page.getByRole('cell', { name: address, exact: true }).waitFor();
    expect(await page.locator('tr', { hasText: address }).textContent()).toContain('Added by staff');

    // A reply to a donor at that address is then suppressed by the dispatcher, not sent.
    const suppressedInquiry = await inquire(`Suppressed donor ${randomUUID().slice(0, 6)}`, address, 'EUR');
    let notification: Notification | undefined;
    await expect
      .poll(
        async () => {
          notification = (await staffApi<{ items: Notification[] }>('/notifications?state=suppressed&limit=200')).body.items.find((item) => item.to.includes(address));
          return notification?.template;
        },
        { timeout: 30_000 },
      )
      .toBe('trust-fund-reply');
    expect(suppressedInquiry).toMatch(/^inq_/);

    await page.getByRole('tab', { name: 'Suppressed' }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('?state=suppressed');
    const first = page.getByRole('tabpanel').locator('tbody tr').first();
    await expect.poll(() => first.textContent()).toContain(address);
    expect(await first.textContent()).toContain('trust-fund-reply');
    await expectAccessible(page);
    await screenshot(page, 'staff-notifications');

    await page.getByRole('button', { name: `Lift the suppression of ${address}` }).click();
    await page.getByRole('status').filter({ hasText: `E-mail will be sent to ${address} again.` }).waitFor();
    expect((await staffApi<{ items: { email: string }[] }>('/suppressions?limit=200')).body.items.map((item) => item.email)).not.toContain(address);

    await page.getByRole('link', { name: address }).click();
    await page.getByText('Text as sent').waitFor();
    expect(await page.locator('.prose').textContent()).toContain('Ingrid Berg');
    expect(await page.locator('dd.state').textContent()).toBe('Suppressed');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('status').filter({ hasText: 'back in the queue' }).waitFor();
    await expect.poll(async () => (await staffApi<{ notification: Notification }>(`/notifications/${notification!.notificationId}`)).body.notification.state, { timeout: 30_000 }).toBe('sent');
    const reply = await waitForEmail(address);
    expect(reply.body.text).toContain('Ingrid Berg');
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => page.locator('dd.state').textContent()).toBe('Sent');
    await expect.poll(() => page.getByRole('button', { name: 'Retry' }).count()).toBe(0);

    // The reply's link is shown withheld. Resent, a second link goes to the donor; then an admin
    // withdraws both (the donor forwarded the e-mail), and only the fresh third one opens the inquiry.
    const tokenOf = (email: { body: { text?: string } }) => /#token=([\w.-]+)/.exec(email.body.text ?? '')?.[1] ?? '';
    const status = async (token: string) => (await api('GET', `/trust-fund/inquiries/${suppressedInquiry}/status`, { token })).status;
    const known = new Set([tokenOf(reply)]);
    const nextEmail = async () => {
      const email = await waitForEmail(address, (candidate) => tokenOf(candidate) !== '' && !known.has(tokenOf(candidate)));
      known.add(tokenOf(email));
      return tokenOf(email);
    };
    await page.getByText('Links in this e-mail are shown as [withheld]').waitFor();
    expect(await page.locator('.prose').textContent()).toContain('#token=[withheld]');
    expect(await status(tokenOf(reply))).toBe(200);

    await page.getByRole('button', { name: 'Resend this e-mail' }).click();
    await page.getByRole('button', { name: 'Yes, resend it' }).click();
    await page.getByRole('status').filter({ hasText: `Queued again for ${address}` }).waitFor();
    const resent = await nextEmail();
    expect(await status(resent)).toBe(200);

    await page.getByRole('button', { name: 'Withdraw the links' }).click();
    await expect.poll(() => page.locator('.field.invalid').count()).toBe(1);
    await page.getByLabel('Reason').fill('The donor forwarded the reply to a mailing list.');
    await page.getByRole('button', { name: 'Withdraw the links' }).click();
    await page.getByRole('button', { name: 'Yes, withdraw them' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'staff-notification-links');
    await page.getByRole('button', { name: 'Yes, withdraw them' }).click();
    await page.getByRole('status').filter({ hasText: `The links are withdrawn. Fresh ones are queued for ${address}.` }).waitFor();
    expect(await status(tokenOf(reply))).toBe(401);
    expect(await status(resent)).toBe(401);
    expect(await status(await nextEmail())).toBe(200);
  });
});

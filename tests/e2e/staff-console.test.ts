import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { demoAccounts } from '#local/oidc.ts';
import { apiUrl, demoAdmin, expectAccessible, firstReviewer, launch, screenshot, signInAsStaff, webUrl } from '../helpers/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** What the console keeps for the tab: the access token it got from the provider. */
const sessionToken = (page: Page) => page.evaluate(() => (JSON.parse(sessionStorage.getItem('staff-session') ?? 'null') as { accessToken: string } | null)?.accessToken ?? null);

describe('staff sign-in through the staff OpenID provider', () => {
  it('sends the person to the provider’s login page, which refuses a wrong password, and comes back signed in where they were going', async () => {
    const page = await browser.newPage();
    await page.goto(`${webUrl}/staff/meetings`);
    await page.getByRole('heading', { name: 'Staff sign-in' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'staff-sign-in');

    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Sign in to the staff console' }).waitFor();
    const login = new URL(page.url());
    expect(login.origin).not.toBe(new URL(webUrl).origin);
    await page.getByLabel('E-mail address').fill(firstReviewer.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('The e-mail address or the password is not right').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'staff-provider-login');

    await page.getByLabel('E-mail address').fill(firstReviewer.email);
    await page.getByLabel('Password').fill(firstReviewer.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    // Back where they were going, the code and state gone from the address.
    expect(page.url()).toBe(`${webUrl}/staff/meetings`);
    await expect.poll(() => page.getByText(`Signed in as ${firstReviewer.name} (reviewer)`).count()).toBe(1);
    const token = await sessionToken(page);
    const header = JSON.parse(Buffer.from(token!.split('.')[0]!, 'base64url').toString()) as { alg: string; typ: string };
    expect(header).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });

    // The tab keeps the session; a reviewer's token is refused on an admin route and accepted on a reviewer's.
    await page.reload();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    const asReviewer = async (method: string, path: string) => (await fetch(`${apiUrl}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(method === 'POST' ? { body: '{}' } : {}) })).status;
    expect(await asReviewer('POST', '/meetings')).toBe(403);
    expect(await asReviewer('GET', '/circulations')).toBe(200);
    await page.close();
  });

  it('signs out at the provider too: the next sign-in asks for the password again', async () => {
    const page = await browser.newPage();
    await signInAsStaff(page, '/staff', demoAdmin);
    await expect.poll(() => page.getByText(`Signed in as ${demoAdmin.name} (admin)`).count()).toBe(1);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Staff sign-in' }).waitFor();
    expect(new URL(page.url()).origin).toBe(new URL(webUrl).origin);
    expect(await sessionToken(page)).toBeNull();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Sign in to the staff console' }).waitFor();
    await page.close();
  });

  it('refuses a return from the provider that this tab did not start, in words', async () => {
    const page = await browser.newPage();
    await page.goto(`${webUrl}/staff/?code=forged-code&state=forged-state`);
    await page.getByRole('alert').getByText('This sign-in was started in another tab or has already been used').waitFor();
    expect(await sessionToken(page)).toBeNull();
    await expectAccessible(page);
    await page.close();
  });

  it('tells the pages where to sign staff in, and keeps no sign-in route of its own', async () => {
    const config = await (await fetch(`${webUrl}/config.js`)).text();
    expect(config).toContain('"staffSignIn":{"issuer":"http://127.0.0.1:');
    expect(config).not.toContain('signInUrl');
    const post = await fetch(`${webUrl}/local/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(post.headers.get('content-type')).toContain('text/html');
    expect(await post.text()).not.toMatch(/"token"/);
  });

  it('the local landing page links to the web pages and the staff console, with the demo accounts', async () => {
    const landing = await (await fetch(`${apiUrl}/`)).text();
    expect(landing).toContain(`href="${webUrl}/staff"`);
    expect(landing).toContain(`href="${webUrl}"`);
    for (const account of demoAccounts) expect(landing).toContain(account.password);
  });
});

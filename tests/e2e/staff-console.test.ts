import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { demoStaff } from '#local/seed.ts';
import { apiUrl, expectAccessible, launch, screenshot, signInAsStaff, staffToken, webUrl } from '../helpers/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('staff sign-in', () => {
  it('refuses a wrong password, signs the demo account in, keeps the session in the tab and signs out', async () => {
    const page = await browser.newPage();
    await page.goto(`${webUrl}/staff/meetings`);
    await page.getByRole('heading', { name: 'Staff sign-in' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'staff-sign-in');

    await page.getByLabel('E-mail').fill(demoStaff.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('do not match the demo staff account').waitFor();

    await page.getByLabel('Password').fill(demoStaff.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await expect.poll(() => page.getByText(`Signed in as ${'Demo OPGA staff'} (admin)`).count()).toBe(1);

    await page.reload();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Staff sign-in' }).waitFor();
    await page.close();
  });

  it('takes a pasted bearer token, and refuses one that is not a staff token', async () => {
    const page = await browser.newPage();
    await page.goto(`${webUrl}/staff`);
    await page.getByText('Sign in with a bearer token').click();
    await page.getByLabel('Staff bearer token').fill('not.a.token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('That is not a staff token, or it has expired.').waitFor();
    await page.getByLabel('Staff bearer token').fill(staffToken());
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Staff console' }).waitFor();
    await expectAccessible(page);
    await page.close();
  });

  it('the sign-in endpoint answers a wrong body with 400 and a wrong password with 401', async () => {
    const post = (body: string) => fetch(`${webUrl}/local/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect((await post('{')).status).toBe(400);
    expect((await post('{"email":1}')).status).toBe(400);
    expect((await post(JSON.stringify({ email: demoStaff.email, password: 'nope' }))).status).toBe(401);
    const signedIn = await post(JSON.stringify({ email: demoStaff.email.toUpperCase(), password: demoStaff.password }));
    expect(signedIn.status).toBe(200);
    expect(((await signedIn.json()) as { token: string }).token.split('.')).toHaveLength(3);
  });

  it('the local landing page links to the web pages and the staff console, with the demo account', async () => {
    const landing = await (await fetch(`${apiUrl}/`)).text();
    expect(landing).toContain(`href="${webUrl}/staff"`);
    expect(landing).toContain(`href="${webUrl}"`);
    expect(landing).toContain(demoStaff.password);
  });
});

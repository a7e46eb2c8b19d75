import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { demoAccounts, type DemoAccount } from '#local/oidc.ts';
import { signStaffAccessToken } from './staff-tokens.ts';

export const webUrl = inject('webUrl');
export const apiUrl = inject('e2eApiUrl');
export const mailboxUrl = inject('e2eMailboxUrl');

/** Debian's Chromium (installed by .ci/run), or CHROMIUM_PATH. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launch(): Promise<Browser> {
  if (!existsSync(chromiumPath)) throw new Error(`The browser tests need Chromium at ${chromiumPath}: apt-get install chromium, or set CHROMIUM_PATH`);
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // This machine's network is closed: Chromium must not try to reach Google's services.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core in the page: no serious or critical violation of WCAG 2.1 A/AA. */
export async function expectAccessible(page: Page): Promise<void> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, targets: violation.nodes.map((node) => node.target.join(' ')) }));
  });
  expect(violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')).toEqual([]);
}

/** Saves a screenshot under tests/output/screenshots (the README's pictures come from here). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync('tests/output/screenshots', { recursive: true });
  await page.screenshot({ path: `tests/output/screenshots/${name}.png`, fullPage: true });
}

/** An access token as the local provider issues it (signed with its key), for setting up through the API. */
export function staffToken(role: 'reviewer' | 'admin' = 'admin', person: { sub?: string; name?: string } = {}): string {
  return signStaffAccessToken(inject('e2eStaffSigningKey'), { role, sub: person.sub ?? 'admin', name: person.name ?? 'Ada Admin' });
}

export const [firstReviewer, secondReviewer, demoAdmin] = demoAccounts;

export async function api<T>(method: string, path: string, options: { token?: string; body?: unknown; contentType?: string } = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...(options.body !== undefined ? { 'content-type': options.contentType ?? 'application/json' } : {}) },
    ...(options.body !== undefined ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

export interface MailboxEmail {
  subject: string;
  destination: { to: string[] };
  body: { text?: string; html?: string };
}

/** Waits for the scheduler to send an e-mail to this address that matches, as a person waits for their inbox. */
export async function waitForEmail(to: string, matches: (email: MailboxEmail) => boolean = () => true, timeoutMs = 20_000): Promise<MailboxEmail> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { emails } = (await (await fetch(`${mailboxUrl}/store`)).json()) as { emails: MailboxEmail[] };
    const found = emails.find((email) => email.destination.to.join(',').includes(to) && matches(email));
    if (found) return found;
    if (Date.now() > until) throw new Error(`No e-mail to ${to} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * Signs in to the staff console as a person does: the console's Sign in button, the provider's
 * login page with a demo account (the admin unless another is named), and back to the console.
 */
export async function signInAsStaff(page: Page, path = '/staff', account: DemoAccount = demoAdmin): Promise<void> {
  await page.goto(`${webUrl}${path}`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('E-mail address').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

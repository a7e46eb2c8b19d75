import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { systemClock } from '#shared/clock.ts';
import { dispatchNotifications } from '#shared/email/dispatcher.ts';
import { signStaffAccessToken } from './staff-tokens.ts';

export const apiUrl = inject('apiUrl');
export const mailboxUrl = inject('mailboxUrl');

/** This test process talks to the same DynamoDB Local as the API, e.g. to run a scheduled job itself. */
Object.assign(process.env, {
  TABLE_NAME: inject('tableName'),
  DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
  AWS_REGION: 'local',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AUTH_SECRET: inject('authSecret'),
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  SES_ENDPOINT: inject('mailboxUrl'),
  SES_MAX_SEND_RATE: '400',
  DISPATCH_BUDGET_SECONDS: '120',
  STAFF_ALERT_EMAIL: 'staff@opga.example.org',
});

export interface MailboxEmail {
  messageId: string;
  subject: string;
  destination: { to: string[] };
  body: { text?: string; html?: string };
  attachments: { filename?: string; contentType: string }[];
}

/** Every e-mail an aws-ses-v2-local server holds. */
export async function mailbox(url = mailboxUrl): Promise<MailboxEmail[]> {
  const response = await fetch(`${url}/store`);
  return ((await response.json()) as { emails: MailboxEmail[] }).emails;
}

/**
 * A staff access token as the local provider issues it, signed with its key but built independently
 * of the verifier: an admin's unless a role is named, since most tests set things up through admin
 * routes; tests/unit/role-matrix.test.ts holds each route to its role. `sub` and `name` name the person.
 */
export function staffToken(role: 'reviewer' | 'admin' = 'admin', claims: { sub?: string; name?: string } & Record<string, unknown> = {}): string {
  const { sub = 'tester@opga.example.org', name = 'Tess Tester', ...rest } = claims;
  return signStaffAccessToken(inject('staffSigningKey'), { role, sub: String(sub), name: String(name), claims: rest });
}

/**
 * Runs the dispatcher, as the scheduler would, until `count` e-mails that match are in the mailbox
 * (or `timeoutMs` passes), and returns those that are: test files run at once, and another file's
 * dispatcher run may have claimed some of them and be sending them still.
 */
export async function dispatchedMail(matches: (email: MailboxEmail) => boolean, count: number, timeoutMs = 30_000): Promise<MailboxEmail[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    await dispatchNotifications({ clock: systemClock, remainingMs: () => 120_000 });
    const found = (await mailbox()).filter(matches);
    if (found.length >= count || Date.now() > until) return found;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

export async function api<T = Record<string, unknown>>(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as T };
}

/** A meeting id no other test uses. */
export const uniqueMeetingId = (prefix = 'test') => `${prefix}-${randomUUID().slice(0, 8)}`;

export { newMeeting } from './fixtures.ts';

import { randomUUID } from 'node:crypto';
import { BatchWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock, type Clock } from '#shared/clock.ts';
import { resetConfig } from '#shared/config.ts';
import { db, tableName } from '#shared/db/client.ts';
import { dispatchNotifications, type DispatchSummary } from '#shared/email/dispatcher.ts';
import { newNotification, notificationItem } from '#shared/email/outbox.ts';
import { templateSamples } from '#shared/email/samples.ts';
import type { Notification } from '#shared/email/schemas.ts';
import { resetSesClient } from '#shared/email/ses.ts';
import { findNotification } from '#shared/email/store.ts';
import { freePort } from '#local/runtime.ts';
import { startSes } from '#local/ses.ts';
import { api, mailbox, mailboxUrl, staffToken } from '../helpers/integration.ts';

const remainingMs = () => 120_000;

/** Puts `count` pending notifications, each to its own address under this run's domain. */
async function enqueueMany(count: number, run: string, now = new Date()): Promise<Notification[]> {
  const notifications = Array.from({ length: count }, (_unused, index) =>
    newNotification('meetingChanged', { to: [`r${index}@${run}.example.org`], language: index % 2 ? 'fr' : 'en', dedupeKey: `${run}:${index}`, data: templateSamples.meetingChanged }, now),
  );
  const batches = Array.from({ length: Math.ceil(count / 25) }, (_unused, index) => notifications.slice(index * 25, index * 25 + 25));
  for (let start = 0; start < batches.length; start += 8) {
    await Promise.all(batches.slice(start, start + 8).map((batch) => db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: batch.map((item) => ({ PutRequest: { Item: notificationItem(item) } })) } }))));
  }
  return notifications;
}

/** Runs dispatchers side by side until a round sends nothing more. */
async function dispatchUntilQuiet(parallel: number, clock: Clock = systemClock): Promise<DispatchSummary[]> {
  const all: DispatchSummary[] = [];
  for (let round = 0; round < 20; round += 1) {
    const summaries = await Promise.all(Array.from({ length: parallel }, () => dispatchNotifications({ clock, remainingMs })));
    all.push(...summaries);
    if (summaries.every((summary) => summary.sent + summary.suppressed + summary.retrying + summary.failed === 0)) break;
  }
  return all;
}

const referencesIn = (emails: { body: { text?: string } }[]) => emails.map((email) => /Réf[ée]rence: (\S+)|Reference: (\S+)/.exec(email.body.text ?? '')).map((match) => match?.[1] ?? match?.[2]);

afterEach(() => {
  process.env.SES_ENDPOINT = mailboxUrl;
  resetConfig();
  resetSesClient();
});

describe('the outbox', { timeout: 180_000 }, () => {
  it('delivers 1,000 pending notifications exactly once each with two dispatchers running at once', async () => {
    const run = `run-${randomUUID().slice(0, 8)}`;
    const notifications = await enqueueMany(1000, run);
    const summaries = await dispatchUntilQuiet(2);
    const emails = (await mailbox()).filter((email) => email.destination.to.some((address) => address.endsWith(`@${run}.example.org`)));
    expect(emails).toHaveLength(1000);
    const references = referencesIn(emails);
    expect(new Set(references).size).toBe(1000);
    expect(new Set(references)).toEqual(new Set(notifications.map((notification) => notification.notificationId)));
    // Other test files share the table and may have left notifications due: the dispatchers send those too.
    expect(summaries.reduce((sum, summary) => sum + summary.sent, 0)).toBeGreaterThanOrEqual(1000);
    expect(summaries.filter((summary) => summary.sent > 0).length).toBeGreaterThanOrEqual(2); // both dispatchers did work
    const stored = await Promise.all(notifications.slice(0, 50).map((notification) => findNotification(notification.notificationId)));
    expect(stored.every((notification) => notification?.state === 'sent' && notification.sesMessageId)).toBe(true);
    const withCalendar = emails.find((email) => email.attachments.some((attachment) => attachment.contentType.startsWith('text/calendar')));
    expect(withCalendar).toBeDefined();
  });

  it('loses nothing while SES is down, and delivers everything once when it is back', async () => {
    const port = await freePort();
    process.env.SES_ENDPOINT = `http://127.0.0.1:${port}`;
    resetConfig();
    resetSesClient();
    let now = Date.now();
    const clock: Clock = { now: () => new Date(now) };
    const run = `down-${randomUUID().slice(0, 8)}`;
    const notifications = await enqueueMany(50, run, new Date(now));

    for (let outage = 0; outage < 3; outage += 1) {
      const summary = await dispatchNotifications({ clock, remainingMs });
      expect(summary.stoppedBecause).toBe('unavailable');
      expect(summary.sent + summary.failed).toBe(0);
      now += 20_000;
    }
    const during = await Promise.all(notifications.map((notification) => findNotification(notification.notificationId)));
    expect(during.every((notification) => notification?.state === 'pending' && notification.attempts === 0)).toBe(true);

    const ses = await startSes(port);
    try {
      await dispatchUntilQuiet(1, clock);
      const emails = (await mailbox(ses.endpoint)).filter((email) => email.destination.to.some((address) => address.endsWith(`@${run}.example.org`)));
      expect(emails).toHaveLength(50);
      expect(new Set(referencesIn(emails)).size).toBe(50);
      const after = await Promise.all(notifications.map((notification) => findNotification(notification.notificationId)));
      expect(after.every((notification) => notification?.state === 'sent')).toBe(true);
    } finally {
      await ses.stop();
    }
  });
});

describe('staff and the outbox', () => {
  async function storedFailed(): Promise<Notification> {
    const failed: Notification = {
      ...newNotification('meetingChanged', { to: [`failed@${randomUUID().slice(0, 8)}.example.org`], language: 'en', dedupeKey: randomUUID(), data: templateSamples.meetingChanged }, new Date()),
      state: 'failed',
      attempts: 5,
      lastError: 'BadRequestException: Illegal address',
      failedAt: new Date().toISOString(),
    };
    await db().send(new PutCommand({ TableName: tableName(), Item: { ...notificationItem(failed), gsi2pk: 'OUTBOX#failed', gsi2sk: `${failed.failedAt}#${failed.notificationId}` } }));
    return failed;
  }

  it('lists failed notifications, shows one with its rendered text, and retries it once', async () => {
    const failed = await storedFailed();
    const list = await api<{ items: Notification[] }>('GET', '/notifications', { token: staffToken() });
    expect(list.status).toBe(200);
    expect(list.body.items.map((notification) => notification.notificationId)).toContain(failed.notificationId);

    const one = await api<{ notification: Notification; rendered: { subject: string; html: string } }>('GET', `/notifications/${failed.notificationId}`, { token: staffToken() });
    expect(one.body.notification).toMatchObject({ state: 'failed', attempts: 5 });
    expect(one.body.rendered.subject).toContain('Change to a meeting you registered for');

    const retried = await api<Notification>('POST', `/notifications/${failed.notificationId}/retry`, { token: staffToken() });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ state: 'pending', attempts: 0 });
    expect((await api('POST', `/notifications/${failed.notificationId}/retry`, { token: staffToken() })).status).toBe(409);
    expect((await api('GET', '/notifications/no-such-notification', { token: staffToken() })).status).toBe(404);
    expect((await api('GET', '/notifications')).status).toBe(401);
  });

  it('queues a test message through the outbox, which the dispatcher then delivers', async () => {
    const address = `test@${randomUUID().slice(0, 8)}.example.org`;
    const queued = await api<Notification>('POST', '/notifications/test-messages', { token: staffToken(), body: { to: address, language: 'fr' } });
    expect(queued.status).toBe(201);
    expect(queued.body).toMatchObject({ state: 'pending', template: 'test-message', to: [address] });
    expect(queued.headers.get('location')).toBe(`/notifications/${queued.body.notificationId}`);
    await dispatchUntilQuiet(1);
    const [email] = (await mailbox()).filter((candidate) => candidate.destination.to.includes(address));
    expect(email?.subject).toBe('Message d’essai du registre des parties prenantes');
    expect(email?.body.text).toContain('tester@opga.example.org');
    expect((await api('POST', '/notifications/test-messages', { token: staffToken(), body: { to: 'nobody' } })).status).toBe(400);
  });

  it('previews every template with its sample data, in either language, and names bad data', async () => {
    const templatesList = await api<{ items: { templateId: string }[] }>('GET', '/notification-templates', { token: staffToken() });
    for (const { templateId } of templatesList.body.items) {
      const preview = await api<{ subject: string }>('POST', `/notification-templates/${templateId}/preview`, { token: staffToken(), body: { language: 'en' } });
      expect(preview.status, templateId).toBe(200);
    }
    const french = await api<{ subject: string; html: string }>('POST', '/notification-templates/meeting-changed/preview', { token: staffToken(), body: { language: 'fr' } });
    expect(french.body.subject).toMatch(/^Modification/);
    expect(french.body.html).toContain('&lt;Diallo&gt;');
    const bad = await api('POST', '/notification-templates/meeting-changed/preview', { token: staffToken(), body: { data: { recipientName: 'X' } } });
    expect(bad.status).toBe(400);
    expect((bad.body.fields as { field: string }[]).map((problem) => problem.field)).toEqual(expect.arrayContaining(['body.data.meeting', 'body.data.changedFields']));
    expect((await api('POST', '/notification-templates/no-such-template/preview', { token: staffToken(), body: {} })).status).toBe(404);
  });

  it('does not send to a suppressed address, marks the notification so, and sends again once staff lift it', async () => {
    const run = `sup-${randomUUID().slice(0, 8)}`;
    const address = `r0@${run}.example.org`;
    expect((await api('PUT', `/suppressions/${encodeURIComponent(address)}`, { token: staffToken(), body: { detail: 'Mission asked us to stop' } })).status).toBe(200);
    const listed = await api<{ items: { email: string; reason: string }[] }>('GET', '/suppressions?limit=200', { token: staffToken() });
    expect(listed.body.items).toContainEqual(expect.objectContaining({ email: address, reason: 'manual' }));

    const [notification] = await enqueueMany(1, run);
    await dispatchUntilQuiet(1);
    expect((await findNotification(notification?.notificationId ?? ''))?.state).toBe('suppressed');
    expect((await mailbox()).filter((email) => email.destination.to.includes(address))).toHaveLength(0);

    expect((await api('DELETE', `/suppressions/${encodeURIComponent(address)}`, { token: staffToken() })).status).toBe(204);
    expect((await api('DELETE', `/suppressions/${encodeURIComponent(address)}`, { token: staffToken() })).status).toBe(404);
    expect((await api('POST', `/notifications/${notification?.notificationId}/retry`, { token: staffToken() })).status).toBe(200);
    await dispatchUntilQuiet(1);
    expect((await mailbox()).filter((email) => email.destination.to.includes(address))).toHaveLength(1);
    expect((await api('PUT', '/suppressions/not-an-address', { token: staffToken(), body: {} })).status).toBe(400);
  });
});

import { randomBytes } from 'node:crypto';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { systemClock } from '#shared/clock.ts';
import { resetConfig } from '#shared/config.ts';
import { db, tableName } from '#shared/db/client.ts';
import { dispatchNotifications } from '#shared/email/dispatcher.ts';
import { newNotification, notificationItem } from '#shared/email/outbox.ts';
import { templateSamples } from '#shared/email/samples.ts';
import { freePort, startLocalSystem } from '#local/runtime.ts';
import { logger } from '#shared/observability/logger.ts';

export interface DispatchFigures {
  notifications: number;
  configuredRate: number;
  seconds: number;
  sentPerSecond: number;
  delivered: number;
}

/**
 * Sends `count` pending notifications with one dispatcher at the configured maximum rate, through
 * DynamoDB Local and the SES emulator, and compares the rate achieved with the rate configured.
 */
export async function measureDispatch(count: number, configuredRate: number): Promise<DispatchFigures> {
  const system = await startLocalSystem({ apiPort: await freePort(), dynamoPort: await freePort(), sesPort: await freePort(), dataDir: null, scheduler: false, seed: false, authSecret: randomBytes(36).toString('base64url'), tableName: 'bench-dispatch' });
  try {
    Object.assign(process.env, { SES_MAX_SEND_RATE: String(configuredRate), DISPATCH_BUDGET_SECONDS: '600' });
    resetConfig();
    const now = new Date();
    const items = Array.from({ length: count }, (_unused, index) =>
      notificationItem(newNotification('meetingChanged', { to: [`bench${index}@bench.example.org`], language: 'en', dedupeKey: `bench:${index}`, data: templateSamples.meetingChanged }, now)),
    );
    for (let start = 0; start < items.length; start += 25) {
      await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } })) } }));
    }
    logger.setLogLevel('WARN'); // the run's summary line would interleave with the figures
    const started = performance.now();
    let sent = 0;
    while (sent < count) {
      const summary = await dispatchNotifications({ clock: systemClock, remainingMs: () => 900_000 });
      if (summary.sent === 0) break;
      sent += summary.sent;
    }
    const seconds = (performance.now() - started) / 1000;
    const store = (await (await fetch(`${system.mailboxUrl}/store`)).json()) as { emails: unknown[] };
    return { notifications: count, configuredRate, seconds, sentPerSecond: sent / seconds, delivered: store.emails.length };
  } finally {
    await system.stop();
  }
}

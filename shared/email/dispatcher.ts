import { randomUUID } from 'node:crypto';
import { setting } from '#shared/config.ts';
import type { Clock } from '#shared/clock.ts';
import { buildMime } from '#shared/email/mime.ts';
import { renderMessage } from '#shared/email/render/index.ts';
import type { Notification } from '#shared/email/schemas.ts';
import { classifySendError, sendRawEmail } from '#shared/email/ses.ts';
import * as store from '#shared/email/store.ts';
import { logger } from '#shared/observability/logger.ts';
import type { Needs } from '#shared/needs.ts';

/** What this module asks of its Lambda's role and environment (shared/needs.ts). */
export const needs: Needs = { env: ['CLAIM_TIMEOUT_SECONDS', 'DISPATCH_BUDGET_SECONDS', 'EMAIL_FOOTER', 'NOTIFICATION_MAX_ATTEMPTS', 'REPLY_TO_EMAIL', 'RETRY_BASE_SECONDS', 'SENDER_EMAIL', 'SES_MAX_SEND_RATE', 'STAFF_ALERT_EMAIL'] };

export interface DispatchSummary {
  sent: number;
  suppressed: number;
  retrying: number;
  failed: number;
  takenBack: number;
  uncertain: number;
  stoppedBecause: 'done' | 'budget' | 'unavailable';
}

export interface DispatchDependencies {
  clock: Clock;
  /** Milliseconds left in this invocation; the run stops taking work well before it ends. */
  remainingMs: () => number;
  send?: (mime: Buffer, to: string[]) => Promise<string>;
}

/** Paces sends to at most `rate` per second across all workers of this run. */
function pacer(rate: number) {
  const interval = 1000 / rate;
  let next = performance.now();
  return async () => {
    const slot = Math.max(next, performance.now());
    next = slot + interval;
    const wait = slot - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  };
}

/** Exponential backoff with full jitter: base * 2^(attempt-1), times a random factor in [0.5, 1.5). */
export function retryDelaySeconds(attempts: number, baseSeconds: number, random: () => number = Math.random): number {
  return baseSeconds * 2 ** Math.max(0, attempts - 1) * (0.5 + random());
}

/**
 * One scheduled run: takes back claims of crashed runs, then claims and sends due notifications at
 * the configured rate until none are due, the time budget is spent, or SES is unavailable.
 * Every step is a conditional write on this run's claim, so concurrent runs never send one twice.
 */
export async function dispatchNotifications(deps: DispatchDependencies): Promise<DispatchSummary> {
  const send = deps.send ?? sendRawEmail;
  const summary: DispatchSummary = { sent: 0, suppressed: 0, retrying: 0, failed: 0, takenBack: 0, uncertain: 0, stoppedBecause: 'done' };
  const startedAt = performance.now();
  const budgetMs = setting('DISPATCH_BUDGET_SECONDS') * 1000;
  const outOfTime = () => performance.now() - startedAt > budgetMs || deps.remainingMs() < 5000;
  const token = randomUUID();
  const paced = pacer(setting('SES_MAX_SEND_RATE'));
  let unavailable = false;

  await recoverExpiredClaims(deps.clock.now(), summary, setting('STAFF_ALERT_EMAIL'));

  const sendOne = async (due: Notification) => {
    if (unavailable || outOfTime()) return;
    await paced();
    if (unavailable || outOfTime()) return; // it may have changed while this worker waited for its slot
    const now = deps.clock.now();
    const claimed = await store.claim(due, token, now, setting('CLAIM_TIMEOUT_SECONDS'));
    if (!claimed) return; // another run took it, or it is no longer due
    const suppressed = await store.suppressedAmong(claimed.to);
    const recipients = claimed.to.filter((address) => !suppressed.has(address));
    if (recipients.length === 0) {
      await store.markSuppressed(claimed.notificationId, token, [...suppressed], now);
      summary.suppressed += 1;
      return;
    }
    let mime: Buffer;
    try {
      const message = renderMessage(claimed.template, claimed.data, { language: claimed.language, footer: setting('EMAIL_FOOTER'), reference: claimed.notificationId });
      mime = await buildMime(message, { from: setting('SENDER_EMAIL'), to: recipients, replyTo: setting('REPLY_TO_EMAIL'), notificationId: claimed.notificationId });
    } catch (error) {
      // A message that cannot be rendered will never send: fail it now and tell staff.
      await store.markFailed(claimed, { reason: 'rejected', lastError: `Could not render: ${(error as Error).message}`, attempts: claimed.attempts + 1 }, store.claimCondition(token), setting('STAFF_ALERT_EMAIL'), now);
      summary.failed += 1;
      return;
    }
    if (!(await store.markSendStarted(claimed.notificationId, token, now))) return;
    let messageId: string;
    try {
      messageId = await send(mime, recipients);
    } catch (error) {
      await afterFailedSend(claimed, error, now);
      return;
    }
    await store.markSent(claimed.notificationId, token, { sesMessageId: messageId, suppressedRecipients: [...suppressed] }, deps.clock.now());
    summary.sent += 1;
  };

  const afterFailedSend = async (claimed: Notification, error: unknown, now: Date) => {
    const kind = classifySendError(error);
    const lastError = `${(error as Error).name ?? 'Error'}: ${(error as Error).message ?? String(error)}`.slice(0, 500);
    if (kind === 'unavailable') {
      unavailable = true;
      await store.release(claimed.notificationId, token, { attempts: claimed.attempts, nextAttemptAt: new Date(now.getTime() + 15_000), lastError }, now);
      summary.retrying += 1;
      return;
    }
    const attempts = claimed.attempts + 1;
    if (kind === 'rejected' || attempts >= setting('NOTIFICATION_MAX_ATTEMPTS')) {
      await store.markFailed(claimed, { reason: kind === 'rejected' ? 'rejected' : 'attempts-exhausted', lastError, attempts }, store.claimCondition(token), setting('STAFF_ALERT_EMAIL'), now);
      summary.failed += 1;
      return;
    }
    const delay = retryDelaySeconds(attempts, setting('RETRY_BASE_SECONDS'));
    await store.release(claimed.notificationId, token, { attempts, nextAttemptAt: new Date(now.getTime() + delay * 1000), lastError }, now);
    summary.retrying += 1;
  };

  const workers = Math.max(1, Math.min(8, Math.ceil(setting('SES_MAX_SEND_RATE'))));
  let startKey: Record<string, unknown> | undefined;
  let claimedThisPass = false;
  for (;;) {
    if (unavailable) {
      summary.stoppedBecause = 'unavailable';
      break;
    }
    if (outOfTime()) {
      summary.stoppedBecause = 'budget';
      break;
    }
    const page = await store.duePending(deps.clock.now(), 100, startKey);
    // Runs reading the same page start at different places, so they mostly claim different items.
    const queue = page.items.sort(() => Math.random() - 0.5);
    const before = summary.sent + summary.suppressed + summary.retrying + summary.failed;
    await Promise.all(Array.from({ length: workers }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await sendOne(next);
    }));
    claimedThisPass ||= summary.sent + summary.suppressed + summary.retrying + summary.failed > before;
    startKey = page.nextKey;
    if (!startKey) {
      if (!claimedThisPass) break; // a whole pass found nothing to do
      claimedThisPass = false;
    }
  }
  if (summary.sent + summary.failed + summary.retrying + summary.takenBack + summary.uncertain > 0) logger.info('Dispatcher run', { ...summary });
  return summary;
}

/** Crashed runs leave claims behind: send again those never handed to SES; flag the others. */
async function recoverExpiredClaims(now: Date, summary: DispatchSummary, staffAddress: string): Promise<void> {
  for (const stale of await store.expiredClaims(now, 100)) {
    if (stale.sendStartedAt === null) {
      if (await store.takeBack(stale, now)) summary.takenBack += 1;
      continue;
    }
    const condition = { expression: '#state = :sending AND claimToken = :token AND claimExpiresAt <= :now', values: { ':sending': 'sending', ':token': stale.claimToken, ':now': now.toISOString() } };
    const lastError = `Delivery uncertain: a dispatcher stopped after handing the message to SES at ${stale.sendStartedAt} and before recording the result`;
    if (await store.markFailed(stale, { reason: 'delivery-uncertain', lastError, attempts: stale.attempts + 1 }, condition, staffAddress, now)) summary.uncertain += 1;
  }
}

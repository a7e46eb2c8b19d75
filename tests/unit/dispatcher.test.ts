import { SendEmailCommand, SESv2Client, TooManyRequestsException, BadRequestException, MessageRejected } from '@aws-sdk/client-sesv2';
import { BatchGetCommand, DynamoDBDocumentClient, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resetConfig } from '#shared/config.ts';
import { fixedClock } from '#shared/clock.ts';
import { dispatchNotifications, retryDelaySeconds } from '#shared/email/dispatcher.ts';
import { newNotification, notificationItem } from '#shared/email/outbox.ts';
import { templateSamples } from '#shared/email/samples.ts';
import type { Notification } from '#shared/email/schemas.ts';

const documentClient = mockClient(DynamoDBDocumentClient);
const ses = mockClient(SESv2Client);
const clock = fixedClock('2017-06-01T09:00:00Z');
const run = () => dispatchNotifications({ clock, remainingMs: () => 60_000 });

const pending = (overrides: Partial<Notification> = {}): Notification => ({
  ...newNotification('meetingChanged', { to: ['registrant@example.org'], language: 'en', dedupeKey: `test:${overrides.notificationId ?? 'one'}`, data: templateSamples.meetingChanged }, new Date('2017-06-01T08:00:00Z')),
  ...overrides,
});

/** The SET values of every UpdateCommand sent, in order, to read which transitions were written. */
const updates = () => documentClient.commandCalls(UpdateCommand).map((call) => call.args[0].input);
/** An update's SET clause as { attribute: value }. */
const setOf = (input: ReturnType<typeof updates>[number] | undefined): Record<string, unknown> =>
  Object.fromEntries(Object.entries(input?.ExpressionAttributeNames ?? {}).filter(([alias]) => alias.startsWith('#a')).map(([alias, name]) => [name, input?.ExpressionAttributeValues?.[alias.replace('#', ':')]]));
/** The first update that moved a notification to this state. */
const updateSetting = (state: string) => updates().find((input) => setOf(input).state === state);

function queue(items: Notification[], expired: Notification[] = []) {
  documentClient.on(QueryCommand, { ExpressionAttributeValues: { ':queue': 'OUTBOX#sending', ':due': '2017-06-01T09:00:00.000Z#~' } }).resolves({ Items: expired.map(notificationItem) });
  documentClient.on(QueryCommand, { ExpressionAttributeValues: { ':queue': 'OUTBOX#pending', ':due': '2017-06-01T09:00:00.000Z#~' } }).resolvesOnce({ Items: items.map(notificationItem) }).resolves({ Items: [] });
}

beforeAll(() => {
  // Set here, not inherited: test files can share a worker process and its environment.
  Object.assign(process.env, { STAFF_ALERT_EMAIL: 'alerts@opga.example.org', SES_MAX_SEND_RATE: '10', NOTIFICATION_MAX_ATTEMPTS: '5', RETRY_BASE_SECONDS: '30', CLAIM_TIMEOUT_SECONDS: '120' });
  delete process.env.SES_ENDPOINT;
  resetConfig();
});

beforeEach(() => {
  documentClient.reset();
  ses.reset();
  documentClient.on(BatchGetCommand).resolves({ Responses: {} });
  documentClient.on(UpdateCommand).callsFake((input: { Key: { pk: string } }) => {
    const id = input.Key.pk.replace('NOTIFICATION#', '');
    return { Attributes: notificationItem(pending({ notificationId: id, state: 'sending', claimToken: 'claim' })) };
  });
  documentClient.on(TransactWriteCommand).resolves({});
});

describe('the dispatcher', () => {
  it('claims, marks the send as started, sends the raw message through SES and records it sent with the message id', async () => {
    queue([pending()]);
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-message-1' });
    const summary = await run();
    expect(summary).toMatchObject({ sent: 1, failed: 0, retrying: 0, stoppedBecause: 'done' });
    const [claim, started, sent] = updates();
    expect(claim?.ConditionExpression).toContain('#state = :pending AND nextAttemptAt <= :now');
    expect(setOf(claim)).toMatchObject({ state: 'sending', gsi2pk: 'OUTBOX#sending', claimExpiresAt: '2017-06-01T09:02:00.000Z' });
    expect(setOf(started)).toEqual({ sendStartedAt: '2017-06-01T09:00:00.000Z' });
    expect(sent?.ConditionExpression).toContain('claimToken = :token');
    expect(setOf(sent)).toMatchObject({ state: 'sent', sesMessageId: 'ses-message-1', gsi2pk: 'OUTBOX#sent', claimToken: null });
    const sendInput = ses.commandCalls(SendEmailCommand)[0]?.args[0].input;
    expect(sendInput?.Destination?.ToAddresses).toEqual(['registrant@example.org']);
    expect(Buffer.from(sendInput?.Content?.Raw?.Data ?? []).toString()).toContain('Change to a meeting you registered for');
  });

  it('does not count throttling as an attempt: releases the claim with attempts unchanged and stops the run', async () => {
    queue([pending({ notificationId: 'first-one-0000' }), pending({ notificationId: 'second-one-000' })]);
    ses.on(SendEmailCommand).rejects(new TooManyRequestsException({ message: 'Maximum sending rate exceeded.', $metadata: { httpStatusCode: 429 } }));
    const summary = await run();
    expect(summary).toMatchObject({ sent: 0, retrying: 1, stoppedBecause: 'unavailable' });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
    expect(setOf(updateSetting('pending'))).toMatchObject({ state: 'pending', attempts: 0, nextAttemptAt: '2017-06-01T09:00:15.000Z', lastError: expect.stringContaining('TooManyRequestsException') });
  });

  it('does not count an unreachable SES either', async () => {
    queue([pending()]);
    ses.on(SendEmailCommand).rejects(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8005'), { code: 'ECONNREFUSED' }));
    expect(await run()).toMatchObject({ retrying: 1, failed: 0, stoppedBecause: 'unavailable' });
    expect(setOf(updateSetting('pending'))).toMatchObject({ attempts: 0 });
  });

  it('counts a failed send, retries it later with backoff, and sends it on the next run', async () => {
    queue([pending()]);
    ses.on(SendEmailCommand).rejectsOnce(new BadRequestException({ message: 'Temporary problem', $metadata: { httpStatusCode: 400 } })).resolves({ MessageId: 'ses-2' });
    expect(await run()).toMatchObject({ retrying: 1, sent: 0 });
    const release = setOf(updateSetting('pending'));
    expect(release).toMatchObject({ attempts: 1, lastError: 'BadRequestException: Temporary problem' });
    const next = Date.parse(String(release.nextAttemptAt));
    expect(next - clock.now().getTime()).toBeGreaterThanOrEqual(15_000); // base 30 s, jitter 0.5-1.5
    expect(next - clock.now().getTime()).toBeLessThan(45_000);

    documentClient.resetHistory();
    queue([pending({ attempts: 1 })]);
    expect(await run()).toMatchObject({ sent: 1 });
  });

  it('fails a notification for good after the last attempt and alerts staff in the same transaction', async () => {
    queue([pending({ attempts: 4 })]);
    documentClient.on(UpdateCommand).callsFake((input: { Key: { pk: string } }) => ({ Attributes: notificationItem(pending({ notificationId: input.Key.pk.replace('NOTIFICATION#', ''), state: 'sending', attempts: 4 })) }));
    ses.on(SendEmailCommand).rejects(new BadRequestException({ message: 'Illegal address', $metadata: { httpStatusCode: 400 } }));
    expect(await run()).toMatchObject({ failed: 1, retrying: 0 });
    const [transaction] = documentClient.commandCalls(TransactWriteCommand);
    const [failed, alert] = transaction?.args[0].input.TransactItems ?? [];
    expect(failed?.Update?.ExpressionAttributeValues).toMatchObject({ ':failed': 'failed', ':attempts': 5, ':queue': 'OUTBOX#failed' });
    expect(failed?.Update?.ConditionExpression).toContain('claimToken = :token');
    expect(alert?.Put?.Item).toMatchObject({ template: 'notification-failed', to: ['alerts@opga.example.org'], state: 'pending', data: { reason: 'attempts-exhausted', attempts: 5, lastError: 'BadRequestException: Illegal address' } });
  });

  it('fails a rejected message at once, without further attempts', async () => {
    queue([pending()]);
    ses.on(SendEmailCommand).rejects(new MessageRejected({ message: 'Email address is not verified.', $metadata: { httpStatusCode: 400 } }));
    expect(await run()).toMatchObject({ failed: 1 });
    expect(documentClient.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems?.[1]?.Put?.Item).toMatchObject({ data: { reason: 'rejected', attempts: 1 } });
  });

  it('never alerts about a failed staff alert, which would only loop', async () => {
    const alert = pending({ template: 'notification-failed', data: templateSamples.notificationFailed, attempts: 4 });
    queue([alert]);
    documentClient.on(UpdateCommand).resolves({ Attributes: notificationItem({ ...alert, state: 'sending' }) });
    ses.on(SendEmailCommand).rejects(new BadRequestException({ message: 'Illegal address', $metadata: { httpStatusCode: 400 } }));
    await run();
    expect(documentClient.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems).toHaveLength(1);
  });

  it('skips suppressed recipients, and marks the notification suppressed when none is left', async () => {
    queue([pending()]);
    documentClient.on(BatchGetCommand).resolves({ Responses: { 'unit-test-table': [{ email: 'registrant@example.org' }] } });
    expect(await run()).toMatchObject({ suppressed: 1, sent: 0 });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
    expect(setOf(updateSetting('suppressed'))).toMatchObject({ state: 'suppressed', suppressedRecipients: ['registrant@example.org'] });
  });

  it('sends nothing when another run claimed the notification first', async () => {
    queue([pending()]);
    const { ConditionalCheckFailedException } = await import('@aws-sdk/client-dynamodb');
    documentClient.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }));
    expect(await run()).toMatchObject({ sent: 0, failed: 0, retrying: 0 });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });

  it('after a crash before sending, takes the claim back so the message is sent', async () => {
    const crashed = pending({ state: 'sending', claimToken: 'dead-run', claimExpiresAt: '2017-06-01T08:58:00.000Z', sendStartedAt: null });
    queue([], [crashed]);
    expect(await run()).toMatchObject({ takenBack: 1, uncertain: 0 });
    const takeBack = updates()[0];
    expect(takeBack?.ConditionExpression).toContain('attribute_type(sendStartedAt, :null)');
    expect(takeBack?.ExpressionAttributeValues).toMatchObject({ ':token': 'dead-run' });
    expect(setOf(takeBack)).toMatchObject({ state: 'pending', gsi2pk: 'OUTBOX#pending', claimToken: null });
  });

  it('after a crash between sending and recording, never sends again: fails it as uncertain and alerts staff', async () => {
    const crashed = pending({ state: 'sending', claimToken: 'dead-run', claimExpiresAt: '2017-06-01T08:58:00.000Z', sendStartedAt: '2017-06-01T08:56:00.000Z' });
    queue([], [crashed]);
    expect(await run()).toMatchObject({ uncertain: 1, takenBack: 0, sent: 0 });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
    const [failed, alert] = documentClient.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(failed?.Update?.ConditionExpression).toContain('claimToken = :token AND claimExpiresAt <= :now');
    expect(alert?.Put?.Item).toMatchObject({ data: { reason: 'delivery-uncertain' } });
  });

  it('backs off exponentially with jitter', () => {
    expect(retryDelaySeconds(1, 30, () => 0.5)).toBe(30);
    expect(retryDelaySeconds(3, 30, () => 0.5)).toBe(120);
    expect(retryDelaySeconds(3, 30, () => 0)).toBe(60);
    expect(retryDelaySeconds(3, 30, () => 0.999)).toBeLessThan(180);
  });
});

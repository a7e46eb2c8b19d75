import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { verifyScopedToken } from '#shared/auth/tokens.ts';
import { keys } from '#shared/db/keys.ts';
import { resendNotification, revokeNotificationLinks } from '#shared/email/links.ts';
import { newNotification } from '#shared/email/outbox.ts';
import { templateSamples } from '#shared/email/samples.ts';
import { ConflictError } from '#shared/errors.ts';
import { linkToken } from '../helpers/tokens.ts';

const documentClient = mockClient(DynamoDBDocumentClient);
const now = new Date('2017-04-20T10:00:00Z');
const deadline = new Date('2017-05-04T23:59:00Z');
const circulationId = 'circ_0123456789abcdef';
const actor = { kind: 'staff', id: 'admin@opga.example.org', role: 'admin', name: 'Ada Admin' } as const;
const seconds = (instant: Date) => instant.getTime() / 1000;
const ballot = (claims: Record<string, unknown> = {}, secret?: string) =>
  linkToken({ aud: 'non-objection-ballot', sub: circulationId, holder: 'MEX', iat: seconds(now) - 86_400, exp: seconds(deadline), ...claims }, secret);

/** Mexico's notice as the fan-out stored it, its ballot link in the data. */
function storedNotice(token: string, to = 'pm.mex@missions.example.org') {
  const notice = newNotification('circulationNotice', { to: [to], language: 'en', dedupeKey: `circulation:${circulationId}:circulated:MEX:${to}`, data: { ...templateSamples.circulationNotice, ballotUrl: `https://registry.example.org/circulations/${circulationId}/ballot#token=${token}` } }, now);
  documentClient.on(GetCommand, { Key: keys.notification(notice.notificationId) }).resolves({ Item: { ...keys.notification(notice.notificationId), type: 'notification', ...notice } });
  return notice;
}
const missions = (...emails: string[]) =>
  documentClient.on(GetCommand, { Key: keys.memberState('MEX') }).resolves({ Item: { ...keys.memberState('MEX'), code: 'MEX', name: 'Mexico', contacts: emails.map((email) => ({ email, label: null })) } });
const written = () => documentClient.commandCalls(TransactWriteCommand).flatMap((call) => call.args[0].input.TransactItems ?? []);
const tokenIn = (item: { Put?: { Item?: Record<string, unknown> } }) => /#token=([\w.-]+)/.exec(String((item.Put?.Item?.data as { ballotUrl?: string } | undefined)?.ballotUrl))?.[1];

beforeEach(() => {
  documentClient.reset();
  documentClient.on(GetCommand).resolves({});
  documentClient.on(TransactWriteCommand).resolves({});
});

describe('resending a notice', () => {
  it('queues a copy with a fresh token for the same ballot, to the same mission, and audits it', async () => {
    const old = ballot();
    const notice = storedNotice(old);
    missions('pm.mex@missions.example.org', 'second.mex@missions.example.org');
    const answer = await resendNotification(notice.notificationId, { actor, now });
    expect(answer.links).toEqual([{ kind: 'ballot link', subject: circulationId, memberState: 'MEX', expiresAt: deadline.toISOString() }]);
    const [copy, audit] = written();
    expect(copy?.Put?.Item).toMatchObject({ template: notice.template, to: ['pm.mex@missions.example.org'], state: 'pending' });
    const fresh = tokenIn(copy!)!;
    expect(fresh).not.toBe(old);
    expect(await verifyScopedToken(fresh, 'non-objection-ballot', now)).toEqual({ subject: circulationId, holder: 'MEX', expiresAt: deadline });
    expect(audit?.Put?.Item).toMatchObject({ pk: keys.notification(notice.notificationId).pk, action: 'notification.resent', actorName: 'Ada Admin' });
  });

  it('refuses (409) to send a ballot to an address that is no longer the mission’s, and writes nothing', async () => {
    const notice = storedNotice(ballot(), 'former.mex@missions.example.org');
    missions('pm.mex@missions.example.org');
    await expect(resendNotification(notice.notificationId, { actor, now })).rejects.toThrow(ConflictError);
    await expect(resendNotification(notice.notificationId, { actor, now })).rejects.toThrow(/former\.mex@missions\.example\.org is no longer among MEX's mission addresses/);
    expect(written()).toEqual([]);
  });

  it('refuses (409) a link that has expired, naming when, with its zone', async () => {
    const notice = storedNotice(ballot({ exp: seconds(now) - 3600 }));
    missions('pm.mex@missions.example.org');
    await expect(resendNotification(notice.notificationId, { actor, now })).rejects.toThrow('The ballot link in this notice expired at 2017-04-20 09:00 UTC');
  });

  it('answers 409, not 401, for a link signed with a key the registry no longer uses (a 401 would sign the staff member out)', async () => {
    const notice = storedNotice(ballot({}, `${'r'.repeat(40)}-a-rotated-secret`));
    missions('pm.mex@missions.example.org');
    await expect(resendNotification(notice.notificationId, { actor, now })).rejects.toThrow(/no longer uses/);
    await expect(resendNotification(notice.notificationId, { actor, now })).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('withdrawing the links of a notice', () => {
  it('records the withdrawal of the State’s ballot for the list and sends a fresh link to each of its mission addresses as they are now', async () => {
    const notice = storedNotice(ballot(), 'former.mex@missions.example.org');
    missions('pm.mex@missions.example.org', 'second.mex@missions.example.org');
    const answer = await revokeNotificationLinks(notice.notificationId, { reason: 'Sent to a former mission address', sendFresh: true }, { actor, now });
    expect(answer.withdrawn).toEqual([{ kind: 'ballot link', subject: circulationId, memberState: 'MEX', expiresAt: deadline.toISOString() }]);
    const items = written();
    expect(items[0]?.Put?.Item).toMatchObject({ ...keys.linkRevocation('non-objection-ballot', circulationId, 'MEX'), revokedBefore: now.toISOString(), revokedBy: actor.id, reason: 'Sent to a former mission address' });
    const fresh = items.filter((item) => item.Put?.Item?.type === 'notification');
    expect(fresh.map((item) => item.Put?.Item?.to)).toEqual([['pm.mex@missions.example.org'], ['second.mex@missions.example.org']]);
    // One fresh token for the State, issued at the very instant of the withdrawal, so the withdrawal does not refuse it.
    expect(new Set(fresh.map(tokenIn)).size).toBe(1);
    documentClient.on(GetCommand, { Key: keys.linkRevocation('non-objection-ballot', circulationId, 'MEX') }).resolves({ Item: { revokedBefore: now.toISOString() } });
    await expect(verifyScopedToken(tokenIn(fresh[0]!)!, 'non-objection-ballot', now)).resolves.toMatchObject({ holder: 'MEX' });
    await expect(verifyScopedToken(ballot(), 'non-objection-ballot', now)).rejects.toThrow(/withdrawn/);
    expect(items.at(-1)?.Put?.Item).toMatchObject({ action: 'notification.linksWithdrawn', details: { reason: 'Sent to a former mission address' } });
  });

  it('only withdraws when told not to send fresh links, and refuses a State with no mission address to send to', async () => {
    const notice = storedNotice(ballot());
    const onlyWithdrawn = await revokeNotificationLinks(notice.notificationId, { reason: 'Held until the mission confirms its address', sendFresh: false }, { actor, now });
    expect(onlyWithdrawn.notifications).toEqual([]);
    expect(written().filter((item) => item.Put?.Item?.type === 'notification')).toEqual([]);
    documentClient.resetHistory();
    missions();
    await expect(revokeNotificationLinks(notice.notificationId, { reason: 'Sent to a former mission address', sendFresh: true }, { actor, now })).rejects.toThrow(/MEX has no mission address/);
    expect(written()).toEqual([]);
  });
});

import { randomUUID } from 'node:crypto';
import { audiences } from '#shared/auth/audiences.ts';
import { linkTokensIn, replaceLinkTokens } from '#shared/auth/link-tokens.ts';
import type { LinkScope } from '#shared/auth/link-revocations.ts';
import { readLinkToken, signScopedToken } from '#shared/auth/tokens.ts';
import { auditPut } from '#shared/audit/audit.ts';
import { tableName } from '#shared/db/client.ts';
import { keys } from '#shared/db/keys.ts';
import { writeTogether } from '#shared/db/transactions.ts';
import { ConflictError, NotFoundError, UnauthorizedError } from '#shared/errors.ts';
import { enqueueNotification, notificationIdFor } from '#shared/email/outbox.ts';
import type { Notification } from '#shared/email/schemas.ts';
import * as store from '#shared/email/store.ts';
import { templateKeyById, type TemplateKey } from '#shared/email/templates.ts';
import type { StaffContext } from '#shared/meetings/use-cases.ts';
import { findMemberState } from '#shared/member-states/store.ts';
import type { Needs } from '#shared/needs.ts';

/** What this module asks of its Lambda's role and environment (shared/needs.ts). */
export const needs: Needs = { table: ['PutItem'] };

/**
 * Staff never see a link's token (shared/http/handler.ts withholds them), so a notice whose link was
 * lost, or went to the wrong person, is dealt with here: resending mints fresh links for the same
 * things and mails them to their holders; withdrawing also refuses every earlier link of those
 * things from then on (shared/auth/tokens.ts), everywhere.
 */
type Link = LinkScope & { token: string; expiresAt: Date };

/** The Put that withdraws every link of the thing issued before `now` (shared/auth/link-revocations.ts reads it). */
function revocationPut(scope: LinkScope, input: { now: Date; revokedBy: string; reason: string }) {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.linkRevocation(scope.audience, scope.subject, scope.holder), type: 'linkRevocation', audience: scope.audience, subject: scope.subject, holder: scope.holder ?? null, revokedBefore: input.now.toISOString(), revokedBy: input.revokedBy, reason: input.reason },
    },
  };
}

/** How a person names each kind of link, in answers and the audit trail. */
const linkNames: Record<(typeof audiences)[keyof typeof audiences], string> = {
  [audiences.registration]: 'registration status link',
  [audiences.accreditation]: 'accreditation status link',
  [audiences.ballot]: 'ballot link',
  [audiences.member]: 'steering committee member link',
  [audiences.candidate]: 'steering committee candidacy link',
  [audiences.donor]: 'trust fund inquiry link',
};

export interface LinkSummary {
  kind: string;
  subject: string;
  memberState: string | null;
  expiresAt: string;
}

const summary = (link: Link): LinkSummary => ({ kind: linkNames[link.audience as keyof typeof linkNames], subject: link.subject, memberState: link.holder ?? null, expiresAt: link.expiresAt.toISOString() });
const inWords = (instant: Date) => `${instant.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

async function noticeWithLinks(notificationId: string, now: Date): Promise<{ notification: Notification; template: TemplateKey; links: Link[] }> {
  const notification = await store.findNotification(notificationId);
  if (!notification) throw new NotFoundError(`No notification has the id '${notificationId}'`);
  const template = templateKeyById.get(notification.template);
  if (!template) throw new ConflictError(`The notification's template '${notification.template}' no longer exists`);
  const links: Link[] = [];
  for (const token of linkTokensIn(notification.data)) {
    // A 401 here would be about the link, not the staff member calling (and would sign the console out).
    const read = await readLinkToken(token, now).catch((error: unknown) => {
      if (error instanceof UnauthorizedError) throw new ConflictError('A link in this notice was signed with a key the registry no longer uses (it has been rotated since): it opens nothing, so there is nothing to resend or withdraw');
      throw error;
    });
    links.push({ token, ...read });
  }
  return { notification, template, links };
}

/** The addresses a fresh ballot may go to: the State's mission addresses as they are now (admins keep them). */
async function missionAddresses(code: string): Promise<string[]> {
  const state = await findMemberState(code);
  return (state?.contacts ?? []).map((contact) => contact.email.toLowerCase());
}

/** A copy of the notice with a fresh token for each link (same thing, holder and expiry), to these addresses. */
async function freshCopies(source: { notification: Notification; template: TemplateKey; links: Link[] }, recipients: string[][], purpose: string, now: Date) {
  const fresh = new Map<string, string>();
  for (const link of source.links) fresh.set(link.token, await signScopedToken({ audience: link.audience as (typeof audiences)[keyof typeof audiences], subject: link.subject, holder: link.holder, expiresAt: link.expiresAt, now }));
  const data = replaceLinkTokens(source.notification.data, (token) => fresh.get(token) ?? token);
  return recipients.map((to) => {
    const dedupeKey = `${purpose}:${source.notification.notificationId}:${randomUUID()}`;
    return { notificationId: notificationIdFor(dedupeKey), put: enqueueNotification(source.template, { to, language: source.notification.language, dedupeKey, data: data as never }, now) };
  });
}

function refuseExpired(links: Link[], now: Date) {
  const expired = links.find((link) => link.expiresAt.getTime() <= now.getTime());
  if (expired) throw new ConflictError(`The ${linkNames[expired.audience as keyof typeof linkNames]} in this notice expired at ${inWords(expired.expiresAt)}: a fresh one would not open anything either`);
}

async function queued(notificationIds: string[]): Promise<Notification[]> {
  const found = await Promise.all(notificationIds.map((id) => store.findNotification(id)));
  return found.filter((notification): notification is Notification => notification !== undefined);
}

/**
 * Sends the notice again to the addresses it went to, with fresh links to the same things; the
 * earlier links keep working. A ballot goes only to addresses still among its State's missions.
 */
export async function resendNotification(notificationId: string, { actor, now }: StaffContext): Promise<{ notifications: Notification[]; links: LinkSummary[] }> {
  const source = await noticeWithLinks(notificationId, now);
  refuseExpired(source.links, now);
  let to = source.notification.to;
  for (const link of source.links.filter((candidate) => candidate.audience === audiences.ballot && candidate.holder)) {
    const current = new Set(await missionAddresses(link.holder!));
    to = to.filter((address) => current.has(address));
    if (to.length === 0) throw new ConflictError(`${source.notification.to.join(', ')} is no longer among ${link.holder}'s mission addresses: an admin can withdraw the link and send a fresh one to the current addresses`);
  }
  const copies = await freshCopies(source, [to], 'resend', now);
  await writeTogether([
    ...copies.map((copy) => copy.put),
    auditPut(keys.notification(notificationId), { action: 'notification.resent', actor, at: now, details: { to, notificationIds: copies.map((copy) => copy.notificationId), links: source.links.map(summary) } }),
  ]);
  return { notifications: await queued(copies.map((copy) => copy.notificationId)), links: source.links.map(summary) };
}

/**
 * Withdraws every link of the things this notice's links open (not only this notice's: every one
 * issued until now), and unless told not to, mails fresh ones: a ballot to each of its State's
 * mission addresses as they are now, any other link to the addresses this notice went to.
 */
export async function revokeNotificationLinks(notificationId: string, input: { reason: string; sendFresh: boolean }, { actor, now }: StaffContext): Promise<{ withdrawn: LinkSummary[]; notifications: Notification[] }> {
  const source = await noticeWithLinks(notificationId, now);
  if (source.links.length === 0) throw new ConflictError('This notification carries no link: there is nothing to withdraw');
  const scopes = [...new Map(source.links.map((link) => [`${link.audience}#${link.subject}#${link.holder ?? ''}`, link])).values()];
  let copies: Awaited<ReturnType<typeof freshCopies>> = [];
  if (input.sendFresh) {
    refuseExpired(source.links, now);
    const ballot = source.links.find((link) => link.audience === audiences.ballot && link.holder);
    const recipients = ballot ? (await missionAddresses(ballot.holder!)).map((address) => [address]) : [source.notification.to];
    if (recipients.length === 0) throw new ConflictError(`${ballot!.holder} has no mission address to send a fresh ballot link to: add one under Member States first, or withdraw without sending`);
    copies = await freshCopies(source, recipients, 'reissue', now);
  }
  await writeTogether([
    ...scopes.map((scope) => revocationPut(scope, { now, revokedBy: actor.id, reason: input.reason })),
    ...copies.map((copy) => copy.put),
    auditPut(keys.notification(notificationId), { action: 'notification.linksWithdrawn', actor, at: now, details: { reason: input.reason, withdrawn: scopes.map(summary), freshNotificationIds: copies.map((copy) => copy.notificationId) } }),
  ]);
  return { withdrawn: scopes.map(summary), notifications: await queued(copies.map((copy) => copy.notificationId)) };
}

import { setting } from '#shared/config.ts';
import { signScopedToken } from '#shared/auth/tokens.ts';
import { scopedAccess, type ScopedAccess } from '#shared/http/route-spec.ts';
import type { Needs } from '#shared/needs.ts';

/** What this module asks of its Lambda's role and environment (shared/needs.ts). */
export const needs: Needs = { env: ['PUBLIC_WEB_URL'] };

/**
 * The link in an e-mail that opens one registration, application or ballot (then `holder` names the State): a page under PUBLIC_WEB_URL
 * and a token for that one thing, in the fragment, which browsers never send to a server or log.
 */
export async function statusLink(kind: ScopedAccess, pagePath: string, subject: string, expiresAt: Date, now: Date, holder?: string) {
  const token = await signScopedToken({ audience: scopedAccess[kind].audience, subject, expiresAt, now, ...(holder ? { holder } : {}) });
  return { token, expiresAt, url: `${setting('PUBLIC_WEB_URL')}${pagePath}#token=${token}` };
}

import jwt from 'jsonwebtoken';
import * as z from 'zod';
import { setting } from '#shared/config.ts';
import { UnauthorizedError } from '#shared/errors.ts';
import { authKey } from '#shared/auth/secret.ts';
import { audiences } from '#shared/auth/audiences.ts';
import { linksRevokedBefore } from '#shared/auth/link-revocations.ts';
import type { Needs } from '#shared/needs.ts';

/** What this module asks of its Lambda's role and environment (shared/needs.ts). */
export const needs: Needs = { env: ['AUTH_ISSUER'] };

const invalidToken = { headers: { 'www-authenticate': 'Bearer error="invalid_token"' } };

/**
 * Links (status, ballot, member, donor) are signed with the registry's own key, apart from staff
 * identity (shared/auth/staff-identity.ts): only this algorithm is accepted for them.
 */
export const tokenAlgorithm = 'HS256' as const;

/**
 * The staff roles, from least to most: a reviewer does the day-to-day work (registrations,
 * screening, reviews, speakers, inquiries); an admin can do that and everything that decides where
 * mail, money or votes go (the route table's `access` says which routes are whose).
 */
export const staffRoles = ['reviewer', 'admin'] as const;
export const StaffRole = z.enum(staffRoles);
export type StaffRole = z.infer<typeof StaffRole>;

export { audiences } from '#shared/auth/audiences.ts';

export type StaffPrincipal = { kind: 'staff'; id: string; role: StaffRole; name: string | undefined };

/** The links' one verification: HS256 only, issuer, audience and (unless the caller judges it) expiry. */
async function verifiedPayload(token: string, audience: string | [string, ...string[]], now: Date, ignoreExpiration: boolean): Promise<unknown> {
  const key = await authKey();
  try {
    return jwt.verify(token, key, { algorithms: [tokenAlgorithm], issuer: setting('AUTH_ISSUER'), audience, clockTimestamp: Math.floor(now.getTime() / 1000), clockTolerance: 5, ignoreExpiration });
  } catch (error) {
    throw new UnauthorizedError(describeTokenError(error), invalidToken);
  }
}

const LinkClaims = z.object({ aud: z.string().min(1), sub: z.string().min(1), exp: z.number(), iat: z.number(), holder: z.string().min(1).optional() });

function describeTokenError(error: unknown): string {
  if (error instanceof jwt.TokenExpiredError) return 'The token has expired';
  if (error instanceof jwt.NotBeforeError) return 'The token is not valid yet';
  if (error instanceof jwt.JsonWebTokenError) return `The token is not valid: ${error.message}`;
  return 'The token is not valid';
}

/**
 * A token for one thing only (one registration, one application, one circulation), expiring with it.
 * `holder` names who within that thing holds it: the Member State of a ballot link.
 */
export async function signScopedToken(input: { audience: (typeof audiences)[keyof typeof audiences]; subject: string; holder?: string | undefined; expiresAt: Date; now: Date }): Promise<string> {
  const key = await authKey();
  // iat to the millisecond, so that a link issued the moment its predecessors were withdrawn is told apart from them.
  return jwt.sign({ iat: input.now.getTime() / 1000, exp: Math.floor(input.expiresAt.getTime() / 1000), ...(input.holder ? { holder: input.holder } : {}) }, key, {
    algorithm: tokenAlgorithm,
    issuer: setting('AUTH_ISSUER'),
    audience: input.audience,
    subject: input.subject,
  });
}

/**
 * Verifies a scoped token as strictly as a staff token; returns the one thing it is for, who holds it
 * and when it expires. With `expiryCheckedByCaller`, an expired token passes here and its caller
 * decides (a ballot answers 409 with the deadline once its list has closed, 401 while it is open).
 * A link an admin has withdrawn (shared/email/links.ts) is refused from then on, on every route.
 */
export async function verifyScopedToken(token: string, audience: string, now: Date, options: { expiryCheckedByCaller?: boolean } = {}): Promise<{ subject: string; holder: string | undefined; expiresAt: Date }> {
  const payload = await verifiedPayload(token, audience, now, options.expiryCheckedByCaller === true);
  const claims = LinkClaims.safeParse(payload);
  if (!claims.success) throw new UnauthorizedError('The token names nothing it is for, or has no expiry', invalidToken);
  const { sub: subject, holder, exp, iat } = claims.data;
  const revokedBefore = await linksRevokedBefore({ audience, subject, holder });
  if (revokedBefore && Math.round(iat * 1000) < revokedBefore.getTime()) {
    throw new UnauthorizedError('This link has been withdrawn by the registry; use the newer link sent to you by e-mail', invalidToken);
  }
  return { subject, holder, expiresAt: new Date(exp * 1000) };
}

/**
 * What a link token the registry signed opens, whatever its kind, expired or withdrawn or not: for
 * sending a fresh link to the same thing (shared/email/links.ts), never for letting anyone in.
 */
export async function readLinkToken(token: string, now: Date): Promise<{ audience: (typeof audiences)[keyof typeof audiences]; subject: string; holder: string | undefined; expiresAt: Date }> {
  const kinds = Object.values(audiences) as [(typeof audiences)[keyof typeof audiences], ...(typeof audiences)[keyof typeof audiences][]];
  const claims = LinkClaims.safeParse(await verifiedPayload(token, kinds, now, true));
  if (!claims.success) throw new UnauthorizedError('The token names nothing it is for, or has no expiry', invalidToken);
  return { audience: claims.data.aud as (typeof audiences)[keyof typeof audiences], subject: claims.data.sub, holder: claims.data.holder, expiresAt: new Date(claims.data.exp * 1000) };
}

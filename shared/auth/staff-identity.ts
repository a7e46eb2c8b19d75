import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import * as z from 'zod';
import { setting } from '#shared/config.ts';
import { ForbiddenError, UnauthorizedError } from '#shared/errors.ts';
import { StaffRole, staffRoles, type StaffPrincipal } from '#shared/auth/tokens.ts';
import type { Needs } from '#shared/needs.ts';

/** What this module asks of its Lambda's role and environment (shared/needs.ts). */
export const needs: Needs = { env: ['STAFF_ISSUER', 'STAFF_JWKS_URL', 'STAFF_CLIENT_ID'] };

/** Asymmetric only: HS256 (the scoped links' shared secret) and `none` are refused. */
export const staffTokenAlgorithms = ['RS256', 'ES256'];

const invalidToken = (message: string) => new UnauthorizedError(message, { headers: { 'www-authenticate': 'Bearer error="invalid_token"' } });

/**
 * An access token of the staff console's client, from Cognito (`token_use: access`) or from an
 * OpenID provider issuing RFC 9068 JWT access tokens (header `typ: at+jwt`); an ID token is refused.
 */
const StaffAccessClaims = z.object({
  sub: z.string().min(1),
  exp: z.number(),
  client_id: z.string().min(1),
  token_use: z.string().optional(),
  'cognito:groups': z.array(z.string()).optional(),
  groups: z.array(z.string()).optional(),
  name: z.string().optional(),
  username: z.string().optional(),
});

// One key set per JWKS address per process: jose caches the keys and refetches on an unknown kid.
const keySets = new Map<string, JWTVerifyGetKey>();
function remoteKeySet(url: string): JWTVerifyGetKey {
  let keySet = keySets.get(url);
  if (!keySet) keySets.set(url, (keySet = createRemoteJWKSet(new URL(url), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 })));
  return keySet;
}

/** The staff identity settings' key set; tests pass a local one (jose createLocalJWKSet). */
export function staffKeySet(): JWTVerifyGetKey {
  return remoteKeySet(setting('STAFF_JWKS_URL') ?? `${setting('STAFF_ISSUER').replace(/\/$/, '')}/.well-known/jwks.json`);
}

/**
 * The one staff token check, for Cognito in AWS and npm start's provider locally: signature through
 * the provider's JWKS, issuer, expiry, the console's client and token use; roles from the groups claim.
 */
export async function verifyStaffAccessToken(token: string, now: Date, keySet: JWTVerifyGetKey = staffKeySet()): Promise<StaffPrincipal> {
  let verified;
  try {
    verified = await jwtVerify(token, keySet, { algorithms: staffTokenAlgorithms, issuer: setting('STAFF_ISSUER'), currentDate: now, clockTolerance: 5, requiredClaims: ['exp', 'sub'] });
  } catch (error) {
    throw invalidToken(describeJoseError(error));
  }
  const claims = StaffAccessClaims.safeParse(verified.payload);
  if (!claims.success) throw invalidToken('The token is not a staff access token: it has no subject, expiry or client');
  const isCognitoAccess = claims.data.token_use === 'access';
  const isJwtAccess = verified.protectedHeader.typ?.toLowerCase() === 'at+jwt' || verified.protectedHeader.typ?.toLowerCase() === 'application/at+jwt';
  if (!isCognitoAccess && !isJwtAccess) throw invalidToken('The token is not an access token (an ID token is not accepted)');
  if (claims.data.client_id !== setting('STAFF_CLIENT_ID')) throw invalidToken('The token was issued to another client');
  const groups = claims.data['cognito:groups'] ?? claims.data.groups ?? [];
  const roles = staffRoles.filter((role) => groups.includes(role));
  const role = roles.at(-1);
  if (!role) throw new ForbiddenError('The token names no staff role: its groups hold none of the registry roles');
  return { kind: 'staff', id: claims.data.sub, role: StaffRole.parse(role), name: claims.data.name ?? claims.data.username };
}

function describeJoseError(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `The token is not valid: ${error.message}`;
  if (error instanceof errors.JOSEAlgNotAllowed) return 'The token is not signed with an accepted algorithm';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The token signature is not valid';
  if (error instanceof errors.JWKSNoMatchingKey) return 'The token is signed by a key the provider does not publish';
  return 'The token is not valid';
}

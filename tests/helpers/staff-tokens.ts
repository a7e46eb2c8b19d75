import { createPrivateKey, type JsonWebKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { StaffRole } from '#shared/auth/tokens.ts';

/** A provider's signing key as a test gets it: the private JWK with its kid (RS256 or ES256). */
export interface TestSigningKey {
  jwk: JsonWebKey & { kid: string; alg: 'RS256' | 'ES256' };
  issuer: string;
  clientId: string;
}

/**
 * A staff access token shaped as npm start's provider issues it (RFC 9068 JWT access token:
 * header typ at+jwt, client_id, groups, name), signed with the provider's own key but built
 * independently of the verifier under test. Any claim can be overridden or removed (undefined).
 */
export function signStaffAccessToken(key: TestSigningKey, input: { role?: StaffRole | string; sub?: string; name?: string; claims?: Record<string, unknown>; header?: Record<string, unknown>; expiresInSeconds?: number } = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const payload: Record<string, unknown> = {
    iss: key.issuer,
    sub: input.sub ?? 'tester',
    client_id: key.clientId,
    aud: 'urn:opga:stakeholder-registry:api',
    groups: [input.role ?? 'admin'],
    name: input.name ?? 'Tess Tester',
    iat: now,
    exp: now + (input.expiresInSeconds ?? 3600),
    ...input.claims,
  };
  for (const [name, value] of Object.entries(payload)) if (value === undefined) delete payload[name];
  return jwt.sign(payload, createPrivateKey({ key: key.jwk, format: 'jwk' }), { algorithm: key.jwk.alg, header: { alg: key.jwk.alg, typ: 'at+jwt', kid: key.jwk.kid, ...input.header } as jwt.JwtHeader });
}

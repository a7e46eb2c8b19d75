import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { inject } from 'vitest';
import { signStaffAccessToken, type TestSigningKey } from './staff-tokens.ts';

/** The unit project's AUTH_SECRET and AUTH_ISSUER (vitest.config.ts): what scoped links are signed with. */
export const testSecret = 'unit-test-secret-that-is-long-enough-for-hs256-0123456789';
export const testIssuer = 'stakeholder-registry';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const nowSeconds = () => Math.floor(Date.now() / 1000);
const unitKey = (): TestSigningKey => inject('unitStaffSigningKey');

/** A link's token (status, ballot, member, donor): HS256 with the links' own key. */
export const linkToken = (claims: Record<string, unknown> = {}, secret = testSecret) => {
  const payload: Record<string, unknown> = { iss: testIssuer, iat: nowSeconds(), exp: nowSeconds() + 3600, ...claims };
  for (const [name, value] of Object.entries(payload)) if (value === undefined) delete payload[name];
  return jwt.sign(payload, secret, { algorithm: 'HS256' });
};

const staff = (input: Parameters<typeof signStaffAccessToken>[1] = {}) => signStaffAccessToken(unitKey(), { sub: 'staff@opga.example.org', role: 'reviewer', name: 'Rita Reviewer', ...input });

/**
 * Staff access tokens a client might send, good and bad, as the unit tests' provider
 * (tests/helpers/unit-setup.ts) would issue them, built independently of the verifier.
 */
export const tokens = {
  valid: (input: { role?: string; claims?: Record<string, unknown> } = {}) => staff(input),
  algNone: () => `${base64url({ alg: 'none', typ: 'at+jwt' })}.${base64url(JSON.parse(Buffer.from(staff().split('.')[1]!, 'base64url').toString()))}.`,
  /** The former staff tokens: HS256 with the links' secret, which staff identity no longer accepts. */
  hs256OldSecret: () => jwt.sign({ role: 'admin' }, testSecret, { algorithm: 'HS256', issuer: testIssuer, audience: 'staff-api', subject: 'staff@opga.example.org', expiresIn: 600 }),
  /** Signed by a key the provider does not publish (a kid its JWKS does not have). */
  unknownKey: () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'not-published', alg: 'ES256' as const };
    return signStaffAccessToken({ ...unitKey(), jwk }, { sub: 'staff@opga.example.org', role: 'admin' });
  },
  expired: () => staff({ claims: { iat: nowSeconds() - 7200, exp: nowSeconds() - 3600 } }),
  noExpiry: () => staff({ claims: { exp: undefined } }),
  otherClient: () => staff({ claims: { client_id: 'someone-elses-app' } }),
  otherIssuer: () => staff({ claims: { iss: 'https://login.example.com' } }),
  /** An ID token of the console's client: audience the client, no access-token type. */
  idToken: () => staff({ claims: { aud: 'staff-console' }, header: { typ: 'JWT' } }),
  noRegistryRole: () => staff({ role: 'superuser' }),
  tampered: () => {
    const [header, payload = '', signature] = staff().split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    return `${header}.${base64url({ ...claims, groups: ['admin'] })}.${signature}`;
  },
};

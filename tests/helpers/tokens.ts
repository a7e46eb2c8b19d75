import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';

export const testSecret = 'unit-test-secret-that-is-long-enough-for-hs256-0123456789';
export const testIssuer = 'stakeholder-registry';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const nowSeconds = () => Math.floor(Date.now() / 1000);

export const validClaims = (overrides: Record<string, unknown> = {}) => ({
  sub: 'staff@opga.example.org',
  role: 'reviewer',
  iss: testIssuer,
  aud: 'staff-api',
  iat: nowSeconds(),
  exp: nowSeconds() + 3600,
  ...overrides,
});

/** Tokens a client might send, good and bad, all built independently of the code under test. */
export const tokens = {
  valid: (claims: Record<string, unknown> = {}) => jwt.sign(validClaims(claims), testSecret, { algorithm: 'HS256' }),
  algNone: () => `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(validClaims())}.`,
  otherHmac: () => jwt.sign(validClaims(), testSecret, { algorithm: 'HS512' }),
  rsa: () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return jwt.sign(validClaims(), privateKey, { algorithm: 'RS256' });
  },
  wrongSecret: () => jwt.sign(validClaims(), `${testSecret}-not`, { algorithm: 'HS256' }),
  expired: () => jwt.sign(validClaims({ iat: nowSeconds() - 7200, exp: nowSeconds() - 3600 }), testSecret, { algorithm: 'HS256' }),
  noExpiry: () => {
    const { exp: _exp, ...claims } = validClaims();
    return jwt.sign(claims, testSecret, { algorithm: 'HS256' });
  },
  wrongAudience: () => jwt.sign(validClaims({ aud: 'ballot' }), testSecret, { algorithm: 'HS256' }),
  wrongIssuer: () => jwt.sign(validClaims({ iss: 'someone-else' }), testSecret, { algorithm: 'HS256' }),
  unknownRole: () => jwt.sign(validClaims({ role: 'superuser' }), testSecret, { algorithm: 'HS256' }),
  tampered: () => {
    const [header, , signature] = jwt.sign(validClaims(), testSecret, { algorithm: 'HS256' }).split('.');
    return `${header}.${base64url(validClaims({ role: 'admin' }))}.${signature}`;
  },
};

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetConfig } from '#shared/config.ts';
import { verifyStaffAccessToken } from '#shared/auth/staff-identity.ts';
import { staffRoles } from '#shared/auth/tokens.ts';
import { AppError } from '#shared/errors.ts';

// A provider of our own: a key pair whose public half a small HTTP server publishes as a JWKS.
const clientId = 'staff-console';
// The day-to-day role (being renamed from staff to reviewer); groups carry role names.
const dayToDayRole = staffRoles[0];
let server: Server;
let issuer: string;
let signingKey: CryptoKey;
let otherKey: CryptoKey;
let jwksRequests = 0;
const published: { keys: JWK[] } = { keys: [] };

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  signingKey = pair.privateKey;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  published.keys.push({ ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' });
  server = createServer((request, response) => {
    if (request.url !== '/.well-known/jwks.json') return void response.writeHead(404).end();
    jwksRequests += 1;
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(published));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  Object.assign(process.env, { STAFF_ISSUER: issuer, STAFF_CLIENT_ID: clientId });
  delete process.env.STAFF_JWKS_URL;
  resetConfig();
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const now = () => new Date();
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** A JWT access token as oidc-provider issues it (RFC 9068), with claims and header overridable. */
function accessToken(claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}, key: CryptoKey = signingKey) {
  return new SignJWT({ client_id: clientId, groups: [dayToDayRole], name: 'Rita Reviewer', ...claims })
    .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: 'key-1', ...header })
    .setIssuer(String(claims.iss ?? issuer))
    .setSubject('account-1')
    .setIssuedAt()
    .setExpirationTime(typeof claims.exp === 'number' ? claims.exp : seconds(now()) + 600)
    .sign(key);
}

async function rejection(token: string | Promise<string>) {
  const error = await verifyStaffAccessToken(await token, now()).then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError & { statusCode: number; headers?: Record<string, string> };
}

async function expectInvalid(token: string | Promise<string>) {
  const error = await rejection(token);
  expect(error.statusCode).toBe(401);
  expect(error.headers?.['www-authenticate']).toBe('Bearer error="invalid_token"');
}

describe('the staff token verifier', () => {
  it('accepts an access token of the console client, with roles from its groups and the name', async () => {
    // Prepare: one token with the local provider's claims, one with Cognito's
    const local = await accessToken({ groups: ['admin'] });
    const cognito = await accessToken({ groups: undefined, 'cognito:groups': [dayToDayRole, 'admin'], token_use: 'access', name: undefined, username: 'rita' }, { typ: 'JWT' });
    // Act
    const fromLocal = await verifyStaffAccessToken(local, now());
    const fromCognito = await verifyStaffAccessToken(cognito, now());
    // Assess
    expect(fromLocal).toEqual({ kind: 'staff', id: 'account-1', role: 'admin', name: 'Rita Reviewer' });
    expect(fromCognito).toMatchObject({ id: 'account-1', role: 'admin', name: 'rita' });
  });

  it('fetches the key set once and again only for an unknown kid', async () => {
    const before = jwksRequests;
    await verifyStaffAccessToken(await accessToken(), now());
    await verifyStaffAccessToken(await accessToken(), now());
    expect(jwksRequests - before).toBeLessThanOrEqual(1);
  });

  it.each([
    ['expired', () => accessToken({ exp: seconds(now()) - 60 })],
    ['from another issuer', () => accessToken({ iss: 'https://someone-else.example.org' })],
    ['issued to another client', () => accessToken({ client_id: 'another-client' })],
    ['an ID token', () => accessToken({ aud: clientId, token_use: 'id' }, { typ: 'JWT' })],
    ['signed by a key the provider does not publish', () => accessToken({}, {}, otherKey)],
    ['without a client', () => accessToken({ client_id: undefined })],
  ])('refuses a token %s with 401 invalid_token', async (_case, token) => {
    await expectInvalid(token());
  });

  it('refuses alg none', async () => {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    await expectInvalid(`${encode({ alg: 'none', typ: 'at+jwt' })}.${encode({ iss: issuer, sub: 'x', client_id: clientId, groups: ['admin'], exp: seconds(now()) + 600 })}.`);
  });

  it('refuses HS256 signed with the old shared secret', async () => {
    const token = jwt.sign({ client_id: clientId, groups: ['admin'], sub: 'x' }, 'unit-test-secret-that-is-long-enough-for-hs256-0123456789', { algorithm: 'HS256', issuer, expiresIn: 600, header: { alg: 'HS256', typ: 'at+jwt', kid: 'key-1' } });
    await expectInvalid(token);
  });

  it('refuses a tampered token', async () => {
    const [header, , signature] = (await accessToken()).split('.');
    const payload = Buffer.from(JSON.stringify({ iss: issuer, sub: 'account-1', client_id: clientId, groups: ['admin'], exp: seconds(now()) + 600 })).toString('base64url');
    await expectInvalid(`${header}.${payload}.${signature}`);
  });

  it('answers 403 to a valid token whose groups hold no registry role', async () => {
    const error = await rejection(accessToken({ groups: ['finance'] }));
    expect(error.statusCode).toBe(403);
  });
});

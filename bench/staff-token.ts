import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import jwt from 'jsonwebtoken';
import { resetConfig } from '#shared/config.ts';
import { verifyStaffAccessToken } from '#shared/auth/staff-identity.ts';
import { percentile } from './stats.ts';

export interface StaffTokenFigures {
  verifications: number;
  jwksFetches: number;
  staff: { p50Us: number; p99Us: number; perSecond: number };
  hs256: { p50Us: number; p99Us: number; perSecond: number };
}

function measure(times: number, verify: () => unknown | Promise<unknown>) {
  return (async () => {
    const samples: number[] = [];
    const started = performance.now();
    for (let index = 0; index < times; index += 1) {
      const at = performance.now();
      await verify();
      samples.push((performance.now() - at) * 1000);
    }
    return { p50Us: percentile(samples, 50), p99Us: percentile(samples, 99), perSecond: times / ((performance.now() - started) / 1000) };
  })();
}

/**
 * The cost of checking a staff token on each request: the API's verifier (RS256 through the
 * provider's JWKS, fetched once and cached, then issuer, client, token use and groups) against the
 * HS256 verify of the former shared-secret staff tokens, in the same process.
 */
export async function measureStaffToken(verifications: number): Promise<StaffTokenFigures> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'bench-1', alg: 'RS256', use: 'sig' }] };
  let jwksFetches = 0;
  const server = createServer((_request, response) => {
    jwksFetches += 1;
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const saved = { STAFF_ISSUER: process.env.STAFF_ISSUER, STAFF_CLIENT_ID: process.env.STAFF_CLIENT_ID, STAFF_JWKS_URL: process.env.STAFF_JWKS_URL };
  Object.assign(process.env, { STAFF_ISSUER: issuer, STAFF_CLIENT_ID: 'staff-console', STAFF_JWKS_URL: `${issuer}/.well-known/jwks.json` });
  resetConfig();
  try {
    const token = await new SignJWT({ client_id: 'staff-console', groups: ['reviewer'], name: 'Bench Reviewer' })
      .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: 'bench-1' })
      .setIssuer(issuer)
      .setSubject('bench')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    const secret = randomBytes(36).toString('base64url');
    const hs256 = jwt.sign({ role: 'reviewer', name: 'Bench Reviewer' }, secret, { algorithm: 'HS256', issuer: 'stakeholder-registry', audience: 'staff-api', subject: 'bench', expiresIn: 3600 });
    // Warm both: the first staff check fetches the JWKS; the figures are of the cached path.
    await verifyStaffAccessToken(token, new Date());
    jwt.verify(hs256, secret, { algorithms: ['HS256'], issuer: 'stakeholder-registry', audience: 'staff-api' });
    const staff = await measure(verifications, () => verifyStaffAccessToken(token, new Date()));
    const baseline = await measure(verifications, () => jwt.verify(hs256, secret, { algorithms: ['HS256'], issuer: 'stakeholder-registry', audience: 'staff-api' }));
    return { verifications, jwksFetches, staff, hs256: baseline };
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetConfig();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

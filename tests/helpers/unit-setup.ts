import { generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';
import type { TestSigningKey } from './staff-tokens.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The unit tests' staff provider: its JWKS address and its signing key. */
    unitStaffJwksUrl: string;
    unitStaffSigningKey: TestSigningKey;
  }
}

/** The issuer and client the unit project's environment names (vitest.config.ts). */
export const unitStaffIssuer = 'http://127.0.0.1:9/unit-tests';

let server: Server | undefined;

/**
 * A staff provider for the unit tests: a key pair whose public half a small HTTP server publishes
 * as a JWKS, so that handlers verify staff tokens as they do against Cognito (no AWS is called).
 */
export async function setup(project: TestProject): Promise<void> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = 'unit-1';
  const jwks = JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' }] });
  server = createServer((request, response) => {
    if (request.url !== '/.well-known/jwks.json') return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  project.provide('unitStaffJwksUrl', `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`);
  project.provide('unitStaffSigningKey', { jwk: { ...(privateKey.export({ format: 'jwk' }) as JsonWebKey), kid, alg: 'ES256' }, issuer: unitStaffIssuer, clientId: 'staff-console' });
}

export async function teardown(): Promise<void> {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
}

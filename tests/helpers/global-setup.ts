import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort, startLocalSystem, type LocalSystem } from '#local/runtime.ts';
import type { TestSigningKey } from './staff-tokens.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    mailboxUrl: string;
    dynamoEndpoint: string;
    tableName: string;
    authSecret: string;
    /** npm start's staff OpenID provider, and the console page it sends people back to. */
    staffIssuer: string;
    staffConsoleUrl: string;
    /** The provider's own signing key, so that tests can mint access tokens for any subject and role. */
    staffSigningKey: TestSigningKey;
  }
}

let system: LocalSystem | undefined;

/** Starts the local system once for the integration tests (in-memory data, seeded) and stops it after. */
export async function setup(project: TestProject): Promise<void> {
  const authSecret = randomBytes(36).toString('base64url');
  const oidcKeysFile = join(mkdtempSync(join(tmpdir(), 'oidc-keys-')), 'keys.json');
  // Every test submits from 127.0.0.1, many with one address: the limits are tested on their own
  // (tests/integration/rate-limits.test.ts sends over the address limit set here).
  process.env.PUBLIC_POSTS_PER_CLIENT_PER_HOUR ??= '1000000';
  process.env.PUBLIC_POSTS_PER_ADDRESS_PER_HOUR ??= '40';
  system = await startLocalSystem({
    apiPort: await freePort(),
    dynamoPort: await freePort(),
    sesPort: await freePort(),
    oidcPort: await freePort(),
    oidcKeysFile,
    dataDir: null,
    authSecret,
    scheduler: false,
    tableName: 'integration-tests',
  });
  project.provide('apiUrl', system.apiUrl);
  project.provide('mailboxUrl', system.mailboxUrl);
  project.provide('dynamoEndpoint', system.dynamoEndpoint);
  project.provide('tableName', system.tableName);
  project.provide('authSecret', authSecret);
  project.provide('staffIssuer', system.staffIssuer ?? '');
  // Without the web server the provider's redirect goes to the API port's /staff/ (runtime.ts).
  project.provide('staffConsoleUrl', `${system.apiUrl}/staff/`);
  project.provide('staffSigningKey', providerSigningKey(oidcKeysFile, system.staffIssuer ?? ''));
}

export async function teardown(): Promise<void> {
  await system?.stop();
}

/** The key the local provider signs with (local/oidc.ts keeps it in its keys file). */
export function providerSigningKey(keysFile: string, issuer: string): TestSigningKey {
  const { keys } = JSON.parse(readFileSync(keysFile, 'utf8')) as { keys: TestSigningKey['jwk'][] };
  const [jwk] = keys;
  if (!jwk) throw new Error(`no signing key in ${keysFile}`);
  return { jwk, issuer, clientId: 'staff-console' };
}

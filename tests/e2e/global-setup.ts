import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort, startLocalSystem, type LocalSystem } from '#local/runtime.ts';
import { providerSigningKey } from '../helpers/global-setup.ts';
import type { TestSigningKey } from '../helpers/staff-tokens.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    webUrl: string;
    e2eApiUrl: string;
    e2eMailboxUrl: string;
    e2eAuthSecret: string;
    e2eStaffSigningKey: TestSigningKey;
  }
}

let system: LocalSystem | undefined;
// The pages are built into a folder of this run's own, so that runs side by side do not rebuild each other's.
const webOutDir = mkdtempSync(join(tmpdir(), 'e2e-web-'));
const keysDir = mkdtempSync(join(tmpdir(), 'e2e-oidc-'));

/** The whole local system with its web pages and its scheduler, as `npm start` runs it, for the browser tests. */
export async function setup(project: TestProject): Promise<void> {
  const authSecret = randomBytes(36).toString('base64url');
  // Not in webOutDir: the build empties that folder.
  const oidcKeysFile = join(keysDir, 'oidc-keys.json');
  // Every test submits from 127.0.0.1, many with one address: the limits are tested on their own
  // (tests/integration/rate-limits.test.ts sends over the address limit set here).
  process.env.PUBLIC_POSTS_PER_CLIENT_PER_HOUR ??= '1000000';
  process.env.PUBLIC_POSTS_PER_ADDRESS_PER_HOUR ??= '40';
  system = await startLocalSystem({
    apiPort: await freePort(),
    webPort: await freePort(),
    webOutDir,
    dynamoPort: await freePort(),
    sesPort: await freePort(),
    oidcPort: await freePort(),
    oidcKeysFile,
    dataDir: null,
    authSecret,
    scheduler: true,
    tableName: 'e2e-tests',
  });
  project.provide('webUrl', system.webUrl ?? '');
  project.provide('e2eApiUrl', system.apiUrl);
  project.provide('e2eMailboxUrl', system.mailboxUrl);
  project.provide('e2eAuthSecret', authSecret);
  project.provide('e2eStaffSigningKey', providerSigningKey(oidcKeysFile, system.staffIssuer ?? ''));
}

export async function teardown(): Promise<void> {
  await system?.stop();
  rmSync(webOutDir, { recursive: true, force: true });
  rmSync(keysDir, { recursive: true, force: true });
}

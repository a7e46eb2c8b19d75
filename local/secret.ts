import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Everything the local system keeps between runs lives here (git-ignored). */
export const localDir = join(projectRoot, '.local');

/** The local signing secret: made once, kept in .local/, so `npm run token` matches the running API. */
export function localAuthSecret(): string {
  const file = join(localDir, 'auth-secret');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(36).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

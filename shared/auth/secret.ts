import { createSecretKey, type KeyObject } from 'node:crypto';
import { perEnvironment, setting } from '#shared/config.ts';
import type { Needs } from '#shared/needs.ts';

/** What this module asks of its Lambda's role and environment (shared/needs.ts). */
export const needs: Needs = { signingSecret: true, env: ['AUTH_SECRET', 'AUTH_SECRET_ARN'], through: 'Powertools Parameters (getSecret: secretsmanager:GetSecretValue)' };

/**
 * The signing key, built once per process (per function locally: shared/config.ts). Locally
 * AUTH_SECRET holds it; in AWS the function reads the Secrets Manager secret named by
 * AUTH_SECRET_ARN on first use and keeps it.
 */
let signingKeys = perEnvironment<Promise<KeyObject>>();

export function authKey(): Promise<KeyObject> {
  let signingKey = signingKeys.get();
  if (!signingKey) {
    signingKey = loadKey().catch((error: unknown) => {
      signingKeys.set(undefined); // a failed fetch is retried on the next request, not cached
      throw error;
    });
    signingKeys.set(signingKey);
  }
  return signingKey;
}

async function loadKey(): Promise<KeyObject> {
  const AUTH_SECRET = setting('AUTH_SECRET');
  const AUTH_SECRET_ARN = setting('AUTH_SECRET_ARN');
  if (AUTH_SECRET) return createSecretKey(Buffer.from(AUTH_SECRET, 'utf8'));
  if (!AUTH_SECRET_ARN) throw new Error('Invalid configuration: set AUTH_SECRET (locally) or AUTH_SECRET_ARN (in AWS)');
  const { getSecret } = await import('@aws-lambda-powertools/parameters/secrets');
  const secret = await getSecret(AUTH_SECRET_ARN, { maxAge: 3600 });
  if (typeof secret !== 'string' || secret.length < 32) throw new Error('The auth secret is missing or shorter than 32 characters');
  return createSecretKey(Buffer.from(secret, 'utf8'));
}

export function resetAuthKey(): void {
  signingKeys = perEnvironment();
}

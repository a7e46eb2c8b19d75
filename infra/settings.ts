import type { Node } from 'constructs';

/**
 * What differs between deployments, read from CDK context (`cdk synth -c stage=prod -c corsOrigins=https://a,https://b`).
 * Every setting has a default that synthesises offline, except what a production deployment must choose itself.
 */
export interface StageSettings {
  /** Names the stacks, so several stages can live in one account. */
  stage: string;
  /** Browser origins allowed to call the API; '*' only on the local stage. */
  corsOrigins: string[];
  /** The `iss` the handlers put in and require of every token. */
  authIssuer: string;
  /** Requests per second across the API, and the burst above it, at the $default stage. */
  throttle: { rateLimit: number; burstLimit: number };
}

const defaults = {
  stage: 'dev',
  authIssuer: 'stakeholder-registry',
  throttleRateLimit: 50,
  throttleBurstLimit: 100,
};

/** Where the web pages run under `npm start`, so they can call a deployed dev API. */
const localWebOrigin = 'http://localhost:3000';

export function stageSettings(node: Node): StageSettings {
  const stage = text(node, 'stage') ?? defaults.stage;
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(stage)) throw new Error(`stage '${stage}': use lower-case letters, digits and hyphens (at most 20)`);
  return {
    stage,
    corsOrigins: corsOrigins(stage, text(node, 'corsOrigins')),
    authIssuer: text(node, 'authIssuer') ?? defaults.authIssuer,
    throttle: {
      rateLimit: positiveNumber(node, 'throttleRateLimit') ?? defaults.throttleRateLimit,
      burstLimit: positiveNumber(node, 'throttleBurstLimit') ?? defaults.throttleBurstLimit,
    },
  };
}

function corsOrigins(stage: string, listed: string | undefined): string[] {
  if (listed === undefined) {
    if (stage === 'local') return ['*'];
    if (stage === 'prod') throw new Error("stage 'prod' needs its web origins: -c corsOrigins=https://example.org[,https://...]");
    return [localWebOrigin];
  }
  const origins = listed.split(',').map((origin) => origin.trim()).filter((origin) => origin !== '');
  if (origins.length === 0) throw new Error('corsOrigins is empty: list at least one origin');
  for (const origin of origins) {
    if (origin === '*') {
      if (stage !== 'local') throw new Error(`corsOrigins '*' is allowed only on the local stage, not on '${stage}'`);
    } else if (!/^https?:\/\/[^/\s*]+$/.test(origin)) {
      throw new Error(`corsOrigins '${origin}': give scheme and host (and port), no path, e.g. https://example.org`);
    }
  }
  return origins;
}

function text(node: Node, key: string): string | undefined {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  return String(value);
}

function positiveNumber(node: Node, key: string): number | undefined {
  const value = text(node, key);
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new Error(`${key} must be a positive number, got '${value}'`);
  return number;
}

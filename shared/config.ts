import * as z from 'zod';

/**
 * Every setting the handlers read, from the environment, validated once per process.
 * Locally `local/runtime.ts` sets these; in AWS the CDK stacks do (infra/constructs/app-function.ts).
 */
const Config = z.object({
  TABLE_NAME: z.string().min(1),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  /** Set locally to DynamoDB Local's URL; unset in AWS. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  /** Locally the signing secret itself; in AWS unset, and AUTH_SECRET_ARN names it in Secrets Manager. */
  AUTH_SECRET: z.string().min(32).optional(),
  AUTH_SECRET_ARN: z.string().startsWith('arn:').optional(),
  AUTH_ISSUER: z.string().min(1).default('stakeholder-registry'),
  /** Comma-separated origins allowed by CORS; '*' only for local development. */
  CORS_ORIGINS: z.string().default('*'),
  /** Largest request body accepted, in bytes; larger bodies get 413. */
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(256 * 1024),
  /** How long a completed POST with an Idempotency-Key is remembered. */
  IDEMPOTENCY_TTL_SECONDS: z.coerce.number().int().positive().default(24 * 3600),
  STAGE: z.string().default('local'),
});
export type Config = z.infer<typeof Config>;

let loaded: Config | undefined;

export function config(): Config {
  if (!loaded) {
    const parsed = Config.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
      throw new Error(`Invalid configuration: ${problems}`);
    }
    loaded = parsed.data;
  }
  return loaded;
}

/** For tests and the local runtime, which change the environment after a first read. */
export function resetConfig(): void {
  loaded = undefined;
}

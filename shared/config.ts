import * as z from 'zod';

/**
 * Every setting the handlers read, from the environment, validated once per process.
 * Locally `local/runtime.ts` sets these; in AWS the CDK stacks do (infra/constructs/app-function.ts).
 */
const mailbox = /^(?:[ -;=?-~]+ <[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)$/;

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

  /** Where the web pages live: links in e-mails (status links) point here. */
  PUBLIC_WEB_URL: z.url().default('http://127.0.0.1:3000'),

  /** E-mail: every message goes through the outbox (shared/email) and SES v2. */
  SES_ENDPOINT: z.url().optional(),
  SES_CONFIGURATION_SET: z.string().min(1).optional(),
  /** SES takes it as given: an address, or an ASCII display name and <address>. */
  SENDER_EMAIL: z.string().regex(mailbox, 'must be an address, or an ASCII display name and <address>').default('OPGA stakeholder registry <no-reply@stakeholders.example.org>'),
  REPLY_TO_EMAIL: z.string().regex(mailbox, 'must be an address, or an ASCII display name and <address>').optional(),
  STAFF_ALERT_EMAIL: z.email().default('opga-stakeholders@example.org'),
  EMAIL_FOOTER: z.string().default('Office of the President of the General Assembly, United Nations, New York'),
  /** The most messages the dispatcher sends per second (SES's account rate, or less). */
  SES_MAX_SEND_RATE: z.coerce.number().positive().max(1000).default(10),
  /** How long one dispatcher run may send before leaving the rest to the next run. */
  DISPATCH_BUDGET_SECONDS: z.coerce.number().positive().default(45),
  NOTIFICATION_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  /** First retry delay; doubled on every failed attempt, with jitter. */
  RETRY_BASE_SECONDS: z.coerce.number().positive().default(30),
  /** A claim not completed within this is taken back by the next run. */
  CLAIM_TIMEOUT_SECONDS: z.coerce.number().int().positive().default(120),
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

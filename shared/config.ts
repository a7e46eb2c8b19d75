import { AsyncLocalStorage } from 'node:async_hooks';
import * as z from 'zod';

/**
 * Every setting the handlers read, from the environment, each validated on first read. A module
 * reads a setting with `setting(name)` and names it in its `needs` (shared/needs.ts), so that each
 * Lambda is given exactly the variables its bundled code reads (infra/function-needs.ts). Locally
 * `local/runtime.ts` runs each handler with the environment of its own function; in AWS the CDK
 * stacks set it (infra/constructs/app-function.ts).
 */
const mailbox = /^(?:[ -;=?-~]+ <[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)$/;
const mailboxMessage = 'must be an address, or an ASCII display name and <address>';

export const settings = {
  TABLE_NAME: z.string().min(1),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  /** Set locally to DynamoDB Local's URL; unset in AWS. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  /** Locally the signing secret itself; in AWS unset, and AUTH_SECRET_ARN names it in Secrets Manager. */
  AUTH_SECRET: z.string().min(32).optional(),
  AUTH_SECRET_ARN: z.string().startsWith('arn:').optional(),
  AUTH_ISSUER: z.string().min(1).default('stakeholder-registry'),
  /**
   * Staff identity (issue 14): the OpenID provider that issues staff access tokens, the Cognito user
   * pool in AWS and npm start's own provider locally. Its keys are read from STAFF_JWKS_URL, by
   * default the issuer's /.well-known/jwks.json (where both publish them); only tokens issued to
   * the staff console's client, STAFF_CLIENT_ID, are accepted.
   */
  STAFF_ISSUER: z.url(),
  STAFF_JWKS_URL: z.url().optional(),
  STAFF_CLIENT_ID: z.string().min(1),
  /**
   * For staff federated from an organisation's provider (Entra ID, …): which of its group or app
   * role values make a reviewer or an admin, as JSON {"reviewer": [...], "admin": [...]}. Read by
   * the user pool's pre token generation trigger (functions/identity/pre-token-generation.ts).
   */
  STAFF_ROLE_MAPPING: z
    .string()
    .transform((text, context) => {
      try {
        return z.object({ reviewer: z.array(z.string().min(1)).default([]), admin: z.array(z.string().min(1)).default([]) }).strict().parse(JSON.parse(text));
      } catch {
        context.addIssue({ code: 'custom', message: 'must be JSON {"reviewer": ["…"], "admin": ["…"]}' });
        return z.NEVER;
      }
    })
    .optional(),
  /** Comma-separated origins allowed by CORS; '*' only for local development. */
  CORS_ORIGINS: z.string().default('*'),
  /** Largest request body accepted, in bytes; larger bodies get 413. */
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(256 * 1024),
  /** How long a completed POST with an Idempotency-Key is remembered. */
  IDEMPOTENCY_TTL_SECONDS: z.coerce.number().int().positive().default(24 * 3600),
  /** Public submissions (registrations, applications, inquiries) accepted from one client address per clock hour (shared/http/rate-limit.ts). */
  PUBLIC_POSTS_PER_CLIENT_PER_HOUR: z.coerce.number().int().positive().default(30),
  /** Public submissions naming one e-mail address (as contact or representative) accepted per clock hour. */
  PUBLIC_POSTS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().positive().default(5),

  /** Where the web pages live: links in e-mails (status links) point here. */
  PUBLIC_WEB_URL: z.url().default('http://127.0.0.1:3000'),

  /** E-mail: every message goes through the outbox (shared/email) and SES v2. */
  SES_ENDPOINT: z.url().optional(),
  SES_CONFIGURATION_SET: z.string().min(1).optional(),
  /** SES takes it as given: an address, or an ASCII display name and <address>. */
  SENDER_EMAIL: z.string().regex(mailbox, mailboxMessage).default('OPGA stakeholder registry <no-reply@stakeholders.example.org>'),
  REPLY_TO_EMAIL: z.string().regex(mailbox, mailboxMessage).optional(),
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
  /** The Powertools logger's service name (read by Powertools itself, from process.env). */
  POWERTOOLS_SERVICE_NAME: z.string().min(1).default('stakeholder-registry'),
} as const;

export type SettingName = keyof typeof settings;
export type Setting<N extends SettingName> = z.output<(typeof settings)[N]>;
export const settingNames = Object.keys(settings) as SettingName[];

/** Whether a setting has no default: a function whose code reads it cannot run without it. */
export const isRequired = (name: SettingName): boolean => !settings[name].safeParse(undefined).success;

type Environment = Record<string, string | undefined>;

/** Locally, the environment of the function being run (local/runtime.ts); in Lambda, none: process.env. */
const functionEnvironment = new AsyncLocalStorage<Environment>();
let parsed = new WeakMap<Environment, Map<SettingName, unknown>>();

/** Runs `work` with `environment` as the one its settings are read from: the local runtime's stand-in for a Lambda's own. */
export function withEnvironment<T>(environment: Environment, work: () => T): T {
  return functionEnvironment.run(environment, work);
}

/** One setting, validated once per environment; a missing required or invalid one throws, naming it. */
export function setting<N extends SettingName>(name: N): Setting<N> {
  const environment = functionEnvironment.getStore() ?? process.env;
  let values = parsed.get(environment);
  if (!values) parsed.set(environment, (values = new Map()));
  if (!values.has(name)) {
    const result = settings[name].safeParse(environment[name]);
    if (!result.success) throw new Error(`Invalid configuration: ${name}: ${result.error.issues.map((issue) => issue.message).join('; ')}`);
    values.set(name, result.data);
  }
  return values.get(name) as Setting<N>;
}

/**
 * A value kept per environment: in Lambda one per process, as a module variable would be; locally
 * one per function, so that a function never uses what another built from settings it lacks.
 */
export function perEnvironment<T>(): { get(): T | undefined; set(value: T | undefined): void } {
  let values = new WeakMap<Environment, T>();
  const current = () => functionEnvironment.getStore() ?? process.env;
  return {
    get: () => values.get(current()),
    set: (value) => {
      if (value === undefined) values.delete(current());
      else values.set(current(), value);
    },
  };
}

/** For tests and the local runtime, which change the environment after a first read. */
export function resetConfig(): void {
  parsed = new WeakMap();
}

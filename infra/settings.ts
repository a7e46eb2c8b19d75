import type { Node } from 'constructs';
import * as z from 'zod';

/**
 * What differs between deployments, read from CDK context (`cdk synth -c stage=prod -c webDomain=... -c webCertificateArn=...`).
 * Every setting has a default that synthesises offline, except what a production deployment must choose itself.
 */
export interface StageSettings {
  /** Names the stacks, so several stages can live in one account. */
  stage: string;
  /** Browser origins allowed to call the API besides the site's own (infra/web-stack.ts); '*' only on the local stage. */
  corsOrigins: string[];
  web: WebSettings;
  /** The `iss` the handlers put in and require of every link token. */
  authIssuer: string;
  /** The staff user pool (infra/identity-stack.ts): its login domain, and an organisation's provider to federate. */
  staffIdentity: StaffIdentitySettings;
  /** Requests per second across the API, and the burst above it, at the $default stage. */
  throttle: { rateLimit: number; burstLimit: number };
  email: EmailSettings;
}

export interface StaffIdentitySettings {
  stage: string;
  /** The managed login's Cognito domain, https://<prefix>.auth.<region>.amazoncognito.com: unique in the region. */
  loginDomainPrefix: string;
  federation?: StaffFederation;
}

/**
 * An organisation's OpenID Connect provider (Entra ID, Okta, Google Workspace…) federated into the
 * pool: its staff sign in there, and the values of one of its claims (groups or app roles) decide
 * their registry role.
 */
export interface StaffFederation {
  /** The button's name on the login page, and the provider's name in the pool. */
  name: string;
  issuer: string;
  clientId: string;
  /** A Secrets Manager secret (plain text) holding the client secret of the app registered there. */
  clientSecretArn: string;
  /** The claim carrying groups or app roles: `roles` for Entra app roles, `groups` for group ids. */
  rolesClaim: string;
  /** Which of that claim's values make a reviewer or an admin. */
  roles: { reviewer: string[]; admin: string[] };
}

/** Where the web pages are served: CloudFront's own domain, or a custom domain with its certificate. */
export interface WebSettings {
  /** A custom domain for the distribution (its DNS CNAME/alias is set outside the stack); undefined: d…cloudfront.net. */
  domain?: string;
  /** The ACM certificate for `domain`, in us-east-1 as CloudFront requires. */
  certificateArn?: string;
}

/** How the system sends e-mail through SES; the handlers get these as SENDER_EMAIL etc. (shared/config.ts). */
export interface EmailSettings {
  /** The From of every message: an address, optionally after a display name. */
  sender: string;
  /** The bare address of `sender`, and its domain. */
  senderAddress: string;
  senderDomain: string;
  /** Where failed notifications are reported to staff. */
  staffAlert: string;
  replyTo?: string;
  /** The last line of every message. */
  footer: string;
  /** The most messages per second the dispatcher sends: the account's SES rate or less. */
  maxSendRate: number;
  /** An SES identity (domain, with Easy DKIM, or address) for the stack to create; undefined when it is verified outside the stack. */
  createIdentity?: string;
  /** The identity that `ses:SendEmail` is granted on: `createIdentity`, or else the sender's domain. */
  identity: string;
}

const defaults = {
  stage: 'dev',
  authIssuer: 'stakeholder-registry',
  throttleRateLimit: 50,
  throttleBurstLimit: 100,
  // The same defaults as shared/config.ts (tests/infra/settings.test.ts checks that they agree).
  senderEmail: 'OPGA stakeholder registry <no-reply@stakeholders.example.org>',
  staffAlertEmail: 'opga-stakeholders@example.org',
  emailFooter: 'Office of the President of the General Assembly, United Nations, New York',
  sesMaxSendRate: 10,
};

/** shared/config.ts refuses a higher SES_MAX_SEND_RATE, so synth refuses it first. */
const maxSesSendRate = 1000;
/** Lambda allows 4 KB of environment in all; the footer is the only free text in it. */
const maxFooterLength = 1000;

/** Where the web pages run under `npm start`, so they can call a deployed dev API. */
const localWebOrigin = 'http://localhost:3000';

export function stageSettings(node: Node): StageSettings {
  const stage = text(node, 'stage') ?? defaults.stage;
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(stage)) throw new Error(`stage '${stage}': use lower-case letters, digits and hyphens (at most 20)`);
  return {
    stage,
    corsOrigins: corsOrigins(stage, text(node, 'corsOrigins')),
    authIssuer: text(node, 'authIssuer') ?? defaults.authIssuer,
    staffIdentity: staffIdentitySettings(node, stage),
    throttle: {
      rateLimit: positiveNumber(node, 'throttleRateLimit') ?? defaults.throttleRateLimit,
      burstLimit: positiveNumber(node, 'throttleBurstLimit') ?? defaults.throttleBurstLimit,
    },
    email: emailSettings(node),
    web: webSettings(node),
  };
}

function webSettings(node: Node): WebSettings {
  const domain = text(node, 'webDomain')?.toLowerCase();
  const certificateArn = text(node, 'webCertificateArn');
  if ((domain === undefined) !== (certificateArn === undefined)) throw new Error('webDomain and webCertificateArn go together: give both, or neither to serve the pages from CloudFront\'s own domain');
  if (domain === undefined || certificateArn === undefined) return {};
  if (!isDomain(domain)) throw new Error(`webDomain '${domain}': give a host name, e.g. stakeholders.example.org`);
  // CloudFront takes certificates from us-east-1 only, whatever region the stacks are in.
  if (!/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/.test(certificateArn)) throw new Error(`webCertificateArn '${certificateArn}': give an ACM certificate ARN in us-east-1 (CloudFront uses no other region)`);
  return { domain, certificateArn };
}

function emailSettings(node: Node): EmailSettings {
  const sender = mailbox('senderEmail', text(node, 'senderEmail') ?? defaults.senderEmail);
  const senderDomain = sender.address.slice(sender.address.lastIndexOf('@') + 1).toLowerCase();
  const staffAlert = text(node, 'staffAlertEmail') ?? defaults.staffAlertEmail;
  if (!isAddress(staffAlert)) throw new Error(`staffAlertEmail '${staffAlert}': give a plain address, e.g. opga-stakeholders@example.org`);
  const replyTo = text(node, 'replyToEmail');
  if (replyTo !== undefined) mailbox('replyToEmail', replyTo);
  const footer = text(node, 'emailFooter') ?? defaults.emailFooter;
  if (footer.length > maxFooterLength) throw new Error(`emailFooter has ${footer.length} characters: keep it to ${maxFooterLength} (Lambda's environment is 4 KB in all)`);
  const maxSendRate = positiveNumber(node, 'sesMaxSendRate') ?? defaults.sesMaxSendRate;
  if (maxSendRate > maxSesSendRate) throw new Error(`sesMaxSendRate must be at most ${maxSesSendRate} messages per second (shared/config.ts), got ${maxSendRate}`);
  const createIdentity = sesIdentity(text(node, 'sesIdentity'), sender.address, senderDomain);
  return {
    sender: sender.value,
    senderAddress: sender.address,
    senderDomain,
    staffAlert,
    ...(replyTo !== undefined ? { replyTo } : {}),
    footer,
    maxSendRate,
    ...(createIdentity !== undefined ? { createIdentity } : {}),
    identity: createIdentity ?? senderDomain,
  };
}

/** The same address check as the handlers' (zod's z.email() in shared/config.ts). */
const isAddress = (value: string): boolean => z.email().safeParse(value).success;
const isDomain = (value: string): boolean => /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(value);

/**
 * `address` or `Display Name <address>`. SES takes FromEmailAddress as given, so the display name
 * is made of RFC 5322 atoms (ASCII letters, digits, spaces and !#$%&'*+-/=?^_`{|}~) and needs no
 * quoting or encoding anywhere: no dots, commas, quotes, colons, @, brackets or non-ASCII letters.
 */
function mailbox(key: string, value: string): { value: string; address: string } {
  const match = /^(?:([^<>]*?)\s*<([^<>\s]+)>|([^<>\s]+))$/.exec(value.trim());
  const address = match?.[2] ?? match?.[3];
  if (!match || address === undefined || !isAddress(address)) {
    throw new Error(`${key} '${value}': give an address, optionally after a display name, e.g. 'OPGA stakeholder registry <no-reply@stakeholders.example.org>'`);
  }
  const name = match[1];
  if (name !== undefined && !/^[A-Za-z0-9 !#$%&'*+\-/=?^_`{|}~]*$/.test(name)) {
    throw new Error(`${key} display name '${name}': use ASCII letters, digits, spaces and !#$%&'*+-/=?^_\`{|}~ only (no dots, commas, quotes, colons, @, brackets or accents)`);
  }
  return { value: value.trim(), address };
}

/** The identity to create must be the one SES sends the sender from: its address, or its domain. */
function sesIdentity(value: string | undefined, senderAddress: string, senderDomain: string): string | undefined {
  if (value === undefined) return undefined;
  const isAddressIdentity = value.includes('@');
  // Domains are case-insensitive; an address identity is kept as written, as SES compares it.
  const identity = isAddressIdentity ? value.trim() : value.trim().toLowerCase();
  if (isAddressIdentity ? !isAddress(identity) : !isDomain(identity)) {
    throw new Error(`sesIdentity '${value}': give a domain (e.g. stakeholders.example.org) or an address`);
  }
  if (identity !== senderDomain && identity !== senderAddress) {
    throw new Error(`sesIdentity '${value}' is not what SES sends senderEmail's address ${senderAddress} from: give its domain ${senderDomain}, or the address itself`);
  }
  return identity;
}

function corsOrigins(stage: string, listed: string | undefined): string[] {
  if (listed === undefined) {
    if (stage === 'local') return ['*'];
    // The site's own origin is always allowed (infra/stakeholder-registry.ts); production allows nothing else unless told.
    if (stage === 'prod') return [];
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

const Federation = z
  .object({
    name: z.string().regex(/^[\w.-]{1,32}$/, 'a name of up to 32 letters, digits, dots, hyphens or underscores, e.g. OPGA-Entra'),
    issuer: z.url().refine((url) => url.startsWith('https://') && !url.includes('?') && !url.includes('#'), 'the provider\'s issuer, an https URL without query or fragment'),
    clientId: z.string().min(1),
    clientSecretArn: z.string().regex(/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/, 'a Secrets Manager secret ARN'),
    rolesClaim: z.string().min(1).default('roles'),
    roles: z.object({ reviewer: z.array(z.string().min(1)).default([]), admin: z.array(z.string().min(1)).default([]) }).strict().refine((roles) => roles.reviewer.length + roles.admin.length > 0, 'at least one value that makes a reviewer or an admin'),
  })
  .strict();

function staffIdentitySettings(node: Node, stage: string): StaffIdentitySettings {
  const loginDomainPrefix = text(node, 'staffLoginDomainPrefix') ?? `stakeholder-registry-${stage}`;
  // Cognito's rules for a prefix domain: lower-case letters, digits and hyphens, and none of its reserved words.
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(loginDomainPrefix) || /aws|amazon|cognito/.test(loginDomainPrefix)) {
    throw new Error(`staffLoginDomainPrefix '${loginDomainPrefix}': use lower-case letters, digits and hyphens (at most 63), without aws, amazon or cognito`);
  }
  const raw = text(node, 'staffFederation');
  if (raw === undefined) return { stage, loginDomainPrefix };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error('staffFederation must be JSON: {"name", "issuer", "clientId", "clientSecretArn", "rolesClaim", "roles": {"reviewer": [...], "admin": [...]}}');
  }
  const parsed = Federation.safeParse(json);
  if (!parsed.success) throw new Error(`staffFederation: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'the object'} ${issue.message}`).join('; ')}`);
  return { stage, loginDomainPrefix, federation: parsed.data };
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

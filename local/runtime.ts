import { createServer } from 'node:net';
import { resetAuthKey } from '#shared/auth/secret.ts';
import { resetConfig, settingNames, type SettingName } from '#shared/config.ts';
import { resetDbClients } from '#shared/db/client.ts';
import { resetSesClient } from '#shared/email/ses.ts';
import { ensureTable, localCredentials, startDynamoDbLocal } from '#local/dynamodb.ts';
import { useFunctionEnvironments, type FunctionEnvironments } from '#local/handlers.ts';
import { demoAccounts, startLocalOidcProvider } from '#local/oidc.ts';
import { startScheduler, type LocalScheduler } from '#local/scheduler.ts';
import { seed } from '#local/seed.ts';
import { startSes } from '#local/ses.ts';
import { startApiServer } from '#local/server.ts';
import { startWebServer } from '#local/web-server.ts';
import { functionEnvironment, functionNeeds, needsOf, platformSettings, type FunctionNeeds } from '../infra/function-needs.ts';

export interface LocalSystemOptions {
  apiPort: number;
  /** Serve the web pages on this port (built from web/); without it, no pages (API tests). */
  webPort?: number;
  /** Where the pages are built (web/dist by default); tests build into a folder of their own. */
  webOutDir?: string;
  dynamoPort: number;
  sesPort: number;
  /** Run the staff OpenID provider (local/oidc.ts) on this port; handlers get it as STAFF_ISSUER. */
  oidcPort?: number;
  /** Where that provider keeps its keys (.local/oidc-keys.json by default); tests use their own. */
  oidcKeysFile?: string;
  /** Where DynamoDB Local keeps its data; null keeps it in memory (tests, benchmarks). */
  dataDir: string | null;
  fresh?: boolean;
  seed?: boolean;
  scheduler?: boolean;
  authSecret: string;
  tableName?: string;
  onRequest?: (line: string) => void;
  onJobError?: (job: string, error: unknown) => void;
  /** What each handler's code uses (infra/function-needs.ts), computed from the bundles by default. */
  needs?: ReadonlyMap<string, FunctionNeeds>;
}

export interface LocalSystem {
  apiUrl: string;
  webUrl: string | undefined;
  /** The staff OpenID provider's issuer, when it runs. */
  staffIssuer: string | undefined;
  docsUrl: string;
  mailboxUrl: string;
  dynamoEndpoint: string;
  tableName: string;
  seeded: number;
  tableCreated: boolean;
  scheduler: LocalScheduler | undefined;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1, for tests and benchmarks that must not clash with `npm start`. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Each handler's environment under `npm start`: what CDK gives its function (functionEnvironment,
 * the same code infra/constructs/app-function.ts uses) with this machine's values of the settings
 * (`values`: the emulators' endpoints, AUTH_SECRET in place of AUTH_SECRET_ARN), plus what Lambda
 * sets itself. Built once per handler, so each keeps its caches as a warm Lambda does.
 */
export function localFunctionEnvironments(needs: ReadonlyMap<string, FunctionNeeds>, values: NodeJS.ProcessEnv = process.env): FunctionEnvironments {
  const local = Object.fromEntries(settingNames.flatMap((name) => (values[name] === undefined ? [] : [[name, values[name]]]))) as Partial<Record<SettingName, string>>;
  const lambdaProvided = Object.fromEntries(platformSettings.map((name) => [name, values[name] ?? 'local']));
  const environments = new Map<string, Record<string, string>>();
  return (handler) => {
    let environment = environments.get(handler);
    if (!environment) environments.set(handler, (environment = { ...lambdaProvided, ...functionEnvironment(needsOf(needs, handler), local) }));
    return environment;
  };
}

/**
 * The whole system on one machine: DynamoDB Local with the table, the SES emulator, the API
 * server over the route table, and the scheduled jobs. The handlers run in this process, each with
 * the environment CDK gives its own function (infra/function-needs.ts) filled with local values:
 * a setting its bundled code does not read is not there, as it would not be in AWS.
 */
export async function startLocalSystem(options: LocalSystemOptions): Promise<LocalSystem> {
  const tableName = options.tableName ?? 'stakeholder-registry';
  // Node 20 here; Lambda runs Node 22, where the SDK has nothing to warn about. Set before any SDK client exists.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const step of stops.reverse()) await step().catch(() => undefined);
  };
  try {
    const dynamo = await startDynamoDbLocal({ port: options.dynamoPort, dataDir: options.dataDir, fresh: options.fresh ?? false });
    stops.push(dynamo.stop);
    const ses = await startSes(options.sesPort);
    stops.push(ses.stop);
    // The console page is where the provider sends people back; the web server starts later on its known port.
    const oidc = options.oidcPort
      ? await startLocalOidcProvider({ port: options.oidcPort, consoleUrl: `http://127.0.0.1:${options.webPort ?? options.apiPort}/staff/`, storage: { client: dynamo.client, tableName }, ...(options.oidcKeysFile ? { keysFile: options.oidcKeysFile } : {}) })
      : undefined;
    if (oidc) stops.push(oidc.stop);

    Object.assign(process.env, {
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      SES_ENDPOINT: ses.endpoint,
      AWS_REGION: 'local',
      AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
      AUTH_SECRET: options.authSecret,
      ...(oidc ? { STAFF_ISSUER: oidc.issuer, STAFF_CLIENT_ID: oidc.clientId } : {}),
      // The pages are another origin: CORS admits it (and links in e-mails point at it).
      CORS_ORIGINS: process.env.CORS_ORIGINS ?? (options.webPort ? `http://127.0.0.1:${options.webPort}` : '*'),
      ...(options.webPort ? { PUBLIC_WEB_URL: process.env.PUBLIC_WEB_URL ?? `http://127.0.0.1:${options.webPort}` } : {}),
      SENDER_EMAIL: process.env.SENDER_EMAIL ?? 'OPGA stakeholder registry (local) <no-reply@stakeholders.example.org>',
      STAFF_ALERT_EMAIL: process.env.STAFF_ALERT_EMAIL ?? 'staff@opga.example.org',
      SES_MAX_SEND_RATE: process.env.SES_MAX_SEND_RATE ?? '50',
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? process.env.LOG_LEVEL ?? 'WARN',
    });
    resetConfig();
    // Local values for every setting (AUTH_SECRET instead of AUTH_SECRET_ARN, the emulators' endpoints), then each function's share of them.
    useFunctionEnvironments(localFunctionEnvironments(options.needs ?? (await functionNeeds())));
    stops.push(async () => useFunctionEnvironments(undefined));
    resetDbClients();
    resetSesClient();
    resetAuthKey();

    const tableCreated = await ensureTable(dynamo.client, tableName);
    const seeded = options.seed === false ? 0 : await seed();

    // The landing page names the web pages once they are up (it is rendered per request).
    let web: Awaited<ReturnType<typeof startWebServer>> | undefined;
    const api = await startApiServer({
      port: options.apiPort,
      ...(options.onRequest ? { onRequest: options.onRequest } : {}),
      landingPage: () => landingPage(api.url, ses.endpoint, web?.url),
    });
    stops.push(api.stop);
    const staffSignIn = oidc ? { issuer: oidc.issuer, clientId: oidc.clientId } : undefined;
    web = options.webPort ? await startWebServer({ port: options.webPort, apiUrl: api.url, ...(staffSignIn ? { staffSignIn } : {}), ...(options.webOutDir ? { outDir: options.webOutDir } : {}) }) : undefined;
    if (web) stops.push(web.stop);
    const scheduler = options.scheduler === false ? undefined : startScheduler(options.onJobError ? { onError: options.onJobError } : {});
    if (scheduler) stops.push(scheduler.stop);

    return {
      apiUrl: api.url,
      webUrl: web?.url,
      staffIssuer: oidc?.issuer,
      docsUrl: `${api.url}/docs`,
      mailboxUrl: ses.endpoint,
      dynamoEndpoint: dynamo.endpoint,
      tableName,
      seeded,
      tableCreated,
      scheduler,
      stop: async () => {
        await stop();
        resetDbClients();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function landingPage(apiUrl: string, mailboxUrl: string, webUrl: string | undefined): string {
  const link = (href: string, text: string) => `<li><a href="${href}">${text}</a> <code>${href}</code></li>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Stakeholder registration (local)</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; line-height: 1.5">
<h1>Stakeholder registration: local system</h1><ul>
${webUrl ? `${link(webUrl, 'The web pages')}${link(`${webUrl}/staff`, `The staff console (sign in as ${demoAccounts.map((account) => `${account.email} with ${account.password}`).join(', or ')})`)}` : ''}
${link(`${apiUrl}/meetings`, 'Meetings (API)')}${link(`${apiUrl}/docs`, 'API documentation')}${link(`${apiUrl}/openapi.json`, 'OpenAPI document')}
${link(`${apiUrl}/health`, 'Health')}${link(mailboxUrl, 'Mailbox: every e-mail the system sends')}</ul>
<p>Staff routes need a bearer token: <code>npm run token -- reviewer1</code> (or <code>admin</code>).</p></body></html>`;
}

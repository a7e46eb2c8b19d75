import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import Provider, { type Configuration } from 'oidc-provider';
import { staffRoles } from '#shared/auth/tokens.ts';
import { dynamoDbAdapter } from '#local/oidc-adapter.ts';
import { localDir } from '#local/secret.ts';

/** The staff console's public client, locally as in AWS (STAFF_CLIENT_ID). */
export const localStaffClientId = 'staff-console';
/** The API as a resource: access tokens for it are JWTs (RFC 9068) that the API's verifier checks. */
export const localStaffResource = 'urn:opga:stakeholder-registry:api';

const [dayToDayRole] = staffRoles;
/** Demo accounts of npm start's provider; their passwords are printed at start-up. */
export const demoAccounts = [
  { id: 'reviewer1', email: 'reviewer1@opga.example.org', name: 'Rosa Reviewer', groups: [dayToDayRole], password: 'review-one-2018' },
  { id: 'reviewer2', email: 'reviewer2@opga.example.org', name: 'Rafael Reviewer', groups: [dayToDayRole], password: 'review-two-2018' },
  { id: 'admin', email: 'admin@opga.example.org', name: 'Ada Admin', groups: ['admin'], password: 'admin-compact-2018' },
] as const;
export type DemoAccount = (typeof demoAccounts)[number];

/** The signing key, made once and kept in .local/, so tokens survive a restart of npm start. */
async function providerKeys(file = join(localDir, 'oidc-keys.json')): Promise<{ keys: JWK[]; cookieKeys: string[] }> {
  if (!existsSync(file)) {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    mkdirSync(dirname(file), { recursive: true });
    const keys = [{ ...(await exportJWK(privateKey)), kid: `local-${Date.now()}`, alg: 'RS256', use: 'sig' }];
    writeFileSync(file, JSON.stringify({ keys, cookieKeys: [randomBytes(32).toString('base64url')] }), { mode: 0o600 });
  }
  return JSON.parse(readFileSync(file, 'utf8')) as { keys: JWK[]; cookieKeys: string[] };
}

export interface LocalOidcOptions {
  port: number;
  /** The staff console's page (the web server's /staff/), where the provider redirects back. */
  consoleUrl: string;
  keysFile?: string;
  /** Where it keeps sessions, codes and grants: npm start's DynamoDB Local table (local/oidc-adapter.ts). */
  storage: { client: DynamoDBClient; tableName: string };
}

/**
 * npm start's OpenID provider (panva's oidc-provider): the demo accounts, the console's public
 * client (no secret, PKCE), JWT access tokens with `groups` and `name`, keys at /.well-known/jwks.json
 * (where Cognito publishes its own), and a login page of its own (not the library's dev-only one).
 */
export async function startLocalOidcProvider(options: LocalOidcOptions): Promise<{ issuer: string; clientId: string; stop(): Promise<void> }> {
  const issuer = `http://127.0.0.1:${options.port}`;
  const accountById = (id: string) => demoAccounts.find((account) => account.id === id);
  const { keys, cookieKeys } = await providerKeys(options.keysFile);
  const configuration: Configuration = {
    adapter: dynamoDbAdapter(options.storage.client, options.storage.tableName),
    jwks: { keys },
    cookies: { keys: cookieKeys },
    routes: { jwks: '/.well-known/jwks.json' },
    clients: [
      {
        client_id: localStaffClientId,
        token_endpoint_auth_method: 'none',
        application_type: 'web',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [options.consoleUrl],
        post_logout_redirect_uris: [options.consoleUrl],
      },
    ],
    pkce: { required: () => true },
    // The console calls the token endpoint from the browser: its own origin only, as Cognito does.
    clientBasedCORS: (_ctx, origin, client) => client.redirectUris?.some((uri) => new URL(uri).origin === origin) ?? false,
    claims: { openid: ['sub'], profile: ['name'], email: ['email'], groups: ['groups'] },
    scopes: ['openid', 'profile', 'email', 'groups', 'offline_access'],
    findAccount: (_ctx, id) => {
      const account = accountById(id);
      return account ? { accountId: account.id, claims: () => ({ sub: account.id, name: account.name, email: account.email, groups: [...account.groups] }) } : undefined;
    },
    // What the API's verifier reads from an access token: the person's roles and name.
    extraTokenClaims: (_ctx, token) => {
      const account = 'accountId' in token && typeof token.accountId === 'string' ? accountById(token.accountId) : undefined;
      return account ? { groups: [...account.groups], name: account.name } : undefined;
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource: (ctx) => void (ctx.body = page('Signed out', '<h1>You are signed out</h1><p>You have signed out of the staff sign-in.</p>')) },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => localStaffResource,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ scope: 'openid profile email groups', audience: localStaffResource, accessTokenFormat: 'jwt', accessTokenTTL: 3600, jwt: { sign: { alg: 'RS256' } } }),
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    ttl: { AccessToken: 3600, IdToken: 3600, Session: 12 * 3600, Grant: 12 * 3600, Interaction: 3600 },
  };
  const provider = new Provider(issuer, configuration);
  // The provider answers a fault with a bare 'oops! something went wrong': the cause goes to npm start's output.
  provider.on('server_error', (_ctx, error) => console.error('The staff sign-in (local OpenID provider) failed:', error));
  const callback = provider.callback();
  const server = createServer((request, response) => {
    if (request.url?.startsWith('/interaction/')) return void interaction(provider, request, response).catch((error: unknown) => response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error)));
    callback(request, response);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(options.port, '127.0.0.1', resolve));
  const stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Kept-alive connections too (a browser's, the API's key fetch): a stop is a stop.
      server.closeAllConnections();
    });
  return { issuer, clientId: localStaffClientId, stop };
}

async function formFields(request: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of request) body += String(chunk);
  return new URLSearchParams(body);
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

const page = (title: string, body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}: OPGA staff (local provider)</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 30rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5">${body}</body></html>`;

/**
 * RP-initiated logout: the console sends the person here with their ID token as a hint, and the
 * provider's form (which carries its anti-forgery field) is submitted at once; without a hint, the
 * person is asked, since anyone could link here.
 */
async function logoutSource(ctx: Parameters<NonNullable<NonNullable<NonNullable<Configuration['features']>['rpInitiatedLogout']>['logoutSource']>>[0], form: string): Promise<void> {
  const hinted = Boolean(ctx.oidc.params?.id_token_hint);
  const yes = '<input type="hidden" name="logout" value="yes">';
  ctx.body = page(
    'Sign out',
    hinted
      ? `<h1>Signing you out…</h1>${form.replace('</form>', `${yes}</form>`)}<noscript><button type="submit" form="op.logoutForm">Sign out</button></noscript><script>document.getElementById('op.logoutForm').submit()</script>`
      : `<h1>Sign out of the staff sign-in?</h1>${form}<p><button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Sign out</button> <button type="submit" form="op.logoutForm">Stay signed in</button></p>`,
  );
}

function loginPage(uid: string, problem?: string): string {
  return page('Sign in', `
<h1>Sign in to the staff console</h1>
${problem ? `<div role="alert"><h2>There is a problem</h2><p>${escapeHtml(problem)}</p></div>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<p><label for="email">E-mail address</label><br><input id="email" name="email" type="email" autocomplete="username" required></p>
<p><label for="password">Password</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Sign in</button></p></form>`);
}

/** The login prompt asks for a demo account's password; consent is given for the first-party console. */
async function interaction(provider: Provider, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const details = await provider.interactionDetails(request, response);
  if (details.prompt.name === 'login') {
    if (request.method !== 'POST') return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(details.uid));
    const fields = await formFields(request);
    const account = demoAccounts.find((candidate) => candidate.email === fields.get('email')?.trim().toLowerCase() && candidate.password === fields.get('password'));
    if (!account) return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(details.uid, 'The e-mail address or the password is not right'));
    return provider.interactionFinished(request, response, { login: { accountId: account.id } }, { mergeWithLastSubmission: false });
  }
  const { accountId } = details.session ?? {};
  if (!accountId) throw new Error('consent without a session');
  const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId, clientId: String(details.params.client_id) });
  if (!grant) throw new Error('the grant has gone');
  const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(resource, scopes.join(' '));
  const grantId = await grant.save();
  return provider.interactionFinished(request, response, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

/**
 * Signs in as a demo account the way the console does (authorization code + PKCE through the
 * provider's login page, which a live session skips) and returns the access token: for
 * `npm run token` and the tests.
 */
export async function demoAccessToken(input: { issuer: string; redirectUri: string; account: { email: string; password: string }; clientId?: string; cookies?: Map<string, string> }): Promise<string> {
  const discovery = (await (await fetch(`${input.issuer}/.well-known/openid-configuration`)).json()) as { authorization_endpoint: string; token_endpoint: string };
  const clientId = input.clientId ?? localStaffClientId;
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  // The browser's cookie jar: pass one to sign in again with the provider's session, as a browser would.
  const cookies = input.cookies ?? new Map<string, string>();
  const send = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') } });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  };
  const authorize = new URL(discovery.authorization_endpoint);
  for (const [name, value] of Object.entries({ client_id: clientId, response_type: 'code', redirect_uri: input.redirectUri, scope: 'openid profile email groups', code_challenge: challenge, code_challenge_method: 'S256', state: randomBytes(8).toString('hex') })) authorize.searchParams.set(name, value);
  let url = authorize.href;
  for (let step = 0; step < 10; step += 1) {
    let response = await send(url);
    if (response.status === 200 && /\/interaction\/[^/]+$/.test(new URL(url).pathname)) {
      response = await send(`${url}/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ email: input.account.email, password: input.account.password }).toString() });
      if (response.status === 200) throw new Error(`the provider refused the password of ${input.account.email}`);
    }
    const location = response.headers.get('location');
    if (!location) throw new Error(`the provider answered ${response.status} at ${url}: ${(await response.text()).slice(0, 200)}`);
    const next = new URL(location, url);
    const code = next.searchParams.get('code');
    if (next.href.startsWith(input.redirectUri) && code) {
      const token = await fetch(discovery.token_endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: input.redirectUri, client_id: clientId, code_verifier: verifier }).toString() });
      const body = (await token.json()) as { access_token?: string; error_description?: string };
      if (!body.access_token) throw new Error(`the provider issued no access token: ${body.error_description ?? token.status}`);
      return body.access_token;
    }
    if (next.searchParams.get('error')) throw new Error(`the provider refused the sign-in: ${next.searchParams.get('error_description') ?? next.searchParams.get('error')}`);
    url = next.href;
  }
  throw new Error('the sign-in did not reach the console within ten redirects');
}

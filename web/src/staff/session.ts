import { computed, signal } from '@preact/signals';
import * as oauth from 'oauth4webapi';
import { ApiError, apiUrl, call, type StaffSignInConfig } from '../api.ts';
import './messages.ts';

/**
 * Staff sign in through the deployment's OpenID provider (Cognito's managed login in AWS, npm
 * start's provider locally) with the authorization code flow and PKCE, as a public client: the
 * same code in both worlds, configured by /config.js (`staffSignIn`). The access token is kept
 * for this browser tab only (sessionStorage) and sent to the API as a bearer token.
 */
const storageKey = 'staff-session';
const pendingKey = 'staff-sign-in';
const roles = ['reviewer', 'admin'] as const;
export type ConsoleRole = (typeof roles)[number];

export interface StaffMember {
  sub: string;
  name: string;
  role: ConsoleRole;
  exp: number;
}

interface Session {
  accessToken: string;
  idToken?: string;
}

/** What the console shows of the person: the API checks the token itself on every call. */
export function memberOf(accessToken: string): StaffMember | null {
  try {
    const payload = accessToken.split('.')[1] ?? '';
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)))) as Record<string, unknown>;
    const groups = [claims['cognito:groups'], claims.groups].flatMap((value) => (Array.isArray(value) ? value : [])) as unknown[];
    const role = roles.filter((candidate) => groups.includes(candidate)).at(-1);
    if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number' || !role) return null;
    const name = [claims.name, claims.username, claims.email].find((value): value is string => typeof value === 'string' && value !== '') ?? claims.sub;
    return { sub: claims.sub, name, role, exp: claims.exp };
  } catch {
    return null;
  }
}

const stored = (): Session | null => {
  try {
    const session = JSON.parse(globalThis.sessionStorage?.getItem(storageKey) ?? 'null') as Session | null;
    return session && ((memberOf(session.accessToken)?.exp ?? 0) * 1000 > Date.now()) ? session : null;
  } catch {
    return null;
  }
};

const session = signal<Session | null>(stored());
export const staffToken = computed(() => session.value?.accessToken ?? null);
/** Why the last session ended (expired or refused by the API), shown on the sign-in page. */
export const sessionEnded = signal<'expired' | null>(null);
export const staffMember = computed(() => (session.value ? memberOf(session.value.accessToken) : null));

export const signInConfig = (): StaffSignInConfig | null => window.registryConfig?.staffSignIn ?? null;
/** The console's own address, where the provider sends people back (registered with the provider). */
const redirectUri = () => `${location.origin}/staff/`;

/** A sign-in that could not finish, with the words to show. */
export class SignInProblem extends Error {
  constructor(readonly kind: 'not-configured' | 'no-role' | 'stale' | 'refused' | 'network', detail = '') {
    super(detail || kind);
  }
}

// npm start's provider listens on http://127.0.0.1; anywhere else the library insists on https.
const insecure = (config: StaffSignInConfig) => {
  const { protocol, hostname } = new URL(config.issuer);
  return protocol === 'http:' && (hostname === '127.0.0.1' || hostname === 'localhost') ? { [oauth.allowInsecureRequests]: true } : {};
};

let discovered: Promise<oauth.AuthorizationServer> | undefined;
function authorizationServer(config: StaffSignInConfig): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(config.issuer);
  discovered ??= oauth
    .discoveryRequest(issuer, { algorithm: 'oidc', ...insecure(config) })
    .then((response) => oauth.processDiscoveryResponse(issuer, response))
    .catch((error: unknown) => {
      discovered = undefined;
      throw error instanceof TypeError ? new SignInProblem('network') : error;
    });
  return discovered;
}

/** Sends the browser to the provider's sign-in page; it comes back to /staff/ with a code. */
export async function beginSignIn(returnTo: string, language: string): Promise<void> {
  const config = signInConfig();
  if (!config) throw new SignInProblem('not-configured');
  const server = await authorizationServer(config);
  if (!server.authorization_endpoint) throw new SignInProblem('not-configured', 'the provider names no authorization endpoint');
  const pending = { verifier: oauth.generateRandomCodeVerifier(), state: oauth.generateRandomState(), nonce: oauth.generateRandomNonce(), returnTo };
  sessionStorage.setItem(pendingKey, JSON.stringify(pending));
  const url = new URL(server.authorization_endpoint);
  const parameters = {
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    response_type: 'code',
    scope: config.scope ?? 'openid profile email',
    code_challenge: await oauth.calculatePKCECodeChallenge(pending.verifier),
    code_challenge_method: 'S256',
    state: pending.state,
    nonce: pending.nonce,
    ui_locales: language,
  };
  for (const [name, value] of Object.entries(parameters)) url.searchParams.set(name, value);
  location.assign(url.href);
}

/** Whether this page load is the provider sending someone back (a code, or an error, and a state). */
export const isSignInCallback = () => location.pathname.replace(/\/$/, '') === '/staff' && new URLSearchParams(location.search).has('state');

let completing: Promise<string> | undefined;
/**
 * Exchanges the code for tokens (PKCE verifier, state and nonce checked), keeps the session and
 * answers where the person was going. Runs once however many components ask.
 */
export function completeSignIn(): Promise<string> {
  completing ??= exchange().finally(() => sessionStorage.removeItem(pendingKey));
  return completing;
}

async function exchange(): Promise<string> {
  const config = signInConfig();
  if (!config) throw new SignInProblem('not-configured');
  const pending = JSON.parse(sessionStorage.getItem(pendingKey) ?? 'null') as { verifier: string; state: string; nonce: string; returnTo: string } | null;
  if (!pending) throw new SignInProblem('stale');
  const server = await authorizationServer(config);
  const client: oauth.Client = { client_id: config.clientId };
  let result: oauth.TokenEndpointResponse;
  try {
    const parameters = oauth.validateAuthResponse(server, client, new URL(location.href), pending.state);
    const response = await oauth.authorizationCodeGrantRequest(server, client, oauth.None(), parameters, redirectUri(), pending.verifier, insecure(config));
    result = await oauth.processAuthorizationCodeResponse(server, client, response, { expectedNonce: pending.nonce, requireIdToken: true });
  } catch (error) {
    if (error instanceof TypeError) throw new SignInProblem('network');
    const description = error instanceof oauth.AuthorizationResponseError || error instanceof oauth.ResponseBodyError ? (error.error_description ?? error.error) : error instanceof Error ? error.message : '';
    throw new SignInProblem('refused', description);
  }
  if (!memberOf(result.access_token)) throw new SignInProblem('no-role');
  const next: Session = { accessToken: result.access_token, ...(result.id_token ? { idToken: result.id_token } : {}) };
  sessionStorage.setItem(storageKey, JSON.stringify(next));
  sessionEnded.value = null;
  session.value = next;
  return pending.returnTo.startsWith('/staff') ? pending.returnTo : '/staff';
}

/** Ends the session here; when the person asked, at the provider too (its end-session or logout page). */
export async function signOut(reason: 'expired' | null = null): Promise<void> {
  const idToken = session.value?.idToken;
  sessionStorage.removeItem(storageKey);
  sessionEnded.value = reason;
  session.value = null;
  const config = signInConfig();
  if (reason || !config) return;
  // Cognito's managed login has no end_session_endpoint: its /logout takes client_id and logout_uri.
  if (config.logoutUrl) {
    const url = new URL(config.logoutUrl);
    url.searchParams.set('client_id', config.clientId);
    url.searchParams.set('logout_uri', redirectUri());
    return location.assign(url.href);
  }
  const server = await authorizationServer(config).catch(() => null);
  if (!server?.end_session_endpoint) return;
  const url = new URL(server.end_session_endpoint);
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('post_logout_redirect_uri', redirectUri());
  if (idToken) url.searchParams.set('id_token_hint', idToken);
  location.assign(url.href);
}

/** A call to a staff route with the session's token; a 401 ends the session (the sign-in page shows again). */
export async function staffCall<T>(method: string, path: string, body?: unknown): Promise<T> {
  if (!staffToken.value) throw new ApiError(401, 'Not signed in');
  try {
    return await call<T>(method, path, { token: staffToken.value, ...(body !== undefined ? { body } : {}) });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) void signOut('expired');
    throw error;
  }
}

/** Fetches a staff export (CSV, HTML) with the token and hands it to the browser as a download. */
export async function download(path: string, filename: string): Promise<void> {
  const response = await fetch(`${apiUrl()}${path}`, { headers: { authorization: `Bearer ${staffToken.value ?? ''}` } }).catch(() => {
    throw new ApiError(0, 'network');
  });
  if (response.status === 401) void signOut('expired');
  if (!response.ok) throw new ApiError(response.status, response.statusText);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

export { problemOf } from '../linked.tsx';

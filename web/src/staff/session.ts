import { computed, signal } from '@preact/signals';
import { ApiError, apiUrl, call } from '../api.ts';
import { t } from '../i18n.ts';
import './messages.ts';

/**
 * The staff member's bearer token, kept for this browser tab only (sessionStorage). Locally the
 * demo staff account signs in with its password (the local web server's /local/sign-in signs a
 * token with the local secret); in AWS staff paste a token issued for the stage (npm run token).
 */
const storageKey = 'staff-token';

interface Claims {
  sub: string;
  name?: string;
  role: string;
  exp: number;
}

const decode = (token: string): Claims | null => {
  try {
    const payload = token.split('.')[1] ?? '';
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as Partial<Claims>;
    return typeof claims.sub === 'string' && typeof claims.exp === 'number' && typeof claims.role === 'string' ? (claims as Claims) : null;
  } catch {
    return null;
  }
};

const initial = globalThis.sessionStorage?.getItem(storageKey) ?? null;
export const staffToken = signal<string | null>(initial && (decode(initial)?.exp ?? 0) * 1000 > Date.now() ? initial : null);
/** Why the last session ended (expired, refused), shown on the sign-in form. */
export const sessionEnded = signal<'expired' | null>(null);
export const staffMember = computed(() => (staffToken.value ? decode(staffToken.value) : null));
export const localSignIn = () => window.registryConfig?.signInUrl ?? null;

export function adoptToken(token: string): boolean {
  const claims = decode(token);
  if (!claims || claims.exp * 1000 <= Date.now()) return false;
  sessionStorage.setItem(storageKey, token);
  sessionEnded.value = null;
  staffToken.value = token;
  return true;
}

export function signOut(reason: 'expired' | null = null): void {
  sessionStorage.removeItem(storageKey);
  sessionEnded.value = reason;
  staffToken.value = null;
}

/** The demo staff account's sign-in (local only): the token, or null when the address or password is wrong. */
export async function signIn(email: string, password: string): Promise<boolean> {
  const url = localSignIn();
  if (!url) return false;
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) }).catch(() => {
    throw new ApiError(0, 'network');
  });
  if (!response.ok) return false;
  const { token } = (await response.json()) as { token: string };
  return adoptToken(token);
}

/** A call to a staff route with the session's token; a 401 ends the session (the sign-in form shows again). */
export async function staffCall<T>(method: string, path: string, body?: unknown): Promise<T> {
  if (!staffToken.value) throw new ApiError(401, 'Not signed in');
  try {
    return await call<T>(method, path, { token: staffToken.value, ...(body !== undefined ? { body } : {}) });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) signOut('expired');
    throw error;
  }
}

/** Fetches a staff export (CSV, HTML) with the token and hands it to the browser as a download. */
export async function download(path: string, filename: string): Promise<void> {
  const response = await fetch(`${apiUrl()}${path}`, { headers: { authorization: `Bearer ${staffToken.value ?? ''}` } }).catch(() => {
    throw new ApiError(0, 'network');
  });
  if (response.status === 401) signOut('expired');
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

/**
 * Staff sign-in (web/src/staff/session.ts): the OpenID provider's issuer and the console's public
 * client; logoutUrl for a provider without an end_session_endpoint (Cognito's managed login).
 */
export interface StaffSignInConfig {
  issuer: string;
  clientId: string;
  logoutUrl?: string;
  scope?: string;
}

/** Where the API is and how staff sign in: /config.js, written by whoever serves the site (the local server; CDK in AWS). */
declare global {
  interface Window {
    registryConfig?: { apiUrl: string; staffSignIn?: StaffSignInConfig };
  }
}
export const apiUrl = () => window.registryConfig?.apiUrl ?? '';

export interface FieldProblem {
  field: string;
  message: string;
}

/** An answer other than 2xx: the API's message, and the fields it named (body.contact.email, …). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
  }
}

export async function call<T>(method: string, path: string, options: { body?: unknown; token?: string | null } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let response: Response;
  try {
    response = await fetch(`${apiUrl()}${path}`, { method, headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}) });
  } catch {
    throw new ApiError(0, 'network');
  }
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as unknown) : null;
  if (!response.ok) {
    const problem = (parsed ?? {}) as { message?: string; fields?: FieldProblem[] };
    throw new ApiError(response.status, problem.message ?? response.statusText, problem.fields ?? []);
  }
  return parsed as T;
}

/** The token a status link carries in its fragment (#token=…), never sent to a server by the browser. */
export const tokenFromLink = () => new URLSearchParams(location.hash.slice(1)).get('token');

/** A status link the API returned (absolute, under PUBLIC_WEB_URL), as a link within these pages. */
export const pageLink = (url: string) => {
  const parsed = new URL(url);
  return parsed.pathname + parsed.hash;
};

import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join } from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { corsPolicy } from '#shared/http/cors.ts';
import { routeList, routes } from '#shared/http/routes.ts';
import type { RouteSpec } from '#shared/http/route-spec.ts';
import { httpApiEvent, lambdaContext } from '#local/api-gateway-event.ts';
import { invokeHandler } from '#local/handlers.ts';


/** API Gateway's own limit on a request's payload. */
const gatewayMaxBytes = 10 * 1024 * 1024;
const lambdaTimeoutMs = 10_000;

interface MountedRoute {
  route: RouteSpec;
  pattern: RegExp;
  paramNames: string[];
  specificity: number;
}

/** Every route of the route table, most specific first, as API Gateway chooses between them. */
export function mountRoutes(routes: readonly RouteSpec[] = routeList): MountedRoute[] {
  return routes
    .map((route) => {
      const paramNames: string[] = [];
      const source = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}/g, (_match, name: string) => {
        paramNames.push(name);
        return '([^/]+)';
      });
      return { route, pattern: new RegExp(`^${source}$`), paramNames, specificity: route.path.split('/').length * 10 - paramNames.length };
    })
    .sort((a, b) => b.specificity - a.specificity);
}

/** A path parameter or query value that is not percent-encoded UTF-8 (`%E0%A4`, `%zz`): 400 naming it, never a crash. */
export class MalformedEscapeError extends Error {
  constructor(readonly field: string) {
    super(`The request's ${field} is not valid percent-encoded UTF-8`);
  }
}

function decoded(text: string, field: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new MalformedEscapeError(field);
  }
}

export function matchRoute(mounted: MountedRoute[], method: string, path: string) {
  for (const candidate of mounted) {
    if (candidate.route.method !== method) continue;
    const match = candidate.pattern.exec(path);
    if (!match) continue;
    const pathParameters = Object.fromEntries(candidate.paramNames.map((name, index) => [name, decoded(match[index + 1] as string, `params.${name}`)]));
    return { route: candidate.route, pathParameters: candidate.paramNames.length ? pathParameters : undefined };
  }
  return undefined;
}

/** URLSearchParams would silently put U+FFFD where an escape is malformed: refuse it instead, naming the parameter. */
export function checkQueryEscapes(rawQuery: string): void {
  for (const pair of rawQuery.split('&')) {
    const [name = '', value = ''] = pair.split(/=(.*)/s);
    const field = `query.${decoded(name.replace(/\+/g, ' '), 'query')}`;
    decoded(value.replace(/\+/g, ' '), field);
  }
}


const swaggerDir = (() => {
  try {
    return (createRequire(import.meta.url)('swagger-ui-dist') as { getAbsoluteFSPath(): string }).getAbsoluteFSPath();
  } catch {
    return undefined;
  }
})();

const docsPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>API: stakeholder registration</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="api"></div><script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script></body></html>`;
const docsInit = `SwaggerUIBundle({ url: '${routes.getOpenApi.path}', dom_id: '#api', deepLinking: true, persistAuthorization: true });`;

const contentTypes: Record<string, string> = { '.css': 'text/css', '.js': 'text/javascript', '.html': 'text/html; charset=utf-8', '.png': 'image/png', '.svg': 'image/svg+xml' };

export interface ApiServerOptions {
  port: number;
  host?: string;
  /** Called with one line per request, e.g. for the console. */
  onRequest?: (line: string) => void;
  /** Extra pages served at / (the landing page with the local URLs). */
  landingPage?: () => string;
}

export async function startApiServer(options: ApiServerOptions): Promise<{ url: string; server: Server; stop(): Promise<void> }> {
  const mounted = mountRoutes();
  const server = createServer((request, response) => {
    const started = performance.now();
    handle(mounted, request, response, options)
      .catch((error: unknown) => {
        if (error instanceof MalformedEscapeError) {
          // In AWS the handler's validation answers this 400; here it is answered in the same shape, before the handler.
          const requestId = randomUUID();
          const body = { message: error.message, code: 'BAD_REQUEST', requestId, fields: [{ field: error.field, message: 'is not valid percent-encoded UTF-8' }] };
          const cors: Record<string, string> = request.headers.origin ? { 'access-control-allow-origin': request.headers.origin, 'access-control-expose-headers': corsPolicy.exposeHeaders.join(',') } : {};
          return send(response, 400, { 'content-type': 'application/json', 'x-request-id': requestId, ...cors }, JSON.stringify(body));
        }
        console.error('Local server fault:', error);
        if (!response.headersSent) send(response, 502, { 'content-type': 'application/json' }, JSON.stringify({ message: 'Internal Server Error' }));
      })
      .finally(() => options.onRequest?.(`${request.method} ${request.url} ${response.statusCode} ${Math.round(performance.now() - started)}ms`));
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    stop: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

async function handle(mounted: MountedRoute[], request: IncomingMessage, response: ServerResponse, options: ApiServerOptions): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const method = request.method ?? 'GET';

  if (method === 'GET' && (url.pathname === '/' || url.pathname === '/docs' || url.pathname.startsWith('/docs/'))) {
    return serveLocalPage(url.pathname, response, options);
  }
  if (method === 'OPTIONS') {
    // The CORS preflight that API Gateway answers itself when CORS is configured.
    return send(response, 204, {
      'access-control-allow-origin': request.headers.origin ?? '*',
      'access-control-allow-methods': [...corsPolicy.allowMethods, 'OPTIONS'].join(','),
      'access-control-allow-headers': corsPolicy.allowHeaders.join(','),
      'access-control-max-age': String(corsPolicy.maxAgeSeconds),
    });
  }

  const matched = matchRoute(mounted, method, url.pathname);
  if (!matched) return send(response, 404, { 'content-type': 'application/json' }, JSON.stringify({ message: 'Not Found' }));
  checkQueryEscapes(url.search.slice(1));

  const body = await readBody(request);
  if (body === 'too-large') return send(response, 413, { 'content-type': 'application/json' }, JSON.stringify({ message: 'Request Entity Too Large' }));

  const routeKey = `${matched.route.method} ${matched.route.path}`;
  const event = httpApiEvent({ request, url, routeKey, pathParameters: matched.pathParameters, body, requestId: randomUUID(), now: new Date() });
  const answer = await invokeHandler<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>(matched.route.handler, event, lambdaContext(`local-${matched.route.operationId}`, lambdaTimeoutMs));
  // The Lambda runtime hands the result to API Gateway as JSON: undefined headers and fields vanish.
  const result = JSON.parse(JSON.stringify(answer)) as APIGatewayProxyStructuredResultV2;
  const headers: Record<string, string | string[]> = { ...(result.headers as Record<string, string>) };
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  const payload = result.body === undefined ? undefined : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body;
  send(response, result.statusCode ?? 200, headers, payload);
}

function serveLocalPage(path: string, response: ServerResponse, options: ApiServerOptions): void {
  if (path === '/') return send(response, 200, { 'content-type': 'text/html; charset=utf-8' }, options.landingPage?.() ?? '<p>Stakeholder registration API</p>');
  if (path === '/docs' || path === '/docs/') return send(response, 200, { 'content-type': 'text/html; charset=utf-8' }, docsPage);
  if (path === '/docs/init.js') return send(response, 200, { 'content-type': 'text/javascript' }, docsInit);
  const asset = path.replace(/^\/docs\/assets\//, '');
  const file = swaggerDir && /^[\w.-]+$/.test(asset) ? join(swaggerDir, asset) : undefined;
  if (!file || !existsSync(file)) return send(response, 404, { 'content-type': 'text/plain' }, 'Not Found');
  response.writeHead(200, { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream', 'cache-control': 'max-age=3600' });
  createReadStream(file).pipe(response);
}

function readBody(request: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= gatewayMaxBytes) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > gatewayMaxBytes ? 'too-large' : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, headers: Record<string, string | string[]>, body?: string | Buffer): void {
  response.writeHead(status, headers);
  response.end(body);
}

import { routeList } from '#shared/http/routes.ts';

/**
 * The one CORS policy: API Gateway's preflight (infra/api-stack.ts), the local server's preflight
 * (local/server.ts) and the handlers' response headers (shared/http/handler.ts) all read it.
 * Allowed origins are configuration (CORS_ORIGINS, or the corsOrigins context in CDK).
 */
export const corsPolicy = {
  allowMethods: [...new Set(routeList.map((route) => route.method))],
  allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
  exposeHeaders: ['x-request-id'],
  maxAgeSeconds: 600,
} as const;

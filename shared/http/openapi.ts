import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import * as z from 'zod';
import { routeList } from '#shared/http/routes.ts';
import { isScoped, scopedAccess, type RouteSpec } from '#shared/http/route-spec.ts';

const ErrorBody = z
  .object({
    message: z.string(),
    code: z.string(),
    fields: z.array(z.object({ field: z.string().meta({ example: 'body.dates.end' }), message: z.string() })).optional(),
    requestId: z.string(),
  })
  .meta({ id: 'Error' });

const errorDescriptions: Record<number, string> = {
  400: 'Malformed input; `fields` names every bad field',
  401: 'Missing, expired or invalid bearer token',
  403: 'The token lacks the role this route needs',
  404: 'Not found',
  409: 'Conflicts with what is stored, an Idempotency-Key still in progress, or one already used on a public route',
  413: 'Request body too large',
  415: 'Body is not of the media type the route takes (application/json, or text/csv for imports)',
  422: 'Idempotency-Key reused with a different body',
  429: 'Too many submissions from this client or for this e-mail address in the current hour; `Retry-After` says when to try again',
  500: 'Fault on our side; no details',
};

/** The route's description followed by who may call it, and the security scheme that says so. */
function describeAccess(route: RouteSpec) {
  const needs = route.access === 'public' ? '' : isScoped(route.access) ? `Needs the token of ${scopedAccess[route.access].link}.` : `Role: ${route.access}${route.access === 'reviewer' ? ' (or admin)' : ''}.`;
  const description = [route.description, needs].filter(Boolean).join('\n\n');
  const security = route.access === 'public' ? undefined : [{ [isScoped(route.access) ? 'statusLinkBearer' : 'staffBearer']: [] }];
  const role = route.access === 'public' || isScoped(route.access) ? {} : { 'x-required-role': route.access };
  return { ...(description ? { description } : {}), ...(security ? { security } : {}), ...role };
}

/** OpenAPI 3.1 from the route table and its zod schemas: nothing is described twice. */
export function openApiDocument(serverUrl?: string) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'staffBearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  registry.registerComponent('securitySchemes', 'statusLinkBearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The token of a status link, for that one registration or application' });
  for (const route of routeList as readonly RouteSpec[]) {
    const statuses = [400, ...(route.errors ?? []), 500];
    registry.registerPath({
      method: route.method.toLowerCase() as 'get',
      path: route.path,
      operationId: route.operationId,
      summary: route.summary,
      ...describeAccess(route),
      request: {
        ...(route.params ? { params: route.params as z.ZodObject } : {}),
        ...(route.query ? { query: route.query as z.ZodObject } : {}),
        ...(route.method === 'POST' ? { headers: z.object({ 'idempotency-key': z.string().max(255).optional().meta({ description: 'Retries with the same key create nothing twice' }) }) } : {}),
        ...(route.body ? { body: { required: true, content: { [route.bodyType === 'csv' ? 'text/csv' : 'application/json']: { schema: route.body } } } } : {}),
      },
      responses: {
        [route.response.status]: {
          description: route.response.description,
          ...(route.response.schema ? { content: { 'application/json': { schema: route.response.schema } } } : {}),
        },
        ...Object.fromEntries(statuses.map((status) => [status, { description: errorDescriptions[status] ?? 'Error', content: { 'application/json': { schema: ErrorBody } } }])),
      },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Stakeholder registration and notification API',
      version: '0.1.0',
      description: 'Meetings, Member States, registrations, accreditation and notifications for an intergovernmental process.',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
  });
}

import middy, { type MiddlewareObj } from '@middy/core';
import httpCors from '@middy/http-cors';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpSecurityHeaders from '@middy/http-security-headers';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import { setting } from '#shared/config.ts';
import { systemClock, type Clock } from '#shared/clock.ts';
import {
  BadRequestError,
  ForbiddenError,
  PayloadTooLargeError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
  type FieldProblem,
} from '#shared/errors.ts';
import type { StaffPrincipal } from '#shared/auth/tokens.ts';
import { corsPolicy } from '#shared/http/cors.ts';
import { errorResponse, fieldProblems } from '#shared/http/errors.ts';
import { withoutLinkTokens } from '#shared/auth/link-tokens.ts';
import type { Access, RouteSpec, ScopedAccess } from '#shared/http/route-spec.ts';
import type { RateLimit } from '#shared/http/rate-limit.ts';
import { logger } from '#shared/observability/logger.ts';
import type { Needs } from '#shared/needs.ts';

/** What this module asks of its Lambda's role and environment (shared/needs.ts). */
export const needs: Needs = { env: ['CORS_ORIGINS', 'MAX_BODY_BYTES'] };

/** The parsed type of an optional schema; a route without the schema gets undefined. */
type Infer<T> = [NonNullable<T>] extends [z.ZodType] ? ([T] extends [undefined] ? undefined : z.output<NonNullable<T>>) : undefined;
/** The holder of a status link: it names the one thing (registration, application) it is for. */
export interface ScopedPrincipal {
  kind: ScopedAccess;
  id: string;
  /** Who holds the link within that thing: the Member State of a ballot link. */
  holder: string | undefined;
  expiresAt: Date;
}
type Principal = StaffPrincipal | ScopedPrincipal;
type PrincipalFor<A extends Access> = A extends 'public' ? undefined : A extends ScopedAccess ? ScopedPrincipal : StaffPrincipal;

export interface HttpRequest<R extends RouteSpec> {
  params: Infer<R['params']>;
  query: Infer<R['query']>;
  body: Infer<R['body']>;
  principal: PrincipalFor<R['access']>;
  now: Date;
  requestId: string;
  event: APIGatewayProxyEventV2;
}

/** A use case's answer: the body, serialised as JSON with the route's success status; or `text` as it is (CSV). */
export interface HttpAnswer {
  status?: number;
  body?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

export type RouteEvent = APIGatewayProxyEventV2 & { parsedBody?: unknown; principal?: Principal };

/** Checks the caller's token for a route's access and sets event.principal (shared/http/authenticate.ts). */
export type Authenticator = (access: Access, clock: Clock) => MiddlewareObj<RouteEvent>;
/** Remembers a POST's answer under its Idempotency-Key (shared/http/idempotency.ts). */
export type Idempotency = (operationId: string) => MiddlewareObj;

/**
 * What a route needs beyond the common stack, passed by its handler module so that a Lambda bundles
 * (and is granted, infra/function-needs.ts) only what its route uses: a public route no token
 * verification and no signing secret, a GET no idempotency writes.
 */
export type HandlerParts<R extends RouteSpec> = { clock?: Clock; idempotency?: Idempotency; rateLimit?: RateLimit } & (R['access'] extends 'public' ? { authenticate?: never } : { authenticate: Authenticator });
type PartsArgument<R extends RouteSpec> = R['access'] extends 'public' ? [parts?: HandlerParts<R>] : [parts: HandlerParts<R>];

/**
 * The one middy stack for HTTP handlers. A handler module is this call and nothing else:
 * `export const handler = httpHandler(routes.getMeeting, ({ params }) => getMeeting(params.meetingId))`.
 */
export function httpHandler<R extends RouteSpec>(route: R, useCase: (request: HttpRequest<R>) => Promise<HttpAnswer | unknown>, ...[parts]: PartsArgument<R>) {
  const { clock = systemClock, authenticate, idempotency, rateLimit } = (parts ?? {}) as { clock?: Clock; authenticate?: Authenticator; idempotency?: Idempotency; rateLimit?: RateLimit };
  // Checked when the module loads: a route without its token check or idempotency must not start at all.
  if (route.access !== 'public' && !authenticate) throw new Error(`${route.operationId}: access '${route.access}' needs { authenticate } from #shared/http/authenticate.ts`);
  if (route.method === 'POST' && !idempotency) throw new Error(`${route.operationId}: a POST needs { idempotency } from #shared/http/idempotency.ts`);
  if (route.method === 'POST' && route.access === 'public' && !rateLimit) throw new Error(`${route.operationId}: a public POST needs { rateLimit } from #shared/http/rate-limit.ts`);
  // Ballot secrecy: whatever a staff route answers (a notification's data and rendered body, an
  // audit entry, an export), no link token leaves in it; the link shows where it leads, '[withheld]'
  // where its token was. Staff resend a notice to its holder instead (shared/email/links.ts).
  const forStaff = route.access === 'reviewer' || route.access === 'admin';
  const base = async (event: RouteEvent, context: Context): Promise<APIGatewayProxyStructuredResultV2> => {
    const answer = (await useCase({
      params: event.pathParameters as Infer<R['params']>,
      query: event.queryStringParameters as Infer<R['query']>,
      body: event.parsedBody as Infer<R['body']>,
      principal: event.principal as PrincipalFor<R['access']>,
      now: clock.now(),
      requestId: context.awsRequestId,
      event,
    })) as HttpAnswer | undefined;
    const status = answer?.status ?? route.response.status;
    const shown = forStaff ? withoutLinkTokens : (body: string) => body;
    if (answer?.text !== undefined) return { statusCode: status, headers: { 'content-type': 'text/plain; charset=utf-8', ...answer.headers }, body: shown(answer.text) };
    return {
      statusCode: status,
      headers: { ...(status === 204 ? {} : { 'content-type': 'application/json' }), ...answer?.headers },
      ...(status === 204 ? {} : { body: shown(JSON.stringify(answer?.body ?? null)) }),
    };
  };

  const stack = middy<RouteEvent, APIGatewayProxyStructuredResultV2, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(routeLogKeys(route))
    .use(httpHeaderNormalizer())
    .use(onFirstRequest(() => httpCors({ origins: setting('CORS_ORIGINS').split(',').map((origin) => origin.trim()), credentials: false, headers: corsPolicy.allowHeaders.join(','), methods: corsPolicy.allowMethods.join(','), exposeHeaders: corsPolicy.exposeHeaders.join(','), maxAge: corsPolicy.maxAgeSeconds })))
    .use(httpSecurityHeaders())
    .use(requestIdHeader())
    .use(jsonBody(route));
  if (authenticate) stack.use(authenticate(route.access, clock));
  stack.use(validate(route));
  if (idempotency) stack.use(onFirstRequest(() => idempotency(route.operationId)));
  // Counted once the body is known to be valid and after idempotency, so that a retry with the
  // same Idempotency-Key (answered from its record) counts for nothing; a refusal here erases the
  // key's in-progress record with the rest of the request.
  if (rateLimit) stack.use(rateLimit(clock));
  // Registered last so that its onError runs first and every other onError sees a response.
  return stack.use(mapErrors()).handler(base);
}

/**
 * Builds a middleware when the first request arrives rather than when the module loads, so that a
 * configuration problem is answered as a logged JSON 500 instead of crashing the Lambda's start.
 */
function onFirstRequest<E, R>(build: () => MiddlewareObj<E, R>): MiddlewareObj<E, R> {
  let built: MiddlewareObj<E, R> | undefined;
  const middleware = () => (built ??= build());
  return {
    before: (request) => middleware().before?.(request),
    after: (request) => middleware().after?.(request),
    onError: (request) => {
      if (built === undefined) return; // it failed to build: the error being answered may be that very failure
      return built.onError?.(request);
    },
  };
}

function routeLogKeys(route: RouteSpec): MiddlewareObj<RouteEvent> {
  return {
    before: (request) => {
      logger.appendKeys({ route: `${route.method} ${route.path}`, requestId: request.context.awsRequestId });
    },
  };
}

function requestIdHeader(): MiddlewareObj<RouteEvent, APIGatewayProxyStructuredResultV2> {
  const add = (request: { response: APIGatewayProxyStructuredResultV2 | null | undefined; context: Context }) => {
    if (request.response) request.response.headers = { ...request.response.headers, 'x-request-id': request.context.awsRequestId };
  };
  return { after: add, onError: add };
}

/** Content type, size and JSON syntax, each refused with its own status before anything else runs. */
function jsonBody(route: RouteSpec): MiddlewareObj<RouteEvent> {
  return {
    before: ({ event }) => {
      const raw = event.body ?? '';
      const bytes = event.isBase64Encoded ? Math.floor((raw.length * 3) / 4) : Buffer.byteLength(raw, 'utf8');
      const limit = setting('MAX_BODY_BYTES');
      if (bytes > limit) throw new PayloadTooLargeError(`The request body is ${bytes} bytes; the limit is ${limit}`);
      if (!route.body) return;
      const contentType = event.headers['content-type'] ?? '';
      const csv = route.bodyType === 'csv';
      const accepted = csv ? /^text\/csv(\s*;.*)?$/i : /^application\/(merge-patch\+)?json(\s*;.*)?$/i;
      if (!accepted.test(contentType)) {
        throw new UnsupportedMediaTypeError(`Send the body as ${csv ? 'text/csv' : 'application/json'} (got ${contentType ? `'${contentType}'` : 'no Content-Type'})`);
      }
      const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
      if (text.trim() === '') throw new ValidationError('The request body is required', { fields: [{ field: 'body', message: 'is required' }] });
      if (csv) {
        event.parsedBody = text;
        return;
      }
      try {
        event.parsedBody = JSON.parse(text);
      } catch (error) {
        throw new BadRequestError(`The request body is not valid JSON: ${(error as Error).message}`, { fields: [{ field: 'body', message: 'is not valid JSON' }] });
      }
    },
  };
}

/** Path, query and body are checked together, so one answer names every bad field. */
function validate(route: RouteSpec): MiddlewareObj<RouteEvent> {
  return {
    before: async ({ event }) => {
      const problems: FieldProblem[] = [];
      const check = async (location: 'params' | 'query' | 'body', schema: z.ZodType | undefined, input: unknown, assign: (value: unknown) => void) => {
        if (!schema) return assign(undefined);
        const result = await schema.safeParseAsync(input);
        if (result.success) assign(result.data);
        else problems.push(...fieldProblems(location, result.error.issues));
      };
      await check('params', route.params, event.pathParameters ?? {}, (value) => (event.pathParameters = value as Record<string, string>));
      await check('query', route.query, event.queryStringParameters ?? {}, (value) => (event.queryStringParameters = value as Record<string, string>));
      await check('body', route.body, event.parsedBody, (value) => (event.parsedBody = value));
      if (problems.length > 0) {
        const names = problems.map((problem) => problem.field).join(', ');
        throw new ValidationError(`The request has ${problems.length} invalid field${problems.length === 1 ? '' : 's'}: ${names}`, { fields: problems });
      }
    },
  };
}

function mapErrors(): MiddlewareObj<RouteEvent, APIGatewayProxyStructuredResultV2> {
  return {
    onError: (request) => {
      if (request.response !== undefined && request.error === undefined) return;
      const { response, fault } = errorResponse(request.error, request.context.awsRequestId);
      if (fault) logger.error('Request failed', { error: request.error as Error });
      else logger.info('Request refused', { statusCode: response.statusCode, reason: (request.error as Error).message });
      request.response = response;
    },
  };
}

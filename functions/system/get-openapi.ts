import { httpHandler } from '#shared/http/handler.ts';
import { openApiDocument } from '#shared/http/openapi.ts';
import { routes } from '#shared/http/routes.ts';

let document: ReturnType<typeof openApiDocument> | undefined;

export const handler = httpHandler(routes.getOpenApi, async ({ event }) => {
  document ??= openApiDocument(`${event.headers['x-forwarded-proto'] ?? 'http'}://${event.requestContext.domainName}`);
  return { body: document, headers: { 'cache-control': 'public, max-age=300' } };
});

import { httpHandler } from '#shared/http/handler.ts';
import { openApiDocument } from '#shared/http/openapi.ts';
import { routes } from '#shared/http/routes.ts';

let document: ReturnType<typeof openApiDocument> | undefined;

export const handler = httpHandler(routes.getOpenApi, async ({ event }) => {
  document ??= openApiDocument(`https://${event.requestContext.domainName}`);
  return { body: document, headers: { 'cache-control': 'public, max-age=300' } };
});

import { createCirculation } from '#shared/circulations/circulations.ts';
import { authenticate } from '#shared/http/authenticate.ts';
import { idempotency } from '#shared/http/idempotency.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { pathFor } from '#shared/http/route-spec.ts';
import { routes } from '#shared/http/routes.ts';

export const handler = httpHandler(routes.createCirculation, async ({ body, principal, now }) => {
  const created = await createCirculation(body, principal, now);
  return { body: created, headers: { location: pathFor(routes.getCirculation, { circulationId: created.circulation.circulationId }) } };
}, { authenticate, idempotency });

import { circulate } from '#shared/circulations/circulations.ts';
import { authenticate } from '#shared/http/authenticate.ts';
import { idempotency } from '#shared/http/idempotency.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';

export const handler = httpHandler(routes.circulateList, async ({ params, body, principal, now }) => ({ body: await circulate(params.circulationId, body, principal, now) }), { authenticate, idempotency });

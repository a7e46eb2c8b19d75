import { extendDeadline } from '#shared/circulations/circulations.ts';
import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';

export const handler = httpHandler(routes.extendCirculationDeadline, async ({ params, body, principal, now }) => ({ body: await extendDeadline(params.circulationId, body.deadline, principal, now) }), { authenticate });

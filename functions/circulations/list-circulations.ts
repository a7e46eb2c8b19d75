import { listCirculations } from '#shared/circulations/circulations.ts';
import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';

export const handler = httpHandler(routes.listCirculations, async ({ query }) => ({ body: await listCirculations(query) }), { authenticate });

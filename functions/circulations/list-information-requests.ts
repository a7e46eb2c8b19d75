import { staffInformationRequests } from '#shared/circulations/ballot.ts';
import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';

export const handler = httpHandler(routes.listInformationRequests, async ({ params }) => ({ body: { items: await staffInformationRequests(params.circulationId) } }), { authenticate });

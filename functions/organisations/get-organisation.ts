import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { getOrganisation } from '#shared/organisations/store.ts';

export const handler = httpHandler(routes.getOrganisation, async ({ params }) => ({ body: await getOrganisation(params.organisationId) }), { authenticate });

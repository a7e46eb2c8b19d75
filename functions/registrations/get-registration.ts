import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { getRegistration } from '#shared/registrations/use-cases.ts';

export const handler = httpHandler(routes.getRegistration, async ({ params }) => ({ body: await getRegistration(params.registrationId) }), { authenticate });

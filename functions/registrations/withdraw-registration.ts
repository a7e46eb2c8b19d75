import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { withdraw } from '#shared/registrations/use-cases.ts';

export const handler = httpHandler(routes.withdrawRegistration, async ({ params, now }) => ({ body: await withdraw(params.registrationId, now) }), { authenticate });

import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { updateSpeakingInterest } from '#shared/registrations/use-cases.ts';

export const handler = httpHandler(routes.updateRegistration, async ({ params, body, now }) => ({ body: await updateSpeakingInterest(params.registrationId, body, now) }), { authenticate });

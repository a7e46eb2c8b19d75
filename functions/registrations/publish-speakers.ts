import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { publishSpeakers } from '#shared/registrations/speakers.ts';

export const handler = httpHandler(routes.publishSpeakers, async ({ params, body, principal, now }) => ({ body: await publishSpeakers(params.meetingId, body.speakerIds, principal, now) }), { authenticate });

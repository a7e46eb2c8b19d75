import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { listShortlist } from '#shared/registrations/speakers.ts';

export const handler = httpHandler(routes.listSpeakerShortlist, async ({ params }) => ({ body: { items: await listShortlist(params.meetingId) } }), { authenticate });

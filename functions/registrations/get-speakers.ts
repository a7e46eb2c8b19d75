import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { publishedSpeakers } from '#shared/registrations/speakers.ts';

export const handler = httpHandler(routes.getSpeakers, async ({ params }) => ({ body: await publishedSpeakers(params.meetingId) }));

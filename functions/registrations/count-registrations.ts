import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { countRegistrations } from '#shared/registrations/review.ts';

export const handler = httpHandler(routes.countMeetingRegistrations, async ({ params }) => ({ body: await countRegistrations(params.meetingId) }), { authenticate });

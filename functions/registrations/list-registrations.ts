import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { listForStaff } from '#shared/registrations/review.ts';

export const handler = httpHandler(routes.listMeetingRegistrations, async ({ params, query }) => ({ body: await listForStaff(params.meetingId, query) }), { authenticate });

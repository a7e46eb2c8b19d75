import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { exportCsv } from '#shared/registrations/review.ts';

export const handler = httpHandler(routes.exportMeetingRegistrations, ({ params, query, now }) => exportCsv(params.meetingId, query, now), { authenticate });

import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { exportCsv } from '#shared/registrations/review.ts';

export const handler = httpHandler(routes.exportMeetingRegistrations, async ({ params, query, now }) => ({
  text: await exportCsv(params.meetingId, query),
  headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${params.meetingId}-registrations-${now.toISOString().slice(0, 10)}.csv"` },
}), { authenticate });

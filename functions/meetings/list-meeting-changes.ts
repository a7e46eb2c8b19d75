import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { listMeetingChanges } from '#shared/meetings/use-cases.ts';

export const handler = httpHandler(routes.listMeetingChanges, async ({ params, query }) => ({ body: await listMeetingChanges(params.meetingId, query) }), { authenticate });

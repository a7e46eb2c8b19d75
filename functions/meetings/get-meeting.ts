import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { getMeeting } from '#shared/meetings/use-cases.ts';

export const handler = httpHandler(routes.getMeeting, async ({ params }) => ({ body: await getMeeting(params.meetingId) }));

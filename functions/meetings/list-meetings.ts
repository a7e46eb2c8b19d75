import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { listMeetings } from '#shared/meetings/use-cases.ts';

export const handler = httpHandler(routes.listMeetings, async ({ query, now }) => ({ body: await listMeetings(query, now) }));

import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { updateMeeting } from '#shared/meetings/use-cases.ts';

export const handler = httpHandler(routes.updateMeeting, async ({ params, body, principal, now }) => ({
  body: await updateMeeting(params.meetingId, body, { actor: principal, now }),
}), { authenticate });

import { authenticate } from '#shared/http/authenticate.ts';
import { idempotency } from '#shared/http/idempotency.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { pathFor } from '#shared/http/route-spec.ts';
import { routes } from '#shared/http/routes.ts';
import { createMeeting } from '#shared/meetings/use-cases.ts';

export const handler = httpHandler(routes.createMeeting, async ({ body, principal, now }) => {
  const meeting = await createMeeting(body, { actor: principal, now });
  return { body: meeting, headers: { location: pathFor(routes.getMeeting, { meetingId: meeting.meetingId }) } };
}, { authenticate, idempotency });

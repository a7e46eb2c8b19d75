import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { createMeeting } from '#shared/meetings/use-cases.ts';

export const handler = httpHandler(routes.createMeeting, async ({ body, principal, now }) => {
  const meeting = await createMeeting(body, { actor: principal, now });
  return { body: meeting, headers: { location: `/meetings/${meeting.meetingId}` } };
});

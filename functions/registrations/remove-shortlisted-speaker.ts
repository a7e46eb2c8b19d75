import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { removeFromShortlist } from '#shared/registrations/speakers.ts';

export const handler = httpHandler(routes.removeShortlistedSpeaker, async ({ params, principal, now }) => {
  await removeFromShortlist(params.meetingId, params.speakerId, principal, now);
  return { status: 204 };
}, { authenticate });

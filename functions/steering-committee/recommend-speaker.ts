import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { recommend } from '#shared/steering-committee/members.ts';

export const handler = httpHandler(routes.recommendSpeaker, async ({ params, body, now }) => ({ body: await recommend(params.memberId, params.meetingId, params.speakerId, body.reason, now) }), { authenticate });

import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { withdrawRecommendation } from '#shared/steering-committee/members.ts';

export const handler = httpHandler(routes.withdrawSpeakerRecommendation, async ({ params, now }) => {
  await withdrawRecommendation(params.memberId, params.meetingId, params.speakerId, now);
  return { status: 204 };
}, { authenticate });

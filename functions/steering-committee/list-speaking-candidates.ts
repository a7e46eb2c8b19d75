import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { staffSpeakingCandidates } from '#shared/steering-committee/members.ts';

export const handler = httpHandler(routes.listSpeakingCandidates, async ({ params }) => ({ body: { items: await staffSpeakingCandidates(params.meetingId) } }), { authenticate });

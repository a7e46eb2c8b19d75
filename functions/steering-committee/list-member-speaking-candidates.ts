import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { memberSpeakingCandidates } from '#shared/steering-committee/members.ts';

export const handler = httpHandler(routes.listMemberSpeakingCandidates, async ({ params }) => ({ body: { items: await memberSpeakingCandidates(params.memberId, params.meetingId) } }), { authenticate });

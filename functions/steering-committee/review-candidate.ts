import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { reviewCandidate } from '#shared/steering-committee/committee.ts';

export const handler = httpHandler(routes.reviewCommitteeCandidate, async ({ params, body, principal, now }) => ({ body: await reviewCandidate(params.callId, params.candidateId, body, principal, now) }), { authenticate });

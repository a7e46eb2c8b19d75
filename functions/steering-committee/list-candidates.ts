import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { reviewedCandidates } from '#shared/steering-committee/committee.ts';

export const handler = httpHandler(routes.listCommitteeCandidates, async ({ params }) => ({ body: { items: await reviewedCandidates(params.callId) } }), { authenticate });

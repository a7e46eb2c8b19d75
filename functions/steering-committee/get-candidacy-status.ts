import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { candidacyStatus } from '#shared/steering-committee/committee.ts';

export const handler = httpHandler(routes.getCandidacyStatus, async ({ params }) => ({ body: await candidacyStatus(params.callId, params.candidateId) }), { authenticate });

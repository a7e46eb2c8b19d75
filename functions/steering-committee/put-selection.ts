import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { putSelection } from '#shared/steering-committee/committee.ts';

export const handler = httpHandler(routes.putCommitteeSelection, async ({ params, body, principal, now }) => ({ body: await putSelection(params.callId, body.candidateIds, principal, now) }), { authenticate });

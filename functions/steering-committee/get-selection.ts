import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { getSelection } from '#shared/steering-committee/committee.ts';

export const handler = httpHandler(routes.getCommitteeSelection, async ({ params }) => ({ body: await getSelection(params.callId) }), { authenticate });

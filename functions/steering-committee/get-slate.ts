import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { suggestedSlate } from '#shared/steering-committee/committee.ts';

export const handler = httpHandler(routes.getSuggestedSlate, async ({ params }) => ({ body: await suggestedSlate(params.callId) }), { authenticate });

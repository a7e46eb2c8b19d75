import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { getCall } from '#shared/steering-committee/committee.ts';

export const handler = httpHandler(routes.getCommitteeCall, async ({ params }) => ({ body: await getCall(params.callId) }));

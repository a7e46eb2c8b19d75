import { authenticate } from '#shared/http/authenticate.ts';
import { idempotency } from '#shared/http/idempotency.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { decide } from '#shared/steering-committee/committee.ts';

export const handler = httpHandler(routes.decideCommitteeCall, async ({ params, body, principal, now }) => ({ body: await decide(params.callId, body, principal, now) }), { authenticate, idempotency });

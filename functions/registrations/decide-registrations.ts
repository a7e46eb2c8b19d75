import { authenticate } from '#shared/http/authenticate.ts';
import { idempotency } from '#shared/http/idempotency.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { decide } from '#shared/registrations/review.ts';

export const handler = httpHandler(routes.decideRegistrations, async ({ params, body, principal, now }) => ({ body: await decide(params.meetingId, body, principal, now) }), { authenticate, idempotency });

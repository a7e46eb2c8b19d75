import { authenticate } from '#shared/http/authenticate.ts';
import { idempotency } from '#shared/http/idempotency.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { shortlist } from '#shared/registrations/speakers.ts';

export const handler = httpHandler(routes.shortlistSpeaker, async ({ params, body, principal, now }) => ({ body: await shortlist(params.meetingId, body, principal, now) }), { authenticate, idempotency });

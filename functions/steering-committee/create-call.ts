import { authenticate } from '#shared/http/authenticate.ts';
import { idempotency } from '#shared/http/idempotency.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { pathFor } from '#shared/http/route-spec.ts';
import { routes } from '#shared/http/routes.ts';
import { createCall } from '#shared/steering-committee/committee.ts';

export const handler = httpHandler(routes.createCommitteeCall, async ({ body, principal, now }) => {
  const call = await createCall(body, principal, now);
  return { body: call, headers: { location: pathFor(routes.getCommitteeCall, { callId: call.callId }) } };
}, { authenticate, idempotency });

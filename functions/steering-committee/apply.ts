import { idempotency } from '#shared/http/idempotency.ts';
import { rateLimit } from '#shared/http/rate-limit.ts';
import type { CandidacyBody } from '#shared/steering-committee/schemas.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { applyToCall } from '#shared/steering-committee/committee.ts';

export const handler = httpHandler(routes.applyToCommittee, async ({ params, body, now }) => ({ body: await applyToCall(params.callId, body, now) }), { idempotency, rateLimit: rateLimit<CandidacyBody>((body) => [body.email]) });

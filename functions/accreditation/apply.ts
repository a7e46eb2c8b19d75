import { apply } from '#shared/accreditation/applications.ts';
import { pathFor } from '#shared/http/route-spec.ts';
import { idempotency } from '#shared/http/idempotency.ts';
import { rateLimit } from '#shared/http/rate-limit.ts';
import type { ApplicationBody } from '#shared/accreditation/schemas.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';

export const handler = httpHandler(routes.applyForAccreditation, async ({ body, now }) => {
  const receipt = await apply(body, now);
  return { body: receipt, headers: { location: pathFor(routes.getApplication, { applicationId: receipt.application.applicationId }) } };
}, { idempotency, rateLimit: rateLimit<ApplicationBody>((body) => [body.contact.email]) });

import { pathFor } from '#shared/http/route-spec.ts';
import { idempotency } from '#shared/http/idempotency.ts';
import { rateLimit } from '#shared/http/rate-limit.ts';
import type { RegistrationBody } from '#shared/registrations/schemas.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { register } from '#shared/registrations/use-cases.ts';

export const handler = httpHandler(routes.registerForMeeting, async ({ params, body, now }) => {
  const result = await register(params.meetingId, body, now);
  if (result.kind === 'parliamentarian') return { status: 200, body: result.answer };
  return { body: result.receipt, headers: { location: pathFor(routes.getRegistration, { registrationId: result.receipt.registration.registrationId }) } };
}, { idempotency, rateLimit: rateLimit<RegistrationBody>((body) => ('contact' in body ? [body.contact.email, ...body.representatives.map((person) => person.email)] : [])) });

import { idempotency } from '#shared/http/idempotency.ts';
import { rateLimit } from '#shared/http/rate-limit.ts';
import type { InquiryBody } from '#shared/trust-fund/schemas.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { pathFor } from '#shared/http/route-spec.ts';
import { routes } from '#shared/http/routes.ts';
import { submitInquiry } from '#shared/trust-fund/trust-fund.ts';

export const handler = httpHandler(routes.submitInquiry, async ({ body, now }) => {
  const receipt = await submitInquiry(body, now);
  return { body: receipt, headers: { location: pathFor(routes.getInquiryStatus, { inquiryId: receipt.inquiry.inquiryId }) } };
}, { idempotency, rateLimit: rateLimit<InquiryBody>((body) => [body.contact.email]) });

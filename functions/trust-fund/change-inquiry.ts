import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { changeInquiry } from '#shared/trust-fund/trust-fund.ts';

export const handler = httpHandler(routes.changeInquiry, async ({ params, body, principal, now }) => ({ body: await changeInquiry(params.inquiryId, body, principal, now) }), { authenticate });

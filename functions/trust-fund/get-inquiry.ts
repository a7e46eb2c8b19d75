import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { getInquiry } from '#shared/trust-fund/trust-fund.ts';

export const handler = httpHandler(routes.getInquiry, async ({ params }) => ({ body: await getInquiry(params.inquiryId) }), { authenticate });

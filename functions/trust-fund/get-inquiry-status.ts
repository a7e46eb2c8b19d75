import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { donorView, getInquiry } from '#shared/trust-fund/trust-fund.ts';

export const handler = httpHandler(routes.getInquiryStatus, async ({ params }) => ({ body: donorView(await getInquiry(params.inquiryId)) }), { authenticate });

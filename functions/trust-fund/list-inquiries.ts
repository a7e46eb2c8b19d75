import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { listInquiries } from '#shared/trust-fund/trust-fund.ts';

export const handler = httpHandler(routes.listInquiries, async ({ query }) => ({ body: await listInquiries(query) }), { authenticate });

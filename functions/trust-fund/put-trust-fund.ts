import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { putTrustFund } from '#shared/trust-fund/trust-fund.ts';

export const handler = httpHandler(routes.putTrustFund, async ({ body, principal, now }) => ({ body: await putTrustFund(body, principal, now) }), { authenticate });

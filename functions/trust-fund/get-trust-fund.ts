import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { getTrustFund } from '#shared/trust-fund/trust-fund.ts';

export const handler = httpHandler(routes.getTrustFund, async () => ({ body: await getTrustFund() }));

import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { totals } from '#shared/trust-fund/trust-fund.ts';

export const handler = httpHandler(routes.getTrustFundTotals, async () => ({ body: await totals() }), { authenticate });

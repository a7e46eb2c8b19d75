import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { checkHealth } from '#shared/system/health.ts';

export const handler = httpHandler(routes.getHealth, async ({ now }) => {
  const health = await checkHealth(now);
  return { status: health.table === 'reachable' ? 200 : 503, body: health };
});

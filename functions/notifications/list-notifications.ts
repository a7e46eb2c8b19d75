import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { listNotifications } from '#shared/email/use-cases.ts';

export const handler = httpHandler(routes.listNotifications, async ({ query }) => ({ body: await listNotifications(query) }), { authenticate });

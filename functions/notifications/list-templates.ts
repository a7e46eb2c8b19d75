import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { listTemplates } from '#shared/email/use-cases.ts';

export const handler = httpHandler(routes.listNotificationTemplates, async () => ({ body: { items: listTemplates() } }), { authenticate });

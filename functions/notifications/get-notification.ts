import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { getNotification } from '#shared/email/use-cases.ts';

export const handler = httpHandler(routes.getNotification, async ({ params }) => ({ body: await getNotification(params.notificationId) }), { authenticate });

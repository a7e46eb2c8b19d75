import { authenticate } from '#shared/http/authenticate.ts';
import { idempotency } from '#shared/http/idempotency.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { revokeNotificationLinks } from '#shared/email/links.ts';

export const handler = httpHandler(routes.revokeNotificationLinks, async ({ params, body, principal, now }) => ({ body: await revokeNotificationLinks(params.notificationId, body, { actor: principal, now }) }), { authenticate, idempotency });

import { authenticate } from '#shared/http/authenticate.ts';
import { idempotency } from '#shared/http/idempotency.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { resendNotification } from '#shared/email/links.ts';

export const handler = httpHandler(routes.resendNotification, async ({ params, principal, now }) => ({ body: await resendNotification(params.notificationId, { actor: principal, now }) }), { authenticate, idempotency });

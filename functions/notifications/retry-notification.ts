import { authenticate } from '#shared/http/authenticate.ts';
import { idempotency } from '#shared/http/idempotency.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { retryNotification } from '#shared/email/use-cases.ts';

export const handler = httpHandler(routes.retryNotification, async ({ params, principal, now }) => ({ body: await retryNotification(params.notificationId, { actor: principal, now }) }), { authenticate, idempotency });

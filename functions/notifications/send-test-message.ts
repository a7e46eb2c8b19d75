import { pathFor } from '#shared/http/route-spec.ts';
import { authenticate } from '#shared/http/authenticate.ts';
import { idempotency } from '#shared/http/idempotency.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { sendTestMessage } from '#shared/email/use-cases.ts';

export const handler = httpHandler(routes.sendTestMessage, async ({ body, principal, now }) => {
  const notification = await sendTestMessage(body, { actor: principal, now });
  return { body: notification, headers: { location: pathFor(routes.getNotification, { notificationId: notification.notificationId }) } };
}, { authenticate, idempotency });

import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { suppress } from '#shared/email/suppressions.ts';

export const handler = httpHandler(routes.putSuppression, async ({ params, body, principal, now }) => ({
  body: await suppress({ email: params.email, reason: 'manual', detail: body.detail, suppressedAt: now.toISOString(), suppressedBy: principal.id }),
}), { authenticate });

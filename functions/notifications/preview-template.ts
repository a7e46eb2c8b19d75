import { authenticate } from '#shared/http/authenticate.ts';
import { idempotency } from '#shared/http/idempotency.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { previewTemplate } from '#shared/email/use-cases.ts';

export const handler = httpHandler(routes.previewNotificationTemplate, async ({ params, body }) => ({ body: previewTemplate(params.templateId, body) }), { authenticate, idempotency });

import { screen } from '#shared/accreditation/applications.ts';
import { authenticate } from '#shared/http/authenticate.ts';
import { idempotency } from '#shared/http/idempotency.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';

export const handler = httpHandler(routes.screenApplications, async ({ body, principal, now }) => ({ body: await screen(body, principal, now) }), { authenticate, idempotency });

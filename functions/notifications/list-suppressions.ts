import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { listSuppressions } from '#shared/email/suppressions.ts';

export const handler = httpHandler(routes.listSuppressions, async ({ query }) => ({ body: await listSuppressions(query) }), { authenticate });

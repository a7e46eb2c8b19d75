import { listApplications } from '#shared/accreditation/applications.ts';
import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';

export const handler = httpHandler(routes.listApplications, async ({ params, query }) => ({ body: await listApplications(params.stage, query) }), { authenticate });

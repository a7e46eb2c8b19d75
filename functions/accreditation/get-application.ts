import { getApplication } from '#shared/accreditation/applications.ts';
import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';

export const handler = httpHandler(routes.getApplication, async ({ params }) => ({ body: await getApplication(params.applicationId) }), { authenticate });

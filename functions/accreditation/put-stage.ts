import { putStageSettings } from '#shared/accreditation/applications.ts';
import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';

export const handler = httpHandler(routes.putAccreditationStage, async ({ params, body, principal, now }) => ({ body: await putStageSettings(params.stage, body.applicationDeadline, principal, now) }), { authenticate });

import { auditTrail } from '#shared/audit/audit.ts';
import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';

export const handler = httpHandler(routes.getAuditTrail, async ({ params, query }) => ({ body: await auditTrail(params.entity, params.entityId, query) }), { authenticate });

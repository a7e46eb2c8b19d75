import { exportList } from '#shared/circulations/circulations.ts';
import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';

export const handler = httpHandler(routes.exportCirculation, async ({ params, query, now }) => exportList(params.circulationId, query.version, query.format, now), { authenticate });

import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { listMemberStates } from '#shared/member-states/use-cases.ts';

export const handler = httpHandler(routes.listMemberStates, async ({ query }) => ({ body: await listMemberStates(query) }), { authenticate });

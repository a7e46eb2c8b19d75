import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { listMembers } from '#shared/steering-committee/members.ts';

export const handler = httpHandler(routes.listCommitteeMembers, async () => ({ body: { items: await listMembers() } }), { authenticate });

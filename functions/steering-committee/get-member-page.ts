import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { memberPage } from '#shared/steering-committee/members.ts';

export const handler = httpHandler(routes.getMemberPage, async ({ params }) => ({ body: await memberPage(params.memberId) }), { authenticate });

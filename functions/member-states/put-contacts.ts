import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { replaceMissionContacts } from '#shared/member-states/use-cases.ts';

export const handler = httpHandler(routes.putMemberStateContacts, async ({ params, body, principal, now }) => ({
  body: await replaceMissionContacts(params.code, body.contacts, { actor: principal, now }),
}), { authenticate });

import { authenticate } from '#shared/http/authenticate.ts';
import { idempotency } from '#shared/http/idempotency.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { importOrganisationList } from '#shared/organisations/import.ts';

export const handler = httpHandler(routes.importOrganisations, async ({ params, body, principal, now }) => ({
  body: await importOrganisationList(params.list, body, { actor: principal, now }),
}), { authenticate, idempotency });

import { authenticate } from '#shared/http/authenticate.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';
import { liftSuppression } from '#shared/email/suppressions.ts';

export const handler = httpHandler(routes.deleteSuppression, async ({ params, principal }) => {
  await liftSuppression(params.email, principal);
  return { status: 204 };
}, { authenticate });

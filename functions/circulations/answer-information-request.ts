import { answerInformationRequest } from '#shared/circulations/ballot.ts';
import { authenticate } from '#shared/http/authenticate.ts';
import { idempotency } from '#shared/http/idempotency.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';

export const handler = httpHandler(routes.answerInformationRequest, async ({ params, body, principal, now }) => ({
  body: await answerInformationRequest(params.circulationId, params.requestId, body, principal, now),
}), { authenticate, idempotency });

import { ballotHolder, requestInformation } from '#shared/circulations/ballot.ts';
import { authenticate } from '#shared/http/authenticate.ts';
import { idempotency } from '#shared/http/idempotency.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { routes } from '#shared/http/routes.ts';

export const handler = httpHandler(routes.requestObjectionInformation, async ({ principal, body, now }) => {
  const { memberStateName: _name, answeredBy: _by, ...request } = await requestInformation(ballotHolder(principal), body, now);
  return { body: request };
}, { authenticate, idempotency });
